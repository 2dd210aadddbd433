"""The two analysis files: sensitivity (spendcast sensitivity --json) and comparison
(spendcast compare --json), docs/CHARTS.md."""

from __future__ import annotations

import os
from typing import Any, Optional

from .fields import InputError, check_by_year, field, number


class Sensitivity:
    """A sensitivity file, format spendcast-sensitivity/1 (docs/CHARTS.md), in either of
    its two forms: `factors` (what `spendcast sensitivity --json` writes: spearman and srrc
    as {value, se}, low and high as {value, median}, median, levels) or the simple
    `parameters` list (spearman, src, swing_low, swing_high, and base)."""

    def __init__(self, doc: dict[str, Any], path: str) -> None:
        self.doc = doc
        self.path = path
        self.metric = str(field(doc, path, ["metric"]))
        self.year = doc.get("year")
        self.parameters = []
        self.levels = None
        # "rank" (rank correlations and pinned medians) or "sobol" (variance-based indices)
        self.method = str(doc.get("method") or "rank")
        # rank: 1 − R², the share of the ranks' variance no factor explains (path noise)
        self.unexplained = number(doc.get("unexplained"))
        if "factors" in doc:
            self._read_factors(field(doc, path, ["factors"], list))
            self.base = number(doc.get("median"))
            levels = doc.get("levels")
            if isinstance(levels, list) and len(levels) == 2:
                self.levels = (number(levels[0]), number(levels[1]))
        else:
            self._read_parameters(field(doc, path, ["parameters"], list))
            self.base = number(doc.get("base"))
        scenario = doc.get("scenario") or {}
        if isinstance(scenario, str):
            scenario = {"name": scenario}
        self.name = str(scenario.get("name") or os.path.splitext(os.path.basename(path))[0])
        self.title = str(scenario.get("title") or "").strip() or self.name
        self.data_source = str(scenario.get("data_source") or doc.get("data_source") or
                               "").strip()
        self.origin = str(doc.get("origin") or scenario.get("origin") or "")
        run = doc.get("run") or {}
        self.paths = run.get("paths", doc.get("paths"))
        self.seed = run.get("seed", doc.get("seed"))
        self.engine_version = run.get("engine_version", doc.get("engine_version", ""))
        self.notes = [str(n) for n in doc.get("notes") or []]
        self.label = self.name

    def _read_parameters(self, params: list[Any]) -> None:
        for i, p in enumerate(params):
            if not isinstance(p, dict) or "name" not in p:
                raise InputError(f"{self.path}: parameters[{i}] has no name")
            self.parameters.append({
                "name": str(p["name"]),
                "event": bool(p.get("kind") == "event"),
                "spearman": number(p.get("spearman")),
                "src": number(p.get("src")),
                "swing_low": number(p.get("swing_low")),
                "swing_high": number(p.get("swing_high")),
            })

    def _read_factors(self, factors: list[Any]) -> None:
        def value(x: Any) -> Optional[float]:
            return number(x.get("value")) if isinstance(x, dict) else number(x)

        def se(x: Any) -> Optional[float]:
            return number(x.get("se")) if isinstance(x, dict) else None

        def median(x: Any) -> Optional[float]:
            return number(x.get("median")) if isinstance(x, dict) else None

        for i, f in enumerate(factors):
            if not isinstance(f, dict) or "name" not in f:
                raise InputError(f"{self.path}: factors[{i}] has no name")
            if f.get("varies") is False:
                continue  # constant over the paths: nothing to show
            if "total_effect" in f:  # method "sobol"
                self.parameters.append({
                    "name": str(f["name"]),
                    "event": f.get("kind") == "event",
                    "noise": f.get("kind") == "noise",
                    "first_order": value(f.get("first_order")),
                    "first_order_se": se(f.get("first_order")),
                    "total_effect": value(f.get("total_effect")),
                    "total_effect_se": se(f.get("total_effect")),
                })
                continue
            self.parameters.append({
                "name": str(f["name"]),
                "event": f.get("kind") == "event",
                "spearman": value(f.get("spearman")),
                "src": value(f.get("srrc", f.get("src"))),
                "swing_low": median(f.get("low")),
                "swing_high": median(f.get("high")),
            })


class Comparison:
    """A `spendcast compare --json` file, format spendcast-comparison/1: each input after
    the first against the first (B against A), per metric and year: each one's median
    [5 %, 95 %], KS and W1, and when paired (scenarios run with common random numbers) the
    per-path difference B − A, the ratio and P(B > A); unpaired, P(B > A) for independent
    draws."""

    def __init__(self, doc: dict[str, Any], path: str) -> None:
        self.doc = doc
        self.path = path
        self.paired = bool(doc.get("paired"))
        self.inputs = [i for i in field(doc, path, ["inputs"], list) if isinstance(i, dict)]
        self.comparisons = [c for c in field(doc, path, ["comparisons"], list)
                            if isinstance(c, dict) and "a" in c and "b" in c]
        if not self.comparisons:
            raise InputError(f"{path}: no comparisons")
        for i, comp in enumerate(self.comparisons):
            for m, by_year in (comp.get("metrics") or {}).items():
                check_by_year(by_year, f"comparisons[{i}].metrics.{m}")
        self.notes = [str(n) for n in doc.get("notes") or []]
        by_label = {i.get("label"): i for i in self.inputs}
        first = self.inputs[0] if self.inputs else {}
        self.name = str(first.get("label") or "compare")
        self.label = self.name
        self.title = "Scenarios against " + str(first.get("title") or self.name)
        run = doc.get("run") or {}
        self.paths = run.get("paths", first.get("paths"))
        self.seed = run.get("seed", first.get("seed"))
        self.engine_version = run.get("engine_version", "")
        self.data_source = ""
        self.input_titles = {k: str(v.get("title") or k) for k, v in by_label.items()}

    def metrics(self) -> list[str]:
        out = []
        for c in self.comparisons:
            for m in c.get("metrics") or {}:
                if m not in out:
                    out.append(m)
        return out

    def cells(self, comparison: dict[str, Any], metric: str) -> list[tuple[int, dict[str, Any]]]:
        """[(year, cell)] of one comparison for a metric, years increasing."""
        table = (comparison.get("metrics") or {}).get(metric) or {}
        return sorted(((int(y), c) for y, c in table.items()), key=lambda t: t[0])

    def p_greater(self, cell: dict[str, Any]) -> Optional[float]:
        """P(B > A): paired when there, else for independent draws."""
        for key in ("p_greater", "p_greater_unpaired"):
            v = cell.get(key)
            if isinstance(v, dict) and number(v.get("p")) is not None:
                return number(v.get("p"))
        return None

