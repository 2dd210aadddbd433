"""What each metric is, for charts and reports: its unit kind, the values it can take and
the words for it (axis label, title, phrase in a sentence), from one table of metric
families (the metric names of docs/MODEL.md §5) instead of one if-chain per use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class Family:
    """Metrics named NAME (exact) or PREFIX<name>. The words are format strings of
    {name} (the part after the prefix) and {Name} (the same, capitalised)."""

    pattern: str            # "spend" (exact) or "spend." (a prefix: ends in ".")
    kind: str               # usd ($B), share (fraction shown as %), ratio, index
    lower: Optional[float]  # the smallest value the metric can take (None: unbounded)
    upper: Optional[float]
    label: str              # an axis label with the unit
    title: str
    phrase: str             # in a sentence: "Anthropic's share of model-API spend"
    short_label: Optional[str] = None  # a narrower axis label, where one is needed

    def matches(self, metric: str) -> bool:
        if self.pattern.endswith("."):
            return metric.startswith(self.pattern)
        return metric == self.pattern

    def words(self, template: str, metric: str) -> str:
        name = metric[len(self.pattern):] if self.pattern.endswith(".") else metric
        return template.format(name=name, Name=name.capitalize())


FAMILIES = (
    Family("spend", "usd", 0.0, None, "Enterprise gen-AI spend ($B a year)",
           "Enterprise generative-AI spend", "enterprise generative-AI spend",
           short_label="Spend ($B a year)"),
    Family("spend.", "usd", 0.0, None, "{Name} spend ($B a year)", "Spend on {name}",
           "spend on {name}"),
    Family("revenue.", "usd", 0.0, None, "{name} model-API revenue ($B a year)",
           "{name}: model-API revenue", "{name}'s model-API revenue"),
    Family("share_segment.", "share", 0.0, 1.0, "{Name} share of spend (%)",
           "{Name}: share of spend", "{name}'s share of spend"),
    Family("share.", "share", 0.0, 1.0, "{name} share of model-API spend (%)",
           "{name}: share of model-API spend", "{name}'s share of model-API spend"),
    Family("cagr", "share", -1.0, None, "Spend CAGR, base year to horizon (% a year)",
           "Spend CAGR", "spend CAGR"),
    Family("growth", "ratio", 0.0, None, "Spend growth, year on year (× previous year)",
           "Spend growth", "spend growth"),
    Family("hhi", "index", 0.0, 1.0, "Vendor concentration, HHI (sum of squared shares)",
           "Vendor concentration (HHI)", "vendor concentration (HHI)"),
)
# Any other metric (event indicators, names of later versions): a plain index, unbounded,
# called by its name.
OTHER = Family("", "index", None, None, "{name}", "{name}", "{name}")


def family(metric: str) -> Family:
    """The family a metric belongs to (OTHER when none)."""
    return next((f for f in FAMILIES if f.matches(metric)), OTHER)


def metric_kind(metric: str) -> str:
    """'usd' for USD billions, 'share' for fractions shown as %, 'ratio' for growth,
    'index' for HHI and anything else."""
    return family(metric).kind


def metric_bounds(metric: str) -> tuple[Optional[float], Optional[float]]:
    """(lower, upper) of the values a metric can take (None: unbounded): shares and HHI in
    [0, 1], money and growth factors at least 0, CAGR at least −100 %."""
    f = family(metric)
    return f.lower, f.upper


def metric_label(metric: str, short: bool = False) -> str:
    """An axis label with the unit."""
    f = family(metric)
    return f.words(f.short_label if short and f.short_label else f.label, metric)


def metric_title(metric: str) -> str:
    return family(metric).words(family(metric).title, metric)


def metric_phrase(metric: str) -> str:
    """The metric in a sentence: 'Anthropic's share of model-API spend'."""
    return family(metric).words(family(metric).phrase, metric)
