"""The ``trackgen check`` command: build in memory (``trackgen.pipeline``), compare
with the output folders (``trackgen.check``), print a diff or the names of the files
out of date, pick an exit code. Registered in cli.py with ``app.command()(check)``.

It colours the diff only on a terminal.
"""

from __future__ import annotations

import sys
from typing import Annotated, Optional

import typer

from . import cache
from .check import colour_diff, display_path, leftover_paths, render_diff, stale_files, use_colour
from .diagnostics import PlanError, Severity, by_place
from .flags import ConfigFlag, ModeFlag, NoCacheFlag, PlanFlag, PydanticOutFlag, PythonOutFlag, SdkFlag, TypeScriptOutFlag, ValidationFlag
from .runs import prepare_from_flags, remember_run
from .runs import print_diagnostics as _print
from .pipeline import generate_outputs

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2


def check(
    plan: PlanFlag = None,
    python_out: PythonOutFlag = None,
    typescript_out: TypeScriptOutFlag = None,
    typescript_sdk: SdkFlag = None,
    config: ConfigFlag = None,
    mode: ModeFlag = None,
    validation: ValidationFlag = None,
    pydantic_out: PydanticOutFlag = None,
    python_validation: Annotated[
        Optional[str], typer.Option("--python-validation", help="Run-time validation of the Python code only.")
    ] = None,
    typescript_validation: Annotated[
        Optional[str], typer.Option("--typescript-validation", help="Run-time validation of the TypeScript code only.")
    ] = None,
    adapter: Annotated[
        Optional[list[str]],
        typer.Option(
            "--adapter", help="A Python client to generate: posthog, mixpanel or amplitude (repeat for more)."
        ),
    ] = None,
    pin: Annotated[
        Optional[list[str]],
        typer.Option("--pin", help='An event version to generate, as EVENT=VERSION ("Order Completed=1"); repeatable.'),
    ] = None,
    name_only: Annotated[
        bool, typer.Option("--name-only", help="List the files that are out of date instead of a diff.")
    ] = False,
    no_cache: NoCacheFlag = False,
) -> None:
    """Check that the generated code is what the plan produces, without writing.

    Exit 0 when up to date; 1 when a build would change files (a unified diff is
    printed, or the files with --name-only); 2 when the plan or the settings have errors.
    """
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
        changes = stale_files(outputs.files, outputs.roots)
        leftovers = leftover_paths(outputs.files, outputs.roots)
    except PlanError as exc:
        _print(exc.diagnostics)
        errors = sum(d.severity is Severity.ERROR for d in exc.diagnostics)
        typer.echo(f"trackgen: check failed with {errors} error(s)", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    except OSError as exc:
        typer.echo(f"trackgen: cannot read the generated files: {exc}", err=True)
        raise typer.Exit(EXIT_ERROR) from None
    _print(outputs.warnings)  # lint findings are lint's to show
    for path in leftovers:
        typer.echo(f"trackgen: {display_path(path)}: left by an interrupted build (trackgen build removes it)", err=True)
    if not changes and not leftovers:
        done = f"trackgen: the generated code is up to date ({len(outputs.files)} files)"
        typer.echo(done, err=True)
        if cache.REQUEST is not None and not no_cache:
            shown = [w.render() for w in by_place(outputs.warnings)]
            remember_run(cache.REQUEST, prepared.settings, outputs.files, outputs.roots, [], [*shown, done])
        return
    if name_only:
        for change in changes:
            typer.echo(display_path(change.path))
        for path in leftovers:
            typer.echo(display_path(path))
    elif changes:
        text = render_diff(changes)
        typer.echo(colour_diff(text) if use_colour(sys.stdout) else text, nl=False, color=use_colour(sys.stdout))
    count = len(changes) + len(leftovers)
    typer.echo(
        f"trackgen: {count} file{'s' if count != 1 else ''} out of date with the plan; run trackgen build", err=True
    )
    raise typer.Exit(EXIT_FAIL)
