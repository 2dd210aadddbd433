"""The charts of one result: the spend fan, vendor shares, the leader and vendor
revenue. Each builder returns an output.Chart whose `data` holds the numbers it plots."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import style
from .axes import (BAND_INNER, BAND_OUTER, check_fan, fan_series, format_value_axis,
                   format_year_axis, luminance, subtitle)
from .fields import InputError
from .output import Chart

if TYPE_CHECKING:
    from .result import Result
    from .style import Palette


# -- the spend fan -------------------------------------------------------------------
def fan_chart(r: Result, metric: str = "spend", log: bool = False,
              colour: str = style.FAN_COLOUR) -> Chart:
    """Fan chart of one metric of one result: 5-95 and 25-75 % bands, the median, the
    observed points."""
    if not r.has(metric):
        raise InputError(f"{r.path}: no metric {metric!r}")
    years, q = r.fan(metric)
    check_fan(years, q)
    slug = metric.replace(".", "-")
    ch = Chart(f"{r.label}.{slug}-fan", 8.6, 5.4)
    ax = ch.axes
    ch.name_axes("main", ax)
    ax.fill_between(years, q[0], q[4], color=colour, alpha=BAND_OUTER, lw=0,
                    label="90 % of paths (5th–95th percentile)")
    ax.fill_between(years, q[1], q[3], color=colour, alpha=BAND_INNER, lw=0,
                    label="50 % of paths (25th–75th percentile)")
    ax.plot(years, q[2], color=colour, lw=2.3, label="median", gid="median", zorder=4)
    ch.gids["median"] = "main"
    obs = r.observed(metric)
    if obs:
        ox, oy = zip(*obs)
        ax.plot(ox, oy, color=style.OBSERVED_COLOUR, lw=1.0, ls=(0, (2, 2)), zorder=5)
        ax.plot(ox, oy, "o", color=style.OBSERVED_COLOUR, ms=6.5, zorder=6, gid="observed",
                label=f"observed ({r.data_source.split(',')[0] or 'data'})")
        ch.gids["observed"] = "main"
        for x, y in obs:
            ax.annotate(style.fmt_value(metric, y), (x, y), textcoords="offset points",
                        xytext=(0, 9), ha="center", fontsize=8.5, color=style.OBSERVED_COLOUR)
    # the horizon's numbers at the right end
    last = years[-1]
    for row, weight, dy in ((q[4], "normal", 0), (q[2], "bold", 0), (q[0], "normal", 0)):
        ax.annotate(style.fmt_value(metric, row[-1]), (last, row[-1]), textcoords="offset points",
                    xytext=(6, dy), va="center", ha="left", fontsize=8.5, fontweight=weight,
                    color=colour)
    format_year_axis(ax, sorted(set(years) | {x for x, _ in obs}), pad_right=0.75)
    format_value_axis(ax, metric, log)
    if not log:
        ax.set_ylim(bottom=0)
    ax.set_xlabel("Year")
    ax.set_ylabel(style.metric_label(metric))
    ax.legend(loc="upper left")
    ch.data.update({
        "kind": "fan", "metric": metric, "file": r.path, "scenario": r.name,
        "years": years, "anchored_year": years[0] if r.anchor(metric) is not None else None,
        "series": fan_series(q), "observed": [[x, y] for x, y in obs], "log": log,
    })
    title = style.metric_title(metric) + (", log scale" if log else "")
    ch.finish(f"{title}: {r.base_year}–{r.horizon}", subtitle(r), style.source_line([r]))
    return ch


# -- vendor shares -------------------------------------------------------------------
def vendor_order(r: Result, metric_prefix: str) -> tuple[list[str], int]:
    names = [v for v in r.vendor_names if r.has(metric_prefix + v)]
    h = r.horizon if str(r.horizon) in r.metrics.get(metric_prefix + names[0], {}) else None
    if h is None and names:
        h = r.years(metric_prefix + names[0])[-1]
    return sorted(names, key=lambda v: -r.quantile(metric_prefix + v, h, 0.5)), h


def shares_chart(r: Result, palette: Palette) -> Chart:
    """Vendor shares: median lines with 25-75 % bands, observed 2023-2024 points."""
    names = [v for v in r.vendor_names if r.has("share." + v)]
    if not names:
        raise InputError(f"{r.path}: no vendor shares")
    order, h = vendor_order(r, "share.")
    ch = Chart(f"{r.label}.shares", 9.6, 5.6)
    ax = ch.axes
    ch.name_axes("main", ax)
    series = {}
    handles = []
    all_years = set()
    for v in order:
        m = "share." + v
        years, q = r.fan(m)
        all_years.update(years)
        c = palette(v)
        ax.fill_between(years, q[1], q[3], color=c, alpha=0.14, lw=0)
        gid = f"median-{v}"
        ax.plot(years, q[2], color=c, lw=2.1, gid=gid, zorder=4)
        ch.gids[gid] = "main"
        obs = r.observed(m)
        if obs:
            ox, oy = zip(*obs)
            ax.plot(ox, oy, color=c, lw=1.0, ls=(0, (2, 2)), zorder=3)
            ax.plot(ox, oy, "o", color=c, mec="#222222", mew=0.7, ms=5.5, zorder=5)
            all_years.update(ox)
        series[v] = {"years": years, **fan_series(q), "observed": [[x, y] for x, y in obs]}
        lo, mid, hi = (r.quantile(m, h, lv) for lv in (0.25, 0.5, 0.75))
        handles.append(Line2D([], [], color=c, lw=2.1,
                              label=f"{v}: {style.fmt_pct(mid)} "
                                    f"[{style.fmt_range('share', lo, hi)}]"))
    handles.append(Patch(color="#888888", alpha=0.25, label="band: 25th–75th percentile"))
    handles.append(Line2D([], [], ls="none", marker="o", color="#bbbbbb", mec="#222222",
                          label=f"observed {r.base_year - 1}–{r.base_year}"))
    format_year_axis(ax, sorted(all_years))
    format_value_axis(ax, "share.x")
    ax.set_ylim(bottom=0)
    ax.set_xlabel("Year")
    ax.set_ylabel("Share of model-API spend (%)")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              title=f"median in {h} [25–75 %]", title_fontsize=8.5, alignment="left")
    ch.data.update({"kind": "shares", "file": r.path, "scenario": r.name, "horizon": h,
                    "vendors": series})
    ch.finish("Vendor shares of enterprise model-API spend", subtitle(r),
              style.source_line([r]))
    return ch


def leader_chart(r: Result, palette: Palette) -> Chart:
    """P(vendor has the largest share) by year, stacked."""
    years = sorted(int(y) for y in (r.probabilities.get("leader") or {}))
    if not years:
        raise InputError(f"{r.path}: no leader probabilities")
    names = [v for v in r.vendor_names]
    for y in years:
        for v in r.leader(y):
            if v not in names:
                names.append(v)
    last = r.leader(years[-1])
    order = sorted(names, key=lambda v: -last.get(v, 0.0))
    ch = Chart(f"{r.label}.leader", 9.6, 5.4)
    ax = ch.axes
    ch.name_axes("main", ax)
    bottom = np.zeros(len(years))
    table = {}
    for v in order:
        p = np.array([r.leader(y).get(v, 0.0) for y in years])
        table[v] = [float(x) for x in p]
        if not p.any():
            continue
        c = palette(v)
        bars = ax.bar(years, p, bottom=bottom, color=c, width=0.72, label=v,
                      edgecolor="white", linewidth=0.6)
        for y, bar in zip(years, bars):
            bar.set_gid(f"leader-{v}-{y}")
        for x, b, val in zip(years, bottom, p):
            if val >= 0.055:
                ax.text(x, b + val / 2, style.fmt_pct(val), ha="center", va="center",
                        fontsize=8, color="white" if luminance(c) < 0.55 else "#111111")
        bottom += p
    format_year_axis(ax, years, pad_left=0.6, pad_right=0.6)
    ax.set_ylim(0, max(1.0, float(bottom.max())))
    format_value_axis(ax, "share.x")
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Year")
    ax.set_ylabel("Probability of the largest share (% of paths)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), title="vendor",
              title_fontsize=8.5, alignment="left")
    ch.data.update({"kind": "leader", "file": r.path, "scenario": r.name, "years": years,
                    "p": table})
    ch.finish("Which vendor leads? Probability of the largest model-API share",
              subtitle(r), style.source_line([r]))
    return ch


def revenue_chart(r: Result, palette: Palette, log: bool = False) -> Chart:
    """Small multiples: each vendor's model-API revenue fan, on one scale."""
    names = [v for v in r.vendor_names if r.has("revenue." + v)]
    if not names:
        raise InputError(f"{r.path}: no vendor revenue")
    order, h = vendor_order(r, "revenue.")
    n = len(order)
    ncols = 2 if n <= 4 else 3
    nrows = math.ceil(n / ncols)
    ch = Chart(f"{r.label}.revenue", 10.0, 1.2 + 2.45 * nrows + 0.9, nrows=nrows, ncols=ncols,
               sharex=True, sharey=True, squeeze=False)
    axes = ch.axes
    series = {}
    for i, v in enumerate(order):
        ax = axes[i // ncols][i % ncols]
        m = "revenue." + v
        years, q = r.fan(m)
        c = palette(v)
        ax.fill_between(years, q[0], q[4], color=c, alpha=BAND_OUTER + 0.04, lw=0)
        ax.fill_between(years, q[1], q[3], color=c, alpha=BAND_INNER + 0.06, lw=0)
        gid = f"revenue-median-{v}"
        ax.plot(years, q[2], color=c, lw=2.0, gid=gid)
        ch.gids[gid] = f"revenue-{v}"
        ch.name_axes(f"revenue-{v}", ax)
        a = r.anchor(m)
        if a is not None:
            ax.plot([r.base_year], [a], "o", color=c, mec="#222222", mew=0.7, ms=4.5, zorder=5)
        ax.set_title(f"{v}   {h}: {style.fmt_usd(q[2][-1])} "
                     f"[{style.fmt_usd(q[0][-1])}–{style.fmt_usd(q[4][-1])}]",
                     loc="left", fontsize=9.5, color="#111111")
        series[v] = {"years": years, **fan_series(q)}
        format_year_axis(ax, years, max_ticks=7 if ncols == 2 else 5)
        if i % ncols == 0:
            ax.set_ylabel("$B a year")
    for j in range(n, nrows * ncols):
        axes[j // ncols][j % ncols].set_visible(False)
    for ax in axes.flat:
        format_value_axis(ax, "revenue.x", log)
        if not log:
            ax.set_ylim(bottom=0)
    for i in range(n):
        ax = axes[i // ncols][i % ncols]
        if i + ncols >= n:
            ax.xaxis.set_tick_params(labelbottom=True)
    axes[0][0].legend(handles=[Patch(color="#777777", alpha=0.3, label="5–95 %"),
                               Patch(color="#777777", alpha=0.55, label="25–75 %"),
                               Line2D([], [], color="#444444", lw=2, label="median"),
                               Line2D([], [], ls="none", marker="o", color="#bbbbbb",
                                      mec="#222222", label=f"{r.base_year} (data)")],
                      loc="upper left", fontsize=7.5)
    ch.data.update({"kind": "revenue", "file": r.path, "scenario": r.name, "horizon": h,
                    "vendors": series, "log": log})
    ch.finish("Model-API revenue by vendor: share × model-API spend, $B a year"
              + (" (log scale)" if log else ""),
              f"{subtitle(r)}. Panel titles: median in {h} [5th–95th percentile]",
              style.source_line([r]))
    return ch


