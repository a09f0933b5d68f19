"""Diagnostics are values: a code, a severity, a message and where it points."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import NamedTuple

#: Characters that would break a diagnostic's line (or a terminal), as escapes.
_ONE_LINE = {c: repr(chr(c))[1:-1] for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029]}


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Location(NamedTuple):
    """A 1-based line and column in a file (a tuple: cheap to make for every node)."""

    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    location: Location | None = None
    related: tuple[Location, ...] = field(default=())

    def render(self) -> str:
        """One line, whatever the message quotes from the plan: line breaks and other
        control characters in it are written as escapes (``\\n``, ``\\x1b``)."""
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity.value}[{self.code}]: {self.message.translate(_ONE_LINE)}"

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message) if loc else ("", 0, 0, self.code, self.message)


class PlanError(Exception):
    """Raised when input cannot be turned into code; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = sorted(diagnostics, key=lambda d: d.sort_key)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
