#!/usr/bin/env python3
"""README's table of the bundled scenarios, from runs of the build (tools/doc-samples runs
it for the table's `<!-- sample: checked table ... -->` marker):

    horizon_table.py PATHS NAME...

runs `spendcast run scenarios/NAME.toml --paths PATHS` for each NAME and prints one line per
scenario, its cells separated by tabs: `NAME` (in backticks), spend at the horizon as
"median [5 %, 95 %] (year)" in whole $B, and the vendor most often the largest at the
horizon with that probability in whole percent."""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from scenario_runs import run_scenario


def row(name: str, paths: str, folder: Path) -> str:
    document = run_scenario(name, paths, folder)
    spend = document["metrics"]["spend"]
    horizon = max(spend, key=int)
    quantiles = spend[horizon]["quantiles"]
    leaders = document["probabilities"]["leader"][horizon]
    leader = max(leaders, key=lambda vendor: leaders[vendor]["p"])
    return "\t".join([
        f"`{name}`",
        f"{quantiles['0.5']:.0f} [{quantiles['0.05']:.0f}, {quantiles['0.95']:.0f}] ({horizon})",
        f"{leader} {100 * leaders[leader]['p']:.0f} %"])


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print("usage: horizon_table.py PATHS NAME...", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        for name in argv[1:]:
            print(row(name, argv[0], Path(folder)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
