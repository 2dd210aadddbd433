"""The pieces every reader of spendcast files shares: the formats, the input error, and
checked access to a JSON document's fields."""

from __future__ import annotations

import math
from typing import Any, Optional, Sequence

RESULT_FORMAT = "spendcast-result/2"
#: Result files of the earlier format (sketch counts as JSON arrays) still read.
OLD_RESULT_FORMATS = ("spendcast-result/1",)
SENSITIVITY_FORMAT = "spendcast-sensitivity/1"
COMPARISON_FORMAT = "spendcast-comparison/1"
BENCH_FORMAT = "spendcast-bench/1"
FAN_LEVELS = (0.05, 0.25, 0.5, 0.75, 0.95)


class InputError(Exception):
    """A file that cannot be read or is not a spendcast file this tool understands."""


def level_key(level: float) -> str:
    """The JSON key of a quantile level as the engine writes it: 0.05 -> "0.05"."""
    return repr(float(level))


def field(doc: Any, path: str, keys: Sequence[str], kind: Optional[type] = None) -> Any:
    node = doc
    for k in keys:
        if not isinstance(node, dict) or k not in node:
            raise InputError(f"{path}: missing {'.'.join(keys)}")
        node = node[k]
    if kind is not None and not isinstance(node, kind):
        raise InputError(f"{path}: {'.'.join(keys)} has the wrong type")
    return node


def number(x: Any) -> Optional[float]:
    if x is None:
        return None
    try:
        v = float(x)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None



def parents(scenario: dict[str, Any]) -> list[str]:
    """`scenario.extends`: the names of the scenarios it extends, in order (a list; older
    result files have no such key: [])."""
    ext = scenario.get("extends")
    if isinstance(ext, str):
        ext = [ext]
    if not isinstance(ext, list):
        return []
    return [str(e).strip() for e in ext if str(e).strip()]


def about(scenario: dict[str, Any]) -> str:
    """What a chart or report says a scenario is about: its own description (result files
    hold the scenario's own, "" when it has none, never a parent's), else, when it extends
    others, "Extends baseline." naming them; else ""."""
    own = str(scenario.get("description") or "").strip()
    if own:
        return own
    names = parents(scenario)
    if not names:
        return ""
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Extends {listed}."


def is_year(key: object) -> bool:
    """A year key as the engine writes it: "2027"."""
    return isinstance(key, str) and key.isascii() and key.isdigit() and 1 <= len(key) <= 4


def is_number(x: object) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


def check_by_year(table: object, where: str) -> None:
    """InputError unless `table` is an object keyed by years."""
    if not isinstance(table, dict):
        raise InputError(f"{where} is not an object")
    for key in table:
        if not is_year(key):
            raise InputError(f"{where} has the key {key!r}, not a year")


def check_cell(cell: object, where: str) -> None:
    """InputError unless a metric's cell holds numbers where the charts read them."""
    if not isinstance(cell, dict):
        raise InputError(f"{where} is not an object")
    for part in ("quantiles", "percentiles"):
        values = cell.get(part, {})
        if not isinstance(values, dict) or not all(is_number(v) for v in values.values()):
            raise InputError(f"{where}.{part} holds something other than numbers")
        for k in values:
            try:
                float(k)
            except ValueError:
                raise InputError(f"{where}.{part} has the key {k!r}, not a level") from None
    for part in ("min", "max", "mean"):
        if part in cell and not is_number(cell[part]):
            raise InputError(f"{where}.{part} is not a number")
