"""The distribution chart: a metric's density and CDF in one year, one curve per
result."""

from __future__ import annotations

import math
from typing import Optional, Sequence, TYPE_CHECKING

import numpy as np
from matplotlib import ticker

from . import style
from .axes import format_value_axis, subtitle, warn
from .fields import InputError
from .output import Chart

if TYPE_CHECKING:
    from .result import Result
    from .style import Palette


def distribution_chart(results: Sequence[Result], palette: Palette, metric: str = "spend",
                       year: Optional[int] = None, log: bool = False,
                       prefix: Optional[str] = None) -> Chart:
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
    lower, upper = style.metric_bounds(metric)
    lo = lo if lower is None else max(lo, lower)
    hi = hi if upper is None else min(hi, upper)
    if hi <= lo:  # every path at one value
        hi = lo + max(abs(lo) * 0.01, 1e-6)
    grid = np.geomspace(lo, hi, 400) if log else np.linspace(lo, hi, 400)
    prefix = prefix or ("compare" if len(results) > 1 else results[0].label)
    ch = Chart(f"{prefix}.dist-{metric.replace('.', '-')}-{ylabel}", 11.0, 5.2, nrows=1,
               ncols=2)
    ax_d, ax_c = ch.axes
    ch.name_axes("density", ax_d)
    ch.name_axes("cdf", ax_c)
    kind = style.metric_kind(metric)
    per = {}
    n_atoms = 0
    for r, y, d in dists:
        c = palette(r.label)
        f = d.density(grid, lower=lower, upper=upper)
        if log:  # density of log10(x): what the eye reads on a log axis
            f = f * grid * math.log(10)
        med = r.quantile(metric, y, 0.5)
        q05, q95 = r.quantile(metric, y, 0.05), r.quantile(metric, y, 0.95)
        ax_d.plot(grid, f, color=c, lw=2.0, label=f"{r.label}: {style.fmt_value(metric, med)} "
                  f"[{style.fmt_range(metric, q05, q95)}]",
                  gid=f"density-{r.label}")
        ax_d.fill_between(grid, 0, f, color=c, alpha=0.08, lw=0)
        ax_d.plot([med, med], [0, float(np.interp(med, grid, f))], color=c, lw=1.0, ls="--")
        masses = d.point_masses()
        for x, p in masses:  # a point mass: a stem to its own height, labelled
            top = 0.86 - 0.1 * n_atoms
            n_atoms += 1
            value = "0" if x == 0 else style.fmt_value(metric, x)
            ax_d.vlines(x, 0, top, transform=ax_d.get_xaxis_transform(), color=c, lw=2.2,
                        gid=f"atom-{r.label}-{n_atoms}")
            ax_d.plot([x], [top], "D", color=c, ms=6, transform=ax_d.get_xaxis_transform(),
                      clip_on=False, zorder=6)
            ax_d.annotate(f"P(= {value}) = {style.fmt_pct(p)}", (x, top),
                          xycoords=ax_d.get_xaxis_transform(), textcoords="offset points",
                          xytext=(7 if x <= grid[len(grid) // 2] else -7, 0),
                          ha="left" if x <= grid[len(grid) // 2] else "right", va="center",
                          fontsize=8.5, color=c, fontweight="bold")
        F = d.cdf(grid)
        for x, p in masses:  # the jump of the CDF at a point mass
            below = float(d.cdf(x - 1e-12 * max(1.0, abs(x)))) if x > d.lo else 0.0
            ax_c.vlines(x, below, below + p, color=c, lw=2.0)
        ax_c.plot(grid, F, color=c, lw=2.0, gid=f"cdf-{r.label}")
        ax_c.plot([med], [0.5], "o", color=c, ms=4.5, zorder=5, gid=f"median-{r.label}")
        ch.gids[f"median-{r.label}"] = "cdf"
        ch.gids[f"cdf-{r.label}"] = "cdf"
        per[r.label] = {"file": r.path, "year": y, "median": med, "q0.05": q05, "q0.95": q95,
                        "source": "values" if r.exact else "sketch",
                        "atoms": [[x, p] for x, p in masses],
                        "continuous_mass": 1.0 - sum(p for _, p in masses),
                        "grid": [float(v) for v in grid[::4]],
                        "density": [float(v) for v in f[::4]],
                        "cdf": [float(v) for v in F[::4]]}
    for ax in (ax_d, ax_c):
        format_value_axis(ax, metric, log, axis="x")
        pad = 0.025 * (grid[-1] - grid[0]) if n_atoms and not log else 0.0  # stems show
        ax.set_xlim(grid[0] - pad, grid[-1] + pad)
        ax.set_xlabel(style.metric_label(metric) + (f" in {years[0]}" if len(years) == 1 else ""))
    unit = "per $B" if kind == "usd" else ("per unit" if kind != "share" else "per unit share")
    ax_d.set_ylabel("Probability density" + (" of log10 value" if log else f" ({unit})"))
    ax_d.set_ylim(0, 1.12 * ax_d.get_ylim()[1] + 0.06 * len(dists) * ax_d.get_ylim()[1])
    ax_d.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: style.fmt_num(v, ".3g")))
    ax_d.set_title("Density (dashed: median)" + ("; ◆ point mass, its probability"
                                                 if n_atoms else ""), loc="left")
    ax_c.set_title("Cumulative probability", loc="left")
    ax_c.set_ylabel("P(value ≤ x)")
    ax_c.set_ylim(0, 1)
    ax_c.set_yticks([0.05, 0.25, 0.5, 0.75, 0.95])
    ax_c.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: style.fmt_num(v, "g")))
    ax_d.legend(loc="best", title="median [5–95 %]", title_fontsize=8.5, alignment="left")
    ch.data.update({"kind": "distribution", "metric": metric, "years": years, "log": log,
                    "scenarios": per})
    in_year = f"in {years[0]}" if len(years) == 1 else "at each scenario's horizon"
    ch.finish(f"Distribution of {style.metric_phrase(metric)} {in_year}"
              + (" (log scale)" if log else ""),
              "Across simulated paths" + (f", {len(dists)} scenarios" if len(dists) > 1 else
                                         f": {subtitle(dists[0][0])}"),
              style.source_line([r for r, _, _ in dists]))
    return ch


