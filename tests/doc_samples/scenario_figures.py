#!/usr/bin/env python3
"""The figures of one scenario's section of docs/SCENARIOS.md, from a run of the build
(tools/doc-samples runs it for each section's `<!-- sample: checked table ... -->` marker):

    scenario_figures.py PATHS NAME [--versus OTHER] FIGURE...

runs `spendcast run scenarios/NAME.toml --paths PATHS` (and OTHER's, with --versus) and
prints one line per FIGURE, cells separated by tabs: the figure in words, its value in NAME
and, with --versus, in OTHER ("—" where OTHER has no such figure). A FIGURE is
  METRIC@YEAR         median [5 %–95 %]: spend and revenue.V in $B (one decimal below 10),
                      share.V and share_segment.S in whole percent ("35 % [18–55]"), hhi at two decimals;
  METRIC>=X@YEAR      P(METRIC ≥ X in YEAR), a `report.thresholds` entry of the scenario;
  A>B@YEAR            P(vendor A's share > vendor B's in YEAR);
  leader.V@YEAR       P(vendor V has the largest share in YEAR);
  event.E@YEAR        P(event E has fired by the end of YEAR).
Probabilities have two decimals ("> 0.99", "< 0.01" at the ends). A figure NAME's result
lacks is an error (exit 1), so a table cannot quietly lose a row."""
from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable

from result_figures import MissingFigure, interval, pair_probability, probability
from scenario_runs import run_scenario

Document = dict[str, Any]


def metric_words(metric: str) -> str:
    """How the documentation names METRIC ("Anthropic's share", "applications' share of
    spend")."""
    kind, _, name = metric.partition(".")
    apostrophe = "'" if name.endswith("s") else "'s"
    if kind == "share" and name:
        return f"{name}{apostrophe} share"
    if kind == "share_segment" and name:
        return f"{name}{apostrophe} share of spend"
    if kind == "revenue" and name:
        return f"{name}{apostrophe} revenue"
    if metric == "hhi":
        return "HHI"
    return metric


def distribution(metric: str, year: str) -> tuple[str, Callable[[Document], str]]:
    """METRIC@YEAR: its median and 90 % interval, in the metric's unit."""
    if metric == "spend" or metric.startswith(("spend.", "revenue.")):
        def money(document: Document) -> str:
            try:
                median = document["metrics"][metric][year]["quantiles"]["0.5"]
            except KeyError as error:
                raise MissingFigure(f"no metric {metric} in {year}") from error
            return interval(document, metric, year, decimals=1 if median < 10 else 0)
        return f"{metric_words(metric)} {year} ($B)", money
    if metric.startswith(("share.", "share_segment.")):
        def percent(document: Document) -> str:
            median, _, rest = interval(document, metric, year, scale=100).partition(" ")
            return f"{median} % {rest}"
        return f"{metric_words(metric)} {year}", percent
    return f"{metric_words(metric)} {year}", lambda document: interval(document, metric, year,
                                                                      decimals=2)


def threshold_words(metric: str, value: str) -> str:
    """`METRIC ≥ X` in the documentation's units."""
    if metric == "spend" or metric.startswith(("spend.", "revenue.")):
        return f"{metric_words(metric)} ≥ {value} bn"
    if metric.startswith(("share.", "share_segment.")):
        return f"{metric_words(metric)} ≥ {100 * float(value):g} %"
    return f"{metric_words(metric)} ≥ {value}"


def chance(path: list[str], where: str) -> Callable[[Document], str]:
    """The probability at `path` inside the document's "probabilities"."""
    def read(document: Document) -> str:
        node: Any = document["probabilities"]
        for key in path:
            if not isinstance(node, dict) or key not in node:
                raise MissingFigure(f"no {where}")
            node = node[key]
        return probability(float(node["p"]))
    return read


def figure(spec: str) -> tuple[str, Callable[[Document], str]]:
    """A FIGURE argument: its words and how to read its value from a result document."""
    match = re.fullmatch(r"(.+)@(\d{4})", spec)
    if not match:
        raise ValueError(f"figure {spec!r}: expected ...@YEAR")
    what, year = match.groups()
    if ">=" in what:
        metric, _, value = what.partition(">=")
        # thresholds are keyed by the shortest decimal of the number (0.3, not 0.30)
        key = format(float(value), "g") if "." in value else value
        return (f"P({threshold_words(metric, value)}, {year})",
                chance(["thresholds", metric, key, year], f"threshold {metric} ≥ {value}"))
    if ">" in what:
        first, _, second = what.partition(">")
        return (f"P({first}'s share > {second}'s, {year})",
                lambda document: probability(pair_probability(document, first, second, year)))
    if what.startswith("leader."):
        vendor = what[len("leader."):]
        return (f"P({vendor} has the largest share, {year})",
                chance(["leader", year, vendor], f"leader {vendor} in {year}"))
    if what.startswith("event."):
        event = what[len("event."):]
        return f"P({event} by {year})", chance(["events", event, year], f"event {event}")
    return distribution(what, year)


def main(argv: list[str]) -> int:
    versus = None
    if len(argv) >= 3 and argv[2] == "--versus":
        versus = argv[3] if len(argv) > 3 else None
        argv = argv[:2] + argv[4:]
        if versus is None:
            argv = []
    if len(argv) < 3:
        print("usage: scenario_figures.py PATHS NAME [--versus OTHER] FIGURE...",
              file=sys.stderr)
        return 2
    paths, name, specs = argv[0], argv[1], argv[2:]
    try:
        figures = [figure(spec) for spec in specs]
    except ValueError as error:
        print(f"scenario_figures.py: {error}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as folder:
        document = run_scenario(name, paths, Path(folder))
        other = run_scenario(versus, paths, Path(folder)) if versus else None
        for words, read in figures:
            try:
                cells = [words, read(document)]
            except MissingFigure as error:
                print(f"scenario_figures.py: {name}: {error}", file=sys.stderr)
                return 1
            if other is not None:
                try:
                    cells.append(read(other))
                except MissingFigure:
                    cells.append("—")
            print("\t".join(cells))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
