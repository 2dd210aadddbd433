"""The charts. Each builder returns an output.Chart whose `data` holds the numbers it
plots, taken straight from the result file (docs/CHARTS.md lists them)."""

import math
import os
import sys

import numpy as np
from matplotlib import ticker
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import style
from .data import FAN_LEVELS, InputError
from .output import Chart

BAND_OUTER = 0.16  # alpha of the 5-95 % band
BAND_INNER = 0.34  # alpha of the 25-75 % band


def warn(message):
    print(f"spendcast-plot: warning: {message}", file=sys.stderr)


# -- axes helpers --------------------------------------------------------------------
def _plain(v, _pos=None):
    if v == 0:
        return "0"
    if abs(v) >= 1:
        return f"{v:,.0f}" if abs(v - round(v)) < 1e-9 else f"{v:g}"
    return f"{v:g}"


def format_value_axis(ax, metric, log=False, axis="y"):
    kind = style.metric_kind(metric)
    target = ax.yaxis if axis == "y" else ax.xaxis
    if log:
        (ax.set_yscale if axis == "y" else ax.set_xscale)("log")
        target.set_major_locator(ticker.LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
        target.set_minor_locator(ticker.NullLocator())
    if kind == "share":
        target.set_major_formatter(ticker.PercentFormatter(1.0, decimals=None))
        if not log:
            target.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{100 * v:.0f} %"
                                                            if abs(100 * v - round(100 * v)) < 1e-6
                                                            else f"{100 * v:.1f} %"))
    elif kind == "ratio":
        target.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{v:g}×"))
    else:
        target.set_major_formatter(ticker.FuncFormatter(_plain))


def format_year_axis(ax, years, pad_left=0.35, pad_right=0.35, max_ticks=12):
    years = list(years)
    step = max(1, math.ceil((years[-1] - years[0] + 1) / max_ticks))
    ax.set_xticks(sorted(range(years[-1], years[0] - 1, -step)))  # the last year always
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{int(round(v))}"))
    ax.set_xlim(years[0] - pad_left, years[-1] + pad_right)
    ax.grid(axis="x", visible=False)


def _luminance(colour):
    r, g, b = to_rgb(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _subtitle(r):
    return r.title if r.title != r.name else f"Scenario {r.name}"


def _series(q):
    return {f"q{lv:g}": [float(v) for v in row] for lv, row in zip(FAN_LEVELS, q)}


def _check_levels(years, q):
    if len(years) < 2:
        raise InputError("a fan needs at least two years")


# -- the spend fan -------------------------------------------------------------------
def fan_chart(r, metric="spend", log=False, colour=style.FAN_COLOUR):
    """Fan chart of one metric of one result: 5-95 and 25-75 % bands, the median, the
    observed points."""
    if not r.has(metric):
        raise InputError(f"{r.path}: no metric {metric!r}")
    years, q = r.fan(metric)
    _check_levels(years, q)
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
    format_year_axis(ax, [min(years[0], obs[0][0]) if obs else years[0]] + years[1:],
                     pad_right=0.75)
    format_value_axis(ax, metric, log)
    if not log:
        ax.set_ylim(bottom=0)
    ax.set_xlabel("Year")
    ax.set_ylabel(style.metric_label(metric))
    ax.legend(loc="upper left")
    ch.data.update({
        "kind": "fan", "metric": metric, "file": r.path, "scenario": r.name,
        "years": years, "anchored_year": years[0] if r.anchor(metric) is not None else None,
        "series": _series(q), "observed": [[x, y] for x, y in obs], "log": log,
    })
    title = style.metric_title(metric) + (", log scale" if log else "")
    ch.finish(f"{title}: {r.base_year}–{r.horizon}", _subtitle(r), style.source_line([r]))
    return ch


# -- vendor shares -------------------------------------------------------------------
def _vendor_order(r, metric_prefix):
    names = [v for v in r.vendor_names if r.has(metric_prefix + v)]
    h = r.horizon if str(r.horizon) in r.metrics.get(metric_prefix + names[0], {}) else None
    if h is None and names:
        h = r.years(metric_prefix + names[0])[-1]
    return sorted(names, key=lambda v: -r.quantile(metric_prefix + v, h, 0.5)), h


def shares_chart(r, palette):
    """Vendor shares: median lines with 25-75 % bands, observed 2023-2024 points."""
    names = [v for v in r.vendor_names if r.has("share." + v)]
    if not names:
        raise InputError(f"{r.path}: no vendor shares")
    order, h = _vendor_order(r, "share.")
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
        series[v] = {"years": years, **_series(q), "observed": [[x, y] for x, y in obs]}
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
    ch.finish("Vendor shares of enterprise model-API spend", _subtitle(r),
              style.source_line([r]))
    return ch


def leader_chart(r, palette):
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
                ax.text(x, b + val / 2, f"{100 * val:.0f} %", ha="center", va="center",
                        fontsize=8, color="white" if _luminance(c) < 0.55 else "#111111")
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
              _subtitle(r), style.source_line([r]))
    return ch


