"""Warn when plan names only differ in case or punctuation.

Such names get numbered identifiers (``track_event_collided_2``) in generated code;
the wire names stay as they are. The numbering is deterministic, but a reader of the
plan should know, and may prefer to rename.
"""

from __future__ import annotations

from . import ir
from .diagnostics import Diagnostic, Location, Severity
from .naming import snake, split_words


def _where(location: Location | None) -> str:
    return f"{location.line}:{location.column}" if location else "?"


def _collisions(items: list[tuple[str, Location | None]], what: str, fallback: str) -> list[Diagnostic]:
    groups: dict[str, list[tuple[str, Location | None]]] = {}
    for name, location in items:
        groups.setdefault(snake(split_words(name)) or fallback, []).append((name, location))
    out = []
    for ident, members in sorted(groups.items()):
        if len(members) < 2:
            continue
        members.sort(key=lambda m: m[0])
        first_name, first_loc = members[0]
        for name, location in members[1:]:
            out.append(
                Diagnostic(
                    "TG120",
                    Severity.WARNING,
                    f'{what} "{name}" and "{first_name}" (at {_where(first_loc)}) both make the identifier '
                    f'"{ident}"; "{first_name}" keeps it and "{name}" gets a numbered one. Wire names are unchanged',
                    location,
                    related=(first_loc,) if first_loc else (),
                )
            )
    return out


def name_collisions(plan: ir.Plan) -> list[Diagnostic]:
    """Warnings for calls, and for properties of one call, whose identifiers collide."""
    out: list[Diagnostic] = []
    for kind in ir.CallKind:
        calls = [c for c in plan.calls if c.kind is kind]
        label = "event" if kind is ir.CallKind.TRACK else kind.value
        out += _collisions([(c.name, c.location) for c in calls], label, kind.value)
        for call in calls:
            props = [(p.name, p.location) for p in call.properties.properties]
            if kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP):
                where = f"{label} trait"
            else:
                where = f'{label} "{call.name}": property'
            out += _collisions(props, where, "property")
    return out
