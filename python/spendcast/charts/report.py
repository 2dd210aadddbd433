"""spendcast-report: one self-contained HTML file (charts inline as SVG, no scripts, no
network) from result and sensitivity files (docs/CHARTS.md)."""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any, Callable, Iterable, Optional, Sequence, TYPE_CHECKING

from . import VERSION, charts, style
from .fields import InputError
from .html_page import CSS, Page, esc, paragraphs, slug, swatch
from .inputs import check_metric_and_year, load_inputs, read_or_explain
from .output import atomic_write, check_writable
from .report_tables import (interval, other_metrics_table, probability_tables, run_meta,
                            shares_table, spend_table)

if TYPE_CHECKING:
    from .analysis import Comparison, Sensitivity
    from .output import Chart
    from .result import Result
    from .style import Palette


# -- the sections ----------------------------------------------------------------------
def scenario_section(page: Page, r: Result, vendor_palette: Palette, scenario_palette: Palette,
                     args: argparse.Namespace, single: bool, first: bool) -> None:
    anchor = "s-" + slug(r.label)
    sub = 2 if single else 3  # one scenario: its title is the page's; its parts are h2
    if not single:
        page.section(r.title, anchor, newpage=not first,
                     extra=f' <span class="scenario-name">{esc(r.label)}</span>')
        page.add(paragraphs(r.description))
        page.add(run_meta(r))

    def attempt(fn: Callable[..., Chart], caption: str, *a: Any, **kw: Any) -> None:
        try:
            page.figure(fn(*a, **kw), caption)
        except InputError as e:
            charts.warn(f"{e}; chart left out of the report")

    page.section("Spend", anchor + "-spend", level=sub)
    attempt(charts.fan_chart, "The fan: the darker band holds half of the simulated paths, "
            "the lighter one 90 %; the line is the median; black points are the observed "
            "data.", r, "spend", args.log)
    spend_table(page, r)
    if any(r.has("share." + v) for v in r.vendor_names):
        page.section("Vendors", anchor + "-vendors", level=sub)
        attempt(charts.shares_chart, "Median share of each vendor with the middle half of paths "
                "shaded; points: the observed shares.", r, vendor_palette)
        if r.probabilities.get("leader"):
            attempt(charts.leader_chart, "How often each vendor has the largest share, by year.",
                    r, vendor_palette)
        if any(r.has("revenue." + v) for v in r.vendor_names):
            attempt(charts.revenue_chart, "Each vendor's model-API revenue on one scale.",
                    r, vendor_palette, args.log)
        shares_table(page, r, vendor_palette)
    other_metrics_table(page, r)
    if single:
        page.section("Distribution", anchor + "-distribution", level=sub)
        attempt(charts.distribution_chart, f"The whole distribution of {esc(args.metric)}, "
                "from the result's quantile sketch.", [r], scenario_palette, args.metric,
                args.year, args.log)
    page.section("Key probabilities", anchor + "-probabilities", level=sub)
    probability_tables(page, r, vendor_palette)


def comparison_section(page: Page, results: Sequence[Result], vendor_palette: Palette,
                       scenario_palette: Palette, args: argparse.Namespace) -> None:
    page.section("The scenarios compared", "compare")
    rows = []
    for r in results:
        rows.append([swatch(scenario_palette(r.label)) + f'<a href="#s-{slug(r.label)}">'
                     f"{esc(r.label)}</a>", esc(r.title)])
    page.table("Scenarios", ["Scenario", "Title"], rows, text=True)

    def attempt(fn: Callable[..., Chart], caption: str, *a: Any, **kw: Any) -> None:
        try:
            page.figure(fn(*a, **kw), caption)
        except InputError as e:
            charts.warn(f"{e}; chart left out of the report")

    attempt(charts.overlay_chart, "Medians of every scenario on one scale, the middle half of "
            "paths shaded.", results, scenario_palette, args.metric, args.log)
    attempt(charts.side_by_side_chart, "Each scenario's full fan, on a shared scale.", results,
            scenario_palette, args.metric, args.log)
    attempt(charts.distribution_chart, f"The distributions of {esc(args.metric)} side by side.",
            results, scenario_palette, args.metric, args.year, args.log)
    years = sorted(set().union(*[set(r.years("spend")) for r in results]))
    rows = []
    for r in results:
        rows.append([swatch(scenario_palette(r.label)) + esc(r.label)] +
                    [interval(r, "spend", y) if str(y) in r.metrics["spend"] else "–"
                     for y in years])
    page.table("Spend by scenario, $B a year: median [5th–95th percentile]",
               ["Scenario"] + [str(y) for y in years], rows, max_cols=5)
    common = set.intersection(*[set(int(y) for y in (r.probabilities.get("leader") or {}))
                                for r in results])
    if common:
        y = max(common)
        vendors = ordered_union([r.vendor_names + sorted(r.leader(y)) for r in results])

        def cells(r: Result, value: Callable[[Result, str], str]) -> list[str]:
            """The row's cells: blank where the file lacks the vendor."""
            return [value(r, v) if v in r.vendor_names or v in r.leader(y) else ""
                    for v in vendors]

        def leader_p(r: Result, v: str) -> str:
            p = r.leader(y).get(v)
            return "–" if p is None else esc(style.fmt_prob(p))

        def median_share(r: Result, v: str) -> str:
            if str(y) not in r.metrics.get("share." + v, {}):
                return "–"
            return esc(style.fmt_pct(r.quantile("share." + v, y, 0.5)))

        head = ["Scenario"] + [swatch(vendor_palette(v)) + esc(v) for v in vendors]
        page.table(f"P(largest vendor share) in {y}", head,
                   [[esc(r.label)] + cells(r, leader_p) for r in results],
                   note="Blank: a vendor the scenario does not have.")
        page.table(f"Median vendor share in {y}", head,
                   [[esc(r.label)] + cells(r, median_share) for r in results])


