"""A status report as text, JSON or SARIF 2.1.0. Each function returns the whole
output as a string."""

from __future__ import annotations

import json
from typing import Any, Literal

from ..diagnostics import Location
from .. import sarif as sarif_log
from ..version import __version__
from .report import RULES, CallStatus, FoundUse, RawFinding, Report, diagnostics, raw_message

Format = Literal["text", "json", "sarif"]
FORMATS: tuple[Format, ...] = ("text", "json", "sarif")

#: Uses listed per call in text; JSON and SARIF have them all.
TEXT_USES = 10

_HEADINGS = (("called", "Called"), ("tests_only", "Only in tests"), ("never", "Never called"))


def summary(report: Report) -> str:
    n = len(report.calls)
    raw = len(report.raw_outside_tests)
    return (
        f"{report.plan}: {n} planned call{'s' * (n != 1)}: {report.count('called')} called, "
        f"{report.count('tests_only')} only in tests, {report.count('never')} never called; "
        f"{raw} raw SDK call{'s' * (raw != 1)}; {report.files} file{'s' * (report.files != 1)} scanned"
    )


def _use_text(u: FoundUse) -> str:
    marks = [u.use.kind] + (["test"] if u.test else []) + (["unreachable"] if u.use.unreachable else [])
    return f"    {u.use.location}  {u.use.function} ({', '.join(marks)})"


def text(report: Report) -> str:
    lines: list[str] = []
    for status, heading in _HEADINGS:
        group = [c for c in report.calls if c.status == status]
        if not group:
            continue
        lines.append(f"{heading} ({len(group)}):")
        for c in group:
            where = f"  ({c.call.location})" if status == "never" and c.call.location else ""
            lines.append(f"  {c.call.label}{where}")
            lines += (_use_text(u) for u in c.uses[:TEXT_USES])
            if len(c.uses) > TEXT_USES:
                lines.append(f"    ... {len(c.uses) - TEXT_USES:,} more (--format json lists them all)")
    if report.raw:
        lines.append(f"Raw SDK calls ({len(report.raw)}):")
        for r in report.raw:
            marks = (["test"] if r.test else []) + (["unreachable"] if r.raw.unreachable else [])
            lines.append(f"  {r.raw.location}: {raw_message(r)}" + (f" ({', '.join(marks)})" if marks else ""))
    return "".join(line + "\n" for line in lines)


def _loc(loc: Location | None) -> dict[str, Any] | None:
    return {"file": loc.file, "line": loc.line, "column": loc.column} if loc else None


def _call_json(c: CallStatus, report: Report) -> dict[str, Any]:
    return {
        "kind": c.call.kind.value,
        "name": c.call.name,
        "status": c.status,
        "functions": {lang: c.call.function(lang) for lang in report.languages},
        "location": _loc(c.call.location),
        "uses": [
            {
                "function": u.use.function,
                "language": u.language,
                "kind": u.use.kind,
                "test": u.test,
                "unreachable": u.use.unreachable,
                **(_loc(u.use.location) or {}),
            }
            for u in c.uses
        ],
    }


def _raw_json(r: RawFinding) -> dict[str, Any]:
    return {
        "method": r.raw.method,
        "event": r.raw.event,
        "receiver": r.raw.receiver,
        "language": r.language,
        "match": r.match,
        "planned": r.planned.name if r.planned is not None else None,
        "use": r.suggestion,
        "test": r.test,
        "unreachable": r.raw.unreachable,
        **(_loc(r.raw.location) or {}),
    }


def as_json(report: Report) -> str:
    data = {
        "plan": report.plan,
        "summary": {
            "calls": len(report.calls),
            "called": report.count("called"),
            "tests_only": report.count("tests_only"),
            "never": report.count("never"),
            "raw_calls": len(report.raw_outside_tests),
            "files": report.files,
        },
        "calls": [_call_json(c, report) for c in report.calls],
        "raw_calls": [_raw_json(r) for r in report.raw],
        "problems": [
            {"code": d.code, "severity": d.severity.value, "message": d.message, "location": _loc(d.location)}
            for d in report.problems
        ],
    }
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def sarif(report: Report) -> str:
    """One run: the status codes as rules, every finding as a result (never-called and
    tests-only calls at the plan's event, raw calls and unparsable files in the code)."""
    rules = [sarif_log.rule(code, RULES[code][1], RULES[code][0]) for code in sorted(RULES)]
    return sarif_log.log(rules, diagnostics(report), "used here (a test)", {"automationDetails": {"id": "trackgen/status/"}})


def render(report: Report, fmt: Format) -> str:
    if fmt == "json":
        return as_json(report)
    if fmt == "sarif":
        return sarif(report)
    return text(report)
