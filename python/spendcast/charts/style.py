"""Palettes (fixed by name, so a vendor keeps its colour on every chart), number formats and
the source line; the metrics' units and words (from `metrics`, re-exported here for the
charts)."""

from __future__ import annotations

import hashlib
import textwrap
from typing import Any, Iterable, Optional, Sequence

import matplotlib

from .metrics import (metric_bounds, metric_kind, metric_label, metric_phrase,  # noqa: F401
                      metric_title)

matplotlib.use("Agg")

# Vendors of the bundled scenarios; any other name gets a colour from FALLBACK, chosen by
# a hash of the name (stable across runs and machines; Python's hash() is not).
VENDOR_COLOURS = {
    "OpenAI": "#10a37f",
    "Anthropic": "#d97757",
    "Google": "#3b7ddd",
    "Meta": "#7e57c2",
    "Mistral": "#e8a317",
    "Other": "#8c8c8c",
    "Challenger": "#c2185b",
    "Hyperscaler": "#00838f",
    "Sovereign": "#6d4c41",
}
SEGMENT_COLOURS = {
    "models": "#4c72b0",
    "applications": "#dd8452",
    "infrastructure": "#55a868",
    "agents": "#c44e52",
}
SCENARIO_COLOURS = {
    "baseline": "#1f5fa8",
    "agents-boom": "#2a9d5c",
    "bubble-burst": "#d1495b",
    "leaders-reshuffle": "#b05fb0",
    "open-weights": "#e08a00",
    "consolidation": "#2b8a94",
    "stress": "#5a5a5a",
}
FALLBACK = ["#1b9e77", "#e7298a", "#66a61e", "#a6761d", "#386cb0", "#bf5b17", "#7570b3",
            "#999933", "#882255", "#44aa99", "#cc6677", "#332288"]
FAN_COLOUR = "#1f5fa8"
OBSERVED_COLOUR = "#111111"
SOURCE_GREY = "#555555"


def _hash_index(name: str, n: int) -> int:
    return int(hashlib.sha256(name.encode("utf-8")).hexdigest()[:8], 16) % n


class Palette:
    """Colours for a set of names: the fixed colour where the name has one, else a hashed
    fallback; names are taken in sorted order and a fallback already used in this set moves
    on to the next free one, so one set of names gives one colouring on every chart."""

    def __init__(self, fixed: dict[str, str], names: Iterable[str] = ()) -> None:
        self.fixed = fixed
        self.colours = {}
        used = set()
        for n in sorted(set(names)):
            if n in fixed:
                self.colours[n] = fixed[n]
                used.add(fixed[n])
        for n in sorted(set(names)):
            if n in self.colours:
                continue
            i = _hash_index(n, len(FALLBACK))
            for k in range(len(FALLBACK)):
                c = FALLBACK[(i + k) % len(FALLBACK)]
                if c not in used:
                    break
            self.colours[n] = c
            used.add(c)

    def __call__(self, name: str) -> str:
        if name not in self.colours:
            self.colours[name] = self.fixed.get(name) or FALLBACK[_hash_index(name, len(FALLBACK))]
        return self.colours[name]


def setup() -> None:
    """matplotlib settings for every chart: Agg, no math text (titles may hold '$'),
    SVG text kept as text, no path simplification (the SVG holds every plotted point)."""
    matplotlib.rcParams.update({
        "text.parse_math": False,
        "svg.fonttype": "none",
        "path.simplify": False,
        "font.family": "DejaVu Sans",
        "font.size": 9.5,
        "axes.titlesize": 10.5,
        "axes.labelsize": 9.5,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.grid": True,
        "grid.color": "#dddddd",
        "grid.linewidth": 0.6,
        "legend.fontsize": 8.5,
        "legend.frameon": False,
        "xtick.labelsize": 8.5,
        "ytick.labelsize": 8.5,
        "savefig.facecolor": "white",
        "figure.facecolor": "white",
    })


def fmt_num(x: float, spec: str) -> str:
    """Every number the charts and reports print goes through here: `format(x, spec)`,
    with a minus sign (U+2212) for negatives and never a negative zero: a value that
    rounds to zero prints as zero, unsigned ("0.00", not "-0.00" or "+0.00")."""
    text = format(x, spec)
    if not any(ch in "123456789" for ch in text.split("e")[0].split("E")[0]):
        text = format(0.0, spec.replace("+", "").replace(" ", ""))
    return text.replace("-", "−")


def fmt_value(metric: str, x: Optional[float], precise: bool = False) -> str:
    """A value for a label or table: $B with 3 significant figures, shares in %."""
    if x is None:
        return "–"
    kind = metric_kind(metric)
    if kind == "usd":
        return fmt_usd(x)
    if kind == "share":
        return fmt_pct(x)
    if kind == "ratio":
        return fmt_num(x, ".2f") + "×"
    return fmt_num(x, ".3f" if precise else ".2f")


