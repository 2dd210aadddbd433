#!/usr/bin/env bash
# run --checkpoint and --resume: a run killed with SIGKILL at a random moment (after its
# first checkpoint), and one stopped by Ctrl-C, each resumed, end byte for byte as the
# uninterrupted run (its CSV whole; its JSON but for the volatile run fields threads,
# elapsed_s and path_steps_per_s). Resuming with another scenario, seed, paths, options or
# build, or from a file that is not a whole checkpoint, is refused with the reason (exit 2).
set -uo pipefail
spendcast="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
py=/usr/bin/python3
[ -x "$py" ] || py=python3
scenario="$root/scenarios/baseline.toml"
run=(run "$scenario" --paths 600000 --steps-per-year 2 --threads 2 --quiet)

fail() { echo "checkpoint_resume: $*"; exit 1; }

# The result JSON without the run fields that depend on the machine and the moment.
stable() {
  "$py" -c 'import json, sys
j = json.load(open(sys.argv[1]))
for k in ("threads", "elapsed_s", "path_steps_per_s"):
    del j["run"][k]
print(json.dumps(j, sort_keys=True))' "$1"
}

# Paths done in a checkpoint, and the run's.
progress() {
  "$py" -c 'import json, sys
j = json.load(open(sys.argv[1]))
print(sum(p for _, p in j["done"]), j["run"]["paths"])' "$1"
}

# Waits (up to 60 s) until FILE exists.
await() {
  for _ in $(seq 1 1200); do [ -e "$1" ] && return 0; sleep 0.05; done
  fail "no checkpoint $1 after 60 s"
}

"$spendcast" "${run[@]}" --json "$work/whole.json" --csv "$work/whole.csv" ||
  fail "the uninterrupted run failed"

# 1. SIGKILL at a random moment after the first checkpoint, then --resume.
"$spendcast" "${run[@]}" --checkpoint "$work/ck.json" --checkpoint-every 0.05 \
  --json "$work/killed.json" 2>"$work/err" &
pid=$!
await "$work/ck.json"
sleep "0.$((RANDOM % 10))$((RANDOM % 10))"
kill -KILL "$pid"
wait "$pid" 2>/dev/null
status=$?
[ "$status" -eq 137 ] || fail "the run ended (status $status) before it was killed: raise --paths"
[ ! -e "$work/killed.json" ] || fail "a killed run left its result"
read -r done total < <(progress "$work/ck.json")
[ "$done" -lt "$total" ] || fail "the checkpoint holds every path ($done of $total)"
echo "checkpoint_resume: killed with $done of $total paths in the checkpoint"
# The kill may land mid-write and leave the writer's temporary; plant one in any case (the
# name a writer that has ended would leave): --resume must clear it.
true & dead=$!
wait "$dead"
echo partial >"$work/ck.json.spendcast-tmp.$dead.AbCdEf"
"$spendcast" "${run[@]}" --resume "$work/ck.json" --json "$work/resumed.json" \
  --csv "$work/resumed.csv" || fail "the resumed run failed"
[ "$(stable "$work/resumed.json")" == "$(stable "$work/whole.json")" ] ||
  fail "the resumed run's JSON differs from the uninterrupted run's"
cmp -s "$work/resumed.csv" "$work/whole.csv" || fail "the resumed run's CSV differs"
left="$(ls "$work" | grep spendcast-tmp || true)"
[ -z "$left" ] || fail "temporary files left behind: $left"
echo "checkpoint_resume: SIGKILL + --resume: ok (byte for byte)"

# 2. Ctrl-C writes the checkpoint at once (exit 130, no result), then --resume.
"$spendcast" "${run[@]}" --checkpoint "$work/ck2.json" --checkpoint-every 3600 \
  --json "$work/stopped.json" 2>"$work/err2" &
pid=$!
sleep 1
kill -INT "$pid"
wait "$pid"
status=$?
[ "$status" -eq 130 ] || fail "Ctrl-C: exit status $status, expected 130"
grep -q "spendcast run: checkpoint $work/ck2.json: [0-9]* of 600000 paths done; to finish the run, repeat its command line with --resume $work/ck2.json" "$work/err2" ||
  { cat "$work/err2"; fail "Ctrl-C: no checkpoint message"; }
[ ! -e "$work/stopped.json" ] || fail "Ctrl-C: a result was written"
"$spendcast" "${run[@]}" --resume "$work/ck2.json" --json "$work/resumed2.json" ||
  fail "the run resumed after Ctrl-C failed"
[ "$(stable "$work/resumed2.json")" == "$(stable "$work/whole.json")" ] ||
  fail "the run resumed after Ctrl-C differs from the uninterrupted run"
echo "checkpoint_resume: Ctrl-C + --resume: ok (byte for byte)"

