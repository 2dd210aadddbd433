#!/usr/bin/env bash
# Memory does not grow with the number of paths: the peak resident memory of a
# 2,000,000-path run of the baseline stays within 1.5x that of a 100,000-path run
# (accumulators are sketches and exact sums; blocks are reused).
set -euo pipefail
spendcast="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
if [ "${SPENDCAST_SANITIZED:-}" = "1" ]; then
  echo "memory: skipped under AddressSanitizer (its quarantine, not ours, sets the peak)"
  exit 77
fi
/usr/bin/python3 - "$spendcast" "$root/tests/memory/one-year.toml" <<'PY'
import resource, subprocess, sys

def peak_rss_kib(paths):
    # Each run in its own child, so its peak is the child's alone (ru_maxrss of a
    # grandchild-free child via wait4).
    p = subprocess.Popen([sys.argv[1], "run", sys.argv[2], "--paths", str(paths),
                          "--quiet"])
    _, status, usage = __import__("os").wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"memory: run with {paths} paths failed ({status})")
    return usage.ru_maxrss

small, large = peak_rss_kib(100_000), peak_rss_kib(2_000_000)
ratio = large / small
print(f"peak RSS: 1e5 paths {small} KiB, 2e6 paths {large} KiB, ratio {ratio:.2f}")
sys.exit(0 if ratio <= 1.5 else 1)
PY
