"""Errors a user can cause, reported as one ``PATH:LINE: message`` line (CONTRACT §3)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Diagnostic:
    """One finding about the sources: an error or a warning, with its place."""

    severity: str  # "error" | "warning"
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else f"{self.path}"
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{where}: {prefix}{self.message}"


class UserError(Exception):
    """Input or invocation the tool cannot use; the CLI prints it and exits 2."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.diagnostic = Diagnostic("error", Path(path), line, message)
        super().__init__(str(self.diagnostic))

    @property
    def path(self) -> Path:
        return self.diagnostic.path

    @property
    def line(self) -> int | None:
        return self.diagnostic.line

    @property
    def message(self) -> str:
        return self.diagnostic.message
