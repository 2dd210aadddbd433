"""The tornado chart of a sensitivity file."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import style
from .axes import format_value_axis
from .fields import InputError
from .output import Chart

if TYPE_CHECKING:
    from .analysis import Sensitivity


# -- sensitivity ---------------------------------------------------------------------
def tornado_chart(s: Sensitivity, top: int = 15) -> Chart:
    """Tornado chart: the metric's median with each factor at its low and at its high end,
    sorted by the swing, with the rank correlations written beside the bars; factors
    without swings are drawn by their Spearman correlation when no factor has swings."""
    params = list(s.parameters)
    if not params:
        raise InputError(f"{s.path}: no parameters")
    if s.method == "sobol":
        return sobol_chart(s, top)
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
               1.9 + 0.36 * n + 0.9 + (0.55 if have_swings else 0.0))
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
                bits.append("ρ = " + style.fmt_num(p["spearman"], "+.2f"))
            if p["src"] is not None:
                bits.append("SRRC = " + style.fmt_num(p["src"], "+.2f"))
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
                  loc="upper left", bbox_to_anchor=(0.0, -0.16), ncol=1)
    else:
        vals = [p["spearman"] or 0.0 for p in params]
        ax.barh(ys, vals, color=[high_c if v >= 0 else low_c for v in vals], height=0.62,
                gid="spearman")
        ax.axvline(0, color="#222222", lw=1.0)
        ax.set_xlim(-1, 1)
        ax.set_xlabel(f"Spearman rank correlation with {metric_name}")
    labels = [p["name"] for p in params]
    if s.unexplained is not None:
        # The path noise, 1 − R², as its own bar below the factors: a share of the axis.
        ys = np.append(ys, -1)
        x0, x1 = ax.get_xlim()
        share = min(max(s.unexplained, 0.0), 1.0)
        ax.barh(-1, share * (x1 - x0), left=x0, color="#999999", height=0.62, gid="noise")
        ax.text(x0 + share * (x1 - x0), -1, f"  {style.fmt_num(share, '.2f')} of the variance "
                "of the ranks", va="center", fontsize=8, color="#333333")
        labels.append("noise (1 − R²)")
        n += 1
    ax.set_yticks(ys)
    ax.set_yticklabels(labels)
    ax.set_ylim(-0.7 - (1 if s.unexplained is not None else 0), n - 0.3 -
                (1 if s.unexplained is not None else 0))
    ax.grid(axis="y", visible=False)
    ch.data.update({"kind": "tornado", "metric": s.metric, "year": s.year, "base": s.base,
                    "file": s.path, "parameters": params})
    ch.finish(f"What moves {style.metric_phrase(s.metric)}" + (f" in {s.year}" if s.year else ""),
              f"{s.title}: factors ranked by the swing of the median"
              if have_swings else f"{s.title}: factors ranked by rank correlation",
              style.source_line([s]))
    return ch



def sobol_chart(s: Sensitivity, top: int = 15) -> Chart:
    """Sobol indices: per factor (the path noise among them) its first-order and
    total-effect index as bars with 95 % confidence intervals, by total effect."""
    params = sorted(s.parameters, key=lambda p: -(p["total_effect"] or 0.0))[:top]
    n = len(params)
    ch = Chart(f"{s.label}.sobol-{s.metric.replace('.', '-')}-{s.year}", 10.0,
               1.9 + 0.42 * n + 0.9)
    ax = ch.axes
    ch.name_axes("main", ax)
    ys = np.arange(n)[::-1]
    first_c, total_c, noise_c = "#3b7ddd", "#e07b39", "#999999"

    def ci(key: str) -> list[float]:
        return [1.96 * (p[key + "_se"] or 0.0) for p in params]

    totals = [p["total_effect"] or 0.0 for p in params]
    firsts = [p["first_order"] or 0.0 for p in params]
    ax.barh(ys + 0.18, totals, xerr=ci("total_effect"), height=0.34, gid="total",
            color=[noise_c if p["noise"] else total_c for p in params])
    ax.barh(ys - 0.18, firsts, xerr=ci("first_order"), height=0.34, gid="first",
            color=[noise_c if p["noise"] else first_c for p in params])
    ax.set_xlim(0, max(1.0, max(totals + firsts) * 1.05))
    ax.set_yticks(ys)
    ax.set_yticklabels([p["name"] for p in params])
    ax.set_ylim(-0.7, n - 0.3)
    ax.grid(axis="y", visible=False)
    metric_name = f"{style.metric_label(s.metric)}" + (f" in {s.year}" if s.year else "")
    ax.set_xlabel(f"share of the variance of {metric_name}")
    ax.legend(handles=[Patch(color=total_c, label="total effect (upper bar)"),
                       Patch(color=first_c, label="first order (lower bar)"),
                       Patch(color=noise_c, label="path noise"),
                       Line2D([], [], color="#222222", lw=1, label="95 % confidence interval")],
              loc="upper left", bbox_to_anchor=(0.0, -0.16), ncol=2)
    ch.data.update({"kind": "sobol", "metric": s.metric, "year": s.year, "file": s.path,
                    "parameters": params})
    ch.finish(f"What moves {style.metric_phrase(s.metric)}" + (f" in {s.year}" if s.year else ""),
              f"{s.title}: Sobol indices, by total effect", style.source_line([s]))
    return ch
