"""The library's surface: load a plan, generate files in memory.

``generate(plan, options)`` is pure: it reads nothing and writes nothing. Writing is
``trackgen.writer``'s job; reading is ``load_plan``'s.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from . import ir
from .diagnostics import Diagnostic, PlanError, has_errors
from .collisions import name_collisions
from .lower import lower
from .options import Adapter, GeneratedFile, GenerateOptions, PydanticOptions, PythonOptions, TypeScriptOptions, Validation
from .plan.load import parse_plan, read_text
from .plan.model import Plan as PlanModel

__all__ = [
    "Adapter",
    "GeneratedFile",
    "GenerateOptions",
    "LoadedPlan",
    "PydanticOptions",
    "PythonOptions",
    "TypeScriptOptions",
    "Validation",
    "generate",
    "load_plan",
    "load_plan_text",
    "read_plan",
    "read_plan_text",
]


@dataclass(frozen=True, slots=True)
class LoadedPlan:
    """A plan as written (for lint and fixes), what it means (for generation), and
    the warnings found on the way."""

    model: PlanModel
    plan: ir.Plan
    warnings: list[Diagnostic]


def read_plan(path: str | Path, display: str | None = None, pins: dict[str, int] | None = None) -> LoadedPlan:
    """Read and check a plan file (native, or another tool's export). Raises
    ``PlanError`` with every error found. ``display`` is the name used in messages and
    generated headers (defaults to ``path``); ``pins`` selects event versions."""
    path = Path(path)
    name = display if display is not None else path.as_posix()
    text, diagnostics = read_text(path, name)
    if text is None:
        raise PlanError(diagnostics)
    return read_plan_text(text, name, pins)


def read_plan_text(text: str, name: str, pins: dict[str, int] | None = None) -> LoadedPlan:
    model, diagnostics = read_model(text, name)
    return lower_model(model, diagnostics, name, pins)


def read_model(text: str, name: str) -> tuple[PlanModel, list[Diagnostic]]:
    """The first half of ``read_plan_text``: the plan as written (what lint reads) and
    its warnings so far. Raises ``PlanError`` when it cannot be read."""
    from .importers import to_native

    model, diagnostics = parse_plan(text, name, convert=to_native)
    if model is None or has_errors(diagnostics):
        raise PlanError(diagnostics)
    return model, diagnostics


def lower_model(
    model: PlanModel, diagnostics: list[Diagnostic], name: str, pins: dict[str, int] | None = None
) -> LoadedPlan:
    """The second half of ``read_plan_text``: what the plan means (what generation
    reads), checked. Raises ``PlanError`` with ``diagnostics`` and the errors found."""
    plan, more = lower(model, name, pins)
    diagnostics = diagnostics + more
    if not has_errors(diagnostics):
        diagnostics += name_collisions(plan)
    if has_errors(diagnostics):
        raise PlanError(diagnostics)
    return LoadedPlan(model, plan, diagnostics)


def load_plan(
    path: str | Path, display: str | None = None, pins: dict[str, int] | None = None
) -> tuple[ir.Plan, list[Diagnostic]]:
    """The IR of a plan file and its warnings (see ``read_plan``)."""
    loaded = read_plan(path, display, pins)
    return loaded.plan, loaded.warnings


def load_plan_text(text: str, name: str, pins: dict[str, int] | None = None) -> tuple[ir.Plan, list[Diagnostic]]:
    loaded = read_plan_text(text, name, pins)
    return loaded.plan, loaded.warnings


def generate(plan: ir.Plan, options: GenerateOptions) -> list[GeneratedFile]:
    """Compute every output file in memory. Pure: same plan and options, same files."""
    # The targets (and Jinja) are imported here: a build generates them in processes of
    # their own (trackgen.build), and a command that reads plans only never needs them.
    from .render import overrides_reported
    from .targets import python as py_target
    from .targets import typescript as ts_target

    files: list[GeneratedFile] = []
    if options.python is not None:
        with overrides_reported(options.python.templates):
            files += py_target.generate(plan, options.python)
    if options.typescript is not None:
        with overrides_reported(options.typescript.templates):
            files += ts_target.generate(plan, options.typescript)
    if options.pydantic is not None:
        from .targets import pydantic_models  # imports datamodel-code-generator when it runs

        files += pydantic_models.generate(plan, options.pydantic)
    return files
