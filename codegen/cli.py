"""The command line: parse options, call the library, print diagnostics, pick an exit code."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from . import cache
from .check_command import check as check_command
from .flags import print_diagnostics as _print
from .flags import ConfigFlag, ModeFlag, NoCacheFlag, PlanFlag, PydanticOutFlag, PythonOutFlag, SdkFlag, TypeScriptOutFlag, ValidationFlag, prepare_from_flags, remember_run, setup_exit
from .diagnostics import Diagnostic, PlanError, Severity, by_place
from .docs_command import docs as docs_command
from .importers.command import import_command
from .init_command import init as init_command
from .lint.command import lint as lint_command
from .plandiff.command import diff as diff_command
from .schema_command import schema as schema_command
from .status.command import status as status_command
from .pipeline import generate_outputs
from .progress import Progress
from .readfile import display as _display
from .summary import lint_summary
from .version import __version__
from .watch import build_watch
from .writer import write_outputs

app = typer.Typer(
    name="trackgen",
    help="Typed Python and TypeScript analytics calls generated from a tracking plan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2

app.command("import")(import_command)
app.command("lint")(lint_command)
app.command("check")(check_command)
app.command("diff")(diff_command)
app.command("init")(init_command)
app.command("schema")(schema_command)
app.command("docs")(docs_command)
app.command("status")(status_command)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"trackgen {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Typed Python and TypeScript analytics calls generated from a tracking plan."""


@app.command()
def build(
    plan: PlanFlag = None,
    python_out: PythonOutFlag = None,
    typescript_out: TypeScriptOutFlag = None,
    typescript_sdk: SdkFlag = None,
    config: ConfigFlag = None,
    mode: ModeFlag = None,
    validation: ValidationFlag = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files trackgen did not generate.")] = False,
    watch: Annotated[
        bool, typer.Option("--watch", help="Build again whenever the plan or the config changes (Ctrl-C stops).")
    ] = False,
    no_cache: NoCacheFlag = False,
    pydantic_out: PydanticOutFlag = None,
) -> None:
    """Generate typed code from the plan.

    Exit 0 when built; 1 when the plan has errors (or lint findings that fail_on
    makes fatal) or the output cannot be written; 2 when the flags, the config or
    the plan file itself cannot be used. Nothing is written unless the build succeeds.
    """
    if watch:
        return build_watch(
            config=config,
            plan=plan,
            python_out=python_out,
            typescript_out=typescript_out,
            typescript_sdk=typescript_sdk,
            mode=mode,
            validation=validation,
            force=force,
            pydantic_out=pydantic_out,
        )
    started = time.perf_counter()
    try:
        prepared = prepare_from_flags(
            config, plan, python_out, typescript_out, typescript_sdk, mode, validation, pydantic_out=pydantic_out
        )
    except PlanError as exc:
        raise _failed(exc.diagnostics, setup_exit(exc.diagnostics)) from None

    try:
        with Progress() as progress:
            outputs = generate_outputs(prepared, progress)
            progress.phase = f"writing {len(outputs.files)} files"
            report = write_outputs(outputs.files, outputs.roots, force=force)
    except PlanError as exc:
        raise _failed(exc.diagnostics, EXIT_FINDINGS) from None
    except OSError as exc:
        typer.echo(f"trackgen: cannot write output: {exc}", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    files, roots = outputs.files, outputs.roots
    err = [d.render() for d in by_place(outputs.warnings)]
    err += lint_summary(outputs.findings)
    out = [
        f"{target}: {sum(1 for f in files if f.target == target)} files in {_display(root, Path.cwd())}"
        for target, root in roots.items()
    ]
    for line in err:
        typer.echo(line, err=True)
    for line in out:
        typer.echo(line)
    for path in report.leftovers:
        typer.echo(f"removed {_display(path, Path.cwd())}, left by an interrupted build")
    elapsed = time.perf_counter() - started
    typer.echo(
        f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed in {elapsed:.2f}s"
    )
    if cache.REQUEST is not None and not no_cache:
        remember_run(cache.REQUEST, prepared.settings, files, roots, out, err)


def _failed(diagnostics: list[Diagnostic], code: int) -> typer.Exit:
    _print(diagnostics)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    what = f"{errors} error(s)" if errors else f"{len(diagnostics)} lint finding(s) (fail_on)"
    typer.echo(f"trackgen: build failed with {what}; nothing was written", err=True)
    return typer.Exit(code)


def main() -> None:
    app(prog_name="trackgen")


if __name__ == "__main__":  # pragma: no cover
    main()
