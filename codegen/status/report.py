"""The core of ``trackgen status``: the plan's calls and what the scanners found in
a codebase, in; each call's status and each raw SDK call's verdict, out. Pure.

A call is *called* when code outside tests uses its generated function (a call or a
reference that passes the function along), *tests only* when only tests use it, and
*never called* otherwise. Uses in unreachable code (``if False:``, after ``return``)
are listed and marked, but do not count: such code sends nothing.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from .. import ir
from ..diagnostics import Diagnostic, Location, Severity, by_place
from ..naming import split_words
from .files import is_test_path
from .model import FileScan, Language, RawCall, Use
from .planned import PlannedCall

Status = Literal["called", "tests_only", "never"]
Match = Literal["planned", "close", "unplanned", "dynamic"]

NEVER_CALLED = "TG701"
TESTS_ONLY = "TG702"
RAW_PLANNED = "TG703"
RAW_CLOSE = "TG704"
RAW_UNPLANNED = "TG705"
RAW_DYNAMIC = "TG706"

#: Each code's one-line summary (SARIF rule descriptors, ``--format json``).
RULES: dict[str, tuple[Severity, str]] = {
    NEVER_CALLED: (Severity.WARNING, "A planned call whose generated function no code outside tests uses."),
    TESTS_ONLY: (Severity.WARNING, "A planned call whose generated function only tests use."),
    RAW_PLANNED: (Severity.WARNING, "A direct SDK call of a planned event: use its generated function."),
    RAW_CLOSE: (Severity.WARNING, "A direct SDK call of an event the plan does not have, close to one it has."),
    RAW_UNPLANNED: (Severity.WARNING, "A direct SDK call of an event the plan does not have."),
    RAW_DYNAMIC: (Severity.INFO, "A direct SDK call whose event name is computed at run time."),
    "TG710": (Severity.WARNING, "A file that cannot be parsed (fully)."),
    "TG711": (Severity.ERROR, "The TypeScript scanner cannot run."),
}

_METHOD_KIND = {m: ir.CallKind(m) for m in ("track", "page", "screen", "identify", "group")}


@dataclass(frozen=True, slots=True)
class FoundUse:
    use: Use
    language: Language
    test: bool


@dataclass(frozen=True, slots=True)
class CallStatus:
    call: PlannedCall
    status: Status
    uses: tuple[FoundUse, ...]
    """Sorted by file, line and column."""


@dataclass(frozen=True, slots=True)
class RawFinding:
    raw: RawCall
    language: Language
    test: bool
    match: Match
    planned: PlannedCall | None
    """The planned call to use instead (``planned``, ``close``; identify and group)."""

    @property
    def suggestion(self) -> str | None:
        return self.planned.function(self.language) if self.planned is not None else None


@dataclass(frozen=True, slots=True)
class Report:
    plan: str
    calls: tuple[CallStatus, ...]
    raw: tuple[RawFinding, ...]
    problems: tuple[Diagnostic, ...]
    files: int
    languages: tuple[Language, ...]

    def count(self, status: Status) -> int:
        return sum(c.status == status for c in self.calls)

    @property
    def unimplemented(self) -> tuple[CallStatus, ...]:
        return tuple(c for c in self.calls if c.status != "called")

    @property
    def raw_outside_tests(self) -> tuple[RawFinding, ...]:
        return tuple(r for r in self.raw if not r.test and not r.raw.unreachable)


def build_report(
    plan: str,
    calls: tuple[PlannedCall, ...],
    scans: list[FileScan],
    languages: tuple[Language, ...],
    is_test: Callable[[str], bool] = is_test_path,
) -> Report:
    """Each planned call's status and each raw call's verdict, in a fixed order."""
    by_function: dict[tuple[Language, str], PlannedCall] = {}
    for call in calls:
        for language in languages:
            by_function[(language, call.function(language))] = call
    uses: dict[PlannedCall, list[FoundUse]] = {c: [] for c in calls}
    raw: list[RawFinding] = []
    problems: list[Diagnostic] = []
    for scan in scans:
        test = is_test(scan.path)
        for use in scan.uses:
            used = by_function.get((scan.language, use.function))
            if used is not None:
                uses[used].append(FoundUse(use, scan.language, test))
        raw += (_verdict(r, scan.language, test, calls) for r in scan.raw)
        problems += scan.problems
    statuses = tuple(CallStatus(c, _status(uses[c]), tuple(sorted(uses[c], key=_use_key))) for c in calls)
    return Report(
        plan,
        tuple(sorted(statuses, key=lambda s: _call_key(s.call))),
        tuple(sorted(raw, key=lambda r: _loc_key(r.raw.location))),
        tuple(by_place(problems)),
        len(scans),
        languages,
    )


def _status(uses: list[FoundUse]) -> Status:
    live = [u for u in uses if not u.use.unreachable]
    if any(not u.test for u in live):
        return "called"
    return "tests_only" if live else "never"


_KIND_ORDER = {kind: i for i, kind in enumerate(ir.CallKind)}


def _call_key(call: PlannedCall) -> tuple[int, str]:
    return _KIND_ORDER[call.kind], call.name


def _loc_key(loc: Location) -> tuple[str, int, int]:
    return loc.file, loc.line, loc.column


def _use_key(u: FoundUse) -> tuple[str, int, int, str]:
    return (*_loc_key(u.use.location), u.use.function)


def _normal(name: str) -> str:
    return " ".join(w.casefold() for w in split_words(name))


def _verdict(raw: RawCall, language: Language, test: bool, calls: tuple[PlannedCall, ...]) -> RawFinding:
    kind = _METHOD_KIND[raw.method]
    same_kind = [c for c in calls if c.kind is kind]
    if kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP):
        planned = same_kind[0] if same_kind else None
        return RawFinding(raw, language, test, "planned" if planned else "unplanned", planned)
    if raw.event is None:
        return RawFinding(raw, language, test, "dynamic", None)
    by_name = {c.name: c for c in same_kind}
    if raw.event in by_name:
        return RawFinding(raw, language, test, "planned", by_name[raw.event])
    wanted = _normal(raw.event)
    alike = sorted(c.name for c in same_kind if _normal(c.name) == wanted)
    close = alike or difflib.get_close_matches(raw.event, sorted(by_name), n=1, cutoff=0.8)
    if close:
        return RawFinding(raw, language, test, "close", by_name[close[0]])
    return RawFinding(raw, language, test, "unplanned", None)


# -- as diagnostics ---------------------------------------------------------------------


def raw_message(r: RawFinding) -> str:
    call = f"{r.raw.receiver}.{r.raw.method}(" + (f"{_quoted(r.raw.event)}, ..." if r.raw.event is not None else "...") + ")"
    if r.match == "planned" and r.planned is not None:
        return f"{call} bypasses the generated code: use {r.suggestion}()"
    if r.match == "close" and r.planned is not None:
        return f'{call}: "{r.raw.event}" is not in the plan; did you mean "{r.planned.name}" ({r.suggestion}())?'
    if r.match == "dynamic":
        return f"{call}: the {r.raw.method} name is computed at run time; use the generated functions"
    if r.raw.method in ("identify", "group"):
        return f"{call}: the plan has no {r.raw.method} traits"
    return f'{call}: {r.raw.method} "{r.raw.event}" is not in the plan'


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


_RAW_CODE = {"planned": RAW_PLANNED, "close": RAW_CLOSE, "unplanned": RAW_UNPLANNED, "dynamic": RAW_DYNAMIC}


def diagnostics(report: Report) -> list[Diagnostic]:
    """Every finding of the report as a diagnostic, sorted: calls not used outside tests
    (at the plan's event), raw SDK calls (at the call) and files not scanned. Raw calls in
    tests and in unreachable code are left out."""
    found: list[Diagnostic] = []
    for c in report.unimplemented:
        tests = [u for u in c.uses if u.test and not u.use.unreachable]
        if c.status == "tests_only":
            message = f"{c.call.label}: only tests use it ({_functions(c, report.languages)}, {len(tests)} use(s))"
        else:
            message = f"{c.call.label}: no code uses {_functions(c, report.languages)}"
            dead = [u for u in c.uses if u.use.unreachable]
            if dead:
                message += f" ({len(dead)} use(s) in unreachable code, first at {dead[0].use.location})"
        code = TESTS_ONLY if c.status == "tests_only" else NEVER_CALLED
        related = tuple(u.use.location for u in tests)
        found.append(Diagnostic(code, RULES[code][0], message, c.call.location, related))
    for r in report.raw_outside_tests:
        code = _RAW_CODE[r.match]
        found.append(Diagnostic(code, RULES[code][0], raw_message(r), r.raw.location))
    return by_place([*found, *report.problems])


def _functions(c: CallStatus, languages: tuple[Language, ...]) -> str:
    names = dict.fromkeys(c.call.function(lang) for lang in languages)
    return " / ".join(f"{n}()" for n in names)
