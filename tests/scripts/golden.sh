#!/usr/bin/env bash
# Golden scenarios: a small run of every bundled scenario against its checked-in expected
# output (tests/golden/NAME.json; regenerate with tests/golden/regenerate.sh).
set -euo pipefail
spendcast="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for scenario in "$root"/scenarios/*.toml; do
  name="$(basename "$scenario" .toml)"
  golden="$root/tests/golden/$name.json"
  if [ ! -f "$golden" ]; then
    echo "golden: no golden file for $name (run tests/golden/regenerate.sh)"; status=1; continue
  fi
  bash "$root/tests/golden/run_scenario.sh" "$spendcast" "$scenario" "$work/$name.json"
  if /usr/bin/python3 "$root/tests/golden/compare.py" "$golden" "$work/$name.json"; then
    echo "golden: $name ok"
  else
    echo "golden: $name DIFFERS"; status=1
  fi
done
exit $status
