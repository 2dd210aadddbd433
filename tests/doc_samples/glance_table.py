#!/usr/bin/env python3
"""docs/SCENARIOS.md's "At a glance" table, from runs of the build (tools/doc-samples runs
it for the table's `<!-- sample: checked table ... -->` marker):

    glance_table.py PATHS NAME...

prints one line per scenario, cells separated by tabs: the name; spend in 2027 and 2030 as
"median [5 %–95 %]" in whole $B; the vendors with the largest median share in 2030 (every
vendor within 5 points of the largest, in whole percent); P(Anthropic > OpenAI) in 2027 to
two decimals ("> 0.99" above 0.995)."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from scenario_runs import run_scenario


def spend(document: dict[str, Any], year: str) -> str:
    q = document["metrics"]["spend"][year]["quantiles"]
    return f"{q['0.5']:.0f} [{q['0.05']:.0f}–{q['0.95']:.0f}]"


def largest_shares(document: dict[str, Any], year: str) -> str:
    medians = {metric[len("share."):]: cells[year]["quantiles"]["0.5"]
               for metric, cells in document["metrics"].items()
               if metric.startswith("share.") and year in cells}
    top = max(medians.values())
    near = sorted((v for v in medians if medians[v] >= top - 0.05), key=lambda v: -medians[v])
    return ", ".join(f"{v} {100 * medians[v]:.0f} %" for v in near)


def anthropic_over_openai(document: dict[str, Any], year: str) -> str:
    pairs = document["probabilities"]["pairs"]
    if "Anthropic>OpenAI" in pairs:
        p = float(pairs["Anthropic>OpenAI"][year]["p"])
    else:  # stored the other way round; continuous shares tie with probability 0
        p = 1.0 - float(pairs["OpenAI>Anthropic"][year]["p"])
    return "> 0.99" if p > 0.995 else f"{p:.2f}"


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: glance_table.py PATHS NAME...", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        for name in argv[1:]:
            document = run_scenario(name, argv[0], Path(folder))
            print("\t".join([name, spend(document, "2027"), spend(document, "2030"),
                             largest_shares(document, "2030"),
                             anthropic_over_openai(document, "2027")]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
