"""The Jinja environment the targets render with.

Templates are logic-free: they loop and fill in. Plan text reaches them raw and is
escaped there, by the target's filters, at the point of output.

A project may override templates file by file (``templates = "folder"`` in the
config, checked by ``trackgen.template_folders``): ``folder/python/calls.py.jinja``
replaces the Python target's ``calls.py.jinja``, includes too. An error inside an
override is reported at its line, as a plan error is.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2

from .diagnostics import Diagnostic, Location, PlanError, Severity
from .template_folders import builtin_templates

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

