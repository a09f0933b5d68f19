"""The build, written once: from the settings to every file in memory.

``trackgen build``, ``build --watch`` and ``trackgen check`` all go through here, in
two steps:

1. ``prepare(settings)`` checks what the settings name (a plan, at least one output,
   importable package names, the templates folder, pydantic installed) and reads the
   plan's text. The settings, lint's included, are the config file as
   ``trackgen.config.read_config`` read it, with the flags on top. Its ``PlanError`` holds every problem found: the command cannot run
   (``build`` exits 2, or 1 when all the plan file has is bytes that are not UTF-8).
2. ``generate_outputs(prepared)`` parses and lowers the plan, lints it and generates
   every target. Its ``PlanError`` is a problem in the plan (``build`` exits 1).

The commands take the first step through ``trackgen.runs.prepare_from_flags`` (the
config file with their flags on top, every problem reported at once). Writing the
files is ``trackgen.writer``'s job, comparing them with the disk ``trackgen.check``'s,
printing the commands'.

The plan has two names: in generated headers it is named relative to the config
file's folder (the same wherever the build runs); in messages, relative to the
working directory (``Prepared.name`` and ``Prepared.shown``).
"""

from __future__ import annotations

import dataclasses
import keyword
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from .api import GeneratedFile, GenerateOptions, LoadedPlan, PydanticOptions, PythonOptions, TypeScriptOptions
from .build import Phase, build_plan
from .config import BuildConfig
from .diagnostics import Diagnostic, Location, PlanError, Severity
from .plan.load import read_text
from .readfile import display, real_path
from .template_folders import check_overrides

NO_PLAN = "no plan given: pass --plan or set plan in trackgen.toml / [tool.trackgen]"
NO_OUTPUT = "no output given: pass --python-out, --typescript-out and/or --pydantic-out, or set them in the config"


@dataclass(frozen=True, slots=True)
class Prepared:
    """Settings that can build and the plan's text."""

    settings: BuildConfig
    text: str
    name: str
    """The plan's name in generated headers: relative to the config file's folder."""
    shown: str
    """The plan's name in messages: relative to the working directory."""


@dataclass(frozen=True, slots=True)
class Outputs:
    """What a build computes before it writes: the files, each target's folder, the
    plan's warnings and the lint findings (both naming the plan by ``Prepared.shown``),
    and the plan read (its model and IR)."""

    files: list[GeneratedFile]
    roots: dict[str, Path]
    warnings: list[Diagnostic]
    findings: list[Diagnostic]
    loaded: LoadedPlan


def settings_problems(settings: BuildConfig, given: Collection[str] = ()) -> list[Diagnostic]:
    """What keeps the settings from building: no plan, no output, an output package
    that cannot be imported, pydantic models without pydantic, a templates folder that
    is not one. ``given`` names the settings that came from flags (``"python_out"``,
    ``"pydantic_out"``): a message names those by their flag, the others by their key
    in the config file, at its line there."""
    problems: list[Diagnostic] = []
    if settings.plan is None:
        problems.append(Diagnostic("TG200", Severity.ERROR, NO_PLAN))
    if settings.python_out is None and settings.typescript_out is None and settings.pydantic_out is None:
        problems.append(Diagnostic("TG200", Severity.ERROR, NO_OUTPUT))
    for setting, flag, key in (("python_out", "--python-out", "python.out"), ("pydantic_out", "--pydantic-out", "pydantic.out")):
        out: Path | None = getattr(settings, setting)
        if out is None:
            continue
        package = real_path(out).name
        if not package.isidentifier() or keyword.iskeyword(package):
            where = flag if setting in given else key
            message = f'{where} "{out.as_posix()}": "{package}" is not an importable package name'
            located = None if setting in given else settings.origins.get(key)
            problems.append(Diagnostic("TG201", Severity.ERROR, message, located))
    if settings.pydantic_out is not None:
        from .targets.pydantic_models import missing_dependency  # not the models' generator itself

        problems += filter(None, [missing_dependency()])
    if settings.templates is not None:
        problems += check_overrides(settings.templates, display(settings.templates, Path.cwd()))
    return problems


def prepare(settings: BuildConfig, given: Collection[str] = ()) -> Prepared:
    """Check the settings (``settings_problems``) and read the plan's text. Raises
    ``PlanError`` with every problem found."""
    problems = settings_problems(settings, given)
    text: str | None = None
    name = shown = ""
    if settings.plan is not None:
        name, shown = plan_names(settings.plan, settings.source)
        text, unreadable = read_text(settings.plan, shown)
        problems += unreadable
    if problems or text is None:
        raise PlanError(problems)
    return Prepared(settings, text, name, shown)


def plan_names(plan: Path, source: Path | None) -> tuple[str, str]:
    """The plan's name in generated output, relative to the folder of the config file
    ``source`` (the same wherever the command runs), and its name in messages,
    relative to the working directory."""
    base = source.parent if source is not None else Path.cwd()
    return display(plan, base), display(plan, Path.cwd())


def generate_outputs(prepared: Prepared, progress: Phase | None = None) -> Outputs:
    """Parse, lower and lint the plan, and generate every target in memory. Raises
    ``PlanError`` (its diagnostics naming the plan by ``prepared.shown``) when the
    plan has errors or lint findings that ``fail_on`` makes fatal."""
    settings = prepared.settings
    options = generate_options(settings)
    try:
        built = build_plan(prepared.text, prepared.name, settings.versions, settings.lint, options, progress)
    except PlanError as exc:
        raise PlanError(relocated(exc.diagnostics, prepared.name, prepared.shown)) from None
    return Outputs(
        built.files,
        output_roots(settings),
        relocated(built.loaded.warnings, prepared.name, prepared.shown),
        relocated(built.findings, prepared.name, prepared.shown),
        built.loaded,
    )


def output_roots(settings: BuildConfig) -> dict[str, Path]:
    """The output folder of each target the settings ask for."""
    pairs = (("python", settings.python_out), ("typescript", settings.typescript_out), ("pydantic", settings.pydantic_out))
    return {target: root for target, root in pairs if root is not None}


def generate_options(settings: BuildConfig) -> GenerateOptions:
    """What to generate: the targets that have an output folder, as configured."""
    return GenerateOptions(
        python=(
            PythonOptions(
                validation=settings.validation("python"), adapters=settings.python_adapters, templates=settings.templates
            )
            if settings.python_out is not None
            else None
        ),
        typescript=(
            TypeScriptOptions(
                sdk=settings.typescript_sdk, validation=settings.validation("typescript"), templates=settings.templates
            )
            if settings.typescript_out is not None
            else None
        ),
        pydantic=PydanticOptions() if settings.pydantic_out is not None else None,
    )


def relocated(diagnostics: list[Diagnostic], name: str, shown: str) -> list[Diagnostic]:
    """Diagnostics about the plan named ``name`` (in generated headers) pointing at
    ``shown`` (its path from the working directory) instead."""
    if name == shown:
        return diagnostics

    def move(loc: Location) -> Location:
        return loc._replace(file=shown) if loc.file == name else loc

    return [
        dataclasses.replace(d, location=d.location and move(d.location), related=tuple(map(move, d.related)))
        for d in diagnostics
    ]
