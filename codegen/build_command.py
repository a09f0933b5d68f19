"""``trackgen build`` without typer: what a build run does once its flags are parsed
(``run_build``), and the parse of flags given plainly (``plain_flags``), so that the
command's hot path imports neither typer nor, through it, pydantic. ``trackgen.cli``
declares the command for typer, and calls ``run_build`` too.

Exit 0 when built; 1 when the plan has errors (or lint findings that fail_on makes
fatal) or the output cannot be written; 2 when the flags, the config or the plan file
itself cannot be used. Nothing is written unless the build succeeds.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from . import cache
from .diagnostics import Diagnostic, PlanError, Severity, by_place
from .ending import leave
from .pipeline import generate_outputs
from .progress import Progress
from .readfile import display as _display
from .runs import prepare_from_flags, print_diagnostics, remember_run, setup_exit
from .summary import lint_summary
from .writer import write_outputs

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

#: The flags of ``trackgen build`` that take a value, by parameter; paths are ``Path`` s.
VALUE_FLAGS = {
    "--plan": "plan",
    "--python-out": "python_out",
    "--typescript-out": "typescript_out",
    "--typescript-sdk": "typescript_sdk",
    "--config": "config",
    "--mode": "mode",
    "--validation": "validation",
    "--pydantic-out": "pydantic_out",
}
PATH_FLAGS = frozenset({"--plan", "--python-out", "--typescript-out", "--config", "--pydantic-out"})
#: ... and those that are switches (``--watch`` is not here: it takes the long way).
SWITCHES = {"--force": "force", "--no-cache": "no_cache"}


def plain_flags(
    argv: list[str],
    values: dict[str, str] = VALUE_FLAGS,
    switches: dict[str, str] = SWITCHES,
    paths: frozenset[str] = PATH_FLAGS,
    lists: frozenset[str] = frozenset(),
) -> dict[str, Any] | None:
    """The parameters of ``run_build`` (or of another command, given its tables) from
    its flags (``argv`` after the command's name) when each is a known flag given
    plainly (``--plan p``, ``--plan=p``, a switch), as typer would read them; else
    ``None``, and typer parses them (and says what is wrong, or prints the help).
    A flag of ``lists`` may be repeated: its values make a list, in order."""
    found: dict[str, Any] = {}
    args = iter(argv)
    for arg in args:
        flag, equals, value = arg.partition("=")
        if flag in switches and not equals:
            found[switches[flag]] = True
            continue
        if flag not in values:
            return None
        if not equals:
            value = next(args, "")
        if not value or value.startswith("-"):
            return None  # typer's to refuse (an empty path) or to read its own way
        given: Any = Path(value) if flag in paths else value
        if flag in lists:
            found.setdefault(values[flag], []).append(given)
        else:
            found[values[flag]] = given
    return found


def run_build(
    plan: Path | None = None,
    python_out: Path | None = None,
    typescript_out: Path | None = None,
    typescript_sdk: str | None = None,
    config: Path | None = None,
    mode: str | None = None,
    validation: str | None = None,
    force: bool = False,
    no_cache: bool = False,
    pydantic_out: Path | None = None,
) -> int:
    """Build once, print what happened, and give the exit code."""
    started = time.perf_counter()
    try:
        prepared = prepare_from_flags(
            config, plan, python_out, typescript_out, typescript_sdk, mode, validation, pydantic_out=pydantic_out
        )
    except PlanError as exc:
        return _failed(exc.diagnostics, setup_exit(exc.diagnostics))

    try:
        with Progress() as progress:
            outputs = generate_outputs(prepared, progress)
            progress.phase = f"writing {len(outputs.files)} files"
            report = write_outputs(outputs.files, outputs.roots, force=force)
    except PlanError as exc:
        return _failed(exc.diagnostics, EXIT_FINDINGS)
    except OSError as exc:
        print(f"trackgen: cannot write output: {exc}", file=sys.stderr)
        return EXIT_FINDINGS
    leave(outputs)
    files, roots = outputs.files, outputs.roots
    err = [d.render() for d in by_place(outputs.warnings)]
    err += lint_summary(outputs.findings)
    out = [
        f"{target}: {sum(1 for f in files if f.target == target)} files in {_display(root, Path.cwd())}"
        for target, root in roots.items()
    ]
    for line in err:
        print(line, file=sys.stderr)
    for line in out:
        print(line)
    for path in report.leftovers:
        print(f"removed {_display(path, Path.cwd())}, left by an interrupted build")
    elapsed = time.perf_counter() - started
    print(
        f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed in {elapsed:.2f}s"
    )
    if cache.REQUEST is not None and not no_cache:
        remember_run(cache.REQUEST, prepared.settings, files, roots, out, err)
    return EXIT_OK


def _failed(diagnostics: list[Diagnostic], code: int) -> int:
    print_diagnostics(diagnostics)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    what = f"{errors} error(s)" if errors else f"{len(diagnostics)} lint finding(s) (fail_on)"
    print(f"trackgen: build failed with {what}; nothing was written", file=sys.stderr)
    return code
