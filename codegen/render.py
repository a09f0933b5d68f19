"""The Jinja environment the targets render with.

Templates are logic-free: they loop and fill in. Plan text reaches them raw and is
escaped there, by the target's filters, at the point of output.

A project may override templates file by file (``templates = "folder"`` in the
config): ``folder/python/calls.py.jinja`` replaces the Python target's
``calls.py.jinja``, includes too. Only names the target has are allowed, and an error
inside an override is reported at its line, as a plan error is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from .diagnostics import Diagnostic, Location, PlanError, Severity

#: The targets whose templates a project may override (a folder of each name).
OVERRIDABLE = ("python", "typescript")


def builtin_templates() -> Path:
    """The templates shipped inside the ``trackgen`` package."""
    return Path(str(resources.files("trackgen.templates")))


def environment(
    target: str, filters: Mapping[str, Callable[..., Any]], custom: Path | None = None
) -> jinja2.Environment:
    """An environment for one target; a custom folder overrides templates file by file."""
    loaders: list[jinja2.BaseLoader] = []
    if custom is not None:
        loaders.append(jinja2.FileSystemLoader(str(custom)))
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates() / target)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(filters)
    return env


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


@contextlib.contextmanager
def overrides_reported(folder: Path | None) -> Iterator[None]:
    """An error raised inside a template of ``folder`` becomes a ``PlanError`` located
    at the template's line; any other error passes through (a bug of trackgen's, even
    while overrides are in use). Output of overrides that is not Python is reported by
    the Python target before black sees it."""
    try:
        yield
    except PlanError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        if folder is None or exc.filename is None or not _inside(Path(exc.filename), folder):
            raise
        raise PlanError([_error(Path(exc.filename), exc.lineno, f"invalid template: {exc.message}")]) from None
    except Exception as exc:
        if folder is None:
            raise
        tb = exc.__traceback__
        frame: tuple[Path, int] | None = None
        while tb is not None:
            name = Path(tb.tb_frame.f_code.co_filename)
            if _inside(name, folder):
                frame = (name, tb.tb_lineno)
            tb = tb.tb_next
        if frame is None:
            raise  # not raised in an override: a trackgen bug, not the project's
        raise PlanError([_error(frame[0], frame[1], f"the template failed: {type(exc).__name__}: {exc}")]) from None


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())


def _error(path: Path, line: int, message: str) -> Diagnostic:
    return Diagnostic("TG302", Severity.ERROR, message, Location(path.as_posix(), line, 1))

