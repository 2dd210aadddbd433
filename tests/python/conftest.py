"""Set-up of the Python module's tests (tests/scripts/python_module.sh): the spendcast
binary of the same build, and a folder of result files the CLI writes once per session."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def binary() -> str:
    path = os.environ.get("SPENDCAST_BINARY")
    if not path:
        pytest.skip("SPENDCAST_BINARY is not set (tests/scripts/python_module.sh sets it)")
    return path


def cli(binary: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """`spendcast ARGS...` from the repository root."""
    return subprocess.run([binary, *args], cwd=ROOT, capture_output=True, text=True,
                          check=check)


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts at the repository root, so scenario paths read as in the docs."""
    monkeypatch.chdir(ROOT)
