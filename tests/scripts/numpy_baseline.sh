#!/usr/bin/env bash
# bench/numpy_baseline.py against the engine, on both benchmark scenarios (bench/scenarios/):
# different random numbers, the same model, so the means and the 5/50/95 % quantiles of
# spend, vendor shares and segment shares in every year must agree within 4 combined
# standard errors (tests/crosscheck/compare_with_numpy.py; fixed seeds). Also: a scenario
# feature the baseline lacks is refused with exit 2, naming the key.
# Usage: numpy_baseline.sh SPENDCAST_BINARY. Skips (exit 77) when /usr/bin/python3 lacks
# NumPy or SciPy (Debian's python3-numpy, python3-scipy).
set -euo pipefail
spendcast="$1"
python=/usr/bin/python3
here="$(cd "$(dirname "$0")/.." && pwd)"
root="$(cd "$here/.." && pwd)"
if ! "$python" -c "import numpy, scipy" 2>/dev/null; then
  echo "numpy_baseline: skipped: /usr/bin/python3 lacks numpy or scipy (python3-numpy, python3-scipy)"
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
paths=40000
status=0
for scenario in ref-baseline ref-growth-only; do
  file="$root/bench/scenarios/$scenario.toml"
  "$spendcast" run "$file" --paths $paths --seed 11 --quiet --json "$work/$scenario.engine.json"
  "$python" "$root/bench/numpy_baseline.py" "$file" --paths $paths --seed 12 \
    --json "$work/$scenario.numpy.json"
  echo "== $scenario"
  "$python" "$here/crosscheck/compare_with_numpy.py" \
    "$work/$scenario.engine.json" "$work/$scenario.numpy.json" || status=1
done
# a feature the baseline does not implement: refused, naming it
set +e
"$python" "$root/bench/numpy_baseline.py" "$root/scenarios/stress.toml" --paths 100 \
  >/dev/null 2>"$work/err.txt"
code=$?
set -e
if [ "$code" != 2 ] || ! grep -q "is not supported by this baseline" "$work/err.txt"; then
  echo "numpy_baseline: scenarios/stress.toml: exit $code, expected 2 naming the feature: $(cat "$work/err.txt")" >&2
  status=1
fi
exit $status
