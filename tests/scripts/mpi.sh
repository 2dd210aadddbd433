#!/usr/bin/env bash
# `mpirun -n 3 spendcast run`, `compare`, `sweep` and `backtest` equal one process: the result JSON
# (every statistic and every byte of the state; only the run's thread count and timings may
# differ) and the CSV byte for byte; a rank that fails (a scenario error, a different
# scenario) ends every rank with one message naming it and writes nothing; Ctrl-C to
# mpirun ends every rank and writes nothing. Skipped (77), saying why, when mpirun or the
# build's MPI support is absent. Usage: mpi.sh SPENDCAST_BINARY. About 40 s on 2 busy cores.
set -uo pipefail
spendcast="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "mpi: FAIL: $*" >&2; exit 1; }
# The test machines run as root; Open MPI refuses that without these.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
# No network interfaces to probe beyond this machine: shared memory between local ranks.
export OMPI_MCA_btl=self,vader OMPI_MCA_rmaps_base_oversubscribe=1
command -v mpirun >/dev/null || { echo "mpi: skipped: mpirun is not installed (openmpi-bin)"; exit 77; }
mpi=(mpirun --oversubscribe -n 3)
baseline="$root/scenarios/baseline.toml"
small=(--paths 3001 --quiet)

"${mpi[@]}" "$spendcast" run "$baseline" "${small[@]}" --json "$work/probe.json" \
  >"$work/probe.out" 2>"$work/probe.err"
status=$?
if grep -q "MPI support is not built" "$work/probe.err"; then
  [ "$status" -eq 2 ] || fail "without MPI support: exit $status, expected 2"
  [ ! -e "$work/probe.json" ] || fail "without MPI support: a file was written"
  [ "$(grep -c "^spendcast" "$work/probe.err")" -eq 1 ] ||
    fail "without MPI support: not one message: $(cat "$work/probe.err")"
  echo "mpi: skipped: this build has no MPI support (it says so and exits 2 under mpirun)"
  exit 77
fi
[ "$status" -eq 0 ] || fail "mpirun -n 3 run exited $status: $(cat "$work/probe.err")"

# Two result files are the same run when they differ only in the run's threads and timings.
same_result() {
  jq -S 'del(.run.threads, .run.elapsed_s, .run.path_steps_per_s)' "$1" >"$work/a.norm"
  jq -S 'del(.run.threads, .run.elapsed_s, .run.path_steps_per_s)' "$2" >"$work/b.norm"
  cmp -s "$work/a.norm" "$work/b.norm"
}

# Ranks 0 and 1 run the command line "${first[@]}", rank 2 "${second[@]}" (set by the
# caller), each with --json out.json: rank 0 refuses rank 2's part by name, exit 2, no file.
expect_refused() {
  local label="$1"
  rm -f "$work/out.json"
  mpirun --oversubscribe -n 2 "$spendcast" "${first[@]}" --json "$work/out.json" \
    : -n 1 "$spendcast" "${second[@]}" --json "$work/out.json" 2>"$work/err"
  local status=$?
  [ "$status" -eq 2 ] || fail "$label: exit $status: $(cat "$work/err")"
  grep -q "rank 2 of 3 ran another scenario or other options" "$work/err" ||
    fail "$label: $(cat "$work/err")"
  [ ! -e "$work/out.json" ] || fail "$label: a file was written"
}

# 1. run: 3 ranks (1 and 2 threads each) equal one process, JSON and CSV; the baseline
# samples by Latin hypercube, so the ranks share one design.
"$spendcast" run "$baseline" "${small[@]}" --threads 1 --json "$work/one.json" \
  --csv "$work/one.csv" || fail "one process"
