"""What the commands' runs share, without typer: the settings (the config file with
the flags on top), the checks of choice flags, the first step of the build from a
command's flags (``prepare_from_flags``: build, build --watch and check), how
diagnostics are printed and what a run leaves in the cache. The flags themselves are
declared in ``trackgen.flags``. Every command's module imports it; it imports none
of them."""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import get_args

from . import cache
from .options import GeneratedFile
from .config import Adapter, BuildConfig, Mode, Sdk, Validation, find_config, read_config
from .diagnostics import Diagnostic, PlanError, Severity, by_place
from .pipeline import Prepared, prepare
from .readfile import display, real_path
from .writer import MANIFEST


def print_diagnostics(diagnostics: list[Diagnostic]) -> None:
    for d in by_place(diagnostics):
        print(d.render(), file=sys.stderr)


def settings(
    config: Path | None,
    plan: Path | None,
    python_out: Path | None,
    typescript_out: Path | None,
    sdk: Sdk | None,
    mode: Mode | None = None,
    validation: Validation | None = None,
    *,
    pydantic_out: Path | None = None,
) -> BuildConfig:
    """The config file's settings, with the flags given on top. Without ``config``, a
    config file in the working directory is used; its paths stay relative to it."""
    source = config if config is not None else find_config(Path())
    base = (
        read_config(source, display(source, Path.cwd()))
        if source is not None
        else BuildConfig(None, None, None, "analytics-next", None)
    )
    return dataclasses.replace(
        base,
        plan=plan if plan is not None else base.plan,
        python_out=python_out if python_out is not None else base.python_out,
        typescript_out=typescript_out if typescript_out is not None else base.typescript_out,
        typescript_sdk=sdk if sdk is not None else base.typescript_sdk,
        mode=mode if mode is not None else base.mode,
        python_validation=validation if validation is not None else base.python_validation,
        typescript_validation=validation if validation is not None else base.typescript_validation,
        pydantic_out=pydantic_out if pydantic_out is not None else base.pydantic_out,
    )


def usage(message: str) -> Diagnostic:
    return Diagnostic("TG200", Severity.ERROR, message)


def setup_exit(problems: list[Diagnostic]) -> int:
    """The exit code of a command that cannot start: 1 when all that is wrong is a
    plan file that is not UTF-8 (a located error in the plan, as one that does not
    parse), else 2 (a usage error: the flags, the config, a plan that is not there)."""
    return 1 if problems and all(p.code == "TG001" for p in problems) else 2


def choice_error(flag: str, value: str | None, choices: tuple[str, ...]) -> Diagnostic | None:
    if value is None or value in choices:
        return None
    return usage(f'{flag} "{value}": use one of {", ".join(choices)}')


def check_choice(flag: str, value: str | None, choices: tuple[str, ...]) -> None:
    """Raise ``PlanError`` (TG200) unless ``value`` is one of ``choices`` or not given."""
    problem = choice_error(flag, value, choices)
    if problem is not None:
        raise PlanError([problem])


def prepare_from_flags(
    config: Path | None = None,
    plan: Path | None = None,
    python_out: Path | None = None,
    typescript_out: Path | None = None,
    typescript_sdk: str | None = None,
    mode: str | None = None,
    validation: str | None = None,
    *,
    pydantic_out: Path | None = None,
    python_validation: str | None = None,
    typescript_validation: str | None = None,
    adapters: list[str] | None = None,
    pins: list[str] | None = None,
    read: Callable[[BuildConfig], None] | None = None,
) -> Prepared:
    """The first step of the build (``trackgen.pipeline.prepare``) from a command's
    flags: ``settings`` with the flags on top, including those only check has
    (per-target validation, adapters, version pins). Raises ``PlanError`` with every
    problem at once: the choice flags, the config, the settings, the plan file.
    ``read`` is called with the settings once they are read, before they are checked
    (``build --watch`` watches the plan they name even when it is not there yet)."""
    choices = [
        ("--typescript-sdk", typescript_sdk, get_args(Sdk)),
        ("--mode", mode, get_args(Mode)),
        ("--validation", validation, get_args(Validation)),
        ("--python-validation", python_validation, get_args(Validation)),
        ("--typescript-validation", typescript_validation, get_args(Validation)),
        *(("--adapter", adapter, get_args(Adapter)) for adapter in adapters or []),
    ]
    problems = [d for d in (choice_error(*choice) for choice in choices) if d is not None]
    prepared: Prepared | None = None
    try:
        found = settings(
            config,
            plan,
            python_out,
            typescript_out,
            typescript_sdk,  # type: ignore[arg-type]
            mode,  # type: ignore[arg-type]
            validation,  # type: ignore[arg-type]
            pydantic_out=pydantic_out,
        )
        changes: dict[str, object] = {}
        if python_validation is not None:
            changes["python_validation"] = python_validation
        if typescript_validation is not None:
            changes["typescript_validation"] = typescript_validation
        if adapters:
            changes["python_adapters"] = tuple(dict.fromkeys(adapters))
        if pins:
            changes["versions"] = {**found.versions, **_pins(pins)}
        given = [name for name, value in (("python_out", python_out), ("pydantic_out", pydantic_out)) if value is not None]
        found = dataclasses.replace(found, **changes)  # type: ignore[arg-type]
        if read is not None:
            read(found)
        prepared = prepare(found, given)
    except PlanError as exc:
        problems += exc.diagnostics
    if problems or prepared is None:
        raise PlanError(problems)
    return prepared


def _pins(values: list[str]) -> dict[str, int]:
    pins: dict[str, int] = {}
    for value in values:
        name, sep, version = value.rpartition("=")
        if not sep or not name or not version.isdigit() or int(version) < 1:
            raise PlanError([usage(f'--pin "{value}": write EVENT=VERSION, such as "Order Completed=2"')])
        pins[name] = int(version)
    return pins


def remember_run(
    run_key: str, settings: BuildConfig, files: list[GeneratedFile], roots: dict[str, Path], out: list[str], err: list[str]
) -> None:
    """A cache entry for a build or check that succeeded: the same command, run here
    again with every input and output as now, prints the same (``trackgen.entry``)."""
    if settings.templates is not None:
        return  # a file added to the overrides' folder would not be seen: not cached
    entry = cache.Entry(stdout=out, stderr=err, count=len(files))
    read = [Path("trackgen.toml"), Path("pyproject.toml"), *filter(None, (settings.source, settings.plan))]
    cache.record_inputs(entry, read)
    folders: dict[Path, list[str]] = {}
    for f in files:
        folders.setdefault(real_path(roots[f.target]), [MANIFEST]).append(f.path)
    cache.record_outputs(entry, folders)
    cache.store(run_key, entry)
