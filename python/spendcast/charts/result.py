"""One `spendcast run --json` file (docs/RESULT-FORMAT.md): its scenario, metrics,
probabilities and the distributions rebuilt from its state."""

from __future__ import annotations

import math
import os
from typing import Any, Optional, Sequence

import numpy as np

from .distribution import Distribution
from .fields import (FAN_LEVELS, InputError, about, check_by_year, check_cell, field,
                     level_key, parents)


class Result:
    """One `spendcast run --json` file."""

    def __init__(self, doc: dict[str, Any], path: str) -> None:
        self.doc = doc
        self.path = path
        scenario = field(doc, path, ["scenario"], dict)
        self.scenario = scenario
        self.name = str(scenario.get("name") or os.path.splitext(os.path.basename(path))[0])
        self.title = str(scenario.get("title") or "").strip() or self.name
        self.extends = parents(scenario)
        self.description = about(scenario)  # its own, or "Extends NAME."; never a parent's
        self.data_source = str(scenario.get("data_source") or "").strip()
        sim = field(doc, path, ["scenario", "simulation"], dict)
        self.base_year = int(field(doc, path, ["scenario", "simulation", "base_year"]))
        self.horizon = int(sim.get("horizon", self.base_year))
        run = doc.get("run") or {}
        self.paths = run.get("paths", sim.get("paths"))
        self.seed = run.get("seed", sim.get("seed"))
        self.sampling = run.get("sampling", sim.get("sampling"))
        self.engine_version = run.get("engine_version", "")
        self.exact = bool(run.get("exact", False))
        self.metrics = field(doc, path, ["metrics"], dict)
        for m, by_year in self.metrics.items():
            check_by_year(by_year, f"metrics.{m}")
            for y, cell in by_year.items():
                check_cell(cell, f"metrics.{m}.{y}")
        if "spend" not in self.metrics:
            raise InputError(f"{path}: metrics.spend is missing")
        self.probabilities = doc.get("probabilities") or {}
        if not isinstance(self.probabilities, dict):
            raise InputError(f"{path}: probabilities is not an object")
        check_by_year(self.probabilities.get("leader") or {}, "probabilities.leader")
        for part in ("events", "pairs"):
            for key, table in (self.probabilities.get(part) or {}).items():
                check_by_year(table, f"probabilities.{part}.{key}")
        for key, by_t in (self.probabilities.get("thresholds") or {}).items():
            for t, table in by_t.items():
                check_by_year(table, f"probabilities.thresholds.{key}.{t}")
        spend = scenario.get("spend") or {}
        self.base_spend = spend.get("base_spend_usd_bn")
        self.observed_growth = spend.get("observed_growth")
        vendors = scenario.get("vendors") or {}
        self.vendors = list(vendors.get("categories") or [])
        self.vendor_names = [v["name"] for v in self.vendors]
        self.vendors_of = vendors.get("of")
        segments = scenario.get("segments") or {}
        self.segments = list(segments.get("categories") or [])
        self.segment_names = [s["name"] for s in self.segments]
        if not self.vendor_names:  # a result without a scenario section: from the metrics
            self.vendor_names = sorted(m[6:] for m in self.metrics if m.startswith("share."))
        self._cells = None
        self.label = self.name  # made unique by the caller when files share a name

    # -- metrics -----------------------------------------------------------------------
    def has(self, metric: str) -> bool:
        return metric in self.metrics

    def years(self, metric: str = "spend") -> list[int]:
        """The years a metric has, as ints, ascending."""
        return sorted(int(y) for y in self.metrics.get(metric, {}))

    def cell(self, metric: str, year: int) -> dict[str, Any]:
        try:
            return self.metrics[metric][str(year)]
        except KeyError:
            raise InputError(f"{self.path}: no metric {metric!r} in year {year}") from None

    def quantile(self, metric: str, year: int, level: float) -> float:
        """The file's quantile of a metric: quantiles[level] when the report has that level,
        else percentiles[100 level] (the engine writes the same number in both)."""
        c = self.cell(metric, year)
        q = c.get("quantiles") or {}
        key = level_key(level)
        if key in q:
            return float(q[key])
        for k, v in q.items():
            if abs(float(k) - level) < 1e-12:
                return float(v)
        pct = c.get("percentiles") or {}
        pk = f"{level * 100:g}"
        if pk in pct:
            return float(pct[pk])
        return self.distribution(metric, year).quantile(level)

    def anchor(self, metric: str) -> Optional[float]:
        """The metric's known value in the base year (from the scenario's observed data), or
        None: fans start from it."""
        base = self.base_spend
        vend = {v["name"]: v for v in self.vendors}
        segs = {s["name"]: s for s in self.segments}
        try:
            if metric == "spend":
                return float(base) if base is not None else None
            if metric.startswith("share.") and metric[6:] in vend:
                return float(vend[metric[6:]]["base_share"])
            if metric.startswith("share_segment.") and metric[14:] in segs:
                return float(segs[metric[14:]]["base_share"])
            if metric.startswith("spend.") and metric[6:] in segs and base is not None:
                return float(base) * float(segs[metric[6:]]["base_share"])
            if metric.startswith("revenue.") and metric[8:] in vend and base is not None:
                of = segs.get(self.vendors_of) if self.vendors_of else None
                seg_share = float(of["base_share"]) if of else 1.0
                return float(base) * seg_share * float(vend[metric[8:]]["base_share"])
            if metric == "hhi" and vend:
                return float(sum(float(v["base_share"]) ** 2 for v in vend.values()))
            if metric == "growth" and self.observed_growth is not None:
                return float(math.exp(float(self.observed_growth)))
        except (KeyError, TypeError, ValueError):
            return None
        return None

    def observed(self, metric: str) -> list[tuple[int, float]]:
        """Observed (year, value) points of a metric: the base year and, where the scenario
        holds the observed log change, the year before."""
        a = self.anchor(metric)
        if a is None or metric in ("growth", "hhi") or metric.startswith("revenue."):
            return []
        points = [(self.base_year, a)]
        if metric == "spend" and self.observed_growth is not None:
            points.insert(0, (self.base_year - 1, a * math.exp(-float(self.observed_growth))))
        elif metric.startswith("share."):
            v = next((v for v in self.vendors if v["name"] == metric[6:]), None)
            if v is not None and not v.get("entrant") and v.get("observed_momentum") is not None:
                points.insert(0, (self.base_year - 1,
                                  a * math.exp(-float(v["observed_momentum"]))))
            elif v is not None and v.get("entrant"):
                return []
        elif metric.startswith("spend.") or metric.startswith("share_segment."):
            s = next((s for s in self.segments if s["name"] == metric.split(".", 1)[1]), None)
            if s is not None and s.get("entrant"):
                return []
        return points

    def fan(self, metric: str, levels: Sequence[float] = FAN_LEVELS,
            anchored: bool = True) -> tuple[list[int], np.ndarray]:
        """Years and an array (len(levels), len(years)) of the metric's quantiles; with
        `anchored`, the base year comes first with every quantile at the anchor value."""
        years = self.years(metric)
        q = np.array([[self.quantile(metric, y, lv) for y in years] for lv in levels])
        a = self.anchor(metric) if anchored else None
        if a is not None and years and years[0] > self.base_year:
            years = [self.base_year] + years
            q = np.concatenate([np.full((len(levels), 1), a), q], axis=1)
        return years, q

    # -- probabilities -----------------------------------------------------------------
    def leader(self, year: int) -> dict[str, float]:
        """{vendor: P(vendor has the largest share in year)}."""
        table = (self.probabilities.get("leader") or {}).get(str(year)) or {}
        return {v: float(p["p"]) for v, p in table.items()}

    # -- distributions -----------------------------------------------------------------
    def _state_cell(self, metric: str, year: int) -> Optional[dict[str, Any]]:
        if self._cells is None:
            self._cells = {}
            state = self.doc.get("state") or {}
            for c in state.get("cells") or []:
                if isinstance(c, dict) and "metric" in c and "year" in c:
                    self._cells[(c["metric"], str(c["year"]))] = c
        return self._cells.get((metric, str(year)))

    def distribution(self, metric: str, year: int) -> Distribution:
        """The metric's distribution in a year: every value after --exact, else the quantile
        sketch of the state (docs/STATISTICS.md), else the file's percentiles 1..99."""
        c = self._state_cell(metric, year)
        if c is not None:
            if c.get("values"):
                return Distribution.from_values(c["values"])
            if c.get("sketch"):
                return Distribution.from_sketch(c["sketch"])
        cell = self.cell(metric, year)
        pct = cell.get("percentiles") or {}
        if not pct:
            raise InputError(f"{self.path}: no distribution for {metric} in {year}")
        return Distribution.from_percentiles(pct, cell.get("min"), cell.get("max"))

