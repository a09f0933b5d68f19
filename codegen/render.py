"""The Jinja environment the targets render with.

Templates are logic-free: they loop and fill in. Plan text reaches them raw and is
escaped there, by the target's filters, at the point of output.

A project may override templates file by file (``templates = "folder"`` in the
config, checked by ``trackgen.template_folders``): ``folder/python/calls.py.jinja``
replaces the Python target's ``calls.py.jinja``, includes too. An error inside an
override is reported at its line, as a plan error is.

trackgen's own templates are compiled once, as its modules are: their bytecode is
kept in a ``__pycache__`` folder beside them (``_Compiled``), written where Python
would write a module's (not when ``sys.dont_write_bytecode`` is set, nor where the
folder cannot be written) and used only for the very source it was compiled from.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jinja2

from .diagnostics import Diagnostic, Location, PlanError, Severity
from .template_folders import builtin_templates

#: What the compiled code depends on besides a template's source: Jinja and the
#: environment's options (``environment``).
_OPTIONS: dict[str, Any] = {
    "undefined": jinja2.StrictUndefined,
    "autoescape": False,
    "keep_trailing_newline": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "auto_reload": False,
}
_STAMP = f"jinja2 {jinja2.__version__} {sorted((k, repr(v)) for k, v in _OPTIONS.items())}"


class _Compiled(jinja2.BytecodeCache):
    """The bytecode of the templates in ``folder``, in ``folder/__pycache__``. A
    template's bucket holds the checksum of the source it was compiled from (Jinja
    compiles again when it differs), under a key naming the template's file, Jinja's
    version and the environment's options."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder / "__pycache__"

    def get_cache_key(self, name: str, filename: str | None = None) -> str:
        return hashlib.sha1(f"{_STAMP}|{name}|{filename}".encode()).hexdigest()

    def _path(self, bucket: jinja2.bccache.Bucket) -> Path:
        return self.folder / f"{bucket.key}.jinja-bytecode"

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            with open(self._path(bucket), "rb") as fh:
                bucket.load_bytecode(fh)  # another Python's, another source's, damaged code: compiled again
        except (OSError, EOFError, pickle.UnpicklingError):  # cut short in its checksum
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if sys.dont_write_bytecode:
            return
        path = self._path(bucket)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            self.folder.mkdir(exist_ok=True)
            with open(tmp, "wb") as fh:
                bucket.write_bytecode(fh)
            os.replace(tmp, path)  # whole or not at all, whoever reads it meanwhile
        except OSError:  # a read-only install: compiled each time, as before
            with contextlib.suppress(OSError):
                tmp.unlink()


def environment(
    target: str, filters: Mapping[str, Callable[..., Any]], custom: Path | None = None
) -> jinja2.Environment:
    """An environment for one target; a custom folder overrides templates file by file."""
    builtin = builtin_templates() / target
    loader: jinja2.BaseLoader = jinja2.FileSystemLoader(str(builtin))
    compiled: _Compiled | None = _Compiled(builtin)
    if custom is not None:  # a project's templates are compiled each time, and nothing is written in its folder
        loader, compiled = jinja2.ChoiceLoader([jinja2.FileSystemLoader(str(custom)), loader]), None
    env = jinja2.Environment(loader=loader, bytecode_cache=compiled, **_OPTIONS)
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

