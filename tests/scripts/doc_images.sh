#!/usr/bin/env bash
# The images README.md and docs/ show are the build's (tools/doc-images, docs/CHARTS.md):
# docs/images/baseline-fan.png holds, in its PNG text metadata, the figures it draws, and
# they must equal a fresh run's: checked by the tool (--check) and here, independently,
# against `spendcast run scenarios/baseline.toml`'s quantiles; its year axis labels every
# year from the first observed one to the horizon. The check must fail on a stale image
# (one median changed) and on one without the metadata.
# Usage: doc_images.sh SPENDCAST_BINARY. Needs /usr/bin/python3 with numpy and matplotlib
# (Debian's python3-numpy, python3-matplotlib); skips (exit 77) without them.
set -euo pipefail
spendcast="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$(cd "$(dirname "$0")/../.." && pwd)"
python=/usr/bin/python3
if ! "$python" -c "import numpy, matplotlib, PIL" 2>/dev/null; then
  echo "doc_images: skipped: /usr/bin/python3 lacks numpy, matplotlib or PIL"
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export MPLCONFIGDIR="$work/mpl"
cd "$root"
image=docs/images/baseline-fan.png

# 1. the committed image is the current run's
"$python" tools/doc-images --check --binary "$spendcast"

# 2. independently of the tool: its metadata is the run's quantiles, every year labelled
"$spendcast" run scenarios/baseline.toml -q --json "$work/baseline.json"
"$python" - "$image" "$work/baseline.json" <<'PY'
import json, sys
from PIL import Image
with Image.open(sys.argv[1]) as im:
    figs = json.loads(im.text["spendcast-figures"])
doc = json.load(open(sys.argv[2]))
spend = doc["metrics"]["spend"]
sim = doc["scenario"]["simulation"]
base, horizon = sim["base_year"], sim["horizon"]
assert figs["years"] == [base] + sorted(int(y) for y in spend), figs["years"]
for level, row in figs["quantiles"].items():
    assert row[0] == doc["scenario"]["spend"]["base_spend_usd_bn"], (level, row[0])
    for year, value in zip(figs["years"][1:], row[1:]):
        want = spend[str(year)]["quantiles"][level]
        assert value == want, f"{year} q{level}: image {value}, run {want}"
first = min(x for x, _ in figs["observed"])
assert first < base, figs["observed"]
assert figs["year_labels"] == [str(y) for y in range(first, horizon + 1)], figs["year_labels"]
print(f"doc_images: {len(figs['years'])} years x {len(figs['quantiles'])} quantiles equal the run's")
PY

# 3. the check fails on a stale image and on one without figures
"$python" - "$image" "$work/stale" "$work/bare" <<'PY'
import json, os, sys
from PIL import Image, PngImagePlugin
with Image.open(sys.argv[1]) as im:
    figs = json.loads(im.text["spendcast-figures"])
    im.load()
    for folder, text in ((sys.argv[2], True), (sys.argv[3], False)):
        os.makedirs(folder)
        info = PngImagePlugin.PngInfo()
        if text:
            figs["quantiles"]["0.5"][-1] *= 1.001
            info.add_text("spendcast-figures", json.dumps(figs))
        im.save(os.path.join(folder, "baseline-fan.png"), pnginfo=info)
PY
for case in stale bare; do
  status=0
  "$python" tools/doc-images --check --binary "$spendcast" --out "$work/$case" 2>"$work/$case.err" || status=$?
  if [ "$status" -ne 1 ] || ! grep -q "regenerate with: tools/doc-images --update" "$work/$case.err"; then
    echo "doc_images: --check on a $case image: exit $status, expected 1 and a message" >&2
    cat "$work/$case.err" >&2
    exit 1
  fi
done
grep -q "quantiles 0\.5 [0-9]\{4\}: the image has" "$work/stale.err"
grep -q "no 'spendcast-figures' metadata" "$work/bare.err"
echo "doc_images: a stale image and one without figures are refused"
