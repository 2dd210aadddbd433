#!/usr/bin/env bash
# The chart tools (tools/spendcast-plot, tools/spendcast-report) on small result files made
# here: every chart is written and not blank, plotted numbers read back equal the file's,
# the HTML report is self-contained and renders in headless Chromium, bad input is refused
# (tests/tools/test_*.py, every Python warning an error).
# Usage: charts.sh SPENDCAST_BINARY. Needs /usr/bin/python3 with numpy and matplotlib
# (Debian's python3-numpy, python3-matplotlib) and Chromium (Debian's chromium), which it
# installs when missing and run as root. Skips (exit 77) only when matplotlib or numpy is
# missing, or Chromium is missing and cannot be installed; the other checks still run first.
set -euo pipefail
spendcast="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
root="$(cd "$(dirname "$0")/../.." && pwd)"
python=/usr/bin/python3

if ! "$python" -c "import numpy, matplotlib" 2>/dev/null; then
  echo "charts: skipped: /usr/bin/python3 lacks numpy or matplotlib (python3-numpy, python3-matplotlib)"
  exit 77
fi

have_chromium() { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }
if ! have_chromium && [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "charts: installing Debian's chromium for the report's rendering test" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt_install() {
    apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 chromium >/dev/null 2>&1
  }
  apt_install || { apt-get update -qq >/dev/null 2>&1 && apt_install; } || true
fi
chromium_status=0
if have_chromium; then
  export SPENDCAST_REQUIRE_CHROMIUM=1
else
  echo "charts: Chromium is missing and could not be installed: the report is not rendered" >&2
  chromium_status=77
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
"$spendcast" run scenarios/baseline.toml --paths 2000 -q --json "$work/baseline.json"
"$spendcast" run scenarios/stress.toml --paths 1000 --exact -q --json "$work/stress.json"
"$spendcast" run tests/tools/data/entrant.toml --paths 2000 -q --json "$work/entrant.json"
"$spendcast" bench --paths 1000 --repeat 1 --threads 1,2 --json "$work/bench.json" >/dev/null 2>&1
"$spendcast" backtest scenarios/baseline.toml --data scenarios/data/reference/cloud-iaas.toml --paths 1000 --threads 2 -q --json "$work/backtest.json"

export SPENDCAST_CHARTS_RESULTS="$work"
export MPLCONFIGDIR="$work/mpl"
# every tests/tools/test_*.py module, side by side (about a minute of CPU in all); any
# Python warning is an error (-W error)
status=0
modules=()
for file in "$root"/tests/tools/test_*.py; do
  modules+=("$(basename "$file" .py)")
done
pids=()
for module in "${modules[@]}"; do
  (cd "$root/tests/tools" && "$python" -W error -m unittest "$module" >"$work/$module.log" 2>&1) &
  pids+=($!)
done
for pid in "${pids[@]}"; do
  wait "$pid" || status=1
done
for module in "${modules[@]}"; do
  echo "== $module: $(grep -E '^Ran ' "$work/$module.log") $(tail -n 1 "$work/$module.log")"
done
if [ "$status" -ne 0 ]; then
  for module in "${modules[@]}"; do
    cat "$work/$module.log" >&2
  done
  exit 1
fi
if [ "$chromium_status" -eq 77 ]; then
  echo "charts: skipped: Chromium unavailable (every other check passed)"
  exit 77
fi
exit 0
