#!/usr/bin/python3
"""Statistical cross-check of spendcast against the NumPy reference implementation.

Usage: compare_with_numpy.py ENGINE.json NUMPY.json

For spend, every vendor share and every segment share, in every year, the mean and the
5th, 50th and 95th percentiles of the two implementations must agree within 4 combined
standard errors (different random numbers, same distributions). Standard errors: the
engine reports its own (se of the mean; binomial-method se of each quantile); for the
reference, sd/sqrt(n) for the mean and, for a quantile, the density-based
se = sqrt(p(1-p)/n) * dQ/dp with dQ/dp from its percentiles p-1 % and p+1 %. The
engine's quantiles come from a sketch with relative accuracy a (run.relative_accuracy),
so a*|q| is added to the allowed difference. Prints one line per failure and a summary;
exits 1 when anything disagrees.
"""
import json
import math
import sys

LEVELS = {"0.05": 5, "0.5": 50, "0.95": 95}


def reference_quantile_se(stats, pct, n):
    p = pct / 100.0
    perc = stats["percentiles"]
    lo, hi = perc[str(max(pct - 1, 1))], perc[str(min(pct + 1, 99))]
    width = (min(pct + 1, 99) - max(pct - 1, 1)) / 100.0
    return math.sqrt(p * (1 - p) / n) * (hi - lo) / width


def main(engine_path, reference_path):
    engine = json.load(open(engine_path))
    reference = json.load(open(reference_path))
    n_ref = reference["paths"]
    accuracy = engine["run"]["relative_accuracy"]
    metrics = [m for m in reference["metrics"]
               if m == "spend" or m.startswith("share.") or m.startswith("share_segment.")]
    failures, checks = [], 0
    for metric in metrics:
        if metric not in engine["metrics"]:
            failures.append(f"{metric}: missing from the engine's result")
            continue
        for year, ref in reference["metrics"][metric].items():
            eng = engine["metrics"][metric][year]
            # mean
            se = math.hypot(eng["se"], ref["se"])
            diff = abs(eng["mean"] - ref["mean"])
            checks += 1
            if diff > 4 * se and diff > 1e-12:
                failures.append(f"{metric} {year} mean: engine {eng['mean']:.6g} reference "
                                f"{ref['mean']:.6g} ({diff / se:.1f} se)")
            for level, pct in LEVELS.items():
                q_e = eng["quantiles"][level]
                q_r = ref["percentiles"][str(pct)]
                se = math.hypot(eng["quantile_se"][level], reference_quantile_se(ref, pct, n_ref))
                diff = abs(q_e - q_r)
                checks += 1
                if diff > 4 * se + accuracy * abs(q_r) and diff > 1e-12:
                    failures.append(f"{metric} {year} q{pct}: engine {q_e:.6g} reference {q_r:.6g} "
                                    f"({diff / se if se else float('inf'):.1f} se)")
    for f in failures:
        print("DISAGREE", f)
    print(f"{checks - len(failures)} passed, {len(failures)} failed")
    return 1 if failures or checks == 0 else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
