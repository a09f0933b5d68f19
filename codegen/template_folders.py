"""Where templates are: the built-in ones inside the package, and the folder of a
project's overrides, checked before a build starts (no Jinja needed for that: a build
imports Jinja in the processes that render).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .diagnostics import Diagnostic, Location, Severity

#: The targets whose templates a project may override (a folder of each name).
OVERRIDABLE = ("python", "typescript")


def builtin_templates() -> Path:
    """The templates shipped inside the ``trackgen`` package."""
    return Path(str(resources.files("trackgen.templates")))


def builtin_names(target: str) -> list[str]:
    """The template names of a target, sorted."""
    return sorted(p.name for p in (builtin_templates() / target).iterdir() if p.name.endswith(".jinja"))


def check_overrides(folder: Path, shown: str) -> list[Diagnostic]:
    """Problems with a templates folder (``shown`` is how messages name it): it must be
    a folder of target folders holding only names the target has."""
    def problem(message: str, where: str) -> Diagnostic:
        return Diagnostic("TG302", Severity.ERROR, message, Location(where, 1, 1))

    if not folder.is_dir():
        return [problem(f'templates folder "{shown}" is not a folder', shown)]
    found: list[Diagnostic] = []
    for entry in sorted(folder.iterdir()):
        where = f"{shown}/{entry.name}"
        if entry.name not in OVERRIDABLE or not entry.is_dir():
            found.append(problem(f"not a target's folder: use {' or '.join(t + '/' for t in OVERRIDABLE)}", where))
            continue
        names = builtin_names(entry.name)
        for file in sorted(entry.iterdir()):
            if file.name not in names:
                found.append(problem(f'the {entry.name} target has no template "{file.name}" (it has {", ".join(names)})', f"{where}/{file.name}"))
    return found
