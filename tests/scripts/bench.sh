#!/usr/bin/env bash
# `spendcast bench` at small size (the numbers' plausibility, not their values): the table's
# shape, the JSON's keys, positive finite throughputs, efficiency in (0, 1.5], --compare-to
# against a run of the same build (ratios near 1) and against a doctored file (the change
# and the machine note are reported), files that are not bench results and bad options
# (exit 2), and --with-numpy when /usr/bin/python3 has NumPy and SciPy (a clear message
# when it lacks them). Usage: bench.sh SPENDCAST_BINARY. About 10 s on 2 cores.
set -euo pipefail
spendcast="$1"
python=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
fail() { echo "bench: FAIL: $*" >&2; exit 1; }
small=(--paths 2000 --repeat 3 --threads 1,2)

# 1. the table and the JSON
"$spendcast" bench "${small[@]}" --json "$work/a.json" >"$work/a.txt" 2>"$work/a.err" ||
  fail "bench exited $?: $(cat "$work/a.err")"
grep -q '^machine: .*logical cores$' "$work/a.txt" || fail "no machine line"
grep -q '^build:   spendcast .*-march=' "$work/a.txt" || fail "no build line"
grep -Eq '^scenario +threads +path-steps/s +min - max +ns/path-step +efficiency' "$work/a.txt" ||
  fail "no table header"
for s in ref-baseline ref-growth-only; do
  for t in 1 2; do
    grep -Eq "^$s +$t +[0-9.]+ [kM]? *[0-9]" "$work/a.txt" || fail "no row for $s, $t threads"
  done
  grep -Eq "^$s: 2000 paths x [0-9]+ steps; kernel [0-9.]+ ns per path-step on one thread, floor [0-9.]+ ns \(kernel/floor [0-9.]+\); peak memory [0-9.]+ MiB" \
    "$work/a.txt" || fail "no kernel/floor line for $s"
done
"$python" - "$work/a.json" <<'PY' || fail "the JSON"
import json, math, sys
d = json.load(open(sys.argv[1]))
assert d["format"] == "spendcast-bench/1", d["format"]
m = d["machine"]
assert set(m) == {"cpu", "logical_cores", "arch", "instruction_set", "engine_version"}, m
assert m["logical_cores"] >= 1 and m["cpu"] and m["engine_version"], m
assert d["repeat"] == 3
assert [s["name"] for s in d["scenarios"]] == ["ref-baseline", "ref-growth-only"]
ok = lambda x: isinstance(x, (int, float)) and math.isfinite(x) and x > 0
for s in d["scenarios"]:
    assert s["paths"] == 2000 and s["steps"] in (24, 6), s
    assert [r["threads"] for r in s["runs"]] == [1, 2]
    for r in s["runs"]:
        rate, ns = r["path_steps_per_s"], r["ns_per_path_step"]
        assert len(r["seconds"]) == 3 and all(ok(x) for x in r["seconds"]), r
        assert all(ok(rate[k]) and ok(ns[k]) for k in ("median", "min", "max")), r
        assert rate["min"] <= rate["median"] <= rate["max"], rate
        # ns per path-step and path-steps/s describe the same runs
        assert 0.5 < ns["median"] * rate["median"] / 1e9 < 2, (ns, rate)
        assert 1e3 < rate["median"] < 1e11, rate  # from a slow sanitizer build to a big machine
        # efficiency = throughput / (threads x throughput at 1 thread), from the same medians
        # (not a timing bound: on a loaded machine a 1-thread median can be slow enough that
        # 2 threads look super-linear)
        one = s["runs"][0]["path_steps_per_s"]["median"]
        want = rate["median"] / (r["threads"] * one)
        assert abs(r["efficiency"] - want) <= 1e-3 * want, (r["efficiency"], want)
    assert s["runs"][0]["efficiency"] == 1.0
    k = s["kernel"]
    assert ok(k["ns_per_path_step"]["median"]) and ok(k["floor_ns_per_path_step"]["median"]), k
    assert ok(k["kernel_over_floor"]), k
    # the model's work on top of its random numbers: best against best (a busy machine
    # inflates single repetitions, not the minima)
    assert 0.5 < k["ns_per_path_step"]["min"] / k["floor_ns_per_path_step"]["min"] < 100, k
    assert 1 << 20 < s["peak_memory_bytes"] < 1 << 40, s["peak_memory_bytes"]
    assert s["numpy"] is None
PY

# 2. --compare-to a run of the same build: ratios near 1 (loose: within 10x, for a shared machine)
"$spendcast" bench bench/scenarios/ref-growth-only.toml "${small[@]}" --compare-to "$work/a.json" \
  --json "$work/b.json" >"$work/b.txt" 2>/dev/null || fail "compare-to exited $?"
