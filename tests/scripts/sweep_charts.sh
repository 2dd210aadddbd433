#!/usr/bin/env bash
# spendcast-plot draws a sweep file (spendcast sweep --json): the chart of a metric against
# the varied value is written, and its plotted medians and bands are the file's, variant by
# variant. Skips (exit 77) when /usr/bin/python3 lacks numpy or matplotlib (Debian's
# python3-numpy, python3-matplotlib).
set -euo pipefail
spendcast="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
python=/usr/bin/python3
if ! "$python" -c "import numpy, matplotlib" 2>/dev/null; then
  echo "sweep_charts: skipped: /usr/bin/python3 lacks numpy or matplotlib"; exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$spendcast" sweep "$root/scenarios/baseline.toml" --paths 2000 --steps-per-year 1 -q \
  --vary spend.volatility=0.05,0.15,0.25 --vary vendors.persistence=0.2,0.6 \
  --metric spend --json "$work/sweep.json"
"$python" "$root/tools/spendcast-plot" "$work/sweep.json" --out "$work/charts" -q
"$python" - "$work" <<'PY'
import json, os, sys
work = sys.argv[1]
sweep = json.load(open(f"{work}/sweep.json"))
name = "baseline.sweep-spend-2030-spend-volatility"
for ext in ("png", "svg", "json"):
    assert os.path.getsize(f"{work}/charts/{name}.{ext}") > 0, ext
chart = json.load(open(f"{work}/charts/{name}.json"))
series = chart["series"]
assert len(series) == 2, series.keys()  # one line per vendors.persistence value
seen = 0
for v in sweep["variants"]:
    line = series[f"vendors.persistence={v['values']['vendors.persistence']}"]
    k = line["x"].index(v["values"]["spend.volatility"])
    q = v["metrics"]["spend"]["2030"]["quantiles"]
    for level in ("0.05", "0.25", "0.5", "0.75", "0.95"):
        assert line[f"q{level}"][k] == q[level], (v["variant"], level, line[f"q{level}"][k], q[level])
    seen += 1
assert seen == 6, seen
medians = [v["metrics"]["spend"]["2030"]["quantiles"]["0.5"] for v in sweep["variants"]]
assert len(set(medians)) > 1, "every variant has the same median: nothing was varied"
print(f"sweep_charts: ok ({seen} variants; plotted quantiles are the file's)")
PY
