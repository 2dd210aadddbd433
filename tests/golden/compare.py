#!/usr/bin/python3
"""Compares a reduced result (reduce.py) with a golden file: every number must agree to a
relative 1e-9 (absolute 1e-12 near zero), every key must be present in both.
Usage: compare.py GOLDEN.json ACTUAL.json; exit 1 with the differences listed."""
import json
import math
import sys


def walk(expected, actual, path, out):
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            out.append(f"{path}: expected an object")
            return
        for k in sorted(set(expected) | set(actual)):
            if k not in actual:
                out.append(f"{path}/{k}: missing")
            elif k not in expected:
                out.append(f"{path}/{k}: not in the golden file")
            else:
                walk(expected[k], actual[k], f"{path}/{k}", out)
    elif isinstance(expected, (int, float)) and not isinstance(expected, bool):
        if not math.isclose(expected, actual, rel_tol=1e-9, abs_tol=1e-12):
            out.append(f"{path}: golden {expected!r}, now {actual!r}")
    elif expected != actual:
        out.append(f"{path}: golden {expected!r}, now {actual!r}")


golden, actual = (json.load(open(p)) for p in sys.argv[1:3])
diffs = []
walk(golden, actual, "", diffs)
for d in diffs[:40]:
    print(d)
if len(diffs) > 40:
    print(f"... and {len(diffs) - 40} more")
sys.exit(1 if diffs else 0)
