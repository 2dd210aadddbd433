"""spendcast-plot: charts from result files (docs/CHARTS.md)."""

from __future__ import annotations

import argparse
import os
import sys

from . import charts, style, sweep_chart
from typing import Any, Callable, Optional, Sequence, TYPE_CHECKING

from .fields import InputError
from .inputs import check_metric_and_year, load_inputs, read_or_explain
from .output import check_writable

if TYPE_CHECKING:
    from .analysis import Comparison, Sensitivity
    from .backtest_chart import BacktestRun
    from .bench_chart import BenchRun
    from .output import Chart
    from .result import Result

CHART_KINDS = ("fan", "shares", "leader", "revenue", "distribution", "overlay", "fans",
               "comparison", "tornado", "scaling", "sweep", "pit", "reliability")


def parse_args(argv: Sequence[str], prog: str = "spendcast-plot") -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog=prog,
        description="Charts (PNG and SVG) from spendcast result files (spendcast run --json) "
                    "and sensitivity files. One file: its spend fan, vendor shares, leader "
                    "probabilities, vendor revenue and the distribution of --metric in --year. "
                    "Several: each one's charts plus overlaid and side-by-side fans and the "
                    "distributions compared. A comparison file (spendcast compare --json): "
                    "differences and P(B > A); a sensitivity file: a tornado chart; a bench "
                    "file (spendcast bench --json): throughput against threads; a sweep "
                    "file (spendcast sweep --json): --metric against a varied value; a "
                    "backtest file (spendcast backtest --json): PIT histogram and interval "
                    "coverage. "
                    "See docs/CHARTS.md.")
    p.add_argument("files", nargs="+", metavar="FILE.json",
                   help="result, comparison, sensitivity, bench, sweep or backtest files")
    p.add_argument("--out", "-o", required=True, metavar="DIR",
                   help="folder for the charts (created when missing)")
    p.add_argument("--log", action="store_true", help="log scale for spend and revenue")
    p.add_argument("--metric",
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


def build_charts(results: Sequence[Result], sens: Sequence[Sensitivity], kinds: Sequence[str],
                 metric: str = "spend", year: Optional[int] = None, log: bool = False,
                 top: int = 15, comps: Sequence[Comparison] = (),
                 benches: Sequence[BenchRun] = (),
                 backtests: Sequence[BacktestRun] = ()) -> list[Chart]:
    """Every chart asked for; a chart the files lack the data for is left out with a
    warning."""
    style.setup()
    vendor_palette, scenario_palette = style.palettes(results, comps)
    out = []

    def attempt(fn: Callable[..., Chart], *args: Any, **kw: Any) -> None:
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
    if "scaling" in kinds:
        for b in benches:
            attempt(charts.scaling_chart, b)
    for bt in backtests:
        if "pit" in kinds:
            attempt(charts.pit_chart, bt)
        if "reliability" in kinds:
            attempt(charts.reliability_chart, bt)
    return out


def prepare_folder(folder: str) -> str:
    """The output folder, made when missing (its parent must exist) and checked writable by
    making and removing a temporary file in it, before anything is drawn: InputError
    otherwise, and nothing written."""
    path = os.path.abspath(folder)
    if not os.path.isdir(path):
        if os.path.lexists(path):
            raise InputError(f"{folder}: not a folder")
        if not os.path.isdir(os.path.dirname(path)):
            raise InputError(f"{folder}: cannot make it: its parent folder does not exist")
        try:
            os.mkdir(path)
        except OSError as e:
            raise InputError(f"{folder}: cannot make it: {e.strerror}") from None
    check_writable(path, folder)
    return path


def main(argv: Optional[list[str]] = None, prog: str = "spendcast-plot") -> int:
    a = parse_args(sys.argv[1:] if argv is None else argv, prog)

    def draw() -> tuple[list[Chart], str]:
        benches: list[BenchRun] = []
        sweeps, others = sweep_chart.load_sweeps(a.files)
        backtests: list[BacktestRun] = []
        results, sens, comps = load_inputs(others, benches, backtests)
        check_metric_and_year(results, comps, a.metric, a.year)
        folder = prepare_folder(a.out)
        made = build_charts(results, sens, a.kinds, a.metric or "spend", a.year, a.log, a.top,
                            comps, benches, backtests)
        if "sweep" in a.kinds:
            made += [sweep_chart.sweep_chart(s, a.metric, a.year) for s in sweeps]
        return made, folder

    drawn = read_or_explain(prog, "draw from", a.files, draw)
    if drawn is None:
        return 2
    made, folder = drawn
    if not made:
        print(f"{prog}: no chart to draw from these files", file=sys.stderr)
        return 1
    written: list[str] = []
    try:
        for ch in made:
            written += ch.write(a.out, a.formats, sidecar=not a.no_data)
            ch.release()
    except OSError as e:  # e.g. the disk filled up: take back this run's files
        for path in written:
            try:
                os.unlink(path)
            except OSError:
                pass
        print(f"{prog}: {folder}: cannot write: {e.strerror or e}; nothing written",
              file=sys.stderr)
        return 1
    if not a.quiet:
        for path in written:
            print(path)
    return 0
