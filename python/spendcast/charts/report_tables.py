"""The summary tables of one result in a report."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from . import style
from .html_page import esc, swatch
from .scenario_charts import vendor_order

if TYPE_CHECKING:
    from .html_page import Page
    from .result import Result
    from .style import Palette


def interval(r: Result, metric: str, year: int) -> str:
    q = [r.quantile(metric, year, lv) for lv in (0.05, 0.5, 0.95)]
    return (f"{esc(style.fmt_value(metric, q[1]))} "
            f"<span class=\"meta\">[{esc(style.fmt_range(metric, q[0], q[2]))}]</span>")


def run_meta(r: Result) -> str:
    bits = [f"Scenario <span class=\"scenario-name\">{esc(r.name)}</span>"]
    if getattr(r, "scenario", None) and r.scenario.get("origin"):
        bits[0] += f" ({esc(r.scenario['origin'])})"
    if r.paths is not None:
        bits.append(f"{style.fmt_int(r.paths)} paths")
    if r.seed is not None:
        bits.append(f"seed {esc(r.seed)}")
    if getattr(r, "sampling", None):
        bits.append(esc(style.sampling_name(r.sampling)))
    if getattr(r, "exact", False):
        bits.append("exact quantiles")
    if r.engine_version:
        bits.append(f"spendcast {esc(r.engine_version)}")
    bits.append(f"file {esc(os.path.basename(r.path))}")
    src = f"Data: {esc(r.data_source)}. " if r.data_source else ""
    return f'<p class="meta">{src}{" · ".join(bits)}.</p>'


# -- the tables of one result --------------------------------------------------------
def spend_table(page: Page, r: Result) -> None:
    years = r.years("spend")
    segs = [s for s in r.segment_names if r.has("spend." + s)]
    metrics = ["spend"] + ["spend." + s for s in segs]
    head = ["Year", "Total spend"] + [esc(s.capitalize()) for s in segs]
    rows = []
    for y, v in r.observed("spend"):
        row = [f"{y} <span class=\"meta\">observed</span>", esc(style.fmt_usd(v))]
        for m in metrics[1:]:
            pts = dict(r.observed(m))
            row.append(esc(style.fmt_usd(pts[y])) if y in pts else "–")
        rows.append(row)
    for y in years:
        rows.append([str(y)] + [interval(r, m, y) if str(y) in r.metrics.get(m, {}) else "–"
                                for m in metrics])
    page.table("Spend, $B a year: median [5th–95th percentile]", head, rows,
               note="Observed rows: the scenario's data (the base year's segment split is "
                    "the data's; the year before, total spend only).")


def shares_table(page: Page, r: Result, vendor_palette: Palette) -> None:
    order, h = vendor_order(r, "share.")
    years = r.years("share." + order[0])
    head = ["Vendor", f"{r.base_year} <span class=\"meta\">observed</span>"] + \
        [str(y) for y in years]
    rows = []
    for v in order:
        m = "share." + v
        a = r.anchor(m)
        rows.append([swatch(vendor_palette(v)) + esc(v),
                     esc(style.fmt_pct(a)) if a is not None else "–"] +
                    [interval(r, m, y) for y in years])
    page.table("Vendor shares of model-API spend: median [5th–95th percentile]", head, rows,
               obs_cols=(1,), fixed=2, max_cols=5)


def other_metrics_table(page: Page, r: Result) -> None:
    metrics = [m for m in ["share_segment." + s for s in r.segment_names] + ["hhi", "growth"]
               if r.has(m)]
    if not metrics:
        return
    years = r.years(metrics[0])
    labels = {"hhi": "Concentration (HHI)", "growth": "Spend growth (× previous year)"}
    rows = []
    for m in metrics:
        label = labels.get(m) or f"{m[14:].capitalize()} share of spend"
        rows.append([esc(label)] + [interval(r, m, y) if str(y) in r.metrics[m] else "–"
                                    for y in years])
    if r.has("cagr"):
        y = r.years("cagr")[-1]
        note = (f"Spend CAGR {r.base_year}–{y}: {interval(r, 'cagr', y)} a year.")
    else:
        note = None
    page.table("Segments and concentration: median [5th–95th percentile]",
               ["Metric"] + [str(y) for y in years], rows, note=note, max_cols=4)


def probability_tables(page: Page, r: Result, vendor_palette: Palette) -> None:
    P = r.probabilities
    fp = lambda d: esc(style.fmt_prob(d.get("p"))) if isinstance(d, dict) else "–"  # noqa: E731
    leader = P.get("leader") or {}
    if leader:
        years = sorted(leader, key=int)
        names = sorted({v for y in years for v in leader[y]},
                       key=lambda v: -leader[years[-1]].get(v, {}).get("p", 0.0))
        page.table("P(vendor has the largest model-API share)",
                   ["Vendor"] + years,
                   [[swatch(vendor_palette(v)) + esc(v)] + [fp(leader[y].get(v)) for y in years]
                    for v in names])
    thr = P.get("thresholds") or {}
    rows = []
    years = None
    for metric, by_t in thr.items():
        for t in sorted(by_t, key=float):
            ys = sorted(by_t[t], key=int)
            years = years or ys
            tv = float(t)
            label = (f"{metric} ≥ {style.fmt_pct(tv)}" if style.metric_kind(metric) == "share"
                     else f"{metric} ≥ {style.fmt_usd(tv)}" if style.metric_kind(metric) == "usd"
                     else f"{metric} ≥ {t}")
            rows.append([esc(label)] + [fp(by_t[t].get(y)) for y in years])
    if rows:
        page.table("P(metric at or above a threshold), by year", ["Threshold"] + years, rows,
                   note="Spend in $B a year; shares of model-API spend; HHI as a fraction.")
    events = P.get("events") or {}
    if events:
        years = sorted(next(iter(events.values())), key=int)
        page.table("P(event has happened by the end of the year)", ["Event"] + years,
                   [[esc(e)] + [fp(events[e].get(y)) for y in years] for e in sorted(events)])
    sfy = P.get("spend_first_year") or {}
    if sfy:
        t0 = next(iter(sfy.values()))
        cols = sorted((k for k in t0 if k != "never"), key=int) + (["never"] if "never" in t0
                                                                  else [])
        page.table("First year spend reaches a threshold: probability of each year",
                   ["Spend ≥ ($B)"] + cols,
                   [[esc(style.fmt_usd(float(t)))] + [fp(sfy[t].get(c)) for c in cols]
                    for t in sorted(sfy, key=float)])
    pairs = P.get("pairs") or {}
    if pairs:
        years = sorted(next(iter(pairs.values())), key=int)
        page.table("P(share of A > share of B)", ["A > B"] + years,
                   [[esc(k.replace(">", " > "))] + [fp(pairs[k].get(y)) for y in years]
                    for k in pairs])