for threads in 1 2; do
  "${mpi[@]}" "$spendcast" run "$baseline" "${small[@]}" --threads "$threads" \
    --json "$work/three.json" --csv "$work/three.csv" 2>"$work/err" ||
    fail "3 ranks x $threads threads: $(cat "$work/err")"
  same_result "$work/one.json" "$work/three.json" ||
    fail "3 ranks x $threads threads: the result JSON differs from one process: $(diff "$work/a.norm" "$work/b.norm" | head -5)"
  cmp -s "$work/one.csv" "$work/three.csv" || fail "3 ranks x $threads threads: the CSV differs"
done
[ "$(jq .run.paths "$work/three.json")" = 3001 ] || fail "run.paths is not the whole run's"
echo "mpi: run: 3 ranks equal one process (JSON state and statistics, CSV)"

# 2. --exact keeps every value: the ranks' values merge to the one process's.
"$spendcast" run "$baseline" "${small[@]}" --exact --json "$work/one.json" || fail "one, exact"
"${mpi[@]}" "$spendcast" run "$baseline" "${small[@]}" --exact --json "$work/three.json" ||
  fail "3 ranks, exact"
same_result "$work/one.json" "$work/three.json" || fail "--exact: 3 ranks differ from one"
echo "mpi: run --exact: 3 ranks equal one process"

# 3. compare (paired): 3 ranks equal one process.
other="$root/scenarios/agents-boom.toml"
"$spendcast" compare "$baseline" "$other" "${small[@]}" --json "$work/c1.json" \
  --csv "$work/c1.csv" || fail "compare, one process"
"${mpi[@]}" "$spendcast" compare "$baseline" "$other" "${small[@]}" --json "$work/c3.json" \
  --csv "$work/c3.csv" 2>"$work/err" || fail "compare, 3 ranks: $(cat "$work/err")"
jq -S 'del(.run.threads, .run.elapsed_s)' "$work/c1.json" >"$work/a.norm"
jq -S 'del(.run.threads, .run.elapsed_s)' "$work/c3.json" >"$work/b.norm"
cmp -s "$work/a.norm" "$work/b.norm" ||
  fail "compare: 3 ranks differ from one: $(diff "$work/a.norm" "$work/b.norm" | head -5)"
cmp -s "$work/c1.csv" "$work/c3.csv" || fail "compare: the CSV differs"
echo "mpi: compare: 3 ranks equal one process (JSON, CSV)"

# 3b. sweep: 10 variants (two lockstep groups, the second with variant 1 again) on 3 ranks
# equal one process; a rank sweeping other values is refused by name.
vary=(--vary spend.volatility=0.08,0.1,0.12,0.14,0.16 --vary vendors.persistence=0.2,0.5)
"$spendcast" sweep "$baseline" "${vary[@]}" "${small[@]}" --json "$work/s1.json" \
  --csv "$work/s1.csv" || fail "sweep, one process"
"${mpi[@]}" "$spendcast" sweep "$baseline" "${vary[@]}" "${small[@]}" --threads 2 \
  --json "$work/s3.json" --csv "$work/s3.csv" 2>"$work/err" || fail "sweep, 3 ranks: $(cat "$work/err")"
[ "$(jq '.variants | length' "$work/s3.json")" = 10 ] || fail "sweep: not 10 variants"
jq -S 'del(.run.threads, .run.elapsed_s)' "$work/s1.json" >"$work/a.norm"
jq -S 'del(.run.threads, .run.elapsed_s)' "$work/s3.json" >"$work/b.norm"
cmp -s "$work/a.norm" "$work/b.norm" ||
  fail "sweep: 3 ranks differ from one: $(diff "$work/a.norm" "$work/b.norm" | head -5)"
cmp -s "$work/s1.csv" "$work/s3.csv" || fail "sweep: the CSV differs"
first=(sweep "$baseline" --vary spend.volatility=0.08,0.1 "${small[@]}")
second=(sweep "$baseline" --vary spend.volatility=0.08,0.12 "${small[@]}")
expect_refused "sweep, a rank with other values"
echo "mpi: sweep: 3 ranks equal one process (JSON, CSV); a rank with other values is refused"

