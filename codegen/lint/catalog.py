"""The lint rules: stable codes, names, default severities and what each one checks.

Codes never change meaning; a retired rule keeps its code unused. Configuration and
``lint.ignore`` lists in the plan accept a rule's code or its name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..diagnostics import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    summary: str
    fixable: bool = False


E, W, I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: tuple[Rule, ...] = (
    Rule("TG401", "event-name-case", W, "Event names follow one casing convention (Title Case by default).", True),
    Rule("TG402", "property-name-case", W, "Property and trait names follow one casing convention (snake_case by default).", True),
    Rule("TG403", "object-action", W, "An event name is an object followed by a past-tense action (\"Blog Post Read\")."),
    Rule(
        "TG404", "dynamic-event-name", E, "Event, page and screen names hold no values: dates, numbers, ids, emails or URLs."
    ),
    Rule("TG405", "event-tracks-property", W, "Events do not differ only by a word that should be a property value."),
    Rule("TG406", "dynamic-property-key", W, "Property keys are not numbered or value-like (\"feature_1\", \"2024_revenue\")."),
    Rule("TG407", "duplicate-name", E, "No two events or properties are the same name in another case or punctuation."),
    Rule("TG408", "near-duplicate-name", W, "No two events or properties are close spellings of one name."),
    Rule("TG409", "property-type-conflict", E, "A property name has one type across the plan."),
    Rule("TG410", "property-enum-conflict", W, "A property name does not have unrelated sets of allowed values."),
    Rule("TG411", "spec-property-type", E, "Properties reserved by the Segment Spec have the Spec's types."),
    Rule("TG412", "spec-event-near-miss", W, "Event names close to a Segment Spec event use the Spec's exact name."),
    Rule("TG413", "spec-trait-type", E, "Traits reserved by the Segment Spec have the Spec's types."),
    Rule("TG414", "event-description", W, "Every event says why it exists (a description)."),
    Rule("TG415", "property-description", W, "Every property has a description."),
    Rule("TG416", "event-size", I, "An event with very many properties may be several events."),
    Rule("TG417", "event-owner", I, "Where the plan records owners, every event has one."),
    Rule("TG418", "lint-exception", W, "A plan's lint exceptions name known rules and give a reason."),
    Rule("TG419", "fractional-enum", W, "Numeric enums hold integers: Python cannot type a float literal."),
)

BY_CODE = {r.code: r for r in RULES}
BY_NAME = {r.name: r for r in RULES}


def find_rule(key: str) -> Rule | None:
    """A rule by code (``TG403``, any case) or name (``object-action``)."""
    return BY_CODE.get(key.upper()) or BY_NAME.get(key.lower())


Level = Literal["error", "warning", "info", "off"]
#: The findings that make a build fail.
FailOn = Literal["never", "error", "warning"]


def by_code(rules: dict[str, Level]) -> dict[str, Level]:
    """The rules' levels by code; a name or code that is no rule's is a ``ValueError``."""
    out: dict[str, Level] = {}
    for key, level in rules.items():
        rule = find_rule(key)
        if rule is None:
            raise ValueError(f'unknown rule "{key}" (rules are {RULES[0].code}..{RULES[-1].code} or their names)')
        out[rule.code] = level
    return out
