"""A scenario given as a dict, written as the TOML a scenario file would hold, key order
kept (the engine reads it like a file: the same validation, the same ScenarioSpec)."""

from __future__ import annotations

import json
import math
import re
from typing import Any, Mapping

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def _key(name: Any) -> str:
    if not isinstance(name, str):
        raise TypeError(f"scenario keys are strings, not {type(name).__name__}: {name!r}")
    return name if _BARE_KEY.match(name) else json.dumps(name, ensure_ascii=False)


def toml_value(v: Any, where: str) -> str:
    """A TOML value: numbers as Python writes them shortest (they read back exactly),
    strings as basic strings, lists as arrays, dicts as inline tables."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if math.isnan(v):
            return "nan"
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
        return repr(v)
    if isinstance(v, str):
        return json.dumps(v, ensure_ascii=False)
    if isinstance(v, Mapping):
        return "{" + ", ".join(f"{_key(k)} = {toml_value(x, f'{where}.{k}')}"
                               for k, x in v.items()) + "}"
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x, f"{where}[{i}]") for i, x in enumerate(v)) + "]"
    raise TypeError(f"{where}: a scenario value is a number, string, bool, list or dict, "
                    f"not {type(v).__name__}")


def _is_table_array(v: Any) -> bool:
    return isinstance(v, (list, tuple)) and len(v) > 0 and all(isinstance(x, Mapping) for x in v)


def _table(lines: list[str], path: list[str], table: Mapping[str, Any]) -> None:
    """Writes one table: its plain values first, then its sub-tables and arrays of tables
    under their own headers (TOML needs that order), each in the dict's order."""
    name = ".".join(_key(p) for p in path)
    for k, v in table.items():
        if not isinstance(v, Mapping) and not _is_table_array(v):
            lines.append(f"{_key(k)} = {toml_value(v, '.'.join([*path, str(k)]))}")
    for k, v in table.items():
        if isinstance(v, Mapping):
            lines.append("")
            lines.append(f"[{name + '.' if name else ''}{_key(k)}]")
            _table(lines, [*path, k], v)
        elif _is_table_array(v):
            for item in v:
                lines.append("")
                lines.append(f"[[{name + '.' if name else ''}{_key(k)}]]")
                _table(lines, [*path, k], item)


def scenario_toml(scenario: Mapping[str, Any]) -> str:
    """The TOML text of a scenario dict with the same keys as a scenario file."""
    lines: list[str] = []
    _table(lines, [], scenario)
    return "\n".join(lines).lstrip("\n") + "\n"
