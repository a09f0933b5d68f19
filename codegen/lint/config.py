"""Lint settings: ``[tool.trackgen.lint]`` in pyproject.toml or ``[lint]`` in trackgen.toml
(the file is read once, by ``trackgen.config.read_config``; ``lint_config`` checks the table).

    [tool.trackgen.lint]
    event_case = "Title Case"          # or "Sentence case", "snake_case", "camelCase", ...
    property_case = "snake_case"
    trait_case = "snake_case"          # default: property_case
    max_properties = 30                # TG416 above this many properties
    fail_on = "never"                  # "error" or "warning": make `trackgen build` fail

    [tool.trackgen.lint.rules]         # per rule, by code or name: error, warning, info or off
    object-action = "error"
    TG415 = "off"
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_args

from ..diagnostics import Diagnostic, Location, PlanError, Severity
from .catalog import BY_CODE, RULES, FailOn, Level, Rule, by_code, find_rule
from .words import CONVENTIONS, Convention


@dataclass(frozen=True)
class LintConfig:
    """What the lint checks. Rules may be named by code or name; they are kept by code
    (an unknown one is a ``ValueError``). ``lint_config`` checks a config file's table."""

    event_case: Convention = "Title Case"
    property_case: Convention = "snake_case"
    trait_case: Convention | None = None
    max_properties: int = 30
    fail_on: FailOn = "never"
    rules: dict[str, Level] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "rules", by_code(self.rules))

    @property
    def traits_case(self) -> Convention:
        return self.trait_case or self.property_case

    def severity(self, code: str) -> Severity | None:
        """The configured severity of a rule; ``None`` when it is off."""
        level = self.rules.get(code)
        if level is None:
            rule: Rule | None = BY_CODE.get(code)
            return rule.severity if rule else Severity.ERROR
        return None if level == "off" else Severity(level)


@dataclass(frozen=True)
class LintSettings:
    config: LintConfig
    plan: Path | None
    """The plan named by the config file (``plan = ...``), relative to the working directory."""
    source: Path | None


def lint_config(table: object, prefix: str, text: str, display: str) -> LintConfig:
    """The lint settings of a config file: ``table`` is its lint table as parsed,
    ``prefix`` that table's dotted name (``lint`` or ``tool.trackgen.lint``), ``text``
    the file's text (to locate problems) and ``display`` its name in messages. Raises
    ``PlanError`` with every problem, located. The file is read by
    ``trackgen.config.read_config``, which calls this."""
    if not isinstance(table, dict):
        raise PlanError([Diagnostic("TG301", Severity.ERROR, f'"{prefix}" must be a table', Location(display, _line_of(text, "lint"), 1))])
    rules = table.get("rules")
    if isinstance(rules, dict):
        unknown = [key for key in rules if find_rule(str(key)) is None]
        if unknown:
            raise PlanError(
                [
                    Diagnostic(
                        "TG301",
                        Severity.ERROR,
                        f'unknown rule "{key}" in "{prefix}.rules" (use a code {RULES[0].code}..{RULES[-1].code} or a rule name)',
                        Location(display, _line_of(text, key), 1),
                    )
                    for key in unknown
                ]
            )
    plain = _plainly_valid(table)
    if plain is not None:
        return LintConfig(**plain)
    # Not plainly valid: the pydantic model decides (it also takes "30" for 30), and
    # names the problems.
    from pydantic import ValidationError

    from .config_spec import LintTable

    try:
        checked = LintTable.model_validate(table)
    except ValidationError as exc:
        diagnostics = []
        for err in exc.errors(include_url=False):
            key = ".".join(str(p) for p in err["loc"])
            last = str(err["loc"][-1]) if err["loc"] else ""
            if err["type"] == "extra_forbidden":
                message = f'unknown setting "{prefix}.{key}"'
            else:
                message = f'"{prefix}.{key}": {err["msg"].removeprefix("Value error, ")}'
            where = Location(display, _line_of(text, last), 1)
            diagnostics.append(Diagnostic("TG301", Severity.ERROR, message, where))
        raise PlanError(diagnostics) from None
    return LintConfig(**checked.model_dump())


_CHOICES: dict[str, tuple[object, ...]] = {
    "event_case": CONVENTIONS,
    "property_case": CONVENTIONS,
    "trait_case": CONVENTIONS,
    "fail_on": get_args(FailOn),
}
_LEVELS = get_args(Level)


def _plainly_valid(table: dict[Any, Any]) -> dict[str, Any] | None:
    """``table`` when the pydantic model would take it as it is, else ``None``."""
    known = {f.name for f in fields(LintConfig)}
    for key, value in table.items():
        if key not in known:
            return None
        if key in _CHOICES:
            if type(value) is not str or value not in _CHOICES[key]:
                return None
        elif key == "max_properties":
            if type(value) is not int or value < 1:
                return None
        elif type(value) is not dict or any(type(level) is not str or level not in _LEVELS for level in value.values()):
            return None  # rules
    return table


def _line_of(text: str, key: str) -> int:
    pattern = rf"^\s*(\"?{re.escape(key)}\"?\s*=|\[[^\]\n]*\b{re.escape(key)}\s*\])"
    match = re.search(pattern, text, re.MULTILINE) if key else None
    return text.count("\n", 0, match.start()) + 1 if match else 1