# 3. Refusals, each with its reason and exit status 2.
expect_refused() {
  local label="$1" message="$2"; shift 2
  "$spendcast" "$@" >"$work/out" 2>"$work/err3"
  local status=$?
  [ "$status" -eq 2 ] || { cat "$work/err3"; fail "$label: exit status $status, expected 2"; }
  grep -qF -- "$message" "$work/err3" || { cat "$work/err3"; fail "$label: expected: $message"; }
  echo "checkpoint_resume: $label: refused"
}
ck="$work/ck.json"
expect_refused "another seed" \
  "spendcast run: --resume $ck: not a checkpoint of this run: the seed: 20241120 in the checkpoint, 5 in this run" \
  "${run[@]}" --seed 5 --resume "$ck" --checkpoint "$work/other.json"
expect_refused "other paths" "not a checkpoint of this run: the paths: 600000 in the checkpoint, 500000 in this run" \
  run "$scenario" --paths 500000 --steps-per-year 2 --quiet --resume "$ck" --checkpoint "$work/other.json"
expect_refused "another option" "not a checkpoint of this run: the steps per year: 2 in the checkpoint, 4 in this run" \
  run "$scenario" --paths 600000 --steps-per-year 4 --quiet --resume "$ck" --checkpoint "$work/other.json"
expect_refused "another scenario value" \
  "not a checkpoint of this run: the scenario: overrides: [] in the checkpoint, [\"spend.volatility=0.3\"] in this run" \
  "${run[@]}" --set spend.volatility=0.3 --resume "$ck" --checkpoint "$work/other.json"
expect_refused "another scenario" "not a checkpoint of this run: the scenario: " \
  run "$root/scenarios/agents-boom.toml" --paths 600000 --steps-per-year 2 --quiet --resume "$ck" \
  --checkpoint "$work/other.json"
"$py" -c 'import json, sys
j = json.load(open(sys.argv[1])); j["run"]["engine_version"] = "0.0.1 (git 000000000000)"
json.dump(j, open(sys.argv[2], "w"))' "$ck" "$work/old-build.json"
expect_refused "another build" \
  "not a checkpoint of this run: the build (engine version): \"0.0.1 (git 000000000000)\" in the checkpoint" \
  "${run[@]}" --resume "$work/old-build.json"
"$py" -c 'import json, sys
j = json.load(open(sys.argv[1])); j["done"][0][1] -= 1
json.dump(j, open(sys.argv[2], "w"))' "$ck" "$work/damaged.json"
expect_refused "a damaged checkpoint" \
  "spendcast run: --resume $work/damaged.json: not a spendcast checkpoint: state_checksum: the state does not match its checksum" \
  "${run[@]}" --resume "$work/damaged.json"
expect_refused "a result file" \
  "not a spendcast checkpoint: format \"spendcast-result/2\" (expected \"spendcast-checkpoint/1\": a result file, not a checkpoint)" \
  "${run[@]}" --resume "$work/whole.json" --checkpoint "$work/other.json"
head -c 1000 "$ck" >"$work/cut.json"
expect_refused "a cut checkpoint" "$work/cut.json: not a spendcast checkpoint: not JSON" \
  "${run[@]}" --resume "$work/cut.json"
expect_refused "a missing checkpoint" "$work/absent.json" "${run[@]}" --resume "$work/absent.json"
expect_refused "--target-se" "spendcast run: --checkpoint cannot be combined with --target-se" \
  "${run[@]}" --checkpoint "$work/t.json" --target-se 0.01
expect_refused "--condition" "spendcast run: --resume cannot be combined with --condition" \
  "${run[@]}" --resume "$ck" --condition "$root/tests/doc_samples/condition.toml"
expect_refused "--checkpoint-every 0" "--checkpoint-every 0: expected seconds > 0" \
  "${run[@]}" --checkpoint "$work/t.json" --checkpoint-every 0
expect_refused "--checkpoint-every alone" "--checkpoint-every needs --checkpoint FILE" \
  "${run[@]}" --checkpoint-every 5
expect_refused "the checkpoint as the result" "" \
  "${run[@]}" --checkpoint "$work/same.json" --json "$work/same.json"
# Under mpirun with several ranks a checkpoint (one process's) is refused (when this build
# has MPI support and mpirun is installed).
if command -v mpirun >/dev/null; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
  export OMPI_MCA_btl=self,vader OMPI_MCA_rmaps_base_oversubscribe=1
  mpirun --oversubscribe -n 2 "$spendcast" "${run[@]}" --checkpoint "$work/t.json" \
    >"$work/out" 2>"$work/err4"
  if grep -q "MPI support" "$work/err4"; then
    echo "checkpoint_resume: under mpirun: skipped (a build without MPI support)"
  else
    grep -qF "spendcast run: --checkpoint and --resume run as one process" "$work/err4" ||
      { cat "$work/err4"; fail "under mpirun: --checkpoint not refused"; }
    echo "checkpoint_resume: under mpirun: refused"
  fi
fi
[ ! -e "$work/t.json" ] || fail "a refused run wrote a checkpoint"
echo "checkpoint_resume: ok"
