#!/usr/bin/env bash
# The namespace scheme (docs/ARCHITECTURE.md "Conventions"): the code of engine/<module>/
# lives in spendcast::<module> (or a namespace inside it), the CLI's in spendcast::cli, the
# Python module's in spendcast::python; no header says `using namespace` at namespace
# scope. Every file that breaks it is named and the test fails. Before scanning, the
# checker runs on a planted fixture and must flag it, so a broken check cannot pass.
# Usage: namespaces.sh [SPENDCAST_BINARY] (the argument is not used).
set -uo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"

# check_tree DIR: prints one line per file of DIR that breaks the scheme.
check_tree() (
  cd "$1" || exit 1
  check_folder() {  # FOLDER NAMESPACE
    local folder="$1" want="$2" file opened name
    for file in "$folder"/*.hpp "$folder"/*.cpp; do
      [ -e "$file" ] || continue
      opened="$(grep -E '^namespace spendcast(::[a-z_0-9]+)* \{' "$file" |
        sed -E 's/^namespace ([a-z_0-9:]+) \{/\1/' | sort -u)"
      if [ -z "$opened" ]; then
        [[ "$file" == *.hpp ]] && echo "$file opens no namespace (expected $want)"
        continue
      fi
      while read -r name; do
        [[ "$name" == "$want" || "$name" == "$want"::* ]] ||
          echo "$file opens namespace $name (expected $want)"
      done <<<"$opened"
    done
  }
  for folder in engine/*/; do
    folder="${folder%/}"
    check_folder "$folder" "spendcast::${folder#engine/}"
  done
  [ -d tools/spendcast ] && check_folder tools/spendcast spendcast::cli
  [ -d python/engine_module ] && check_folder python/engine_module spendcast::python
  grep -rlE '^using namespace' --include='*.hpp' engine tools python/engine_module 2>/dev/null |
    sed "s/\$/ says 'using namespace' at namespace scope in a header/"
)

fixture="$(mktemp -d)"
trap 'rm -rf "$fixture"' EXIT
mkdir -p "$fixture/engine/stats" "$fixture/engine/sim"
printf 'namespace spendcast {\nstruct A {};\n}\n' >"$fixture/engine/stats/a.hpp"
printf 'namespace spendcast::sim {\nusing namespace std;\n}\n' >"$fixture/engine/sim/b.hpp"
printf 'namespace spendcast::sim::detail {\n}\n' >"$fixture/engine/sim/c.hpp"
expected="engine/sim/b.hpp says 'using namespace' at namespace scope in a header
engine/stats/a.hpp opens namespace spendcast (expected spendcast::stats)"
if [ "$(check_tree "$fixture" | sort)" != "$expected" ]; then
  echo "namespaces: the checker is broken: on the planted fixture it reported" >&2
  check_tree "$fixture" >&2
  exit 1
fi

found="$(check_tree "$root")"
if [ -n "$found" ]; then
  echo "namespaces: these files break the scheme (docs/ARCHITECTURE.md, Conventions):" >&2
  echo "$found" >&2
  exit 1
fi
echo "namespaces: every file of engine/, tools/spendcast/ and python/engine_module/ is in its module's namespace"
