"""Sweep files (spendcast sweep --json, format spendcast-sweep/1): a metric against a
varied value, its median with 25–75 % and 5–95 % bands (docs/ANALYSIS.md, "Sweeps")."""

from __future__ import annotations

from typing import Any, Optional, Sequence

from . import style
from .axes import format_value_axis
from .fields import InputError
from .inputs import not_ours, read_json
from .output import Chart

SWEEP_FORMAT = "spendcast-sweep/1"
LEVELS = ("0.05", "0.25", "0.5", "0.75", "0.95")


class Sweep:
    """A sweep file: its keys and, per variant, its values and statistics."""

    def __init__(self, doc: dict[str, Any], path: str) -> None:
        self.path = path
        self.label: str = str(doc["scenario"]["name"])
        self.keys: list[str] = [str(k) for k in doc["keys"]]
        self.variants: list[dict[str, Any]] = list(doc["variants"])
        self.run: dict[str, Any] = dict(doc["run"])
        if not self.keys or not self.variants:
            raise InputError(f"{path}: no varied keys or no variants")

    def metrics(self) -> list[str]:
        """Metric names, in the first variant's order."""
        return list(self.variants[0]["metrics"].keys())

    def years(self, metric: str) -> list[int]:
        return sorted(int(y) for y in self.variants[0]["metrics"].get(metric, {}))

    def numeric_key(self) -> str:
        """The first varied key whose values are all numbers (the x axis)."""
        for k in self.keys:
            if all(isinstance(v["values"][k], (int, float)) for v in self.variants):
                return k
        raise InputError(f"{self.path}: no varied key has numbers only, nothing to plot against")


def load_sweeps(paths: Sequence[str]) -> tuple[list[Sweep], list[str]]:
    """The sweep files among `paths` (read and checked) and the other paths, in order."""
    sweeps: list[Sweep] = []
    rest: list[str] = []
    for path in paths:
        if not path.endswith(".json"):
            rest.append(path)
            continue
        try:
            doc = read_json(path)
        except InputError:
            rest.append(path)  # the other readers say why
            continue
        if not isinstance(doc, dict) or doc.get("format") != SWEEP_FORMAT:
            rest.append(path)
            continue
        try:
            sweeps.append(Sweep(doc, path))
        except InputError as e:
            raise not_ours(path, str(e).removeprefix(f"{path}: ")) from None
        except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
            raise not_ours(path, f"unexpected content: {type(e).__name__}: {e}") from None
    return sweeps, rest


def sweep_chart(s: Sweep, metric: Optional[str] = None, year: Optional[int] = None) -> Chart:
    """The metric (default: the file's first) in the year (default: its last) against the
    first numeric varied key: one line of medians with 25–75 % and 5–95 % bands per
    combination of the other keys' values."""
    metric = metric or s.metrics()[0]
    if metric not in s.metrics():
        raise InputError(f"{s.path}: no metric {metric!r}; the sweep has {', '.join(s.metrics())}")
    years = s.years(metric)
    year = year if year is not None else years[-1]
    if year not in years:
        raise InputError(f"{s.path}: no year {year} for {metric}; the sweep has "
                         f"{', '.join(map(str, years))}")
    x_key = s.numeric_key()
    others = [k for k in s.keys if k != x_key]
    groups: dict[str, list[tuple[float, list[float]]]] = {}
    for v in s.variants:
        cell = v["metrics"].get(metric, {}).get(str(year))
        if cell is None:
            continue
        name = ", ".join(f"{k}={v['values'][k]}" for k in others) or s.label
        q = [float(cell["quantiles"][lv]) for lv in LEVELS]
        groups.setdefault(name, []).append((float(v["values"][x_key]), q))
    ch = Chart(f"{s.label}.sweep-{metric.replace('.', '-')}-{year}-{x_key.replace('.', '-')}",
               9.0, 5.6)
    ax = ch.axes
    ch.name_axes("main", ax)
    palette = style.Palette({}, groups.keys())
    series: dict[str, Any] = {}
    for name, points in groups.items():
        points.sort(key=lambda p: p[0])
        xs = [p[0] for p in points]
        q = [[p[1][i] for p in points] for i in range(len(LEVELS))]
        colour = palette(name) if len(groups) > 1 else style.FAN_COLOUR
        ax.fill_between(xs, q[0], q[4], color=colour, alpha=0.15, lw=0, gid=f"band90-{name}")
        ax.fill_between(xs, q[1], q[3], color=colour, alpha=0.3, lw=0, gid=f"band50-{name}")
        ax.plot(xs, q[2], color=colour, lw=2.0, marker="o", ms=4, label=name,
                gid=f"median-{name}")
        series[name] = {"x": xs, **{f"q{lv}": vals for lv, vals in zip(LEVELS, q)}}
    format_value_axis(ax, metric)
    ax.set_xlabel(x_key)
    ax.set_ylabel(f"{style.metric_label(metric)} in {year}")
    if len(groups) > 1:
        ax.legend(fontsize=8, loc="best")
    ch.data.update({"kind": "sweep", "metric": metric, "year": year, "x": x_key,
                    "file": s.path, "series": series})
    ch.finish(f"{style.metric_title(metric)} in {year} against {x_key}",
              "median; bands: 25–75 % and 5–95 % of the paths; every variant ran the same "
              f"{s.run.get('paths')} paths (seed {s.run.get('seed')})",
              f"spendcast sweep of {s.label} ({len(s.variants)} variants)")
    return ch