grep -q "^change against $work/a.json" "$work/b.txt" || fail "no change section"
grep -q "machines differ" "$work/b.txt" && fail "same machine reported as different"
"$python" - "$work/a.json" "$work/b.json" "$work/b.txt" <<'PY' || fail "the ratios"
import json, re, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
rows = [l.split() for l in open(sys.argv[3]) if re.match(r"ref-growth-only +[12] ", l)]
rows = rows[2:]  # the first two rows are the new run's table
assert len(rows) == 2, rows
old = {r["threads"]: r["path_steps_per_s"]["median"] for r in a["scenarios"][1]["runs"]}
new = {r["threads"]: r["path_steps_per_s"]["median"] for r in b["scenarios"][0]["runs"]}
for row in rows:
    t, ratio = int(row[1]), float(row[-1] if row[-1][0].isdigit() else row[-2])
    assert abs(ratio - new[t] / old[t]) < 1e-3 * ratio + 1e-3, (row, new[t] / old[t])
    assert 0.1 < ratio < 10, f"{t} threads: new/old {ratio} is not near 1"
PY

# 3. against a doctored file: 100x faster then (beyond any noise), on another machine
"$python" - "$work/a.json" "$work/old.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["machine"]["cpu"] = "Imaginary CPU 9000"
for r in d["scenarios"][1]["runs"]:
    for k in ("median", "min", "max"):
        r["path_steps_per_s"][k] *= 100
json.dump(d, open(sys.argv[2], "w"))
PY
"$spendcast" bench bench/scenarios/ref-growth-only.toml "${small[@]}" --compare-to "$work/old.json" \
  >"$work/c.txt" 2>/dev/null || fail "compare-to (doctored) exited $?"
[ "$(grep -Ec '^ref-growth-only +[12] .* slower *$' "$work/c.txt")" = 2 ] ||
  fail "a 100x slowdown is not reported: $(cat "$work/c.txt")"
grep -q "note: the machines differ (cpu 'Imaginary CPU 9000' then" "$work/c.txt" ||
  fail "no note on the different machine"

# 4. files that are not bench results, and bad options: exit 2 with a message
"$spendcast" run bench/scenarios/ref-growth-only.toml --paths 1000 -q --json "$work/result.json"
echo '{"format": "spendcast-bench/1", "scenarios": [{"name": "x"}]}' >"$work/partial.json"
echo 'not json' >"$work/garbage.json"
expect_usage() {  # expect_usage MESSAGE ARGS...: exit 2, MESSAGE on stderr, nothing on stdout
  local message="$1"; shift
  set +e
  "$spendcast" bench "$@" >"$work/out.txt" 2>"$work/err.txt"
  local code=$?
  set -e
  [ "$code" = 2 ] || fail "bench $*: exit $code, expected 2: $(cat "$work/err.txt")"
  grep -qF -- "$message" "$work/err.txt" || fail "bench $*: no '$message' in: $(cat "$work/err.txt")"
  [ ! -s "$work/out.txt" ] || fail "bench $*: printed a table"
}
expect_usage "result.json: not a spendcast bench result: \"format\" is \"spendcast-result/2\"" \
  --compare-to "$work/result.json"
expect_usage "garbage.json: not a spendcast bench result: not JSON" --compare-to "$work/garbage.json"
expect_usage "scenarios[0] lacks \"name\" or \"runs\"" --compare-to "$work/partial.json"
expect_usage "cannot open the file" --compare-to "$work/missing.json"
expect_usage "--threads 0: '0' is not a thread count" --threads 0
expect_usage "'x' is not a thread count" --threads 1,x
expect_usage "--repeat 0: expected 1 to 1000" --repeat 0
expect_usage "--paths abc: expected a whole number" --paths abc
expect_usage "unknown option" --bogus
expect_usage "missing.toml" "$work/missing.toml"
[ ! -e "$work/never.json" ] || fail "a file was written"

# 5. --with-numpy: the NumPy baseline side by side
if "$python" -c "import numpy, scipy" 2>/dev/null; then
  "$spendcast" bench bench/scenarios/ref-growth-only.toml --paths 2000 --repeat 1 --threads 1 \
    --with-numpy --json "$work/n.json" >"$work/n.txt" 2>"$work/n.err" ||
    fail "--with-numpy exited $?: $(cat "$work/n.err")"
  grep -Eq '^ref-growth-only: NumPy baseline [0-9.]+ [kM]? ?path-steps/s; engine/NumPy [0-9.]+x at 1 thread$' \
    "$work/n.txt" || fail "no NumPy line: $(cat "$work/n.txt")"
  "$python" -c "
import json, math, sys
n = json.load(open(sys.argv[1]))['scenarios'][0]['numpy']
assert n['path_steps_per_s']['median'] > 0 and math.isfinite(n['engine_over_numpy']['1'])
assert 0 < n['engine_over_numpy']['1'] < 1e4, n
" "$work/n.json" || fail "the NumPy JSON"
else
  echo "bench: --with-numpy not run: /usr/bin/python3 lacks numpy or scipy (python3-numpy, python3-scipy)"
fi
# a Python without NumPy (the system one without its site packages): a clear message, exit 1
printf '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n' >"$work/bare-python"
chmod +x "$work/bare-python"
set +e
SPENDCAST_PYTHON="$work/bare-python" "$spendcast" bench --paths 1000 --repeat 1 --threads 1 \
  --with-numpy >"$work/out.txt" 2>"$work/err.txt"
code=$?
set -e
[ "$code" = 1 ] || fail "--with-numpy without NumPy: exit $code, expected 1"
grep -q "cannot import numpy; install it (Debian: apt install python3-numpy)" "$work/err.txt" ||
  fail "--with-numpy without NumPy: $(cat "$work/err.txt")"
echo "bench: all checks passed"
