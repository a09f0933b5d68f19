"""The runtime modules every generated package holds, as real modules in ``static/``:
where they are, which are copied, the one line the Python target sets, and the
runtime's exports (``runtime.py``'s ``__all__``, the one list the package's
re-exports and the names a plan type may not take are made from)."""

from __future__ import annotations

import ast
from collections.abc import Sequence
from pathlib import Path

STATIC = Path(__file__).parent / "static"

#: Copied into every package beside ``runtime.py`` (the adapters' modules only with
#: ``[python] adapters``).
RUNTIME_MODULES = ("_clients.py", "_rules.py", "_values.py")

#: ``runtime.py``'s line that the Python target sets to the chosen validation mode.
VALIDATION_LINE = 'VALIDATION: _t.Literal["off", "warn", "raise"] = "warn"'


def runtime_files(header: str, validation_literal: str, adapters: Sequence[str] = ()) -> dict[str, str]:
    """The runtime modules by their paths in the package, each under ``header``:
    ``runtime.py`` with ``VALIDATION`` set to ``validation_literal`` (a Python string
    literal), the modules beside it, and ``_adapt.py`` with each adapter's module
    (``adapters``: keys such as ``"posthog"``) when there are adapters."""
    names = [*RUNTIME_MODULES, *(["_adapt.py", *(f"_{key}.py" for key in adapters)] if adapters else [])]
    files = {"runtime.py": _read("runtime.py")} | {name: _read(name) for name in names}
    assert files["runtime.py"].count(VALIDATION_LINE) == 1
    files["runtime.py"] = files["runtime.py"].replace(VALIDATION_LINE, VALIDATION_LINE.replace('"warn"', validation_literal))
    return {path: f"{header}\n{text}" for path, text in files.items()}


def _read(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")


def _exports() -> tuple[str, ...]:
    """``runtime.py``'s ``__all__``, read from its text (a literal list of names)."""
    text = _read("runtime.py")
    start = text.index("__all__ = [") + len("__all__ = ")
    names = ast.literal_eval(text[start : text.index("]", start) + 1])
    assert isinstance(names, list) and all(isinstance(n, str) for n in names)
    return tuple(names)


#: What the runtime module exports and the package re-exports, in ``__all__``'s order
#: (black's sort of the package's imports).
RUNTIME_EXPORTS = _exports()
