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

from result_figures import interval, pair_probability, probability
from scenario_runs import run_scenario


def largest_shares(document: dict[str, Any], year: str) -> str:
    medians = {metric[len("share."):]: cells[year]["quantiles"]["0.5"]
               for metric, cells in document["metrics"].items()
               if metric.startswith("share.") and year in cells}
    top = max(medians.values())
    near = sorted((v for v in medians if medians[v] >= top - 0.05), key=lambda v: -medians[v])
    return ", ".join(f"{v} {100 * medians[v]:.0f} %" for v in near)


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: glance_table.py PATHS NAME...", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        for name in argv[1:]:
            document = run_scenario(name, argv[0], Path(folder))
            print("\t".join([name, interval(document, "spend", "2027"),
                             interval(document, "spend", "2030"),
                             largest_shares(document, "2030"),
                             probability(pair_probability(document, "Anthropic", "OpenAI",
                                                          "2027"))]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
