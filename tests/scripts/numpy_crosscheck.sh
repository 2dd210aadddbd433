#!/usr/bin/env bash
# The engine's distributions against the NumPy reference (../shared/peers), on both
# reference scenarios: means and 5/50/95 % quantiles of spend, vendor and segment shares
# within 4 combined standard errors (tests/crosscheck/compare_with_numpy.py).
# Usage: numpy_crosscheck.sh SPENDCAST_BINARY. The reference's folder comes from
# SPENDCAST_PEERS_DIR (CMake cache variable). Where it is absent the test skips (exit 77),
# except under CI (CI=true), where it must run.
set -euo pipefail
spendcast="$1"
peers="${SPENDCAST_PEERS_DIR:-../shared/peers}"
here="$(cd "$(dirname "$0")/.." && pwd)"
if [ ! -f "$peers/numpy_reference.py" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "numpy_crosscheck: $peers/numpy_reference.py is missing, and CI requires it" >&2
    exit 1
  fi
  echo "numpy_crosscheck: skipped: no NumPy reference at $peers"
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
status=0
for scenario in ref-baseline ref-growth-only; do
  file="$peers/scenarios/$scenario.toml"
  "$spendcast" run "$file" --paths 200000 --seed 11 --quiet --json "$work/$scenario.engine.json"
  /usr/bin/python3 "$peers/numpy_reference.py" "$file" --paths 200000 --seed 12 \
    --json "$work/$scenario.numpy.json" >/dev/null
  echo "== $scenario"
  /usr/bin/python3 "$here/crosscheck/compare_with_numpy.py" \
    "$work/$scenario.engine.json" "$work/$scenario.numpy.json" || status=1
done
exit $status
