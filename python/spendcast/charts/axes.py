"""Helpers every chart shares: axis formats, warnings, the subtitle and the series
of a fan."""

from __future__ import annotations

import math
import sys
from typing import Any, Iterable, Optional, Sequence, TYPE_CHECKING

from matplotlib import ticker
from matplotlib.colors import to_rgb

from . import style
from .fields import FAN_LEVELS, InputError

if TYPE_CHECKING:
    import numpy as np
    from matplotlib.axes import Axes


BAND_OUTER = 0.16  # alpha of the 5-95 % band
BAND_INNER = 0.34  # alpha of the 25-75 % band


def warn(message: str) -> None:
    print(f"spendcast-plot: warning: {message}", file=sys.stderr)


# -- axes helpers --------------------------------------------------------------------
def _plain(v: float, _pos: Optional[int] = None) -> str:
    if v == 0:
        return "0"
    if abs(v) >= 1:
        return style.fmt_num(v, ",.0f") if abs(v - round(v)) < 1e-9 else style.fmt_num(v, "g")
    return style.fmt_num(v, "g")


def _percent(v: float, _pos: Optional[int] = None) -> str:
    """A share's tick label: '12 %', or '12.5 %' between whole percents."""
    whole = abs(100 * v - round(100 * v)) < 1e-6
    return style.fmt_num(100 * v, ".0f" if whole else ".1f") + " %"


def format_value_axis(ax: Axes, metric: str, log: bool = False, axis: str = "y") -> None:
    kind = style.metric_kind(metric)
    target = ax.yaxis if axis == "y" else ax.xaxis
    if log:
        (ax.set_yscale if axis == "y" else ax.set_xscale)("log")
        target.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        target.set_minor_locator(ticker.NullLocator())
    if kind == "share":
        target.set_major_formatter(ticker.PercentFormatter(1.0, decimals=None))
        if not log:
            target.set_major_formatter(ticker.FuncFormatter(_percent))
    elif kind == "ratio":
        target.set_major_formatter(ticker.FuncFormatter(lambda v, _p: style.fmt_num(v, "g") + "×"))
    else:
        target.set_major_formatter(ticker.FuncFormatter(_plain))


def format_year_axis(ax: Axes, years: Iterable[int], pad_left: float = 0.35,
                     pad_right: float = 0.35, max_ticks: int = 12) -> None:
    """Year ticks: every computed year when they are few (max_ticks or fewer), else every
    step-th year from the first, the last one always (so the first year shown, the base
    year or the first observed one, is always labelled)."""
    ax.set_xticks(year_ticks(years, max_ticks))
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{int(round(v))}"))
    ax.set_xlim(min(years) - pad_left, max(years) + pad_right)
    ax.grid(axis="x", visible=False)


def year_ticks(years: Iterable[int], max_ticks: int = 12) -> list[int]:
    """The labelled years of a year axis (format_year_axis): all of them when there are
    max_ticks or fewer; else the first, every step-th after it and the last, where a
    step-th year too close to the last (less than half a step) gives way to it."""
    years = sorted(set(years))
    if len(years) <= max_ticks:
        return years
    step = math.ceil((years[-1] - years[0] + 1) / max_ticks)
    ticks = list(range(years[0], years[-1] - step // 2, step))
    return ticks + [years[-1]]


def luminance(colour: str) -> float:
    r, g, b = to_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def subtitle(r: Any) -> str:
    """The subtitle naming a scenario: its title, else "Scenario NAME" (and what it
    extends): never a parent's title or description."""
    if r.title != r.name:
        return r.title
    extends = getattr(r, "extends", [])
    return f"Scenario {r.name}" + (f" (extends {', '.join(extends)})" if extends else "")


def fan_series(q: np.ndarray) -> dict[str, list[float]]:
    return {f"q{lv:g}": [float(v) for v in row] for lv, row in zip(FAN_LEVELS, q)}


def check_fan(years: Sequence[int], q: np.ndarray) -> None:
    if len(years) < 2:
        raise InputError("a fan needs at least two years")




def year_runs(years: Sequence[int]) -> list[list[int]]:
    """The years split into runs of consecutive years: [2025, 2026, 2030] ->
    [[2025, 2026], [2030]]."""
    runs = []
    for y in years:
        if runs and y == runs[-1][-1] + 1:
            runs[-1].append(y)
        else:
            runs.append([y])
    return runs


def with_gaps(years: Sequence[int], *series: Sequence[float]) -> tuple[list[float], ...]:
    """Years and series with a NaN put between years that are not consecutive, so that a
    line or band drawn through them stops at a year that was not computed."""
    xs = []
    out = [[] for _ in series]
    for i, y in enumerate(years):
        if i and y != years[i - 1] + 1:
            xs.append(0.5 * (y + years[i - 1]))
            for o in out:
                o.append(float("nan"))
        xs.append(y)
        for o, s in zip(out, series):
            o.append(s[i])
    return (xs, *out)


def plot_by_year(ax: Axes, years: Sequence[int], median: Sequence[float], colour: str, gid: str,
                 low: Optional[Sequence[float]] = None, high: Optional[Sequence[float]] = None,
                 lw: float = 2.0, alpha: float = 0.15, label: Optional[str] = None) -> None:
    """A quantity by year as the years were computed: a marker at each year, the line and
    the low-high band only between consecutive years (never across a year that is not
    there), and a vertical low-high bar at a year that stands alone."""
    xs, med, lo, hi = with_gaps(list(years), median, low or median, high or median)
    if low is not None and high is not None:
        ax.fill_between(xs, lo, hi, color=colour, alpha=alpha, lw=0)
        for run in year_runs(list(years)):
            if len(run) == 1:
                i = list(years).index(run[0])
                ax.vlines(run[0], low[i], high[i], color=colour, lw=lw * 2.5, alpha=alpha + 0.1)
    ax.plot(xs, med, "-o", color=colour, lw=lw, ms=4, label=label, gid=gid, zorder=4)
