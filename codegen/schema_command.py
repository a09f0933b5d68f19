"""The ``trackgen schema`` command: print the JSON Schema of the plan format
(``trackgen.schema_export``); with ``--events OUT_DIR``, read the plan, compute the
payload schemas (``trackgen.payload_schema``), write them through ``trackgen.writer``
and pick an exit code. Registered in cli.py with ``app.command()(schema)``.

Exit codes with ``--events`` as ``trackgen build``: 0 written; 1 when the plan has
errors or the output cannot be written (a file trackgen did not write in the way, a
file where the folder goes); 2 when the flags or the config cannot be used or the plan
is not there.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, NoReturn, Optional

import typer

from .api import read_plan_text
from .check import display_path
from .diagnostics import Diagnostic, PlanError, Severity
from .flags import path_flag
from .runs import print_diagnostics as _print
from .runs import settings as settings_from_flags
from .runs import setup_exit
from .runs import usage as _usage
from .payload_schema import TARGET, payload_schemas
from .pipeline import NO_PLAN, plan_names
from .pipeline import relocated as _relocated
from .plan.load import read_text
from .writer import write_outputs

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def schema(
    events: Annotated[
        Optional[Path],
        typer.Option(
            "--events",
            parser=path_flag,
            help="Write the JSON Schema of every event's payload (one file per event version, and index.json) into this folder.",
        ),
    ] = None,
    plan: Annotated[
        Optional[Path], typer.Option("--plan", parser=path_flag, help="The tracking plan (with --events).")
    ] = None,
    config: Annotated[
        Optional[Path],
        typer.Option("--config", parser=path_flag, help="trackgen.toml or pyproject.toml (with --events)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files trackgen did not generate (with --events).")] = False,
) -> None:
    """Print the JSON Schema of the plan format (for editors: see docs/editor.md), or
    with --events write the JSON Schema of every event's payload as sent on the wire.

    With --events: exit 0 when written; 1 when the plan has errors or the output cannot
    be written; 2 when the flags, the config or the plan file cannot be used.
    """
    if events is not None:
        return write_event_schemas(events, plan, config, force=force)
    if plan is not None or config is not None or force:
        _print([Diagnostic("TG200", Severity.ERROR, "--plan, --config and --force go with --events OUT_DIR")])
        raise typer.Exit(EXIT_USAGE)
    from .schema_export import plan_json_schema  # pydantic's: imported by this command only

    typer.echo(json.dumps(plan_json_schema(), indent=2))


def write_event_schemas(out: Path, plan: Path | None, config: Path | None, force: bool = False) -> None:
    """Write the payload schemas of the plan (``--plan``, else the config's) into ``out``."""
    try:
        settings = settings_from_flags(config, plan, None, None, None)
    except PlanError as exc:
        _fail(exc.diagnostics, EXIT_USAGE)
    if settings.plan is None:
        _fail([_usage(NO_PLAN)], EXIT_USAGE)
    name, shown = plan_names(settings.plan, settings.source)
    text, unreadable = read_text(settings.plan, shown)
    if text is None:
        _fail(unreadable, setup_exit(unreadable))
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
