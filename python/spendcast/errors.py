"""The errors of the spendcast module: a scenario's problems with their positions, and a
result file that is not one."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any, Iterable, Optional

# A diagnostic's message starts with the key it is about: "spend.volatility: expected ..."
_KEY = re.compile(r"^([A-Za-z0-9_.\-\[\]\"]+): ")


@dataclass(frozen=True)
class Diagnostic:
    """One problem of a scenario, as `spendcast validate` prints it
    ("FILE:LINE:COLUMN: error: KEY: MESSAGE"); line and column count from 1 and are 0 for an
    origin without lines (a --set)."""

    file: str
    line: int
    column: int
    key: Optional[str]
    message: str
    severity: str = "error"
    text: str = ""

    @classmethod
    def from_engine(cls, d: dict[str, Any]) -> "Diagnostic":
        match = _KEY.match(d["message"])
        return cls(file=d["file"], line=d["line"], column=d["column"],
                   key=match.group(1) if match else None, message=d["message"],
                   severity=d["severity"], text=d["text"])

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return self.text or f"{where}: {self.severity}: {self.message}"

    def without_position(self) -> "Diagnostic":
        """The same problem without a line and column (a dict scenario's are those of the
        TOML written from it, which nobody reads): "ORIGIN: error: MESSAGE"."""
        return replace(self, line=0, column=0,
                       text=f"{self.file}: {self.severity}: {self.message}")


class ScenarioError(ValueError):
    """An invalid scenario (file, dict or override): every problem found, in
    `diagnostics`, as `spendcast validate` reports them."""

    def __init__(self, text: str, diagnostics: Iterable[Any] = ()) -> None:
        super().__init__(text)
        self.diagnostics: list[Diagnostic] = [
            d if isinstance(d, Diagnostic) else Diagnostic.from_engine(d) for d in diagnostics]

    def without_positions(self, origin: str) -> "ScenarioError":
        """The same error with the diagnostics of `origin` stripped of line and column."""
        diagnostics = [d.without_position() if d.file == origin else d for d in self.diagnostics]
        return ScenarioError("\n".join(str(d) for d in diagnostics), diagnostics)


class ResultFileError(ValueError):
    """A file that is not a readable, consistent spendcast result (the engine's checked
    reader: format, state checksum, every count and sum)."""


class CommandError(RuntimeError):
    """A command that ran and failed (the CLI's exit status 1), with what it printed."""
