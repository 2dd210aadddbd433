#!/usr/bin/env bash
# An event's bookkeeping is sized by what can happen, not by max_count: a path fires at
# most once per step, so `max_count = 1000000` must cost what `max_count = horizon ×
# steps_per_year` costs (peak resident memory within 1.5x) and give bitwise the same
# result (metrics, probabilities and accumulator state).
set -euo pipefail
spendcast="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ "${SPENDCAST_SANITIZED:-}" = "1" ]; then
  echo "event_buffer: skipped under AddressSanitizer (its quarantine, not ours, sets the peak)"
  exit 77
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$spendcast" "$root/scenarios/baseline.toml" "$work" <<'PY'
import json, os, subprocess, sys

spendcast, scenario, work = sys.argv[1:4]

def run(max_count):
    out = os.path.join(work, f"{max_count}.json")
    p = subprocess.Popen([spendcast, "run", scenario, "--paths", "2000", "--threads", "1",
                          "--seed", "1", "--quiet", "--json", out,
                          "--set", f"event.correction.max_count={max_count}"])
    _, status, usage = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"event_buffer: run with max_count={max_count} failed ({status})")
    with open(out) as f:
        return usage.ru_maxrss, json.load(f)

steps = 6 * 4  # baseline: 2025-2030, quarterly
small_rss, small = run(steps)
large_rss, large = run(1_000_000)
print(f"peak RSS: max_count={steps} {small_rss} KiB, max_count=1e6 {large_rss} KiB")
for key in ("metrics", "probabilities", "state"):
    if small[key] != large[key]:
        sys.exit(f"event_buffer: '{key}' differs between max_count={steps} and 1e6")
sys.exit(0 if large_rss <= 1.5 * small_rss else 1)
PY
