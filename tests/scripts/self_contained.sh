#!/usr/bin/env bash
# The repository is self-contained: no tracked file (nor an untracked one that git does not
# ignore) may point outside it: no `../shared`, no `shared/peers`, no absolute machine paths
# (the work, home and root folders at the file system's root). Every offending line is printed as FILE:LINE: TEXT and the test
# fails. Outside a git checkout every file under the source root except build*/ is scanned.
# Allowed, by the list below: the optional NumPy cross-check (it looks for the reference
# implementation outside the repository by design), the default of SPENDCAST_PEERS_DIR in
# CMakeLists.txt and tools/bench-report, and this file's own patterns.
# Before scanning, the checker runs on a small planted fixture and must report exactly the
# planted lines, so that a broken pattern cannot pass silently.
# Usage: self_contained.sh [SPENDCAST_BINARY] (the argument is not used).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

# A machine path starts a word: the path of a web address (example.com/home/) is not one.
pattern='\.\./shared|(^|[^[:alnum:]_.-])/(work|home|root)/|(^|[^[:alnum:]_./])shared/peers'

# FILE:REGEX — a hit in FILE is allowed when its line matches REGEX (empty: any line).
allow=(
  'tests/scripts/numpy_crosscheck.sh:'
  'tests/scripts/self_contained.sh:'
  'CMakeLists.txt:^set\(SPENDCAST_PEERS_DIR '
  'tools/bench-report:^peers="\$\{SPENDCAST_PEERS_DIR:-'
)

allowed() {  # allowed FILE TEXT
  local entry file re
  for entry in "${allow[@]}"; do
    file="${entry%%:*}"
    re="${entry#*:}"
    if [ "$1" = "$file" ] && { [ -z "$re" ] || [[ $2 =~ $re ]]; }; then return 0; fi
  done
  return 1
}

list_files() {  # list_files DIR: NUL-separated paths relative to DIR
  if [ -e "$1/.git" ] && git -C "$1" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$1" ls-files -z --cached --others --exclude-standard
  else
    (cd "$1" && find . -path './build*' -prune -o -path ./.git -prune -o -type f -print0 |
      sed -z 's|^\./||')
  fi
}

scan() {  # scan DIR: prints FILE:LINE: TEXT for every hit not allowed
  local hit file rest line text
  (cd "$1" && list_files . | while IFS= read -r -d '' f; do [ -f "$f" ] && printf '%s\0' "$f"; done |
    xargs -0 -r grep -nIHE -- "$pattern" || true) |
    while IFS= read -r hit; do
      file="${hit%%:*}"
      rest="${hit#*:}"
      line="${rest%%:*}"
      text="${rest#*:}"
      allowed "$file" "$text" || printf '%s:%s: %s\n' "$file" "$line" "$text"
    done
}

# The checker on a planted fixture (not a git checkout, so every file is scanned).
fixture="$(mktemp -d)"
trap 'rm -rf "$fixture"' EXIT
mkdir -p "$fixture/docs" "$fixture/build"
# Outside paths spelled in pieces, so that this file names none itself.
home="/""home"
work="/""work"
up_shared="../""shared"
printf 'cache: %s/someone/x\nsource: https://www.example.com%s/news/\n' "$home" "$home" >"$fixture/b.txt"
printf 'The model:\nsee %s/NOTES.md\n' "$up_shared" >"$fixture/docs/a.md"
printf 'set(SPENDCAST_PEERS_DIR "${X}/%s/peers"\nset(Y "%s/y")\n' "$up_shared" "$work" >"$fixture/CMakeLists.txt"
printf '%s/ignored: build outputs are not scanned\n' "$work" >"$fixture/build/c.txt"
expected="CMakeLists.txt:2: set(Y \"$work/y\")"$'\n'"b.txt:1: cache: $home/someone/x"$'\n'"docs/a.md:2: see $up_shared/NOTES.md"
got="$(scan "$fixture" | LC_ALL=C sort)"
if [ "$got" != "$expected" ]; then
  echo "self_contained: the checker is broken: on the planted fixture it reported" >&2
  printf '%s\n' "${got:-(nothing)}" >&2
  echo "instead of" >&2
  printf '%s\n' "$expected" >&2
  exit 1
fi

problems="$(scan "$root")"
if [ -n "$problems" ]; then
  echo "self_contained: these lines point outside the repository (a user of the repository" \
       "has no ../shared and no machine paths); cite a file of the repository instead:" >&2
  printf '%s\n' "$problems" >&2
  exit 1
fi
echo "self_contained: ok: no tracked file points outside the repository"
