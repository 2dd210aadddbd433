"""A `spendcast backtest --json` file (docs/ANALYSIS.md, "backtest") and its two charts:
the PIT histogram (uniform when the forecasts are calibrated) and the reliability chart
(the observed coverage of the 50 % and 90 % intervals by horizon, against the nominal)."""

from __future__ import annotations

import math
from typing import Any

from . import style
from .fields import InputError, field, number
from .output import Chart

BACKTEST_FORMAT = "spendcast-backtest/1"


class BacktestRun:
    """The scores of one `spendcast backtest` run, checked."""

    def __init__(self, doc: dict[str, Any], path: str) -> None:
        self.path = path
        self.scenario = str(field(doc, path, ["scenario"], str))
        self.paths = int(field(doc, path, ["paths"], int))
        self.references = [str(r) for r in field(doc, path, ["references"], list)]
        hist = field(doc, path, ["pit_histogram"], list)
        if len(hist) != 10 or any(not isinstance(c, int) or c < 0 for c in hist):
            raise InputError(f"{path}: pit_histogram is not 10 counts")
        self.pit_counts: list[int] = hist
        self.horizons: list[dict[str, Any]] = []
        for h in field(doc, path, ["by_horizon"], list):
            count = int(field(h, path, ["count"], int))
            c50, c90 = number(h.get("coverage_50")), number(h.get("coverage_90"))
            if count <= 0 or c50 is None or c90 is None:
                raise InputError(f"{path}: a by_horizon entry without count and coverage")
            self.horizons.append({"horizon": int(field(h, path, ["horizon"], int)),
                                  "count": count, "coverage_50": c50, "coverage_90": c90})
        if not self.horizons or sum(self.pit_counts) == 0:
            raise InputError(f"{path}: no scored observation")
        self.name = f"backtest-{self.scenario}"
        self.label = self.name

    def source_line(self) -> str:
        """'Backtest of …: references, paths, observations.'"""
        n = sum(self.pit_counts)
        return (f"spendcast backtest of {self.scenario} on {', '.join(self.references)}; "
                f"{self.paths} paths per origin, {n} scored shares.")


def pit_chart(b: BacktestRun) -> Chart:
    """The PIT histogram in tenths, with the uniform line and its ±2 standard-error band
    (binomial, n/10 expected per bin)."""
    ch = Chart(f"{b.label}.pit", 7.0, 4.6)
    ax = ch.axes
    ch.name_axes("main", ax)
    n = sum(b.pit_counts)
    expected = n / 10
    se = math.sqrt(n * 0.1 * 0.9)
    lefts = [k / 10 for k in range(10)]
    ax.bar(lefts, b.pit_counts, width=0.1, align="edge", color=style.FALLBACK[4],
           edgecolor="white", gid="pit-counts")
    ax.axhline(expected, color="black", lw=1.0, ls="--", gid="uniform")
    ax.axhspan(max(0.0, expected - 2 * se), expected + 2 * se, color="grey", alpha=0.15,
               gid="uniform-band")
    ax.set_xlim(0, 1)
    ax.set_xlabel("PIT: the forecast's probability of a value at or below the outcome")
    ax.set_ylabel("observations")
    ch.data.update({"kind": "pit", "file": b.path, "bins": lefts, "counts": b.pit_counts,
                    "expected": expected, "band_2se": [expected - 2 * se, expected + 2 * se]})
    ch.finish("Probability integral transforms",
              "Uniform when calibrated; a U shape means intervals too narrow, a hump too wide",
              b.source_line())
    return ch


def reliability_chart(b: BacktestRun) -> Chart:
    """Observed coverage of the 50 % and 90 % intervals by horizon, each with ±2 binomial
    standard errors, against the nominal levels."""
    ch = Chart(f"{b.label}.reliability", 7.0, 4.6)
    ax = ch.axes
    ch.name_axes("main", ax)
    hs = [h["horizon"] for h in b.horizons]
    series = []
    for k, (level, key) in enumerate(((0.5, "coverage_50"), (0.9, "coverage_90"))):
        colour = style.FALLBACK[k]
        cov = [h[key] for h in b.horizons]
        err = [2 * math.sqrt(level * (1 - level) / h["count"]) for h in b.horizons]
        ax.errorbar(hs, cov, yerr=err, marker="o", color=colour, capsize=3, lw=1.6,
                    label=f"{int(level * 100)} % interval", gid=f"coverage-{int(level * 100)}")
        ax.axhline(level, color=colour, ls="--", lw=1.0, gid=f"nominal-{int(level * 100)}")
        series.append({"level": level, "horizons": hs, "coverage": cov, "two_se": err})
    ax.set_xticks(hs)
    ax.set_xlabel("years ahead")
    ax.set_ylabel("share of outcomes inside the interval")
    ax.set_ylim(0, 1)
    ax.legend(loc="lower left", fontsize=8)
    ch.data.update({"kind": "reliability", "file": b.path, "series": series,
                    "counts": [h["count"] for h in b.horizons]})
    ch.finish("Interval coverage by horizon",
              "Observed coverage against the nominal 50 % and 90 % (dashed), ±2 standard errors",
              b.source_line())
    return ch