def ordered_union(groups: Iterable[Iterable[str]]) -> list[str]:
    """The names of every group, each once, in the order first seen."""
    out = []
    seen = set()
    for group in groups:
        for name in group:
            if name not in seen:
                seen.add(name)
                out.append(name)
    return out


def comparison_file_section(page: Page, c: Comparison, scenario_palette: Palette,
                            args: argparse.Namespace, first: bool) -> None:
    page.section(f"Comparison against {c.comparisons[0]['a']}",
                 "cmp-" + slug(c.label + "-" + os.path.basename(c.path)), newpage=not first)
    page.add(f'<p class="meta">From {esc(os.path.basename(c.path))}: '
             + ("paired on the same paths (common random numbers)" if c.paired
                else "result files compared (unpaired)") + ".</p>")
    metric = args.metric if args.metric in c.metrics() else (c.metrics() or ["spend"])[0]
    try:
        page.figure(charts.comparison_chart(c, scenario_palette, metric),
                    "Left: how far each scenario is from the first on the same paths (or "
                    "each one's distribution, unpaired); right: how often it is higher.")
    except InputError as e:
        charts.warn(f"{e}; chart left out of the report")
    for comp in c.comparisons:
        for m in (comp.get("metrics") or {}):
            rows = []
            for y, cell in c.cells(comp, m):
                def iv(d: Any) -> str:
                    if not isinstance(d, dict) or d.get("median") is None:
                        return "–"
                    return (f"{esc(style.fmt_value(m, d['median']))} <span class=\"meta\">"
                            f"[{esc(style.fmt_range(m, d.get('p5'), d.get('p95')))}]</span>"
                            if d.get("p5") is not None and d.get("p95") is not None
                            else esc(style.fmt_value(m, d["median"])))
                rows.append([str(y), iv(cell.get("a")), iv(cell.get("b")),
                             iv(cell.get("difference")),
                             esc(style.fmt_prob(c.p_greater(cell))),
                             esc("–" if cell.get("ks") is None
                                 else style.fmt_num(cell["ks"], ".3f")),
                             esc("–" if cell.get("w1") is None
                                 else style.fmt_value(m, cell["w1"]))])
            page.table(f"{comp['b']} against {comp['a']}: {m}, median [5th–95th percentile]",
                       ["Year", esc(comp["a"]), esc(comp["b"]),
                        esc(f"{comp['b']} − {comp['a']}"), esc(f"P({comp['b']} > {comp['a']})"),
                        "KS", "W1"], rows)
            if comp.get("left_out"):
                page.add(f'<p class="note">Left out: {esc(", ".join(map(str, comp["left_out"])))}'
                         ".</p>")
    for note in c.notes:
        page.add(f'<p class="note">{esc(note)}</p>')


def sensitivity_section(page: Page, s: Sensitivity, first: bool) -> None:
    page.section(f"Sensitivity of {s.metric}" + (f" in {s.year}" if s.year else ""),
                 "sens-" + slug(s.label + "-" + s.metric + "-" + str(s.year)), newpage=not first)
    try:
        page.figure(charts.tornado_chart(s), "Each bar: the metric when the parameter sits at "
                    "the low or the high end of its range, the others varying as drawn.")
    except InputError as e:
        charts.warn(f"{e}; chart left out of the report")
    rows = [[esc(p["name"])] + [esc("–" if p[k] is None else style.fmt_num(p[k], "+.3f"))
                                for k in ("spearman", "src")] +
            [esc(style.fmt_value(s.metric, p[k])) for k in ("swing_low", "swing_high")]
            for p in s.parameters]
    page.table("Factors", ["Factor", "Spearman ρ", "SRRC", "Median, factor at its low end",
                           "Median, factor at its high end"], rows)
    for note in s.notes:
        page.add(f'<p class="note">{esc(note)}</p>')


