"""The ``trackgen diff`` command: read two plans (two files, or a file and the same
file at a git revision), compare them (``trackgen.plandiff``), print the changes and
whom each one breaks, pick an exit code. Registered in cli.py with ``app.command()(diff)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from .. import ir
from ..api import read_plan, read_plan_text
from ..check import display_path
from ..config import find_config, read_config
from ..flags import path_flag
from ..diagnostics import PlanError
from ..runs import check_choice, usage
from ..runs import print_diagnostics as _print
from . import blocking, diff_plans, read_plan_at, render_json, render_markdown, render_text, summary

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


def _usage(message: str) -> PlanError:
    return PlanError([usage(message)])


_FORMATS = ("text", "markdown", "json")
_FAIL_ON = ("never", "breaking")


def diff(
    old: Annotated[
        Optional[Path],
        typer.Argument(
            help="The old plan file. With --base: the plan file to compare (default: the plan in the config).",
            show_default=False,
        ),
    ] = None,
    new: Annotated[Optional[Path], typer.Argument(help="The new plan file.", show_default=False)] = None,
    base: Annotated[
        Optional[str],
        typer.Option("--base", help="Compare the plan with itself at this git revision (a branch, tag or commit)."),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text, markdown (for a pull-request comment) or json.")
    ] = "text",
    fail_on: Annotated[
        str,
        typer.Option(
            "--fail-on",
            help="never (default) or breaking: exit 1 on a breaking change not made in a new event version.",
        ),
    ] = "never",
    config: Annotated[
        Optional[Path],
        typer.Option("--config", parser=path_flag, help="trackgen.toml or pyproject.toml, for the plan's path with --base."),
    ] = None,
) -> None:
    """List the changes between two plans and whom each one breaks.

    Each change is breaking for callers (code that sends the events must change),
    breaking for data consumers (the data changes shape) or safe. Exit 0; 1 with
    --fail-on breaking when a breaking change is not made in a new event version; 2 on
    errors in the plans, the settings or git.
    """
    try:
        check_choice("--format", output_format, _FORMATS)
        check_choice("--fail-on", fail_on, _FAIL_ON)
        before, after = _plans_to_compare(old, new, base, config)
    except PlanError as exc:
        _print(exc.diagnostics)
        typer.echo("trackgen: diff failed", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    changes = diff_plans(before, after)
    if output_format == "json":
        typer.echo(render_json(changes), nl=False)
    elif output_format == "markdown":
        typer.echo(render_markdown(changes), nl=False)
    else:
        typer.echo(render_text(changes), nl=False)
        typer.echo(summary(changes), err=True)
    stuck = blocking(changes)
    if fail_on == "breaking" and stuck:
        n = len(stuck)
        typer.echo(f"trackgen: {n} breaking change{'s' if n != 1 else ''} not made in a new event version", err=True)
        raise typer.Exit(EXIT_FAIL)


def _plans_to_compare(
    old: Path | None, new: Path | None, base: str | None, config: Path | None
) -> tuple[ir.Plan, ir.Plan]:
    if base is None:
        if old is None or new is None:
            raise _usage("give two plan files (OLD NEW), or --base REV to compare the plan with a git revision")
        return read_plan(old, display_path(old)).plan, read_plan(new, display_path(new)).plan
    if new is not None:
        raise _usage("with --base, give one plan file at most (the plan to compare with the revision)")
    path = old
    if path is None:
        source = config if config is not None else find_config(Path.cwd())
        path = read_config(source).plan if source is not None else None
        if path is None:
            raise _usage("no plan given: pass PLAN or set plan in trackgen.toml / [tool.trackgen]")
    display = display_path(path)
    current = read_plan(path, display).plan
    text = read_plan_at(base, path)
    if text is None:
        typer.echo(f"trackgen: {display} is not in {base}; every call in it counts as added", err=True)
        return ir.Plan(name=current.name, source=f"{base}:{display}", description=current.description), current
    return read_plan_text(text, f"{base}:{display}").plan, current
