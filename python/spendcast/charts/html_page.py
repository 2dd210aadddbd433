"""The HTML page of a report: its CSS, escaping, inline SVG figures and tables."""

from __future__ import annotations

import html
import re
from typing import Optional, Sequence, TYPE_CHECKING

if TYPE_CHECKING:
    from .output import Chart


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


def esc(x: object) -> str:
    return html.escape(str(x), quote=True)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


_ID = re.compile(r'\bid="([^"]+)"')
_REF = re.compile(r'(url\(#|href="#)([^)"]+)')


def inline_svg(svg: str, prefix: str, label: str) -> str:
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
    def __init__(self) -> None:
        self.parts = []
        self.toc = []
        self.n_fig = 0

    def add(self, s: str) -> None:
        self.parts.append(s)

    def section(self, title: str, anchor: str, level: int = 2, newpage: bool = False,
                extra: str = "") -> None:
        """A heading; `newpage`: printing starts a page with it."""
        self.toc.append((level, title, anchor))
        cls = ' class="newpage"' if newpage else ""
        self.add(f'<h{level} id="{anchor}"{cls}>{esc(title)}{extra}</h{level}>')

    def figure(self, chart: Chart, caption: str) -> None:
        self.n_fig += 1
        title = chart.data.get("title", chart.name)
        svg = inline_svg(chart.svg(), f"f{self.n_fig}-", title)
        chart.release()
        self.add(f'<figure id="fig-{esc(chart.name)}">{svg}'
                 f'<figcaption>{caption}</figcaption></figure>')

    def table(self, caption: str, head: Sequence[str], rows: Sequence[Sequence[str]],
              note: Optional[str] = None, obs_cols: Sequence[int] = (), text: bool = False,
              fixed: int = 1, max_cols: Optional[int] = None) -> None:
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


def paragraphs(text: str) -> str:
    blocks = [b.strip() for b in re.split(r"\n\s*\n", text or "") if b.strip()]
    return "".join(f"<p>{esc(' '.join(b.split()))}</p>" for b in blocks)


def swatch(colour: str) -> str:
    return f'<span class="swatch" style="background:{colour}"></span>'

