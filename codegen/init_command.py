"""The ``trackgen init`` command: start a project (``trackgen.starter`` writes the
files), asking for what the flags leave open only when a person is at a terminal.
Registered in cli.py with ``app.command()(init)``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional, get_args

import typer

from .check import display_path
from .config import Sdk
from .diagnostics import PlanError
from .runs import check_choice
from .runs import print_diagnostics as _print
from .starter import DEFAULT_NAME, DEFAULT_PYTHON_OUT, DEFAULT_TYPESCRIPT_OUT, init_project

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


def _interactive() -> bool:
    """Whether a person is at the keyboard: stdin and stdout are terminals."""
    return sys.stdin is not None and sys.stdin.isatty() and sys.stdout.isatty()


def init(
    folder: Annotated[Path, typer.Argument(help="The project folder (created if missing).")] = Path("."),
    name: Annotated[
        Optional[str], typer.Option("--name", help="The plan's name (default: from the folder's name).")
    ] = None,
    python_out: Annotated[
        Optional[str],
        typer.Option("--python-out", help=f"Folder of the generated Python package (default: {DEFAULT_PYTHON_OUT})."),
    ] = None,
    typescript_out: Annotated[
        Optional[str],
        typer.Option(
            "--typescript-out", help=f"Folder of the generated TypeScript (default: {DEFAULT_TYPESCRIPT_OUT})."
        ),
    ] = None,
    typescript_sdk: Annotated[
        str, typer.Option("--typescript-sdk", help="analytics-next (browser) or analytics-node (server).")
    ] = "analytics-next",
    no_python: Annotated[bool, typer.Option("--no-python", help="Generate no Python.")] = False,
    no_typescript: Annotated[bool, typer.Option("--no-typescript", help="Generate no TypeScript.")] = False,
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Ask nothing; use the defaults for what is not given.")
    ] = False,
) -> None:
    """Start a project: a starter plan, a trackgen.toml and NEXT_STEPS.md.

    Never overwrites a file. Asks for the plan's name and the output folders only on a
    terminal, and only for what the flags leave open.
    """
    ask = _interactive() and not yes
    default_name = _name_from(folder)
    if name is None:
        name = typer.prompt("Plan name", default=default_name) if ask else default_name
    py: str | None = None
    if not no_python:
        py = python_out if python_out is not None else DEFAULT_PYTHON_OUT
        if python_out is None and ask:
            py = _optional(typer.prompt("Python package folder (- for none)", default=DEFAULT_PYTHON_OUT))
    ts: str | None = None
    if not no_typescript:
        ts = typescript_out if typescript_out is not None else DEFAULT_TYPESCRIPT_OUT
        if typescript_out is None and ask:
            ts = _optional(typer.prompt("TypeScript folder (- for none)", default=DEFAULT_TYPESCRIPT_OUT))
    try:
        check_choice("--typescript-sdk", typescript_sdk, get_args(Sdk))
        written = init_project(folder, name=name, python_out=py, typescript_out=ts, sdk=typescript_sdk)  # type: ignore[arg-type]
    except PlanError as exc:
        _print(exc.diagnostics)
        typer.echo("trackgen: init wrote nothing", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except OSError as exc:
        typer.echo(f"trackgen: cannot write in {folder.as_posix()}: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    for path in written:
        typer.echo(f"created {display_path(path)}")
    where = "" if folder.resolve() == Path.cwd().resolve() else f"cd {display_path(folder)} && "
    typer.echo(f"next: {where}trackgen build (NEXT_STEPS.md says what follows)")


def _optional(answer: str) -> str | None:
    answer = answer.strip()
    return None if answer in ("", "-") else answer


def _name_from(folder: Path) -> str:
    words = folder.resolve().name.replace("-", " ").replace("_", " ").split()
    return " ".join(w[:1].upper() + w[1:] for w in words) or DEFAULT_NAME
