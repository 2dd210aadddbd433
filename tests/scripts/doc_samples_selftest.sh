#!/usr/bin/env bash
# tools/doc-samples can fail: README.md's first checked block, copied to a temporary
# folder, passes unchanged; with one digit of its output changed it fails (exit 1) naming
# the copy and the block, with the changed line in its diff; and a block of `$ ` commands
# without a marker is refused (exit 2) naming the block. Then the unit tests of
# tests/doc_samples/test_doc_samples.py (JSON and table samples, masking, --update).
# Usage: doc_samples_selftest.sh SPENDCAST_BINARY. Skips (exit 77) only without python3.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
if ! command -v python3 >/dev/null 2>&1; then
  echo "doc_samples_selftest: skipped: no python3"
  exit 77
fi
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
tool=(python3 tools/doc-samples --binary "$binary")
fail() { echo "doc_samples_selftest: FAILED: $*"; exit 1; }
mkdir "$work/unchanged" "$work/changed"
cp README.md "$work/unchanged/README.md"

# the first checked block's fence line, and a copy with one digit of the first output line
# of that block that has no volatile field changed; prints the fence line and the changed line
read -r fence changed < <(python3 - "$work/unchanged/README.md" "$work/changed/README.md" <<'PY'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
for i, line in enumerate(lines):
    if re.match(r"\s*<!-- sample: checked", line) and lines[i + 1].lstrip().startswith("```"):
        j = i + 2
        while not lines[j].lstrip().startswith("```"):
            text = lines[j].strip()
            if not text.startswith("$ ") and re.search(r"\d", text) and " s " not in text:
                k = re.search(r"\d", lines[j]).start()
                lines[j] = lines[j][:k] + str((int(lines[j][k]) + 1) % 10) + lines[j][k + 1:]
                open(sys.argv[2], "w", encoding="utf-8").write("\n".join(lines))
                print(i + 2, j + 1)
                sys.exit(0)
            j += 1
sys.exit("no checked block with a digit in README.md")
PY
)

"${tool[@]}" --check "$work/unchanged/README.md:$fence" >"$work/unchanged.log" 2>&1 ||
  { cat "$work/unchanged.log"; fail "the unchanged copy of README.md:$fence does not pass"; }

status=0
"${tool[@]}" --check "$work/changed/README.md:$fence" >"$work/changed.log" 2>&1 || status=$?
[ "$status" -eq 1 ] ||
  { cat "$work/changed.log"; fail "exit $status for a changed digit (expected 1)"; }
grep -q "^$work/changed/README.md:$fence: sample differs" "$work/changed.log" ||
  { cat "$work/changed.log"; fail "the failure does not name $work/changed/README.md:$fence"; }
changed_text="$(sed -n "${changed}p" "$work/changed/README.md" | sed 's/^ *//')"
grep -qF -- "-$changed_text" "$work/changed.log" ||
  { cat "$work/changed.log"; fail "the diff lacks the changed line: $changed_text"; }

# a block of commands without a marker is refused before anything runs
python3 - "$work/unchanged/README.md" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(re.sub(r"\n\s*<!-- sample: checked[^\n]*", "", text, 1))
PY
status=0
"${tool[@]}" --check "$work/unchanged/README.md" >"$work/unmarked.log" 2>&1 || status=$?
[ "$status" -eq 2 ] ||
  { cat "$work/unmarked.log"; fail "exit $status for an unmarked block (expected 2)"; }
grep -q "$work/unchanged/README.md:$((fence - 1)): a block with \`\\$ \` commands needs a marker" \
  "$work/unmarked.log" || { cat "$work/unmarked.log"; fail "the refusal does not name the block"; }
echo "doc_samples_selftest: README.md's block at line $fence passes unchanged and fails with" \
  "a changed digit; an unmarked block is refused"
(cd "$root/tests/doc_samples" && SPENDCAST_BINARY="$binary" python3 -m unittest test_doc_samples)
