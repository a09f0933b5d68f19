"""What ``trackgen status`` works with: what to look for in a codebase (the generated
functions of each target) and what a scanner finds in one file.

Scanners (``pyscan`` for Python, ``scan.mjs`` for TypeScript and JavaScript) produce
``FileScan`` values; ``report`` turns them and the plan into a report. Nothing here
reads a file.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ..diagnostics import Diagnostic, Location

Language = Literal["python", "typescript"]
UseKind = Literal["call", "reference"]
Names = tuple[tuple[str, str], ...]
"""Names a module binds, each with the generated function it is."""

#: The SDK methods whose direct use bypasses the generated code.
RAW_METHODS = ("track", "page", "screen", "identify", "group")


@dataclass(frozen=True, slots=True)
class PythonTarget:
    """The generated Python package, as code imports it."""

    package: str
    """Its import name: the output folder's name (``analytics``), or a dotted name
    (``app.analytics``). A module matches when these components appear in its name."""
    functions: frozenset[str]
    reexports: Mapping[str, tuple[tuple[str, Names], ...]] = field(default_factory=dict)
    """Modules of the codebase that bind generated functions at their top level (and so
    re-export them), by the last component of their dotted name: each module's dotted
    name, and each name it binds with the function it is."""

    def reexporting(self, module: str) -> Names | None:
        """The names ``module`` re-exports, when it is one of ``reexports``: its name's
        components end the module's (``app.tracking`` is ``src/app/tracking.py``)."""
        wanted = module.split(".")
        for name, names in self.reexports.get(wanted[-1], ()):
            if name.split(".")[-len(wanted) :] == wanted:
                return names
        return None


@dataclass(frozen=True, slots=True)
class TypeScriptTarget:
    """The generated TypeScript, as code imports it."""

    folder: str
    """The output folder, absolute: a relative import that resolves into it matches."""
    specifiers: tuple[str, ...]
    """Bare import specifiers that name it (path aliases such as ``@/analytics``)."""
    functions: frozenset[str]


@dataclass(frozen=True, slots=True)
class Use:
    """A generated function called, or referred to (passed along, assigned), in code."""

    function: str
    kind: UseKind
    location: Location
    unreachable: bool = False
    """In code that never runs (``if False:``, after ``return``): listed, not counted."""


@dataclass(frozen=True, slots=True)
class RawCall:
    """A direct SDK call: ``analytics.track("Order Completed", {...})``."""

    method: str
    event: str | None
    """The event (page, screen) name when it is a string literal; None for identify
    and group, or a name computed at run time."""
    receiver: str
    location: Location
    unreachable: bool = False


@dataclass(frozen=True, slots=True)
class FileScan:
    path: str
    """As shown in messages: relative to the scanned folder, with ``/``."""
    language: Language
    uses: tuple[Use, ...] = ()
    raw: tuple[RawCall, ...] = ()
    problems: tuple[Diagnostic, ...] = ()
    """Why the file could not be read or parsed (fully)."""
