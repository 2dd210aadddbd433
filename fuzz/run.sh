#!/usr/bin/env bash
# Runs every libFuzzer harness of the fuzz preset for DURATION each (45s, 30m, 8h), as many
# at once as there are cores, on its seed corpus (fuzz/corpus/NAME, read only) and a
# working corpus CORPUS_DIR/NAME/corpus that keeps what they find between runs. Crashing
# inputs land in CORPUS_DIR/NAME/crashes/; the script then prints them and exits 1.
#
#   cmake --preset fuzz && cmake --build --preset fuzz -j"$(nproc)"
#   fuzz/run.sh 45s                       # the CI smoke (a fresh temporary corpus)
#   fuzz/run.sh 8h ~/spendcast-fuzz       # a long run; run it again to continue
#
# Replay a crash: build/fuzz/fuzz/fuzz_NAME CRASH_FILE. Then make it a regression file of
# the normal suite (docs/RELIABILITY.md, "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/.."

usage() { echo "usage: fuzz/run.sh DURATION [CORPUS_DIR]   (DURATION: 45s, 30m, 8h)" >&2; exit 2; }
[ $# -ge 1 ] && [ $# -le 2 ] || usage
case "$1" in
  *[0-9]s) seconds=${1%s} ;;
  *[0-9]m) seconds=$(( ${1%m} * 60 )) ;;
  *[0-9]h) seconds=$(( ${1%h} * 3600 )) ;;
  *) usage ;;
esac
[[ "$seconds" =~ ^[0-9]+$ ]] && [ "$seconds" -gt 0 ] || usage

harnesses=(scenario_load set_override result_read observations_read)
bin=build/fuzz/fuzz
for h in "${harnesses[@]}"; do
  [ -x "$bin/fuzz_$h" ] || { echo "fuzz/run.sh: $bin/fuzz_$h missing: run cmake --preset fuzz && cmake --build --preset fuzz" >&2; exit 2; }
done

if [ $# -eq 2 ]; then
  work=$2
  mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/spendcast-fuzz.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
work=$(cd "$work" && pwd)

symbolizer=$(command -v llvm-symbolizer-14 || ls /usr/lib/llvm-14/bin/llvm-symbolizer 2>/dev/null || true)
export ASAN_OPTIONS="detect_leaks=1${symbolizer:+:external_symbolizer_path=$symbolizer}"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1${symbolizer:+:external_symbolizer_path=$symbolizer}"

run_one() {
  local h=$1 dir="$work/$1"
  mkdir -p "$dir/corpus" "$dir/crashes"
  # -timeout: one input may take 10 s; -rss_limit_mb: a reader may use 2 GiB (more is a
  # finding: inputs must not make it allocate without bound).
  "$bin/fuzz_$h" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$dir/crashes/" \
    "$dir/corpus" "fuzz/corpus/$h" >"$dir/log" 2>&1
}

jobs=$(nproc)
start=$(date +%s)
pids=()
for h in "${harnesses[@]}"; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do sleep 1; done
  echo "fuzz/run.sh: fuzz_$h for ${seconds}s" >&2
  run_one "$h" &
  pids+=($!)
done

failed=0
for i in "${!harnesses[@]}"; do
  h=${harnesses[$i]}
  if wait "${pids[$i]}"; then
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$h/log" | grep -o '[0-9]*$' || true)
    echo "fuzz/run.sh: fuzz_$h: no crash (${runs:-?} inputs)" >&2
  else
    failed=1
    echo "fuzz/run.sh: fuzz_$h FOUND A CRASH; the end of its log:" >&2
    tail -n 40 "$work/$h/log" >&2
    if [ $# -eq 2 ]; then
      ls -1 "$work/$h/crashes/" | sed "s|^|  $work/$h/crashes/|" >&2
    else  # the temporary folder goes: show the input, escaped
      for f in "$work/$h/crashes/"*; do
        [ -f "$f" ] && { echo "  $(basename "$f"):" >&2; od -c "$f" | head -n 20 >&2; }
      done
    fi
  fi
done
echo "fuzz/run.sh: $(( $(date +%s) - start )) s" >&2
exit "$failed"
