"""Diagnostics are values: a code, a severity, a message and where it points."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from collections.abc import Iterable
from typing import Protocol

#: Characters that would break a diagnostic's line (or a terminal), as escapes.
_ONE_LINE = {c: repr(chr(c))[1:-1] for c in [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x2028, 0x2029]}


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Locator(Protocol):
    """Works out where a deferred location is: the line and column of a text's
    ``index``-th token. The tokens' order is the order of places in the text."""

    def line_column(self, index: int) -> tuple[int, int]: ...


class Location:
    """A 1-based line and column in a file.

    Most locations are made knowing both. The JSON fast path makes *deferred* ones
    instead: the index of a token of the text, which its locator works out into a line
    and a column only when something reads them, to print a diagnostic. Most
    locations are never printed, and working each one out costs more than reading the
    plan: a clean build works out none.

    A location compares, orders, hashes, pickles and prints as its file, line and
    column. Two deferred locations of one text compare and order by their tokens'
    order, which is the same, without being worked out: sorting a lint's thousands of
    findings works out none of them, printing the first few works out those.
    """

    __slots__ = ("file", "_line", "_column", "_locator", "_token")
    _token: int  # a deferred location's token (kept once it is worked out)

    def __init__(self, file: str, line: int, column: int) -> None:
        self.file = file
        self._line = line
        self._column = column
        self._locator: Locator | None = None

    @classmethod
    def deferred(cls, file: str, locator: Locator, token: int) -> Location:
        """The place of the ``token``-th token of ``file``, worked out by ``locator``
        when first read."""
        loc = cls.__new__(cls)
        loc.file = file
        loc._line = loc._column = 0  # not worked out yet
        loc._locator = locator
        loc._token = token
        return loc

    @property
    def locator(self) -> Locator | None:
        """What works out a deferred location (``None`` for one made knowing its place)."""
        return self._locator

    def _work_out(self) -> None:
        assert self._locator is not None
        self._line, self._column = self._locator.line_column(self._token)

    @property
    def line(self) -> int:
        if not self._line:
            self._work_out()
        return self._line

    @property
    def column(self) -> int:
        if not self._line:
            self._work_out()
        return self._column

    def _key(self) -> tuple[str, int, int]:
        return (self.file, self.line, self.column)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Location):
            return NotImplemented
        if self._locator is not None and self._locator is other._locator:
            return self.file == other.file and self._token == other._token
        return self._key() == other._key()

    def __lt__(self, other: Location) -> bool:
        if self._locator is not None and self._locator is other._locator:
            return (self.file, self._token) < (other.file, other._token)
        return self._key() < other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        if self._locator is not None:  # it crosses as its text and token
            return (Location.deferred, (self.file, self._locator, self._token))
        return (Location, self._key())

    def _replace(self, *, file: str) -> Location:
        if self._locator is not None:
            return Location.deferred(file, self._locator, self._token)
        return Location(file, self.line, self.column)

    def __repr__(self) -> str:
        return f"Location(file={self.file!r}, line={self.line!r}, column={self.column!r})"

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


#: Where a diagnostic without a location sorts: first.
_NOWHERE = Location("", 0, 0)


class Message:
    """A message that quotes places of the plan ("the same name at 12:5"), written out
    only when read: working out a deferred location can mean finding every token of
    the text before it (see ``Location``), and most messages are never printed (a
    build shows a lint's first few). ``parts`` are text and locations, the latter
    written "line:column" ("?" for ``None``).

    Messages compare by their parts (the same text and places), without working them
    out, so sorting and removing duplicate findings works out none; they order as
    their text."""

    __slots__ = ("parts", "_text")

    def __init__(self, *parts: str | Location | None) -> None:
        self.parts = parts
        self._text: str | None = None

    def __str__(self) -> str:
        if self._text is None:
            self._text = "".join(
                p if isinstance(p, str) else f"{p.line}:{p.column}" if p is not None else "?" for p in self.parts
            )
        return self._text

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Message):
            return self.parts == other.parts
        if isinstance(other, str):
            return str(self) == other
        return NotImplemented

    def __lt__(self, other: str | Message) -> bool:
        return str(self) < str(other)

    def __gt__(self, other: str | Message) -> bool:
        return str(self) > str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def __reduce__(self) -> tuple[type[Message], tuple[str | Location | None, ...]]:
        return (Message, self.parts)

    def __repr__(self) -> str:
        return f"Message({str(self)!r})"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    text: str | Message
    """The message as made: ``message`` is its text."""
    location: Location | None = None
    related: tuple[Location, ...] = field(default=())

    @property
    def message(self) -> str:
        text = self.text
        return text if isinstance(text, str) else str(text)

    def render(self) -> str:
        """One line, whatever the message quotes from the plan: line breaks and other
        control characters in it are written as escapes (``\\n``, ``\\x1b``)."""
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.severity.value}[{self.code}]: {self.message.translate(_ONE_LINE)}"

    @property
    def sort_key(self) -> tuple[str, Location, str, str | Message]:
        """By file, line and column, then code and message (deferred locations, and
        messages that quote them, are not worked out: see ``Location``)."""
        loc = self.location or _NOWHERE
        return (loc.file, loc, self.code, self.text)


def by_place(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line and column, then code and message (``sort_key``), by plain
    numbers: when every location is a deferred one of a single text, by token index
    (the same order, with nothing worked out), else by line and column."""
    items = list(diagnostics)
    locators = {d.location._locator for d in items if d.location is not None}
    if len(locators) == 1 and None not in locators:
        return sorted(items, key=_token_key)
    return sorted(items, key=_place_key)


def _token_key(d: Diagnostic) -> tuple[str, int, str, str | Message]:
    loc = d.location
    return (loc.file, loc._token, d.code, d.text) if loc is not None else ("", -1, d.code, d.text)


def _place_key(d: Diagnostic) -> tuple[str, int, int, str, str | Message]:
    loc = d.location
    return (loc.file, loc.line, loc.column, d.code, d.text) if loc is not None else ("", 0, 0, d.code, d.text)


class PlanError(Exception):
    """Raised when input cannot be turned into code; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = by_place(diagnostics)
        super().__init__("\n".join(d.render() for d in self.diagnostics))


def has_errors(diagnostics: list[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)
