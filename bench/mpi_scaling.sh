#!/usr/bin/env bash
# Parallel efficiency of one run split across MPI ranks and across threads
# (docs/PERFORMANCE.md, "Ranks and threads"; docs/SCALING.md). Times the same run (scenario,
# paths, seed) as 1, 2, 4 ranks x 1 thread (mpirun) and 1 rank x 1, 2, 4 threads: wall time
# of the whole command (start-up, simulation, the ranks' merge, writing the result JSON),
# the best of REPEAT; efficiency = time(1 x 1) / (ranks x threads x time). Checks on the way
# that every configuration wrote the same result (state and statistics) as 1 x 1.
# Usage: bench/mpi_scaling.sh [SPENDCAST] [SCENARIO] [PATHS] [REPEAT] [COUNTS]
#   defaults: build/release/spendcast bench/scenarios/ref-baseline.toml 1000000 3 "1 2 4"
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
spendcast="${1:-$root/build/release/spendcast}"
scenario="${2:-$root/bench/scenarios/ref-baseline.toml}"
paths="${3:-1000000}"
repeat="${4:-3}"
read -r -a counts <<<"${5:-1 2 4}"
command -v mpirun >/dev/null || { echo "mpi_scaling: mpirun is not installed (openmpi-bin)" >&2; exit 1; }
# Open MPI refuses root without these; shared memory between ranks of this machine.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
volatile='del(.run.threads, .run.elapsed_s, .run.path_steps_per_s)'

# best_seconds RANKS THREADS: the best wall time of REPEAT runs; checks the result.
best_seconds() {
  local ranks="$1" threads="$2" best="" start end t
  local launch=()
  [ "$ranks" -gt 1 ] && launch=(mpirun --oversubscribe --bind-to none -n "$ranks")
  for _ in $(seq "$repeat"); do
    start=$(date +%s.%N)
    "${launch[@]}" "$spendcast" run "$scenario" --paths "$paths" --threads "$threads" --quiet \
      --json "$work/out.json"
    end=$(date +%s.%N)
    t=$(echo "$end - $start" | bc -l)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc -l)" = 1 ]; then best="$t"; fi
  done
  jq -S "$volatile" "$work/out.json" >"$work/$ranks.$threads.json"
  if [ -e "$work/1.1.json" ] && ! cmp -s "$work/1.1.json" "$work/$ranks.$threads.json"; then
    echo "mpi_scaling: $ranks ranks x $threads threads wrote another result than 1 x 1" >&2
    exit 1
  fi
  echo "$best"
}

echo "scenario: $(basename "$scenario"), $paths paths, best of $repeat; $(nproc) logical cores"
printf '%-7s %-8s %10s %12s %11s\n' ranks threads seconds speed-up efficiency
t1=$(best_seconds 1 1)
row() { # RANKS THREADS SECONDS
  local p=$(( $1 * $2 ))
  printf '%-7s %-8s %10.2f %12.2f %11.2f\n' "$1" "$2" "$3" "$(echo "$t1 / $3" | bc -l)" \
    "$(echo "$t1 / ($p * $3)" | bc -l)"
}
row 1 1 "$t1"
for r in "${counts[@]}"; do
  if [ "$r" -gt 1 ]; then row "$r" 1 "$(best_seconds "$r" 1)"; fi
done
for t in "${counts[@]}"; do
  if [ "$t" -gt 1 ]; then row 1 "$t" "$(best_seconds 1 "$t")"; fi
done
echo "every configuration wrote the same result as 1 rank x 1 thread"