def revenue_chart(r, palette, log=False):
    """Small multiples: each vendor's model-API revenue fan, on one scale."""
    names = [v for v in r.vendor_names if r.has("revenue." + v)]
    if not names:
        raise InputError(f"{r.path}: no vendor revenue")
    order, h = _vendor_order(r, "revenue.")
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
        series[v] = {"years": years, **_series(q)}
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
              f"{_subtitle(r)}. Panel titles: median in {h} [5th–95th percentile]",
              style.source_line([r]))
    return ch


# -- several scenarios ---------------------------------------------------------------
def _fan_metric(results, metric):
    """The metric for fans of several results: `metric` when every file has it in two or
    more years, else spend."""
    if all(len(r.years(metric)) >= 2 for r in results):
        return metric
    return "spend"


def overlay_chart(results, palette, metric="spend", log=False):
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
        series[r.label] = {"file": r.path, "years": years, **_series(q)}
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


def side_by_side_chart(results, palette, metric="spend", log=False):
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
        series[r.label] = {"file": r.path, "years": years, **_series(q)}
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


def distribution_chart(results, palette, metric="spend", year=None, log=False, prefix=None):
    """A metric's distribution in one year, one curve per result: density and CDF, from
    the state's quantile sketch (every value after --exact)."""
    if year is None:  # the latest year every file has, else each file's last
        common = set.intersection(*[set(r.years(metric)) for r in results])
        year = max(common) if common else None
    usable = []
    for r in results:
        y = year if year is not None else (r.years(metric)[-1] if r.years(metric) else None)
        if y is None or str(y) not in r.metrics.get(metric, {}):
            warn(f"{r.path}: no {metric} in {year if year is not None else 'any year'}; "
                 "left out of the distribution chart")
            continue
        usable.append((r, int(y)))
    if not usable:
        raise InputError(f"no result has {metric!r}" + (f" in {year}" if year else ""))
    years = sorted({y for _, y in usable})
    ylabel = years[0] if len(years) == 1 else "horizon"
    dists = [(r, y, r.distribution(metric, y)) for r, y in usable]
    lo = min(d.quantile(0.005) for _, _, d in dists)
    hi = max(d.quantile(0.995) for _, _, d in dists)
    if log and lo <= 0:
        log = False
        warn(f"{metric} is not positive: the distribution chart uses a linear scale")
    grid = np.geomspace(lo, hi, 400) if log else np.linspace(lo, hi, 400)
    prefix = prefix or ("compare" if len(results) > 1 else results[0].label)
    ch = Chart(f"{prefix}.dist-{metric.replace('.', '-')}-{ylabel}", 11.0, 5.2, nrows=1,
               ncols=2)
    ax_d, ax_c = ch.axes
    ch.name_axes("density", ax_d)
    ch.name_axes("cdf", ax_c)
    kind = style.metric_kind(metric)
    per = {}
    for r, y, d in dists:
        c = palette(r.label)
        f = d.density(grid)
        if log:  # density of log10(x): what the eye reads on a log axis
            f = f * grid * math.log(10)
        med = r.quantile(metric, y, 0.5)
        q05, q95 = r.quantile(metric, y, 0.05), r.quantile(metric, y, 0.95)
        ax_d.plot(grid, f, color=c, lw=2.0, label=f"{r.label}: {style.fmt_value(metric, med)} "
                  f"[{style.fmt_range(metric, q05, q95)}]",
                  gid=f"density-{r.label}")
        ax_d.fill_between(grid, 0, f, color=c, alpha=0.08, lw=0)
        ax_d.plot([med, med], [0, float(np.interp(med, grid, f))], color=c, lw=1.0, ls="--")
        F = d.cdf(grid)
        ax_c.plot(grid, F, color=c, lw=2.0, gid=f"cdf-{r.label}")
        ax_c.plot([med], [0.5], "o", color=c, ms=4.5, zorder=5, gid=f"median-{r.label}")
        ch.gids[f"median-{r.label}"] = "cdf"
        ch.gids[f"cdf-{r.label}"] = "cdf"
        per[r.label] = {"file": r.path, "year": y, "median": med, "q0.05": q05, "q0.95": q95,
                        "source": "values" if r.exact else "sketch",
                        "grid": [float(v) for v in grid[::8]],
                        "density": [float(v) for v in f[::8]],
                        "cdf": [float(v) for v in F[::8]]}
    for ax in (ax_d, ax_c):
        format_value_axis(ax, metric, log, axis="x")
        ax.set_xlim(grid[0], grid[-1])
        ax.set_xlabel(style.metric_label(metric) + (f" in {years[0]}" if len(years) == 1 else ""))
    unit = "per $B" if kind == "usd" else ("per unit" if kind != "share" else "per unit share")
    ax_d.set_ylabel("Probability density" + (" of log10 value" if log else f" ({unit})"))
    ax_d.set_ylim(0, 1.12 * ax_d.get_ylim()[1] + 0.06 * len(dists) * ax_d.get_ylim()[1])
    ax_d.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{v:.3g}"))
    ax_d.set_title("Density (dashed: median)", loc="left")
    ax_c.set_title("Cumulative probability", loc="left")
    ax_c.set_ylabel("P(value ≤ x)")
    ax_c.set_ylim(0, 1)
    ax_c.set_yticks([0.05, 0.25, 0.5, 0.75, 0.95])
    ax_c.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: f"{v:g}"))
    ax_d.legend(loc="best", title="median [5–95 %]", title_fontsize=8.5, alignment="left")
    ch.data.update({"kind": "distribution", "metric": metric, "years": years, "log": log,
                    "scenarios": per})
    in_year = f"in {years[0]}" if len(years) == 1 else "at each scenario's horizon"
    ch.finish(f"Distribution of {style.metric_phrase(metric)} {in_year}" + (" (log scale)" if log else ""),
              "Across simulated paths" + (f", {len(dists)} scenarios" if len(dists) > 1 else
                                         f": {_subtitle(dists[0][0])}"),
              style.source_line([r for r, _, _ in dists]))
    return ch


