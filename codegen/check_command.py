"""``trackgen check`` without typer: build in memory (``trackgen.pipeline``), compare
with the output folders (``trackgen.check``), print a diff or the names of the files
out of date, and give the exit code (``run_check``); and the tables of its flags for
the plain parse (``trackgen.build_command.plain_flags``), so that a check, CI's
command, imports neither typer nor pydantic. ``trackgen.cli`` declares the command
for typer and calls ``run_check`` too.

It colours the diff only on a terminal. It prints as typer's echo does: flushed, and
with ANSI escapes taken out of what goes elsewhere than a terminal (a diff quotes
the files on disk, whatever they hold).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TextIO

from . import cache
from .build_command import PATH_FLAGS, VALUE_FLAGS
from .check import colour_diff, display_path, leftover_paths, render_diff, stale_files, use_colour
from .diagnostics import PlanError, Severity, by_place
from .ending import leave
from .pipeline import generate_outputs
from .runs import prepare_from_flags, remember_run
from .runs import print_diagnostics as _print

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2

#: The flags of ``trackgen check`` that take a value, by parameter (``--adapter`` and
#: ``--pin`` may be repeated), and those that are switches.
CHECK_VALUE_FLAGS = {
    **VALUE_FLAGS,
    "--python-validation": "python_validation",
    "--typescript-validation": "typescript_validation",
    "--adapter": "adapter",
    "--pin": "pin",
}
CHECK_LIST_FLAGS = frozenset({"--adapter", "--pin"})
CHECK_SWITCHES = {"--name-only": "name_only", "--no-cache": "no_cache"}
CHECK_PATH_FLAGS = PATH_FLAGS

#: What click's echo takes out of text for a stream that is not a terminal.
_ANSI = re.compile(r"\033\[[0-?]*[ -/]*[@-~]")


def _echo(text: str, err: bool = False, nl: bool = True, color: bool | None = None) -> None:
    """``typer.echo``: ANSI escapes out unless ``color`` (by default: unless the stream
    is a terminal), flushed."""
    stream: TextIO = sys.stderr if err else sys.stdout
    out = text + "\n" if nl else text
    if not (color if color is not None else _isatty(stream)):
        out = _ANSI.sub("", out)
    stream.write(out)
    stream.flush()


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except Exception:  # as click's: a closed or odd stream is no terminal
        return False


def run_check(
    plan: Path | None = None,
    python_out: Path | None = None,
    typescript_out: Path | None = None,
    typescript_sdk: str | None = None,
    config: Path | None = None,
    mode: str | None = None,
    validation: str | None = None,
    pydantic_out: Path | None = None,
    python_validation: str | None = None,
    typescript_validation: str | None = None,
    adapter: list[str] | None = None,
    pin: list[str] | None = None,
    name_only: bool = False,
    no_cache: bool = False,
) -> int:
    """Check once, print what is out of date, and give the exit code: 0 when up to
    date; 1 when a build would change files; 2 when the plan or the settings have
    errors."""
    try:
        prepared = prepare_from_flags(
            config,
            plan,
            python_out,
            typescript_out,
            typescript_sdk,
            mode,
            validation,
            python_validation=python_validation,
            typescript_validation=typescript_validation,
            adapters=adapter,
            pins=pin,
            pydantic_out=pydantic_out,
        )
        outputs = generate_outputs(prepared)
        leave(outputs)
        changes = stale_files(outputs.files, outputs.roots)
        leftovers = leftover_paths(outputs.files, outputs.roots)
    except PlanError as exc:
        _print(exc.diagnostics)
        errors = sum(d.severity is Severity.ERROR for d in exc.diagnostics)
        _echo(f"trackgen: check failed with {errors} error(s)", err=True)
        return EXIT_ERROR
    except OSError as exc:
        _echo(f"trackgen: cannot read the generated files: {exc}", err=True)
        return EXIT_ERROR
    _print(outputs.warnings)  # lint findings are lint's to show
    for path in leftovers:
        _echo(f"trackgen: {display_path(path)}: left by an interrupted build (trackgen build removes it)", err=True)
    if not changes and not leftovers:
        done = f"trackgen: the generated code is up to date ({len(outputs.files)} files)"
        _echo(done, err=True)
        if cache.REQUEST is not None and not no_cache:
            shown = [w.render() for w in by_place(outputs.warnings)]
            remember_run(cache.REQUEST, prepared.settings, outputs.files, outputs.roots, [], [*shown, done])
        return EXIT_OK
    if name_only:
        for change in changes:
            _echo(display_path(change.path))
        for path in leftovers:
            _echo(display_path(path))
    elif changes:
        text = render_diff(changes)
        _echo(colour_diff(text) if use_colour(sys.stdout) else text, nl=False, color=use_colour(sys.stdout))
    count = len(changes) + len(leftovers)
    _echo(
        f"trackgen: {count} file{'s' if count != 1 else ''} out of date with the plan; run trackgen build", err=True
    )
    return EXIT_FAIL
