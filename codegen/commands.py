"""The commands ``check``, ``diff``, ``init`` and ``schema``, and ``build --watch``.

Each is a typer command function, registered in cli.py with one line:
``app.command()(commands.check)``. They parse options, call the library and map the
outcome to an exit code; the work is done in ``check``, ``plandiff``, ``starter``,
``schema_export`` and ``watch``. Nothing here prompts or colours its output unless
it runs on a terminal (init asks only when both stdin and stdout are one).

What they share with ``build`` (settings, printing) is in ``trackgen.flags``.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import sys
from pathlib import Path
from typing import Annotated, Optional, get_args

import typer

from . import cache, ir
from .api import read_plan, read_plan_text
from .pipeline import compute_outputs
from .check import colour_diff, display_path, leftover_paths, render_diff, stale_files, use_colour
from .config import Adapter, BuildConfig, Mode, Sdk, Validation, find_config, path_flag
from .diagnostics import Diagnostic, PlanError, Severity
from .flags import ConfigFlag, ModeFlag, NoCacheFlag, PlanFlag, PydanticOutFlag, PythonOutFlag, SdkFlag, TypeScriptOutFlag, ValidationFlag, check_choice, remember_run
from .flags import print_diagnostics as _print
from .flags import settings as settings_from_flags
from .plandiff import blocking, diff_plans, read_plan_at, render_json, render_markdown, render_text, summary
from .schema_export import plan_json_schema
from .starter import DEFAULT_NAME, DEFAULT_PYTHON_OUT, DEFAULT_TYPESCRIPT_OUT, init_project
from .summary import lint_summary
from .watch import Wait, watch

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2

_SDKS: tuple[str, ...] = get_args(Sdk)
_MODES: tuple[str, ...] = get_args(Mode)
_VALIDATIONS: tuple[str, ...] = get_args(Validation)
_ADAPTERS: tuple[str, ...] = get_args(Adapter)


def _usage(message: str) -> PlanError:
    return PlanError([Diagnostic("TG200", Severity.ERROR, message)])


def _choice(flag: str, value: str | None, choices: tuple[str, ...]) -> None:
    check_choice(flag, value, choices)


# -- settings and the files a build computes ------------------------------------------


def resolve_settings(
    config: Path | None = None,
    plan: Path | None = None,
    python_out: Path | None = None,
    typescript_out: Path | None = None,
    typescript_sdk: str | None = None,
    mode: str | None = None,
    validation: str | None = None,
    *,
    python_validation: str | None = None,
    typescript_validation: str | None = None,
    adapters: list[str] | None = None,
    pins: list[str] | None = None,
    pydantic_out: Path | None = None,
) -> BuildConfig:
    """The config file's settings with the flags on top (``cli._settings``), plus the
    flags only check has: per-target validation, adapters and version pins."""
    _choice("--typescript-sdk", typescript_sdk, _SDKS)
    _choice("--mode", mode, _MODES)
    _choice("--validation", validation, _VALIDATIONS)
    _choice("--python-validation", python_validation, _VALIDATIONS)
    _choice("--typescript-validation", typescript_validation, _VALIDATIONS)
    for adapter in adapters or []:
        _choice("--adapter", adapter, _ADAPTERS)
    settings = settings_from_flags(
        config=config,
        plan=plan,
        python_out=python_out,
        typescript_out=typescript_out,
        sdk=typescript_sdk,  # type: ignore[arg-type]
        mode=mode,  # type: ignore[arg-type]
        validation=validation,  # type: ignore[arg-type]
    )
    changes: dict[str, object] = {}
    if python_validation is not None:
        changes["python_validation"] = python_validation
    if typescript_validation is not None:
        changes["typescript_validation"] = typescript_validation
    if adapters:
        changes["python_adapters"] = tuple(dict.fromkeys(adapters))
    if pins:
        changes["versions"] = {**settings.versions, **_pins(pins)}
    if pydantic_out is not None:
        changes["pydantic_out"] = pydantic_out
    return dataclasses.replace(settings, **changes)  # type: ignore[arg-type]


def _pins(values: list[str]) -> dict[str, int]:
    pins: dict[str, int] = {}
    for value in values:
        name, sep, version = value.rpartition("=")
        if not sep or not name or not version.isdigit() or int(version) < 1:
            raise _usage(f'--pin "{value}": write EVENT=VERSION, such as "Order Completed=2"')
        pins[name] = int(version)
    return pins


# -- check ----------------------------------------------------------------------------


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
        settings = resolve_settings(
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
        given = [name for name, value in (("python_out", python_out), ("pydantic_out", pydantic_out)) if value is not None]
        outputs = compute_outputs(settings, given)
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
            shown = [w.render() for w in sorted(outputs.warnings, key=lambda d: d.sort_key)]
            remember_run(cache.REQUEST, settings, outputs.files, outputs.roots, [], [*shown, done])
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


# -- diff -----------------------------------------------------------------------------

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
        _choice("--format", output_format, _FORMATS)
        _choice("--fail-on", fail_on, _FAIL_ON)
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
        from .config import read_config

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


# -- init -----------------------------------------------------------------------------


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
        _choice("--typescript-sdk", typescript_sdk, _SDKS)
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


# -- schema ---------------------------------------------------------------------------


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
        from .payload_command import write_event_schemas

        return write_event_schemas(events, plan, config, force=force)
    if plan is not None or config is not None or force:
        _print([Diagnostic("TG200", Severity.ERROR, "--plan, --config and --force go with --events OUT_DIR")])
        raise typer.Exit(EXIT_ERROR)
    typer.echo(json.dumps(plan_json_schema(), indent=2))


# -- build --watch --------------------------------------------------------------------


def build_watch(
    config: Path | None = None,
    plan: Path | None = None,
    python_out: Path | None = None,
    typescript_out: Path | None = None,
    typescript_sdk: str | None = None,
    mode: str | None = None,
    validation: str | None = None,
    force: bool = False,
    *,
    wait: Wait | None = None,
    pydantic_out: Path | None = None,
) -> None:
    """``trackgen build --watch``: build with these flags now and whenever the plan or
    the config changes; one line per build; a broken plan is reported, not fatal.
    Settings are read again on every build. Returns on Ctrl-C. ``wait`` stands in for
    the file watcher in tests (see ``trackgen.watch.watch``)."""
    from .writer import write_outputs

    watched: list[Path] = []
    shown: list[Diagnostic] = []

    def build_once() -> str:
        settings = resolve_settings(
            config, plan, python_out, typescript_out, typescript_sdk, mode, validation, pydantic_out=pydantic_out
        )
        watched[:] = [p for p in (settings.plan, settings.source) if p is not None]
        gc.collect()  # the command runs with the collector off (trackgen.entry): once a build
        given = [name for name, value in (("python_out", python_out), ("pydantic_out", pydantic_out)) if value is not None]
        outputs = compute_outputs(settings, given)
        report = write_outputs(outputs.files, outputs.roots, force=force)
        if outputs.warnings + outputs.findings != shown:  # warnings once, not on every save
            _print(outputs.warnings)
            for line in lint_summary(outputs.findings):
                typer.echo(line, err=True)
            shown[:] = outputs.warnings + outputs.findings
        return f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed"

    def paths() -> list[Path]:
        found = list(watched)
        if config is not None:
            found.append(config)
        else:
            found += [Path.cwd() / "trackgen.toml", Path.cwd() / "pyproject.toml"]
        if plan is not None:
            found.append(plan)
        return found

    watch(build_once, paths, wait=wait)
