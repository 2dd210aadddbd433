"""Runs of the bundled scenarios for the documentation's tables (tests/doc_samples/):
`spendcast` first on PATH (tools/doc-samples puts the build under test there)."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any


def run_scenario(name: str, paths: str, folder: Path) -> dict[str, Any]:
    """`spendcast run scenarios/NAME.toml --paths PATHS`, its result document."""
    result = folder / f"{name}.json"
    subprocess.run(["spendcast", "run", f"scenarios/{name}.toml", "--paths", paths, "-q",
                    "--json", str(result)], check=True)
    document: dict[str, Any] = json.loads(result.read_text(encoding="utf-8"))
    return document
