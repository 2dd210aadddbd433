"""Figures of a result document (docs/RESULT-FORMAT.md) as the documentation writes them, for
the tables of tests/doc_samples/: intervals "median [5 %–95 %]" and probabilities."""
from __future__ import annotations

from typing import Any


class MissingFigure(LookupError):
    """The result document has no such metric, year, threshold, event or vendor."""


def interval(document: dict[str, Any], metric: str, year: str, scale: float = 1.0,
             decimals: int = 0) -> str:
    """The median of METRIC in YEAR and its 90 % interval, "m [q5–q95]", each value times
    `scale`, at `decimals` decimals."""
    try:
        q = document["metrics"][metric][year]["quantiles"]
    except KeyError as error:
        raise MissingFigure(f"no metric {metric} in {year}") from error
    return (f"{scale * q['0.5']:.{decimals}f} "
            f"[{scale * q['0.05']:.{decimals}f}–{scale * q['0.95']:.{decimals}f}]")


def probability(p: float) -> str:
    """P at two decimals; "> 0.99" above 0.995 and "< 0.01" below 0.005, where two decimals
    would round to a certainty."""
    if p > 0.995:
        return "> 0.99"
    if p < 0.005:
        return "< 0.01"
    return f"{p:.2f}"


def pair_probability(document: dict[str, Any], first: str, second: str, year: str) -> float:
    """P(share of `first` > share of `second`) in YEAR; the file stores each pair once, in
    its vendors' order, and continuous shares tie with probability 0."""
    pairs = document["probabilities"]["pairs"]
    try:
        if f"{first}>{second}" in pairs:
            return float(pairs[f"{first}>{second}"][year]["p"])
        return 1.0 - float(pairs[f"{second}>{first}"][year]["p"])
    except KeyError as error:
        raise MissingFigure(f"no pair {first}, {second} in {year}") from error
