#!/usr/bin/env bash
# A conditioned result (run --condition) is a result file like any other: the chart tool
# draws it, and the spend fan shows the conditional forecast (its medians are the file's,
# which differ from the unconditional run's). Skips (exit 77) when /usr/bin/python3 lacks
# numpy or matplotlib (Debian's python3-numpy, python3-matplotlib).
set -euo pipefail
spendcast="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
python=/usr/bin/python3
if ! "$python" -c "import numpy, matplotlib" 2>/dev/null; then
  echo "condition_charts: skipped: /usr/bin/python3 lacks numpy or matplotlib"; exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$spendcast" run "$root/scenarios/baseline.toml" --paths 4000 --steps-per-year 1 -q \
  --json "$work/plain.json"
"$spendcast" run "$root/scenarios/baseline.toml" --paths 4000 --steps-per-year 1 -q \
  --condition "$root/tests/doc_samples/condition.toml" --json "$work/cond.json" 2>/dev/null
"$python" "$root/tools/spendcast-plot" "$work/cond.json" --out "$work/charts" --metric spend
"$python" - "$work" <<'PY'
import json, sys
work = sys.argv[1]
cond = json.load(open(f"{work}/cond.json"))
plain = json.load(open(f"{work}/plain.json"))
fan = json.load(open(f"{work}/charts/baseline.spend-fan.json"))
years = fan["years"]
for year, drawn in zip(years, fan["series"]["q0.5"]):
    if str(year) not in cond["metrics"]["spend"]:
        continue  # the observed anchor year
    stored = cond["metrics"]["spend"][str(year)]["quantiles"]["0.5"]
    assert abs(drawn - stored) <= 1e-9 * abs(stored), (year, drawn, stored)
assert cond["conditioning"]["kept"] < cond["conditioning"]["paths"], "nothing was rejected"
differs = [y for y in cond["metrics"]["spend"]
           if cond["metrics"]["spend"][y]["quantiles"]["0.5"]
           != plain["metrics"]["spend"][y]["quantiles"]["0.5"]]
assert differs, "the conditional medians equal the unconditional ones"
print(f"condition_charts: ok (fan medians are the conditional file's; {len(differs)} years differ "
      "from the unconditional run)")
PY