# 3c. backtest: every origin of the bundled reference class on 3 ranks (2 threads each)
# equals one process (the backtest has no timings: the files are equal byte for byte); a
# rank backtesting another reference file is refused by name.
reference="$root/scenarios/data/reference"
bt=(backtest "$baseline" --data "$reference" --paths 2001 --quiet)
"$spendcast" "${bt[@]}" --threads 1 --json "$work/b1.json" --csv "$work/b1.csv" 2>"$work/err" ||
  fail "backtest, one process: $(cat "$work/err")"
"${mpi[@]}" "$spendcast" "${bt[@]}" --threads 2 --json "$work/b3.json" --csv "$work/b3.csv" \
  2>"$work/err" || fail "backtest, 3 ranks: $(cat "$work/err")"
[ "$(jq '.origins | length' "$work/b3.json")" -ge 18 ] || fail "backtest: not every origin"
cmp -s "$work/b1.json" "$work/b3.json" ||
  fail "backtest: 3 ranks differ from one: $(diff "$work/b1.json" "$work/b3.json" | head -5)"
cmp -s "$work/b1.csv" "$work/b3.csv" || fail "backtest: the CSV differs"
first=(backtest "$baseline" --data "$reference/cloud-iaas.toml" --paths 2001 --quiet)
second=(backtest "$baseline" --data "$reference/web-browsers.toml" --paths 2001 --quiet)
expect_refused "backtest, a rank with other data"
echo "mpi: backtest: 3 ranks equal one process (JSON, CSV); a rank with other data is refused"

# 4. A failing rank (here rank 2 is given a scenario with an error) ends every rank: exit
# 2, one message naming the rank and the error, no file.
expect_failure() {
  local label="$1" status_wanted="$2" pattern="$3"; shift 3
  rm -f "$work/out.json"
  mpirun --oversubscribe -n 2 "$spendcast" run "$baseline" "${small[@]}" --json "$work/out.json" \
    : -n 1 "$spendcast" run "$@" "${small[@]}" --json "$work/out.json" 2>"$work/err"
  local status=$?
  [ "$status" -eq "$status_wanted" ] || fail "$label: exit $status, expected $status_wanted: $(cat "$work/err")"
  grep -q "rank 2 of 3" "$work/err" || fail "$label: the message does not name rank 2: $(cat "$work/err")"
  grep -q -- "$pattern" "$work/err" || fail "$label: no '$pattern' in: $(cat "$work/err")"
  [ "$(grep -c "^spendcast" "$work/err")" -le 1 ] || fail "$label: more than one message: $(cat "$work/err")"
  [ ! -e "$work/out.json" ] || fail "$label: a result file was written"
  echo "mpi: $label: exit $status, one message, no file"
}
expect_failure "a rank with a scenario error" 2 "volatility" \
  "$root/tests/scenarios/bad/volatility-negative.toml"
expect_failure "a rank running another seed" 2 "another scenario or other options" "$baseline" --seed 7

# 5. Ctrl-C to mpirun ends every rank within seconds and writes nothing.
rm -f "$work/out.json"
"${mpi[@]}" "$spendcast" run "$baseline" --paths 1e9 --quiet --json "$work/out.json" \
  2>"$work/err" &
pid=$!
sleep 3
kill -INT "$pid"
start=$(date +%s)
wait "$pid"
status=$?
took=$(( $(date +%s) - start ))
[ "$status" -ne 0 ] || fail "Ctrl-C: exit status 0"
grep -q "^spendcast run: interrupted; no output files were written" "$work/err" ||
  fail "Ctrl-C: no message: $(cat "$work/err")"
[ "$(grep -c "^spendcast" "$work/err")" -eq 1 ] || fail "Ctrl-C: not one message: $(cat "$work/err")"
[ "$took" -le 15 ] || fail "Ctrl-C: took $took s to end"
[ -z "$(ls "$work" | grep '^out')" ] || fail "Ctrl-C: files left: $(ls "$work")"
echo "mpi: Ctrl-C: every rank ended (exit $status in $took s), no file"
