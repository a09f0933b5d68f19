"""Findings as text, JSON, SARIF 2.1.0 (code scanning) or GitHub workflow annotations.

Each function takes the sorted diagnostics and returns the whole output as a string.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from ..diagnostics import Diagnostic, Location, Severity
from .. import sarif as sarif_log
from .catalog import BY_CODE, RULES

Format = Literal["text", "json", "sarif", "github"]
FORMATS: tuple[Format, ...] = ("text", "json", "sarif", "github")

_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def summary(diagnostics: list[Diagnostic]) -> str:
    counts = {s: sum(d.severity is s for d in diagnostics) for s in Severity}
    parts = [
        f"{counts[Severity.ERROR]} error{'s' * (counts[Severity.ERROR] != 1)}",
        f"{counts[Severity.WARNING]} warning{'s' * (counts[Severity.WARNING] != 1)}",
        f"{counts[Severity.INFO]} info",
    ]
    return ", ".join(parts)


def text(diagnostics: list[Diagnostic]) -> str:
    return "".join(d.render() + "\n" for d in diagnostics)


def _loc(loc: Location | None) -> dict[str, Any] | None:
    return {"file": loc.file, "line": loc.line, "column": loc.column} if loc else None


def as_json(diagnostics: list[Diagnostic]) -> str:
    items = []
    for d in diagnostics:
        rule = BY_CODE.get(d.code)
        items.append(
            {
                "code": d.code,
                "rule": rule.name if rule else None,
                "severity": d.severity.value,
                "message": d.message,
                "location": _loc(d.location),
                "related": [_loc(r) for r in d.related],
            }
        )
    counts = {s.value: sum(d.severity is s for d in diagnostics) for s in Severity}
    return json.dumps({"diagnostics": items, "summary": counts}, indent=2, ensure_ascii=False) + "\n"


def sarif(diagnostics: list[Diagnostic]) -> str:
    """A SARIF 2.1.0 log with one run: every lint rule as a reporting descriptor (plus the
    plan's own error codes that occur), every diagnostic as a result."""
    rules = [sarif_log.rule(r.code, r.summary, r.severity, name=r.name, fixable=r.fixable) for r in RULES]
    return sarif_log.log(rules, diagnostics, "see also")


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def github(diagnostics: list[Diagnostic]) -> str:
    """GitHub Actions workflow commands: ``::error file=F,line=L,col=C,title=T::message``."""
    lines = []
    for d in diagnostics:
        rule = BY_CODE.get(d.code)
        props = []
        if d.location is not None:
            props += [f"file={_escape_property(d.location.file)}", f"line={d.location.line}", f"col={d.location.column}"]
        props.append(f"title={_escape_property(f'{d.code} {rule.name}' if rule else d.code)}")
        lines.append(f"::{_GITHUB_LEVEL[d.severity]} {','.join(props)}::{_escape_data(d.message)}\n")
    return "".join(lines)


def render(diagnostics: list[Diagnostic], fmt: Format) -> str:
    if fmt == "json":
        return as_json(diagnostics)
    if fmt == "sarif":
        return sarif(diagnostics)
    if fmt == "github":
        return github(diagnostics)
    return text(diagnostics)
