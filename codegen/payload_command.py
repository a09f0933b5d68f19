"""``trackgen schema --events OUT_DIR``: read the plan, compute the payload schemas
(``trackgen.payload_schema``), write them through ``trackgen.writer``, pick an exit code.

Exit codes as ``trackgen build``: 0 written; 1 when the plan has errors or the output
cannot be written (a file trackgen did not write in the way, a file where the folder
goes); 2 when the flags or the config cannot be used or the plan is not there.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import NoReturn

import typer

from .api import read_plan_text
from .check import display_path
from .diagnostics import Diagnostic, Location, PlanError
from .readfile import display as _display
from .flags import print_diagnostics as _print
from .flags import settings as settings_from_flags
from .flags import usage as _usage
from .payload_schema import TARGET, payload_schemas
from .plan.load import read_text

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def write_event_schemas(out: Path, plan: Path | None, config: Path | None, force: bool = False) -> None:
    """Write the payload schemas of the plan (``--plan``, else the config's) into ``out``."""
    from .writer import write_outputs

    try:
        settings = settings_from_flags(config, plan, None, None, None)
    except PlanError as exc:
        _fail(exc.diagnostics, EXIT_USAGE)
    if settings.plan is None:
        _fail([_usage("no plan given: pass --plan or set plan in trackgen.toml / [tool.trackgen]")], EXIT_USAGE)
    base = settings.source.parent if settings.source is not None else Path.cwd()
    name = _display(settings.plan, base)
    shown = _display(settings.plan, Path.cwd())
    text, unreadable = read_text(settings.plan, shown)
    if text is None:
        plan_only = bool(unreadable) and all(p.code == "TG001" for p in unreadable)
        _fail(unreadable, EXIT_FINDINGS if plan_only else EXIT_USAGE)
    try:
        loaded = read_plan_text(text, name, settings.versions)
        files = payload_schemas(loaded.plan)
        report = write_outputs(files, {TARGET: out}, force=force)
    except PlanError as exc:
        _fail(_relocated(exc.diagnostics, name, shown), EXIT_FINDINGS)
    except OSError as exc:
        typer.echo(f"trackgen: cannot write output: {exc}", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    _print(_relocated([w for w in loaded.warnings if not w.code.startswith("TG4")], name, shown))
    for path in report.leftovers:
        typer.echo(f"removed {display_path(path)}, left by an interrupted build")
    typer.echo(f"{TARGET}: {len(files)} files in {display_path(out)}")
    typer.echo(f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed")


def _fail(diagnostics: list[Diagnostic], code: int) -> NoReturn:
    _print(diagnostics)
    typer.echo("trackgen: schema failed; nothing was written", err=True)
    raise typer.Exit(code)


def _relocated(diagnostics: list[Diagnostic], name: str, shown: str) -> list[Diagnostic]:
    """Diagnostics about the plan (named ``name``, relative to the config's folder)
    pointing at ``shown``, its path from the working directory."""

    def move(loc: Location) -> Location:
        return loc._replace(file=shown) if loc.file == name else loc

    return [
        dataclasses.replace(d, location=d.location and move(d.location), related=tuple(map(move, d.related)))
        for d in diagnostics
    ]
