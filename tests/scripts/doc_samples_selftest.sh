#!/usr/bin/env bash
# tools/doc-samples can fail: on a copy of README.md it passes unchanged, fails naming the
# file and the block when one digit of a checked sample is changed (with the changed line in
# its diff), and refuses (exit 2, naming the block) a block of `$ ` commands without a marker.
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

cp README.md "$work/README.md"
"${tool[@]}" --check "$work/README.md" >"$work/unchanged.log" 2>&1 ||
  { cat "$work/unchanged.log"; fail "the unmodified copy of README.md does not pass"; }

# change one digit of the first output line of a checked block that has no volatile field;
# prints the block's fence line and the changed line
read -r fence changed < <(python3 - "$work/README.md" <<'PY'
import re, sys
path = sys.argv[1]
lines = open(path, encoding="utf-8").read().split("\n")
for i, line in enumerate(lines):
    if re.match(r"\s*<!-- sample: checked", line):
        j = i + 2
        while not lines[j].lstrip().startswith("```"):
            text = lines[j].strip()
            if not text.startswith("$ ") and re.search(r"\d", text) and " s " not in text:
                k = re.search(r"\d", lines[j]).start()
                lines[j] = lines[j][:k] + str((int(lines[j][k]) + 1) % 10) + lines[j][k + 1:]
                open(path, "w", encoding="utf-8").write("\n".join(lines))
                print(i + 2, j + 1)
                sys.exit(0)
            j += 1
sys.exit("no checked block with a digit in README.md")
PY
)
status=0
"${tool[@]}" --check "$work/README.md" >"$work/changed.log" 2>&1 || status=$?
[ "$status" -eq 1 ] ||
  { cat "$work/changed.log"; fail "exit $status for a changed digit (expected 1)"; }
grep -q "^$work/README.md:$fence: sample differs" "$work/changed.log" ||
  { cat "$work/changed.log"; fail "the failure does not name $work/README.md:$fence"; }
changed_text="$(sed -n "${changed}p" "$work/README.md" | sed 's/^ *//')"
grep -qF -- "-$changed_text" "$work/changed.log" ||
  { cat "$work/changed.log"; fail "the diff lacks the changed line: $changed_text"; }
[ "$(grep -c 'sample differs' "$work/changed.log")" -eq 1 ] ||
  { cat "$work/changed.log"; fail "more than the changed block differs"; }

# a block of commands without a marker is refused
python3 - "$work/README.md" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
open(path, "w", encoding="utf-8").write(re.sub(r"\n\s*<!-- sample: checked[^\n]*", "", text, 1))
PY
status=0
"${tool[@]}" --check "$work/README.md" >"$work/unmarked.log" 2>&1 || status=$?
[ "$status" -eq 2 ] ||
  { cat "$work/unmarked.log"; fail "exit $status for an unmarked block (expected 2)"; }
grep -q "$work/README.md:$((fence - 1)): a block with \`\\$ \` commands needs a marker" \
  "$work/unmarked.log" || { cat "$work/unmarked.log"; fail "the refusal does not name the block"; }
echo "doc_samples_selftest: an unchanged copy of README.md passes; a changed digit in the" \
  "block at line $fence fails; an unmarked block is refused"
