"""The ``trackgen status`` command: options in, the codebase scanned, the report out,
an exit code. Registered in cli.py with ``app.command()(status)``."""

from __future__ import annotations

import keyword
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..api import read_plan
from ..diagnostics import PlanError
from ..flags import ConfigFlag, PlanFlag, PythonOutFlag, TypeScriptOutFlag, path_flag
from ..runs import check_choice, print_diagnostics, settings, usage
from ..pipeline import NO_PLAN
from ..readfile import display, real_path

if TYPE_CHECKING:
    from .codebase import ScanOptions
    from .planned import PlannedCall

EXIT_OK, EXIT_FAIL, EXIT_USAGE = 0, 1, 2
FAIL_ON = ("never", "unimplemented", "raw")


def status(
    paths: Annotated[
        Optional[list[Path]],
        typer.Argument(help="Folders or files to scan (default: the working directory).", show_default=False),
    ] = None,
    plan: PlanFlag = None,
    python_out: PythonOutFlag = None,
    typescript_out: TypeScriptOutFlag = None,
    python_package: Annotated[
        Optional[str],
        typer.Option("--python-package", help="The generated package's import name (default: --python-out's folder name)."),
    ] = None,
    typescript_module: Annotated[
        Optional[list[str]],
        typer.Option("--typescript-module", help='A bare import specifier of the generated TypeScript ("@/analytics"); repeatable.'),
    ] = None,
    typescript: Annotated[
        Optional[Path],
        typer.Option("--typescript", parser=path_flag, help="The typescript package to parse with (default: node_modules/typescript of the scanned folder or above)."),
    ] = None,
    config: ConfigFlag = None,
    output_format: Annotated[str, typer.Option("--format", help="text, json or sarif (SARIF 2.1.0).")] = "text",
    fail_on: Annotated[
        Optional[list[str]],
        typer.Option(
            "--fail-on",
            help="unimplemented: exit 1 when a planned call is not used outside tests; raw: exit 1 on a raw SDK call outside tests; repeatable.",
        ),
    ] = None,
) -> None:
    """Report which planned calls the code uses: called, only in tests, or never.

    Finds the calls of the generated functions (Python with ast, TypeScript and
    JavaScript with the TypeScript compiler's parser) and the raw SDK calls that
    bypass them. Exit 0; 1 when a --fail-on condition holds; 2 on errors in the
    flags, the config or the plan.
    """
    # The scanner's modules are imported here, not above: every trackgen command
    # imports this module (cli.py registers it), and only this one needs them.
    from .codebase import scan_codebase
    from .planned import planned_calls
    from .render import FORMATS, render, summary
    from .report import build_report

    try:
        check_choice("--format", output_format, FORMATS)
        for value in fail_on or []:
            check_choice("--fail-on", value, FAIL_ON)
        found = settings(config, plan, python_out, typescript_out, None)
        if found.plan is None:
            raise PlanError([usage(NO_PLAN)])
        roots = _roots(paths or [Path(".")])
        package = _package(python_package, found.python_out)
        if package is None and found.typescript_out is None and not typescript_module:
            raise PlanError([usage("nothing to look for: pass --python-out and/or --typescript-out, or set them in the config")])
        shown = display(found.plan, Path.cwd())
        loaded = read_plan(found.plan, shown, found.versions)
        calls = planned_calls(loaded.plan)
        options = _scan_options(roots, calls, package, found.python_out, found.typescript_out, typescript_module or [], typescript)
        scans = scan_codebase(options)
    except PlanError as exc:
        print_diagnostics(exc.diagnostics)
        typer.echo("trackgen: status failed", err=True)
        raise typer.Exit(EXIT_USAGE) from None
    print_diagnostics([w for w in loaded.warnings if not w.code.startswith("TG4")])  # lint findings are lint's to show
    report = build_report(shown, calls, scans, options.languages)
    typer.echo(render(report, output_format), nl=False)  # type: ignore[arg-type]
    if output_format == "text":
        print_diagnostics(list(report.problems))
        typer.echo(summary(report), err=True)
    wanted = set(fail_on or [])
    failing = []
    if "unimplemented" in wanted and report.unimplemented:
        failing.append(f"{len(report.unimplemented)} planned call(s) not used outside tests")
    if "raw" in wanted and report.raw_outside_tests:
        failing.append(f"{len(report.raw_outside_tests)} raw SDK call(s) outside tests")
    if failing:
        typer.echo(f"trackgen: status: {'; '.join(failing)}", err=True)
        raise typer.Exit(EXIT_FAIL)


def _roots(paths: list[Path]) -> list[tuple[Path, str]]:
    """Each path to scan, with how it is shown ("" for the working directory)."""
    missing = [usage(f'"{p.as_posix()}": no such file or folder') for p in paths if not p.exists()]
    if missing:
        raise PlanError(missing)
    shown = [display(p, Path.cwd()) for p in paths]
    return [(p, "" if s == "." else s) for p, s in zip(paths, shown)]


def _package(given: str | None, python_out: Path | None) -> str | None:
    """The generated package's import name: as given, else the output folder's name."""
    package = given if given is not None else (real_path(python_out).name if python_out is not None else None)
    if package is not None and not all(p.isidentifier() and not keyword.iskeyword(p) for p in package.split(".")):
        where = "--python-package" if given is not None else "the Python output folder"
        raise PlanError([usage(f'{where}: "{package}" is not an importable package name')])
    return package


def _scan_options(
    roots: list[tuple[Path, str]],
    calls: tuple[PlannedCall, ...],
    package: str | None,
    python_out: Path | None,
    typescript_out: Path | None,
    typescript_modules: list[str],
    typescript: Path | None,
) -> ScanOptions:
    from .codebase import ScanOptions
    from .model import PythonTarget, TypeScriptTarget

    python = PythonTarget(package, frozenset(c.python for c in calls)) if package is not None else None
    ts = None
    if typescript_out is not None or typescript_modules:
        folder = str(real_path(typescript_out)) if typescript_out is not None else ""
        ts = TypeScriptTarget(folder, tuple(typescript_modules), frozenset(c.typescript for c in calls))
    skip = frozenset(real_path(p) for p in (python_out, typescript_out) if p is not None)
    return ScanOptions(tuple(roots), python, ts, skip, typescript)
