"""Charts of several scenarios: overlaid and side-by-side fans, and the chart of a
comparison file (spendcast compare --json)."""

from __future__ import annotations

import math
import os
from typing import Optional, Sequence, TYPE_CHECKING

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import style
from .axes import (BAND_INNER, BAND_OUTER, fan_series, format_value_axis, format_year_axis,
                   plot_by_year, warn)
from .fields import InputError
from .output import Chart

if TYPE_CHECKING:
    from .analysis import Comparison
    from .result import Result
    from .style import Palette


# -- several scenarios ---------------------------------------------------------------
def _fan_metric(results: Sequence[Result], metric: str) -> str:
    """The metric for fans of several results: `metric` when every file has it in two or
    more years, else spend."""
    if all(len(r.years(metric)) >= 2 for r in results):
        return metric
    return "spend"


def overlay_chart(results: Sequence[Result], palette: Palette, metric: str = "spend",
                  log: bool = False) -> Chart:
    """Several scenarios' fans on one axes: median, 25-75 % band, 5th and 95th percentile
    as dotted lines."""
    metric = _fan_metric(results, metric)
    ch = Chart(f"compare.{metric.replace('.', '-')}-overlay", 9.8, 5.8)
    ax = ch.axes
    ch.name_axes("main", ax)
    series = {}
    all_years = set()
    for r in results:
        years, q = r.fan(metric)
        all_years.update(years)
        c = palette(r.label)
        ax.fill_between(years, q[1], q[3], color=c, alpha=0.13, lw=0)
        ax.plot(years, q[0], color=c, lw=0.9, ls=(0, (1.5, 2)))
        ax.plot(years, q[4], color=c, lw=0.9, ls=(0, (1.5, 2)))
        gid = f"median-{r.label}"
        ax.plot(years, q[2], color=c, lw=2.2,
                label=f"{r.label}: {style.fmt_value(metric, q[2][-1])} "
                      f"[{style.fmt_range(metric, q[0][-1], q[4][-1])}]",
                gid=gid, zorder=4)
        ch.gids[gid] = "main"
        series[r.label] = {"file": r.path, "years": years, **fan_series(q)}
    obs = results[0].observed(metric)
    handles, labels = ax.get_legend_handles_labels()
    if obs:
        ox, oy = zip(*obs)
        all_years.update(ox)
        h = ax.plot(ox, oy, "o", color=style.OBSERVED_COLOUR, ms=6, zorder=6)[0]
        handles.append(h)
        labels.append("observed")
    handles += [Patch(color="#777777", alpha=0.25), Line2D([], [], color="#777777", lw=0.9,
                                                           ls=(0, (1.5, 2)))]
    labels += ["25th–75th percentile", "5th and 95th percentiles"]
    format_year_axis(ax, sorted(all_years))
    format_value_axis(ax, metric, log)
    if not log:
        ax.set_ylim(bottom=0)
    ax.set_xlabel("Year")
    ax.set_ylabel(style.metric_label(metric))
    horizon = max(r.horizon for r in results)
    ax.legend(handles, labels, loc="upper left", title="median at the horizon [5–95 %]",
              title_fontsize=8.5, alignment="left")
    ch.data.update({"kind": "overlay", "metric": metric, "scenarios": series, "log": log})
    ch.finish(f"{style.metric_title(metric)}: {len(results)} scenarios compared"
              + (" (log scale)" if log else ""),
              "Medians with the middle half of paths shaded; dotted: 5th and 95th percentiles"
              f" (to {horizon})", style.source_line(results))
    return ch


