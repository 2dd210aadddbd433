#!/usr/bin/python3
"""Reduces a spendcast result JSON to its golden part: per metric and year the mean, sd
and the 5/50/95 % quantiles, and every probability; nothing that depends on the machine
(timings, threads, version). Usage: reduce.py RESULT.json > GOLDEN.json"""
import json
import sys

result = json.load(open(sys.argv[1]))
golden = {
    "scenario": result["scenario"]["name"],
    "run": {k: result["run"][k] for k in ("paths", "seed", "steps_per_year", "sampling")},
    "metrics": {
        metric: {year: {"mean": s["mean"], "sd": s["sd"],
                        **{f"q{level}": s["quantiles"][level] for level in ("0.05", "0.5", "0.95")
                           if level in s["quantiles"]}}
                 for year, s in years.items()}
        for metric, years in result["metrics"].items()
    },
    "probabilities": result["probabilities"],
}
json.dump(golden, sys.stdout, indent=1, sort_keys=True)
sys.stdout.write("\n")
