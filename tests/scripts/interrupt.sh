#!/usr/bin/env bash
# Ctrl-C stops a run cleanly: a message, exit status 130, and no output file (not even a
# partial or temporary one).
set -uo pipefail
spendcast="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$spendcast" run "$root/scenarios/baseline.toml" --paths 1e9 --quiet --json "$work/out.json" \
  --csv "$work/out.csv" 2>"$work/err" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
status=$?
if [ "$status" -ne 130 ]; then echo "interrupt: exit status $status, expected 130"; exit 1; fi
if ! grep -q "interrupted; no output files were written" "$work/err"; then
  echo "interrupt: no message"; cat "$work/err"; exit 1
fi
left="$(ls "$work" | grep -v '^err$' || true)"
if [ -n "$left" ]; then echo "interrupt: files left behind: $left"; exit 1; fi
echo "interrupt: ok (exit 130, no files)"

# Ctrl-C one second into a long `spendcast COMMAND baseline.toml ARGS...` must stop it within
# 5 s, exit 130 and write nothing.
stops_promptly() {
  local label="$1" command="$2"; shift 2
  "$spendcast" "$command" "$root/scenarios/baseline.toml" --paths 1e9 --quiet "$@" \
    --json "$work/out.json" 2>"$work/err" &
  local pid=$!
  sleep 1
  kill -INT "$pid"
  local start status took
  start=$(date +%s)
  wait "$pid"
  status=$?
  took=$(( $(date +%s) - start ))
  if [ "$status" -ne 130 ]; then echo "interrupt: $label: exit status $status"; exit 1; fi
  if [ "$took" -gt 5 ]; then echo "interrupt: $label: took $took s to stop"; exit 1; fi
  if [ -e "$work/out.json" ]; then echo "interrupt: $label: output written"; exit 1; fi
  echo "interrupt: $label: ok (exit 130 in $took s)"
}

# At any thread count (capped at 4 per core): Ctrl-C still stops within seconds.
stops_promptly "--threads 100000" run --threads 100000
# A conditioned run (run --condition) stops the same way, during its simulation.
stops_promptly "--condition" run --condition "$root/tests/doc_samples/condition.toml"
# A sweep (several variants in lockstep) stops the same way.
stops_promptly "sweep" sweep --vary spend.volatility=0.1,0.2,0.3
