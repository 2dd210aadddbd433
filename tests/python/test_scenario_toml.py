"""A dict scenario's TOML (spendcast.scenario_toml) reads back as the same dict: every
float to the bit, key order kept, tables and arrays of tables where TOML needs them."""

from __future__ import annotations

import math
import tomllib

import pytest

from spendcast.scenario_toml import scenario_toml


def same(a: object, b: object) -> bool:
    """Equal, NaN equal to NaN, floats bit for bit (so -0.0 is not 0.0)."""
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or math.copysign(1, a) == math.copysign(1, b) \
            and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return type(a) is type(b) and a == b


def test_values_read_back_exactly() -> None:
    scenario = {
        "scenario": {"name": "odd \"names\" ½", "title": "line\nbreak\ttab"},
        "spend": {"volatility": 0.1 + 0.2, "tiny": 5e-324, "third": 1 / 3,
                  "big": 1.7976931348623157e308,
                  "minus_zero": -0.0, "nan": math.nan, "inf": -math.inf, "whole": 2.0,
                  "count": 12, "flag": True, "list": [1.1, [2, 3], {"a": 0.7}]},
        "vendors": {"shares": {"Open AI": 0.25, "x.y": 0.75}},
        "events": [{"name": "crash", "effect": {"spend": -0.2}}, {"name": "boom"}],
        "zeta": 1, "alpha": 2,  # top-level values after tables: still at the top
    }
    text = scenario_toml(scenario)
    back = tomllib.loads(text)
    expected = {"zeta": 1, "alpha": 2, **{k: v for k, v in scenario.items()
                                          if k not in ("zeta", "alpha")}}
    assert same(back, expected), text


def test_values_toml_cannot_hold_are_refused() -> None:
    with pytest.raises(TypeError, match="spend.when"):
        scenario_toml({"spend": {"when": object()}})
    with pytest.raises(TypeError, match="keys are strings"):
        scenario_toml({1: 2})