def side_by_side_chart(results: Sequence[Result], palette: Palette, metric: str = "spend",
                       log: bool = False) -> Chart:
    """One full fan per scenario, side by side on a shared scale."""
    metric = _fan_metric(results, metric)
    n = len(results)
    ncols = min(n, 4)
    nrows = math.ceil(n / ncols)
    ch = Chart(f"compare.{metric.replace('.', '-')}-fans", 2.9 * ncols + 1.0,
               1.3 + 2.8 * nrows + 0.9, nrows=nrows, ncols=ncols, sharey=True, squeeze=False)
    axes = ch.axes
    series = {}
    for i, r in enumerate(results):
        ax = axes[i // ncols][i % ncols]
        years, q = r.fan(metric)
        c = palette(r.label)
        ax.fill_between(years, q[0], q[4], color=c, alpha=BAND_OUTER + 0.04, lw=0)
        ax.fill_between(years, q[1], q[3], color=c, alpha=BAND_INNER + 0.06, lw=0)
        gid = f"fan-median-{r.label}"
        ax.plot(years, q[2], color=c, lw=2.0, gid=gid)
        key = f"fan-{r.label}"
        ch.gids[gid] = key
        ch.name_axes(key, ax)
        obs = r.observed(metric)
        if obs:
            ox, oy = zip(*obs)
            ax.plot(ox, oy, "o", color=style.OBSERVED_COLOUR, ms=4.5, zorder=5)
        ax.set_title(f"{r.label}\n{r.horizon}: {style.fmt_value(metric, q[2][-1])} "
                     f"[{style.fmt_range(metric, q[0][-1], q[4][-1])}]",
                     loc="left", fontsize=9.5)
        format_year_axis(ax, ([obs[0][0]] if obs else []) + years, max_ticks=5)
        if i % ncols == 0:
            ax.set_ylabel(style.metric_label(metric, short=True))
        series[r.label] = {"file": r.path, "years": years, **fan_series(q)}
    for j in range(n, nrows * ncols):
        axes[j // ncols][j % ncols].set_visible(False)
    for ax in axes.flat:
        format_value_axis(ax, metric, log)
        if not log:
            ax.set_ylim(bottom=0)
    ch.data.update({"kind": "side-by-side", "metric": metric, "scenarios": series, "log": log})
    ch.finish(f"{style.metric_title(metric)} by scenario" + (" (log scale)" if log else ""),
              "Each panel: median, 25th–75th and 5th–95th percentile bands, observed points",
              style.source_line(results))
    return ch



# -- comparison files ----------------------------------------------------------------
def comparison_chart(c: Comparison, palette: Palette, metric: str = "spend") -> Chart:
    """From a `spendcast compare --json` file: each scenario against the first. Paired:
    the per-path difference B − A (median, 5–95 %) by year; else each one's median and
    5–95 %. Right: P(B > A) by year."""
    from types import SimpleNamespace

    metrics = c.metrics()
    if metric not in metrics:
        if not metrics:
            raise InputError(f"{c.path}: no metric compared")
        warn(f"{c.path}: {metric} not compared; showing {metrics[0]}")
        metric = metrics[0]
    a_label = c.comparisons[0]["a"]
    ch = Chart(f"{c.label}.comparison-{metric.replace('.', '-')}", 11.0, 5.4, nrows=1, ncols=2,
               gridspec_kw={"width_ratios": [1.35, 1.0]})
    ax, ax_p = ch.axes
    ch.name_axes("main", ax)
    ch.name_axes("p", ax_p)
    series = {}
    all_years = set()
    if not c.paired:  # the first input once, from the first comparison
        cells = c.cells(c.comparisons[0], metric)
        years = [y for y, _ in cells]
        med = [cell["a"]["median"] for _, cell in cells]
        plot_by_year(ax, years, med, palette(a_label), f"median-{a_label}",
                     [cell["a"]["p5"] for _, cell in cells],
                     [cell["a"]["p95"] for _, cell in cells], label=a_label)
        ch.gids[f"median-{a_label}"] = "main"
        series[a_label] = {"years": years, "median": med}
    for comp in c.comparisons:
        b = comp["b"]
        cells = c.cells(comp, metric)
        if not cells:
            continue
        years = [y for y, _ in cells]
        all_years.update(years)
        col = palette(b)
        entry = {"a": comp["a"], "years": years}
        if c.paired and all(isinstance(cell.get("difference"), dict) for _, cell in cells):
            d = [cell["difference"] for _, cell in cells]
            med = [_nan(x.get("median")) for x in d]
            plot_by_year(ax, years, med, col, f"difference-{b}", [_nan(x.get("p5")) for x in d],
                         [_nan(x.get("p95")) for x in d], lw=2.2, alpha=0.16,
                         label=f"{b} − {comp['a']}: {style.fmt_value(metric, med[-1])} "
                               f"in {years[-1]}")
            ch.gids[f"difference-{b}"] = "main"
            entry.update({"difference_median": med,
                          "difference_p5": [_nan(x.get("p5")) for x in d],
                          "difference_p95": [_nan(x.get("p95")) for x in d]})
        else:
            med = [cell["b"]["median"] for _, cell in cells]
            plot_by_year(ax, years, med, col, f"median-{b}", [cell["b"]["p5"] for _, cell in cells],
                         [cell["b"]["p95"] for _, cell in cells], label=b)
            ch.gids[f"median-{b}"] = "main"
            entry["median"] = med
        p = [c.p_greater(cell) for _, cell in cells]
        plot_by_year(ax_p, years, [np.nan if v is None else v for v in p], col,
                     f"p-greater-{b}", label=b)
        ch.gids[f"p-greater-{b}"] = "p"
        entry["p_greater"] = p
        series[b] = entry
    if not series:
        raise InputError(f"{c.path}: nothing compared for {metric}")
    years = sorted(all_years)
    for a_ in (ax, ax_p):
        format_year_axis(a_, years, max_ticks=8)
        a_.set_xlabel("Year")
    if c.paired:
        ax.axhline(0, color="#222222", lw=0.9)
        ax.set_ylabel(style.metric_label(metric, short=True) + f", scenario − {a_label}")
        ax.set_title(f"Per-path difference from {a_label}: median, 5–95 % shaded", loc="left")
    else:
        ax.set_ylabel(style.metric_label(metric))
        ax.set_title("Median and 5–95 % of each scenario", loc="left")
    format_value_axis(ax, metric)
    ax.legend(loc="upper left")
    ax_p.axhline(0.5, color="#888888", lw=0.9, ls="--")
    ax_p.set_ylim(-0.03, 1.03)  # a probability of 0 or 1 keeps its whole marker
    ax_p.set_ylabel(f"P(scenario > {a_label})" + ("" if c.paired else ", independent draws"))
    ax_p.set_title(f"Probability the scenario's {metric} is higher", loc="left")
    ax_p.legend(loc="best")
    ch.data.update({"kind": "comparison", "metric": metric, "file": c.path, "a": a_label,
                    "paired": c.paired, "scenarios": series})
    inputs = [SimpleNamespace(label=str(i.get("label")), paths=i.get("paths"),
                              seed=i.get("seed"), data_source=str(i.get("data_source") or ""),
                              engine_version=c.engine_version) for i in c.inputs]
    ch.finish(f"{style.metric_title(metric)}: scenarios against {a_label}",
              ("Paired on the same paths (common random numbers)" if c.paired else
               "From result files (unpaired)") + f"; from {os.path.basename(c.path)}",
              style.source_line(inputs or [c]))
    return ch


def _nan(x: Optional[float]) -> float:
    return np.nan if x is None else float(x)