def fmt_range(metric: str, lo: Optional[float], hi: Optional[float]) -> str:
    """'18–55 %' for shares, '64–372' for money, '−16 to −1' when negative."""
    if lo is not None and hi is not None and (lo < 0 or hi < 0):
        a = fmt_value(metric, lo)
        b = fmt_value(metric, hi)
        return f"{a} to {b}"
    if metric == "share" or metric_kind(metric) == "share":
        a, b = fmt_pct(lo), fmt_pct(hi)
        return f"{a[:-2]}–{b}"
    if metric_kind(metric) == "ratio":
        return f"{fmt_num(lo, '.2f')}–{fmt_num(hi, '.2f')}×"
    return f"{fmt_value(metric, lo)}–{fmt_value(metric, hi)}"


def fmt_usd(x: float) -> str:
    """3 significant figures, no trailing zeros: 2.3, 13.8, 45, 149, 1,234."""
    return fmt_num(x, ",.0f" if abs(x) >= 100 else ".3g")


def fmt_pct(x: float) -> str:
    p = 100.0 * x
    if abs(p) >= 10 or p == 0:
        return fmt_num(p, ".0f") + " %"
    return fmt_num(p, ".1f") + " %"


def fmt_prob(p: Optional[float]) -> str:
    if p is None:
        return "–"
    if p == 0:
        return "0"
    if p == 1:
        return "1"
    if p < 0.005:
        return "< 0.01"
    if p > 0.995:
        return "> 0.99"
    return fmt_num(p, ".2f")


def fmt_int(n: Any) -> str:
    try:
        return f"{int(n):,}"
    except (TypeError, ValueError):
        return str(n)


# -- the source line -----------------------------------------------------------------
SAMPLING_NAMES = {"lhs": "Latin hypercube sampling", "mc": "plain Monte Carlo"}


def sampling_name(sampling: Any) -> str:
    """A result's run.sampling in words ("lhs": "Latin hypercube sampling"); an unknown
    value as it is; "" when not recorded."""
    if not sampling:
        return ""
    return SAMPLING_NAMES.get(str(sampling), str(sampling))


def run_phrase(r: Any) -> str:
    """'100,000 paths, seed 1, Latin hypercube sampling': what the file records of a run."""
    bits = []
    if r.paths is not None:
        bits.append(f"{fmt_int(r.paths)} paths")
    if r.seed is not None:
        bits.append(f"seed {r.seed}")
    sampling = sampling_name(getattr(r, "sampling", None))
    if sampling:
        bits.append(sampling)
    return ", ".join(bits)


def source_line(results: Sequence[Any]) -> str:
    """'Source: …' naming the data source, each scenario with its paths, seed and sampling
    (as its file records them: never assumed), and the engine version."""
    sources = []
    for r in results:
        if r.data_source and r.data_source not in sources:
            sources.append(r.data_source)
    groups = {}  # scenarios with the same paths and seed are named together
    for r in results:
        groups.setdefault(run_phrase(r), []).append(r.label)
    runs = []
    for phrase, labels in groups.items():
        names = ", ".join(labels)
        each = " each" if len(labels) > 1 and phrase else ""
        runs.append(f"{names} ({phrase}{each})" if phrase else names)
    engines = sorted({r.engine_version for r in results if r.engine_version})
    parts = ["Data: " + "; ".join(sources) if sources
             else "Data source: not recorded in the file"]
    parts.append(("Scenario: " if len(results) == 1 else "Scenarios: ") + "; ".join(runs))
    if not engines:
        parts.append("spendcast (engine version: not recorded in the file)")
    else:
        parts.append("spendcast " + ", ".join(engines))
    return ". ".join(p.strip() for p in parts) + "."


def wrap(text: str, width_in: float, fontsize: float) -> list[str]:
    """Wraps text to a figure width in inches (DejaVu Sans: about 0.55 em a character)."""
    chars = max(20, int(width_in * 72.0 / (fontsize * 0.56)))
    return textwrap.wrap(text, chars) or [""]


def palettes(results: Sequence[Any], comps: Sequence[Any] = ()) -> tuple[Palette, Palette]:
    """The vendor and scenario palettes of one run: every chart of the run colours a name
    the same."""
    vendors = set()
    for r in results:
        vendors.update(r.vendor_names)
    scenarios = [r.label for r in results]
    for c in comps:
        scenarios += [str(i.get("label")) for i in c.inputs]
    return (Palette(VENDOR_COLOURS, vendors), Palette(SCENARIO_COLOURS, scenarios))
