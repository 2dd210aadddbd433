"""spendcast-plot: charts from result files (docs/CHARTS.md)."""

import argparse
import os
import sys

from . import charts, style
from .analysis import Comparison
from .fields import InputError
from .inputs import load
from .result import Result

CHART_KINDS = ("fan", "shares", "leader", "revenue", "distribution", "overlay", "fans",
               "comparison", "tornado")


def parse_args(argv, prog="spendcast-plot"):
    p = argparse.ArgumentParser(
        prog=prog,
        description="Charts (PNG and SVG) from spendcast result files (spendcast run --json) "
                    "and sensitivity files. One file: its spend fan, vendor shares, leader "
                    "probabilities, vendor revenue and the distribution of --metric in --year. "
                    "Several: each one's charts plus overlaid and side-by-side fans and the "
                    "distributions compared. A comparison file (spendcast compare --json): "
                    "differences and P(B > A); a sensitivity file: a tornado chart. "
                    "See docs/CHARTS.md.")
    p.add_argument("files", nargs="+", metavar="FILE.json",
                   help="result, comparison or sensitivity files")
    p.add_argument("--out", "-o", required=True, metavar="DIR",
                   help="folder for the charts (created when missing)")
    p.add_argument("--log", action="store_true", help="log scale for spend and revenue")
    p.add_argument("--metric", default="spend",
                   help="metric of the distribution chart and of the compared fans "
                        "(default: spend), e.g. share.Anthropic, revenue.OpenAI, hhi")
    p.add_argument("--year", type=int, help="year of the distribution chart "
                                            "(default: each file's horizon)")
    p.add_argument("--charts", default=",".join(CHART_KINDS),
                   help="comma-separated subset of: " + ", ".join(CHART_KINDS))
    p.add_argument("--format", default="png,svg", help="png, svg or both (default png,svg)")
    p.add_argument("--no-data", action="store_true",
                   help="do not write the NAME.json sidecar of plotted numbers")
    p.add_argument("--top", type=int, default=15, help="parameters on the tornado chart")
    p.add_argument("-q", "--quiet", action="store_true", help="do not list the files written")
    a = p.parse_args(argv)
    kinds = [k.strip() for k in a.charts.split(",") if k.strip()]
    bad = [k for k in kinds if k not in CHART_KINDS]
    if bad:
        p.error(f"unknown chart kind(s) {', '.join(bad)}: choose from {', '.join(CHART_KINDS)}")
    a.kinds = kinds
    a.formats = [f.strip() for f in a.format.split(",") if f.strip()]
    if not a.formats or any(f not in ("png", "svg") for f in a.formats):
        p.error("--format takes png, svg or png,svg")
    return a


def load_inputs(paths):
    """Results, sensitivity files and comparison files, with labels made unique."""
    results, sens, comps = [], [], []
    for path in paths:
        doc = load(path)
        (results if isinstance(doc, Result) else comps if isinstance(doc, Comparison)
         else sens).append(doc)
    for group in (results, sens, comps):  # chart names differ between the kinds
        seen = {}
        for d in group:
            k = seen.get(d.name, 0) + 1
            seen[d.name] = k
            d.label = d.name if k == 1 else f"{d.name}-{k}"
    return results, sens, comps


def palettes(results, comps=()):
    vendors = set()
    for r in results:
        vendors.update(r.vendor_names)
    scenarios = [r.label for r in results]
    for c in comps:
        scenarios += [str(i.get("label")) for i in c.inputs]
    return (style.Palette(style.VENDOR_COLOURS, vendors),
            style.Palette(style.SCENARIO_COLOURS, scenarios))


def build_charts(results, sens, kinds, metric="spend", year=None, log=False, top=15,
                 comps=()):
    """Every chart asked for; a chart the files lack the data for is left out with a
    warning."""
    style.setup()
    vendor_palette, scenario_palette = palettes(results, comps)
    out = []

    def attempt(fn, *args, **kw):
        try:
            out.append(fn(*args, **kw))
        except InputError as e:
            charts.warn(f"{e}; chart skipped")

    for r in results:
        if "fan" in kinds:
            attempt(charts.fan_chart, r, "spend", log)
            if metric != "spend" and len(r.years(metric)) >= 2:
                attempt(charts.fan_chart, r, metric, log and style.metric_kind(metric) == "usd")
        if "shares" in kinds and any(r.has("share." + v) for v in r.vendor_names):
            attempt(charts.shares_chart, r, vendor_palette)
        if "leader" in kinds and r.probabilities.get("leader"):
            attempt(charts.leader_chart, r, vendor_palette)
        if "revenue" in kinds and any(r.has("revenue." + v) for v in r.vendor_names):
            attempt(charts.revenue_chart, r, vendor_palette, log)
        if "distribution" in kinds and len(results) == 1:
            attempt(charts.distribution_chart, [r], scenario_palette, metric, year, log)
    if len(results) > 1:
        if "overlay" in kinds:
            attempt(charts.overlay_chart, results, scenario_palette, metric, log)
        if "fans" in kinds:
            attempt(charts.side_by_side_chart, results, scenario_palette, metric, log)
        if "distribution" in kinds:
            attempt(charts.distribution_chart, results, scenario_palette, metric, year, log)
    if "comparison" in kinds:
        for c in comps:
            attempt(charts.comparison_chart, c, scenario_palette, metric)
    if "tornado" in kinds:
        for s in sens:
            attempt(charts.tornado_chart, s, top)
    return out


def main(argv=None, prog="spendcast-plot"):
    a = parse_args(sys.argv[1:] if argv is None else argv, prog)
    try:
        results, sens, comps = load_inputs(a.files)
        os.makedirs(a.out, exist_ok=True)
        made = build_charts(results, sens, a.kinds, a.metric, a.year, a.log, a.top, comps)
    except InputError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 1
    if not made:
        print(f"{prog}: no chart to draw from these files", file=sys.stderr)
        return 1
    for ch in made:
        for path in ch.write(a.out, a.formats, sidecar=not a.no_data):
            if not a.quiet:
                print(path)
        ch.release()
    return 0
