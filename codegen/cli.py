"""The command line: parse options, call the library, print diagnostics, pick an exit code."""

from __future__ import annotations

import dataclasses
import keyword
import sys
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .api import GenerateOptions, PythonOptions, TypeScriptOptions, generate, read_plan
from .config import BuildConfig, Mode, Sdk, Validation, find_config, read_config
from .diagnostics import Diagnostic, Location, PlanError, Severity
from .importers.command import import_command
from .lint import LintConfig, fails, lint_plan, read_lint_settings
from .lint.command import lint as lint_command
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


def _print(diagnostics: list[Diagnostic]) -> None:
    for d in sorted(diagnostics, key=lambda d: d.sort_key):
        typer.echo(d.render(), err=True)


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


def _display(path: Path, base: Path) -> str:
    """A path as shown in messages and headers: relative to ``base`` when inside it."""
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def _settings(
    config: Path | None,
    plan: Path | None,
    python_out: Path | None,
    typescript_out: Path | None,
    sdk: Sdk | None,
    mode: Mode | None = None,
    validation: Validation | None = None,
) -> BuildConfig:
    """The config file's settings, with the flags given on top."""
    source = config if config is not None else find_config(Path.cwd())
    base = read_config(source) if source is not None else BuildConfig(None, None, None, "analytics-next", None)
    return dataclasses.replace(
        base,
        plan=plan if plan is not None else base.plan,
        python_out=python_out if python_out is not None else base.python_out,
        typescript_out=typescript_out if typescript_out is not None else base.typescript_out,
        typescript_sdk=sdk if sdk is not None else base.typescript_sdk,
        mode=mode if mode is not None else base.mode,
        python_validation=validation if validation is not None else base.python_validation,
        typescript_validation=validation if validation is not None else base.typescript_validation,
    )


@app.command()
def build(
    plan: Annotated[Optional[Path], typer.Option("--plan", help="The tracking plan (YAML or JSON).")] = None,
    python_out: Annotated[
        Optional[Path], typer.Option("--python-out", help="Folder of the generated Python package.")
    ] = None,
    typescript_out: Annotated[
        Optional[Path], typer.Option("--typescript-out", help="Folder of the generated TypeScript.")
    ] = None,
    typescript_sdk: Annotated[
        Optional[str],
        typer.Option("--typescript-sdk", help="analytics-next (browser, default) or analytics-node (server)."),
    ] = None,
    config: Annotated[
        Optional[Path],
        typer.Option("--config", help="trackgen.toml or pyproject.toml (default: found in this folder)."),
    ] = None,
    mode: Annotated[
        Optional[str],
        typer.Option("--mode", help="development (default: run-time validation warns) or production (off)."),
    ] = None,
    validation: Annotated[
        Optional[str], typer.Option("--validation", help="Run-time validation: off, warn or raise (both targets).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files trackgen did not generate.")] = False,
) -> None:
    """Generate typed code from the plan."""
    started = time.perf_counter()
    try:
        if typescript_sdk is not None and typescript_sdk not in ("analytics-next", "analytics-node"):
            raise PlanError(
                [Diagnostic("TG200", Severity.ERROR, f'unknown TypeScript SDK "{typescript_sdk}"; use analytics-next or analytics-node')]
            )
        _check_choice("--mode", mode, ("development", "production"))
        _check_choice("--validation", validation, ("off", "warn", "raise"))
        settings = _settings(config, plan, python_out, typescript_out, typescript_sdk, mode, validation)  # type: ignore[arg-type]
        if settings.plan is None:
            raise PlanError(
                [Diagnostic("TG200", Severity.ERROR, "no plan given: pass --plan or set plan in trackgen.toml / [tool.trackgen]")]
            )
        if settings.python_out is None and settings.typescript_out is None:
            raise PlanError(
                [Diagnostic("TG200", Severity.ERROR, "no output given: pass --python-out and/or --typescript-out, or set them in the config")]
            )
        if settings.python_out is not None:
            package = settings.python_out.resolve().name
            if not package.isidentifier() or keyword.iskeyword(package):
                raise PlanError(
                    [Diagnostic("TG201", Severity.ERROR, f'--python-out "{settings.python_out}": "{package}" is not an importable package name')]
                )
        base = settings.source.parent if settings.source is not None else Path.cwd()
        loaded = read_plan(settings.plan, _display(settings.plan, base), settings.versions)
        ir_plan, warnings = loaded.plan, loaded.warnings
        lint_config = read_lint_settings(settings.source).config if settings.source is not None else LintConfig()
        findings = lint_plan(loaded.model, lint_config)
        if fails(findings, lint_config.fail_on):
            raise PlanError(findings)
        warnings += findings
        options = GenerateOptions(
            python=(
                PythonOptions(validation=settings.validation("python"), adapters=settings.python_adapters)
                if settings.python_out is not None
                else None
            ),
            typescript=(
                TypeScriptOptions(sdk=settings.typescript_sdk, validation=settings.validation("typescript"))
                if settings.typescript_out is not None
                else None
            ),
        )
        files = generate(ir_plan, options)
        roots = {}
        if settings.python_out is not None:
            roots["python"] = settings.python_out
        if settings.typescript_out is not None:
            roots["typescript"] = settings.typescript_out
        report = write_outputs(files, roots, force=force)
    except PlanError as exc:
        _print(exc.diagnostics)
        errors = sum(d.severity is Severity.ERROR for d in exc.diagnostics)
        typer.echo(f"trackgen: build failed with {errors} error(s); nothing was written", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    except OSError as exc:
        typer.echo(f"trackgen: cannot write output: {exc}", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    _print(warnings)
    elapsed = time.perf_counter() - started
    for target, root in roots.items():
        count = sum(1 for f in files if f.target == target)
        typer.echo(f"{target}: {count} files in {root.as_posix()}")
    typer.echo(
        f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed in {elapsed:.2f}s"
    )


def _check_choice(flag: str, value: str | None, choices: tuple[str, ...]) -> None:
    if value is not None and value not in choices:
        raise PlanError(
            [Diagnostic("TG200", Severity.ERROR, f'{flag} "{value}": use one of {", ".join(choices)}')]
        )


def main() -> None:
    app(prog_name="trackgen")


if __name__ == "__main__":  # pragma: no cover
    main()