# -- sensitivity ---------------------------------------------------------------------
def tornado_chart(s, top=15):
    """Tornado chart: the metric's median with each factor at its low and at its high end,
    sorted by the swing, with the rank correlations written beside the bars; factors
    without swings are drawn by their Spearman correlation when no factor has swings."""
    params = list(s.parameters)
    if not params:
        raise InputError(f"{s.path}: no parameters")
    with_swings = [p for p in params
                   if p["swing_low"] is not None and p["swing_high"] is not None]
    have_swings = bool(with_swings)
    if have_swings:
        params = sorted(with_swings, key=lambda p: abs(p["swing_high"] - p["swing_low"]),
                        reverse=True)
    else:
        params = sorted(params, key=lambda p: abs(p["spearman"] or 0.0), reverse=True)
    params = params[:top]
    n = len(params)
    ch = Chart(f"{s.label}.tornado-{s.metric.replace('.', '-')}-{s.year}", 10.0,
               1.9 + 0.36 * n + 0.9)
    ax = ch.axes
    ch.name_axes("main", ax)
    ys = np.arange(n)[::-1]
    low_c, high_c = "#3b7ddd", "#e07b39"
    metric_name = f"{style.metric_label(s.metric)}" + (f" in {s.year}" if s.year else "")
    if have_swings:
        base = s.base if s.base is not None else float(np.median(
            [0.5 * (p["swing_low"] + p["swing_high"]) for p in params]))
        for y, p in zip(ys, params):
            ax.barh(y, p["swing_low"] - base, left=base, color=low_c, height=0.62,
                    gid=f"low-{p['name']}")
            ax.barh(y, p["swing_high"] - base, left=base, color=high_c, height=0.62,
                    gid=f"high-{p['name']}")
        ax.axvline(base, color="#222222", lw=1.0)
        lo = min(min(p["swing_low"], p["swing_high"], base) for p in params)
        hi = max(max(p["swing_low"], p["swing_high"], base) for p in params)
        span = hi - lo if hi > lo else 1.0
        ax.set_xlim(lo - 0.04 * span, hi + 0.36 * span)
        for y, p in zip(ys, params):
            bits = []
            if p["spearman"] is not None:
                bits.append(f"ρ = {p['spearman']:+.2f}")
            if p["src"] is not None:
                bits.append(f"SRRC = {p['src']:+.2f}")
            ax.text(hi + 0.03 * span, y, "  ".join(bits), va="center", fontsize=8,
                    color="#333333")
        format_value_axis(ax, s.metric, axis="x")
        ax.set_xlabel(metric_name + " (median)")
        if s.levels and None not in s.levels:
            low_label = f"at its {100 * s.levels[0]:g}th percentile"
            high_label = f"at its {100 * s.levels[1]:g}th percentile"
        else:
            low_label, high_label = "at its low end", "at its high end"
        if any(p["event"] for p in params):
            low_label += " (event: not fired)"
            high_label += " (event: fired)"
        ax.legend(handles=[Patch(color=low_c, label="parameter " + low_label),
                           Patch(color=high_c, label="parameter " + high_label),
                           Line2D([], [], color="#222222", lw=1,
                                  label="median, all random" if s.base is not None
                                  else "centre")],
                  loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=3)
    else:
        vals = [p["spearman"] or 0.0 for p in params]
        ax.barh(ys, vals, color=[high_c if v >= 0 else low_c for v in vals], height=0.62,
                gid="spearman")
        ax.axvline(0, color="#222222", lw=1.0)
        ax.set_xlim(-1, 1)
        ax.set_xlabel(f"Spearman rank correlation with {metric_name}")
    ax.set_yticks(ys)
    ax.set_yticklabels([p["name"] for p in params])
    ax.set_ylim(-0.7, n - 0.3)
    ax.grid(axis="y", visible=False)
    ch.data.update({"kind": "tornado", "metric": s.metric, "year": s.year, "base": s.base,
                    "file": s.path, "parameters": params})
    ch.finish(f"What moves {style.metric_phrase(s.metric)}" + (f" in {s.year}" if s.year else ""),
              f"{s.title}: factors ranked by the swing of the median"
              if have_swings else f"{s.title}: factors ranked by rank correlation",
              style.source_line([s]))
    return ch


