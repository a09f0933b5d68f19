"""The command line: parse options, call the library, print diagnostics, pick an exit code."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from .build_command import EXIT_OK, run_build
from .check_command import EXIT_OK as CHECK_OK, run_check
from .flags import ConfigFlag, ModeFlag, NoCacheFlag, PlanFlag, PydanticOutFlag, PythonOutFlag, SdkFlag, TypeScriptOutFlag, ValidationFlag
from .docs_command import docs as docs_command
from .importers.command import import_command
from .init_command import init as init_command
from .lint.command import lint as lint_command
from .plandiff.command import diff as diff_command
from .schema_command import schema as schema_command
from .status.command import status as status_command
from .version import __version__
from .watch import build_watch

app = typer.Typer(
    name="trackgen",
    help="Typed Python and TypeScript analytics calls generated from a tracking plan.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

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
    code = run_check(
        plan,
        python_out,
        typescript_out,
        typescript_sdk,
        config,
        mode,
        validation,
        pydantic_out,
        python_validation,
        typescript_validation,
        adapter,
        pin,
        name_only,
        no_cache,
    )
    if code != CHECK_OK:
        raise typer.Exit(code)


app.command("import")(import_command)
app.command("lint")(lint_command)
app.command("check")(check)
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
    code = run_build(
        plan, python_out, typescript_out, typescript_sdk, config, mode, validation, force, no_cache, pydantic_out
    )
    if code != EXIT_OK:
        raise typer.Exit(code)


def main() -> None:
    app(prog_name="trackgen")


if __name__ == "__main__":  # pragma: no cover
    main()