def render(results: Sequence[Result], sens: Sequence[Sensitivity], args: argparse.Namespace,
           comps: Sequence[Comparison] = ()) -> str:
    style.setup()
    vendor_palette, scenario_palette = style.palettes(results, comps)
    page = Page()
    single = len(results) == 1
    if args.title:
        title = args.title
    elif single:
        title = results[0].title
    elif results:
        title = f"{len(results)} scenarios compared"
    elif comps:
        title = "; ".join(c.title for c in comps)
    else:
        title = "Sensitivity: " + ", ".join(s.title for s in sens)
    first = True
    if len(results) > 1:
        comparison_section(page, results, vendor_palette, scenario_palette, args)
        first = False
    for r in results:
        scenario_section(page, r, vendor_palette, scenario_palette, args, single, first)
        first = False
    for c in comps:
        comparison_file_section(page, c, scenario_palette, args, first)
        first = False
    for s in sens:
        sensitivity_section(page, s, first)
        first = False
    head = ['<header class="report">']
    head.append('<p class="kicker">spendcast forecast report</p>')
    head.append(f"<h1>{esc(title)}</h1>")
    if single:
        r = results[0]
        if args.title and args.title != r.title:
            head.append(f"<p><strong>{esc(r.title)}</strong></p>")
        head.append(paragraphs(r.description))
        head.append(run_meta(r))
    elif results:
        sources = sorted({r.data_source for r in results if r.data_source})
        if sources:
            head.append(f'<p class="meta">Data: {esc("; ".join(sources))}.</p>')
    head.append('<p class="meta">Read the numbers as “what follows if you believe the '
                "scenario's assumptions”, not as predictions. Spend and revenue in billions of "
                "US dollars a year; [a–b] is the 5th to 95th percentile across simulated "
                "paths.</p>")
    head.append("</header>")
    toc = ['<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>']
    for level, t, anchor in page.toc:
        if level == 2:
            toc.append(f'<li><a href="#{anchor}">{esc(t)}</a></li>')
    toc.append("</ol></nav>")
    doc = ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
           '<meta name="viewport" content="width=device-width, initial-scale=1">',
           f"<title>{esc(title)}</title>",
           f'<meta name="generator" content="spendcast-report {VERSION}">',
           f"<style>{CSS}</style>", "</head>", "<body>", "<main>"]
    doc += head + toc + page.parts
    doc.append(f'<footer>Made by spendcast-report {VERSION} from '
               f'{esc(", ".join(os.path.basename(x.path) for x in results + list(comps) + sens))}. '
               "Self-contained: no scripts, no network.</footer>")
    doc += ["</main>", "</body>", "</html>", ""]
    return "\n".join(doc)


def parse_args(argv: Sequence[str], prog: str = "spendcast-report") -> argparse.Namespace:
    p = argparse.ArgumentParser(
        prog=prog,
        description="One self-contained HTML report (charts inline as SVG, tables, print CSS) "
                    "from spendcast result files and sensitivity files. See docs/CHARTS.md.")
    p.add_argument("files", nargs="+", metavar="FILE.json",
                   help="result, comparison or sensitivity files")
    p.add_argument("-o", "--out", required=True, metavar="REPORT.html", help="the HTML file")
    p.add_argument("--title", help="the report's title (default: the scenario's)")
    p.add_argument("--metric", help="metric of the distribution chart "
                                                    "and the compared fans (default spend)")
    p.add_argument("--year", type=int, help="year of the distribution chart")
    p.add_argument("--log", action="store_true", help="log scale for spend and revenue")
    return p.parse_args(argv)


def check_output(path: str) -> None:
    """InputError unless the report can be written at `path`: its folder exists and takes
    a new file, and the path is not a folder."""
    folder = os.path.dirname(os.path.abspath(path))
    if os.path.isdir(path):
        raise InputError(f"{path}: a folder, not a file")
    if not os.path.isdir(folder):
        raise InputError(f"{path}: its folder does not exist")
    check_writable(folder, path)


def main(argv: Optional[list[str]] = None, prog: str = "spendcast-report") -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv, prog)

    def read() -> str:
        results, sens, comps = load_inputs(args.files)
        check_metric_and_year(results, comps, args.metric, args.year)
        check_output(args.out)
        args.metric = args.metric or "spend"
        return render(results, sens, args, comps)

    text = read_or_explain(prog, "report on", args.files, read)
    if text is None:
        return 2
    try:
        atomic_write(args.out, text)
    except OSError as e:
        print(f"{prog}: {args.out}: cannot write: {e.strerror or e}", file=sys.stderr)
        return 1
    return 0
