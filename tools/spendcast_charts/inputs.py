"""Reading spendcast files: result (docs/RESULT-FORMAT.md), comparison and sensitivity
files (docs/CHARTS.md)."""

import json

from .analysis import Comparison, Sensitivity
from .fields import COMPARISON_FORMAT, RESULT_FORMAT, SENSITIVITY_FORMAT, InputError
from .result import Result


def load(path):
    """Reads a result, comparison or sensitivity file: a Result, Comparison or
    Sensitivity."""
    try:
        with open(path, "r", encoding="utf-8") as f:
            doc = json.load(f)
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not valid JSON: {e}") from None
    if not isinstance(doc, dict):
        raise InputError(f"{path}: not a spendcast file (the top level is not an object)")
    fmt = doc.get("format")
    if fmt == RESULT_FORMAT:
        return Result(doc, path)
    if fmt == SENSITIVITY_FORMAT:
        return Sensitivity(doc, path)
    if fmt == COMPARISON_FORMAT:
        return Comparison(doc, path)
    raise InputError(f"{path}: unknown format {fmt!r}: expected {RESULT_FORMAT!r} "
                     f"(spendcast run --json), {COMPARISON_FORMAT!r} (spendcast compare "
                     f"--json) or {SENSITIVITY_FORMAT!r} (spendcast sensitivity --json)")

