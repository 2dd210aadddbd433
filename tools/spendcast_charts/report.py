"""spendcast-report: one self-contained HTML file (charts inline as SVG, no scripts, no
network) from result and sensitivity files (docs/CHARTS.md)."""

import argparse
import html
import os
import re
import sys

from . import VERSION, charts, style
from .data import InputError
from .output import atomic_write
from .plot_cli import load_inputs, palettes

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #d8d8d8; --band: #f4f6f9; --accent: #1f5fa8; }
* { box-sizing: border-box; }
html { font-size: 16px; }
body { margin: 0; color: var(--ink); background: #fff;
  font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", Roboto, Helvetica, Arial, sans-serif;
  line-height: 1.45; }
main { max-width: 68rem; margin: 0 auto; padding: 1.5rem 1.5rem 3rem; }
header.report { border-bottom: 3px solid var(--accent); padding-bottom: 0.8rem; margin-bottom: 1rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0.2rem 0 0.5rem; }
h2 { font-size: 1.45rem; margin: 2.4rem 0 0.4rem; padding-top: 0.6rem; border-top: 1px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.6rem 0 0.4rem; }
p { margin: 0.4rem 0 0.7rem; max-width: 52rem; }
.kicker { text-transform: uppercase; letter-spacing: 0.06em; font-size: 0.78rem; color: var(--muted); margin: 0; }
.meta { color: var(--muted); font-size: 0.88rem; }
.scenario-name { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.9em; color: var(--muted); }
nav.toc { background: var(--band); border-radius: 6px; padding: 0.6rem 1rem; margin: 1rem 0; font-size: 0.92rem; }
nav.toc ol { margin: 0.2rem 0; padding-left: 1.3rem; columns: 2 18rem; }
nav.toc a { color: var(--accent); text-decoration: none; }
figure { margin: 1.2rem 0 1.6rem; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; max-width: 62rem; }
figcaption { color: var(--muted); font-size: 0.88rem; margin-top: 0.3rem; max-width: 52rem; }
.table-wrap { overflow-x: auto; margin: 0.5rem 0 1.2rem; }
table { border-collapse: collapse; font-size: 0.86rem; font-variant-numeric: tabular-nums; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; caption-side: top; }
th, td { padding: 0.28rem 0.6rem; border-bottom: 1px solid var(--rule); text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; }
thead th { border-bottom: 2px solid #999; font-weight: 600; background: #fff; }
tbody tr:nth-child(even) { background: #fafbfc; }
table.text td { text-align: left; }
td.obs, th.obs { color: var(--muted); font-style: italic; }
.swatch { display: inline-block; width: 0.7em; height: 0.7em; border-radius: 2px; margin-right: 0.35em; vertical-align: baseline; }
.note { font-size: 0.85rem; color: var(--muted); }
footer { margin-top: 3rem; padding-top: 0.6rem; border-top: 1px solid var(--rule); color: var(--muted); font-size: 0.82rem; }
@media (max-width: 40rem) { main { padding: 1rem 0.8rem; } h1 { font-size: 1.5rem; } }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { font-size: 10pt; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  h2.newpage { break-before: page; page-break-before: always; border-top: none; margin-top: 0; }
  h2, h3, caption { break-after: avoid; page-break-after: avoid; }
  figure svg { max-width: 100%; }
  .table-wrap { overflow: visible; }
  table { font-size: 8pt; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  tbody tr:nth-child(even) { background: none; }
}
"""


def esc(x):
    return html.escape(str(x), quote=True)


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^)"]+)')


def inline_svg(svg, prefix, label):
    """An SVG document as an inline element: no XML prolog, ids made unique in the page,
    sized by CSS, with a text alternative."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<metadata>.*?</metadata>\s*", "", svg, flags=re.S)
    ids = set(_ID.findall(svg))
    svg = _ID.sub(lambda m: f'id="{prefix}{m.group(1)}"', svg)
    svg = _REF.sub(lambda m: m.group(1) + (prefix + m.group(2) if m.group(2) in ids
                                           else m.group(2)), svg)
    svg = re.sub(r'<svg ([^>]*?)width="[^"]*" height="[^"]*"',
                 lambda m: f'<svg {m.group(1)}role="img" aria-label="{esc(label)}"', svg, count=1)
    return svg.strip()


class Page:
    def __init__(self):
        self.parts = []
        self.toc = []
        self.n_fig = 0

    def add(self, s):
        self.parts.append(s)

    def section(self, title, anchor, level=2, newpage=False, extra=""):
        """A heading; `newpage`: printing starts a page with it."""
        self.toc.append((level, title, anchor))
        cls = ' class="newpage"' if newpage else ""
        self.add(f'<h{level} id="{anchor}"{cls}>{esc(title)}{extra}</h{level}>')

    def figure(self, chart, caption):
        self.n_fig += 1
        title = chart.data.get("title", chart.name)
        svg = inline_svg(chart.svg(), f"f{self.n_fig}-", title)
        chart.fig.clear()
        self.add(f'<figure id="fig-{esc(chart.name)}">{svg}'
                 f'<figcaption>{caption}</figcaption></figure>')

    def table(self, caption, head, rows, note=None, obs_cols=(), text=False, fixed=1,
              max_cols=None):
        """A table; with max_cols, the columns after the first `fixed` ones are split into
        tables of at most max_cols (so that wide ones fit a screen and a printed page)."""
        n = len(head) - fixed
        if max_cols and n > max_cols:
            parts = -(-n // max_cols)
            size = -(-n // parts)
            for k in range(parts):
                cols = list(range(fixed)) + list(range(fixed + k * size,
                                                       min(fixed + (k + 1) * size, len(head))))
                self.table(caption + (f" ({k + 1} of {parts})"), [head[c] for c in cols],
                           [[row[c] for c in cols] for row in rows],
                           note=note if k == parts - 1 else None,
                           obs_cols=tuple(i for i, c in enumerate(cols) if c in obs_cols),
                           text=text, fixed=fixed)
            return
        cls = ' class="text"' if text else ""
        out = [f'<div class="table-wrap"><table{cls}>', f"<caption>{esc(caption)}</caption>",
               "<thead><tr>"]
        for i, h in enumerate(head):
            cls = ' class="obs"' if i in obs_cols else ""
            out.append(f'<th scope="col"{cls}>{h}</th>')
        out.append("</tr></thead><tbody>")
        for row in rows:
            out.append("<tr>")
            for i, cell in enumerate(row):
                tag = "th" if i == 0 else "td"
                scope = ' scope="row"' if i == 0 else ""
                cls = ' class="obs"' if i in obs_cols else ""
                out.append(f"<{tag}{scope}{cls}>{cell}</{tag}>")
            out.append("</tr>")
        out.append("</tbody></table></div>")
        if note:
            out.append(f'<p class="note">{note}</p>')
        self.add("".join(out))


def paragraphs(text):
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text or "") if b.strip()]
    return "".join(f"<p>{esc(' '.join(b.split()))}</p>" for b in blocks)


def interval(r, metric, year):
    q = [r.quantile(metric, year, lv) for lv in (0.05, 0.5, 0.95)]
    return (f"{esc(style.fmt_value(metric, q[1]))} "
            f"<span class=\"meta\">[{esc(style.fmt_range(metric, q[0], q[2]))}]</span>")


def swatch(colour):
    return f'<span class="swatch" style="background:{colour}"></span>'


def run_meta(r):
    bits = [f"Scenario <span class=\"scenario-name\">{esc(r.name)}</span>"]
    if getattr(r, "scenario", None) and r.scenario.get("origin"):
        bits[0] += f" ({esc(r.scenario['origin'])})"
    if r.paths is not None:
        bits.append(f"{style.fmt_int(r.paths)} paths")
    if r.seed is not None:
        bits.append(f"seed {esc(r.seed)}")
    if getattr(r, "sampling", None):
        bits.append({"lhs": "Latin hypercube sampling", "mc": "plain Monte Carlo"}.get(
            r.sampling, esc(r.sampling)))
    if getattr(r, "exact", False):
        bits.append("exact quantiles")
    if r.engine_version:
        bits.append(f"spendcast {esc(r.engine_version)}")
    bits.append(f"file {esc(os.path.basename(r.path))}")
    src = f"Data: {esc(r.data_source)}. " if r.data_source else ""
    return f'<p class="meta">{src}{" · ".join(bits)}.</p>'


# -- the tables of one result --------------------------------------------------------
def spend_table(page, r):
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


def shares_table(page, r, vendor_palette):
    order, h = charts._vendor_order(r, "share.")
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


def other_metrics_table(page, r):
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


def probability_tables(page, r, vendor_palette):
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


# -- the sections ----------------------------------------------------------------------
def scenario_section(page, r, vendor_palette, scenario_palette, args, single, first):
    anchor = "s-" + slug(r.label)
    sub = 2 if single else 3  # one scenario: its title is the page's; its parts are h2
    if not single:
        page.section(r.title, anchor, newpage=not first,
                     extra=f' <span class="scenario-name">{esc(r.label)}</span>')
        page.add(paragraphs(r.description))
        page.add(run_meta(r))

    def attempt(fn, caption, *a, **kw):
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


def comparison_section(page, results, vendor_palette, scenario_palette, args):
    page.section("The scenarios compared", "compare")
    rows = []
    for r in results:
        rows.append([swatch(scenario_palette(r.label)) + f'<a href="#s-{slug(r.label)}">'
                     f"{esc(r.label)}</a>", esc(r.title)])
    page.table("Scenarios", ["Scenario", "Title"], rows, text=True)

    def attempt(fn, caption, *a, **kw):
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
        vendors = []
        for r in results:  # the scenarios' order of vendors
            vendors += [v for v in r.vendor_names + sorted(r.leader(y)) if v not in vendors]
        page.table(f"P(largest vendor share) in {y}",
                   ["Scenario"] + [swatch(vendor_palette(v)) + esc(v) for v in vendors],
                   [[esc(r.label)] + [esc(style.fmt_prob(r.leader(y)[v]))
                                      if v in r.leader(y) else "–" for v in vendors]
                    for r in results])
        page.table(f"Median vendor share in {y}",
                   ["Scenario"] + [swatch(vendor_palette(v)) + esc(v) for v in vendors],
                   [[esc(r.label)] + [esc(style.fmt_pct(r.quantile("share." + v, y, 0.5)))
                                      if str(y) in r.metrics.get("share." + v, {}) else "–"
                                      for v in vendors] for r in results])


def comparison_file_section(page, c, scenario_palette, args, first):
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
                def iv(d):
                    if not isinstance(d, dict) or d.get("median") is None:
                        return "–"
                    return (f"{esc(style.fmt_value(m, d['median']))} <span class=\"meta\">"
                            f"[{esc(style.fmt_range(m, d.get('p5'), d.get('p95')))}]</span>"
                            if d.get("p5") is not None and d.get("p95") is not None
                            else esc(style.fmt_value(m, d["median"])))
                rows.append([str(y), iv(cell.get("a")), iv(cell.get("b")),
                             iv(cell.get("difference")),
                             esc(style.fmt_prob(c.p_greater(cell))),
                             esc("–" if cell.get("ks") is None else f"{cell['ks']:.3f}"),
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


def sensitivity_section(page, s, first):
    page.section(f"Sensitivity of {s.metric}" + (f" in {s.year}" if s.year else ""),
                 "sens-" + slug(s.label + "-" + s.metric + "-" + str(s.year)), newpage=not first)
    try:
        page.figure(charts.tornado_chart(s), "Each bar: the metric when the parameter sits at "
                    "the low or the high end of its range, the others varying as drawn.")
    except InputError as e:
        charts.warn(f"{e}; chart left out of the report")
    rows = [[esc(p["name"])] + [esc("–" if p[k] is None else f"{p[k]:+.3f}")
                                for k in ("spearman", "src")] +
            [esc(style.fmt_value(s.metric, p[k])) for k in ("swing_low", "swing_high")]
            for p in s.parameters]
    page.table("Factors", ["Factor", "Spearman ρ", "SRRC", "Median, factor at its low end",
                           "Median, factor at its high end"], rows)
    for note in s.notes:
        page.add(f'<p class="note">{esc(note)}</p>')


def render(results, sens, args, comps=()):
    style.setup()
    vendor_palette, scenario_palette = palettes(results, comps)
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


def parse_args(argv, prog="spendcast-report"):
    p = argparse.ArgumentParser(
        prog=prog,
        description="One self-contained HTML report (charts inline as SVG, tables, print CSS) "
                    "from spendcast result files and sensitivity files. See docs/CHARTS.md.")
    p.add_argument("files", nargs="+", metavar="FILE.json",
                   help="result, comparison or sensitivity files")
    p.add_argument("-o", "--out", required=True, metavar="REPORT.html", help="the HTML file")
    p.add_argument("--title", help="the report's title (default: the scenario's)")
    p.add_argument("--metric", default="spend", help="metric of the distribution chart "
                                                    "and the compared fans (default spend)")
    p.add_argument("--year", type=int, help="year of the distribution chart")
    p.add_argument("--log", action="store_true", help="log scale for spend and revenue")
    return p.parse_args(argv)


def main(argv=None, prog="spendcast-report"):
    args = parse_args(sys.argv[1:] if argv is None else argv, prog)
    try:
        results, sens, comps = load_inputs(args.files)
        text = render(results, sens, args, comps)
        atomic_write(args.out, text)
    except InputError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 2
    except OSError as e:
        print(f"{prog}: {e}", file=sys.stderr)
        return 1
    return 0
