"""spendcast from Python (docs/PYTHON.md): run, load, compare, sweep and plot forecasts on
the engine of the `spendcast` program, with pandas DataFrames.

    import spendcast
    r = spendcast.run("scenarios/baseline.toml", paths=20_000)
    r.frame(); r.quantiles("spend"); r.plot_fan()

The functions and classes below need the compiled engine module (spendcast._engine, built
with the project: docs/PYTHON.md) and pandas; `spendcast.charts` (charts and reports of
result files, docs/CHARTS.md) needs neither, so it is imported only when asked for.
"""

from __future__ import annotations

import importlib
from typing import Any

# name -> the module that defines it, imported on first use (PEP 562)
_EXPORTS = {
    "run": "commands", "load": "commands", "compare": "commands",
    "sensitivity": "commands", "score": "commands", "sweep": "commands",
    "backtest": "commands", "merge": "commands", "SpendcastWarning": "commands",
    "Result": "result",
    "ScenarioError": "errors", "Diagnostic": "errors", "ResultFileError": "errors",
    "CommandError": "errors",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'spendcast' has no attribute {name!r}")
    try:
        value = getattr(importlib.import_module(f".{module}", __name__), name)
    except ImportError as e:
        if e.name != f"{__name__}._engine":
            raise
        raise ImportError("spendcast: the engine module spendcast._engine is not built or not "
                          "on the path: build the project (README) and put build/release/python "
                          "on PYTHONPATH (docs/PYTHON.md)", name=e.name) from e
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *__all__])
