"""``trackgen lint``: the tracking-plan guide's conventions as rules with stable codes.

``lint_plan(model, config)`` is pure and returns diagnostics; ``lint_text`` parses plan
text first. The rule catalogue is ``RULES``; ``--fix`` is ``fix_text``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..config import read_config
from ..diagnostics import Diagnostic, has_errors
from ..importers import to_native
from ..plan.load import parse_plan, read_text
from .catalog import RULES, Rule, find_rule
from .config import LintConfig, LintSettings

if TYPE_CHECKING:
    from .engine import fails, lint_plan


def __getattr__(name: str) -> object:
    """The rules are imported when first used: what reads the settings (every command
    does) needs the catalogue and the config only, and a build lints in a process of
    its own (``trackgen.build``)."""
    if name in ("fails", "lint_plan"):
        from . import engine

        return getattr(engine, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "RULES",
    "LintConfig",
    "LintSettings",
    "Rule",
    "fails",
    "find_rule",
    "lint_path",
    "lint_plan",
    "lint_text",
    "read_lint_settings",
]


def lint_text(text: str, file: str, config: LintConfig | None = None) -> list[Diagnostic]:
    """Parse plan text (a native plan or an export) and lint it; a plan that does not
    parse gives its parse errors, an export also the importer's notes."""
    from .engine import lint_plan

    model, diagnostics = parse_plan(text, file, to_native)
    if model is None or has_errors(diagnostics):
        return diagnostics
    return diagnostics + lint_plan(model, config)


def lint_path(path: Path, display: str, config: LintConfig | None = None) -> list[Diagnostic]:
    """Read a plan file and lint it (``display`` names it in locations)."""
    text, diagnostics = read_text(path, display)
    if text is None:
        return diagnostics
    return lint_text(text, display, config)


def read_lint_settings(path: Path, display: str | None = None) -> LintSettings:
    """The lint settings of a trackgen.toml or pyproject.toml and the plan it names,
    read as a build reads them (``trackgen.config.read_config``: a problem anywhere in
    the file is a located ``PlanError``)."""
    config = read_config(path, display)
    return LintSettings(config.lint, config.plan, path)
