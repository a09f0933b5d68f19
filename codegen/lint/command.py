"""The ``trackgen lint`` command: options in, the library called, findings out, an exit code.

Registered in cli.py with ``app.command()(lint)``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import find_config
from ..diagnostics import Diagnostic, PlanError, Severity
from ..plan.load import read_text
from . import lint_text, read_lint_settings
from .config import LintConfig, LintSettings
from .report import FORMATS, render, summary

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _display(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _fail(diagnostics: list[Diagnostic]) -> typer.Exit:
    for d in diagnostics:
        typer.echo(d.render(), err=True)
    return typer.Exit(EXIT_USAGE)


def lint(
    plan: Annotated[
        Optional[Path], typer.Argument(help="The tracking plan (default: the plan named in trackgen.toml or pyproject.toml).")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="text, json, sarif (SARIF 2.1.0 for code scanning) or github (annotations).")
    ] = "text",
    strict: Annotated[bool, typer.Option("--strict", help="Exit 1 on warnings too, not only on errors.")] = False,
    fix: Annotated[bool, typer.Option("--fix", help="Rewrite names that can be fixed mechanically, in place.")] = False,
    config: Annotated[
        Optional[Path],
        typer.Option("--config", help="trackgen.toml or pyproject.toml (default: found in this folder)."),
    ] = None,
) -> None:
    """Check the plan against the tracking-plan guide's conventions; print every finding."""
    if output_format not in FORMATS:
        raise _fail([Diagnostic("TG200", Severity.ERROR, f'unknown format "{output_format}"; use {", ".join(FORMATS)}')])
    try:
        source = config if config is not None else find_config(Path.cwd())
        settings = read_lint_settings(source, _display(source)) if source is not None else LintSettings(LintConfig(), None, None)
    except PlanError as exc:
        raise _fail(exc.diagnostics) from None
    path = plan if plan is not None else settings.plan
    if path is None:
        raise _fail([Diagnostic("TG200", Severity.ERROR, "no plan given: pass PLAN or set plan in trackgen.toml / [tool.trackgen]")])
    display = _display(path)
    text, problems = read_text(path, display)
    if text is None:
        raise _fail(problems)
    if fix:
        from .fix import fix_text  # the rules: imported when the command lints

        result = fix_text(text, display, settings.config)
        if result.text != text:
            path.write_bytes(result.text.encode("utf-8"))
            text = result.text
        for note in result.skipped:
            typer.echo(note.render(), err=True)
        typer.echo(f"trackgen lint: fixed {len(result.applied)} name(s) in {display}", err=True)
    diagnostics = lint_text(text, display, settings.config)
    typer.echo(render(diagnostics, output_format), nl=False)
    if output_format == "text":
        typer.echo(f"{display}: {summary(diagnostics)}", err=True)
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    if any(d.severity in failing for d in diagnostics):
        raise typer.Exit(EXIT_FINDINGS)
