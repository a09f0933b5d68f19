"""Run the checks and apply the configuration: severities, rules turned off, and the
exceptions an event, view or traits block declares for itself."""

from __future__ import annotations

from itertools import groupby

from ..diagnostics import Diagnostic, Severity, by_place
from ..plan.model import Plan
from .catalog import find_rule
from .config import LintConfig
from .finding import Finding, context
from .rules import CHECKS
from .walk import Entity


def _ignored_codes(entity: Entity) -> frozenset[str]:
    """The codes of the rules an entity's ``lint.ignore`` names."""
    codes = set()
    for key in entity.ignored:
        rule = find_rule(key)
        if rule is not None:
            codes.add(rule.code)
    return frozenset(codes)


def findings(plan: Plan, config: LintConfig) -> list[tuple[Finding, Severity]]:
    """Every finding that the configuration keeps, with its severity, in file order."""
    ctx = context(plan, config)
    out: list[tuple[Finding, Severity]] = []
    ignored: dict[int, frozenset[str]] = {}  # per entity, read once (not once per finding)
    for codes, check in CHECKS:
        if all(config.severity(code) is None for code in codes):
            continue
        for finding in check(ctx):
            severity = config.severity(finding.code)
            if severity is None:
                continue
            entity = finding.entity
            if entity is not None:
                skip = ignored.get(id(entity))
                if skip is None:
                    skip = ignored[id(entity)] = _ignored_codes(entity)
                if finding.code in skip:
                    continue
            out.append((finding, severity))
    return out


def lint_plan(plan: Plan, config: LintConfig | None = None) -> list[Diagnostic]:
    """The lint's diagnostics of a plan model, sorted by place. Pure: reads nothing."""
    config = config if config is not None else LintConfig()
    diagnostics = by_place(
        Diagnostic(f.code, severity, f.message, f.location, tuple(r for r in f.related if r is not None))
        for f, severity in findings(plan, config)
    )
    # The same finding from two rules, once. Not through a set: hashing a location works
    # it out, and sorting does not (see Location); equal findings sort side by side.
    out: list[Diagnostic] = []
    for _, group in groupby(diagnostics, key=lambda d: d.sort_key):
        run: list[Diagnostic] = []
        for d in group:
            if d not in run:
                run.append(d)
        out += run
    return out


def fails(diagnostics: list[Diagnostic], fail_on: str) -> bool:
    """Whether findings fail a build set to ``fail_on`` ("never", "error" or "warning")."""
    if fail_on == "error":
        return any(d.severity is Severity.ERROR for d in diagnostics)
    if fail_on == "warning":
        return any(d.severity in (Severity.ERROR, Severity.WARNING) for d in diagnostics)
    return False