# -- comparison files ----------------------------------------------------------------
def comparison_chart(c, palette, metric="spend"):
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
        col = palette(a_label)
        ax.fill_between(years, [cell["a"]["p5"] for _, cell in cells],
                        [cell["a"]["p95"] for _, cell in cells], color=col, alpha=0.15, lw=0)
        ax.plot(years, med, color=col, lw=2.0, label=a_label, gid=f"median-{a_label}")
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
            ax.fill_between(years, [_nan(x.get("p5")) for x in d],
                            [_nan(x.get("p95")) for x in d], color=col, alpha=0.16, lw=0)
            ax.plot(years, med, color=col, lw=2.2, gid=f"difference-{b}",
                    label=f"{b} − {comp['a']}: {style.fmt_value(metric, med[-1])} in {years[-1]}")
            ch.gids[f"difference-{b}"] = "main"
            entry.update({"difference_median": med,
                          "difference_p5": [_nan(x.get("p5")) for x in d],
                          "difference_p95": [_nan(x.get("p95")) for x in d]})
        else:
            med = [cell["b"]["median"] for _, cell in cells]
            ax.fill_between(years, [cell["b"]["p5"] for _, cell in cells],
                            [cell["b"]["p95"] for _, cell in cells], color=col, alpha=0.15, lw=0)
            ax.plot(years, med, color=col, lw=2.0, label=b, gid=f"median-{b}")
            ch.gids[f"median-{b}"] = "main"
            entry["median"] = med
        p = [c.p_greater(cell) for _, cell in cells]
        ax_p.plot(years, [np.nan if v is None else v for v in p], "-o", color=col, lw=2.0,
                  ms=4, label=b, gid=f"p-greater-{b}")
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
    ax_p.set_ylim(0, 1)
    ax_p.set_ylabel(f"P(scenario > {a_label})" + ("" if c.paired else ", independent draws"))
    ax_p.set_title(f"Probability the scenario's {metric} is higher", loc="left")
    ax_p.legend(loc="best")
    ch.data.update({"kind": "comparison", "metric": metric, "file": c.path, "a": a_label,
                    "paired": c.paired, "scenarios": series})
    inputs = [SimpleNamespace(label=str(i.get("label")), paths=i.get("paths"),
                              seed=i.get("seed"), data_source="",
                              engine_version=c.engine_version) for i in c.inputs]
    ch.finish(f"{style.metric_title(metric)}: scenarios against {a_label}",
              ("Paired on the same paths (common random numbers)" if c.paired else
               "From result files (unpaired)") + f"; from {os.path.basename(c.path)}",
              style.source_line(inputs or [c]))
    return ch


def _nan(x):
    return np.nan if x is None else float(x)
