#!/usr/bin/env bash
# Regenerates the golden files after an intended change of results:
#   tests/golden/regenerate.sh build/release/spendcast
# then review `git diff tests/golden` and commit it with the change that caused it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
for scenario in "$root"/scenarios/*.toml; do
  name="$(basename "$scenario" .toml)"
  bash "$here/run_scenario.sh" "$1" "$scenario" "$here/$name.json"
  echo "regenerated tests/golden/$name.json"
done
