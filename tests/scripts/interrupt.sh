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
