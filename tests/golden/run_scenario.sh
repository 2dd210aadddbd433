#!/usr/bin/env bash
# The golden run of one bundled scenario: 2000 paths, seed 1, reduced (reduce.py).
# Usage: run_scenario.sh SPENDCAST SCENARIO.toml OUT.json
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
"$1" run "$2" --paths 2000 --seed 1 --threads 2 --quiet --json "$tmp"
/usr/bin/python3 "$here/reduce.py" "$tmp" > "$3"
