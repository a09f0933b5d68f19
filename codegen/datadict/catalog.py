"""The data dictionary's view model: every call, version, property and definition
of a plan, as plain values the templates fill in (no logic left for them).

Plan text stays raw here; each output format escapes it where it writes it.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .. import ir
from ..plan import model as m
from ..plandiff import PlanChange, blocking, summary
from . import anchors
from .types import Linker, Piece, Row, constraints, describe, nested, rows
from .versions import CallKey, entries, every_version

#: Ids the page itself uses; no anchor of the plan's may take one.
FIXED_IDS = frozenset(
    {"top", "contents", "filters", "search", "kind-filter", "match-count", "no-match", "definitions", "changelog"}
    | {f"calls-{kind.value}" for kind in ir.CallKind}
    | {"identify", "group"}
)

_SECTIONS = {
    ir.CallKind.TRACK: "Track events",
    ir.CallKind.IDENTIFY: "Identify",
    ir.CallKind.GROUP: "Group",
    ir.CallKind.PAGE: "Pages",
    ir.CallKind.SCREEN: "Screens",
}


@dataclass(frozen=True, slots=True)
class Version:
    anchor: str
    number: int
    description: str
    deprecated: bool
    current: bool
    """The version ``trackgen build`` generates code for (the newest, or the pinned one)."""
    owner: str
    labels: tuple[str, ...]
    metadata: tuple[tuple[str, str], ...]
    category: str
    open: bool
    """Whether properties the plan does not list may be sent too."""
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class Call:
    anchor: str
    kind: str
    name: str
    title: str
    versions: tuple[Version, ...]
    """Newest first."""
    deprecated: bool
    """Every version is deprecated."""


@dataclass(frozen=True, slots=True)
class Section:
    anchor: str
    kind: str
    heading: str
    calls: tuple[Call, ...]


@dataclass(frozen=True, slots=True)
class Definition:
    anchor: str
    name: str
    description: str
    type: tuple[Piece, ...]
    constraints: tuple[tuple[Piece, ...], ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True, slots=True)
class ChangeRow:
    impact: str
    """The impact's code (``breaking-for-callers``), for styling."""
    label: str
    subject: str
    href: str
    property: str
    message: str
    versioned: bool


@dataclass(frozen=True, slots=True)
class Changelog:
    since: str
    summary: str
    blocking: int
    rows: tuple[ChangeRow, ...]


@dataclass(frozen=True, slots=True)
class Catalog:
    title: str
    description: str
    source: str
    sections: tuple[Section, ...]
    definitions: tuple[Definition, ...]
    changelog: Changelog | None
    calls: int
    versions: int
    properties: int


def catalog(model: m.Plan, plan: ir.Plan, changes: Sequence[PlanChange] | None = None, since: str = "") -> Catalog:
    """The view model of ``model`` (every version); ``plan`` is the IR a build uses
    (which versions are current); ``changes`` since the git revision ``since``."""
    lowered = every_version(model, plan.source)
    written = entries(model)
    current = {(c.kind, c.name, c.version) for c in plan.calls}
    taken = set(FIXED_IDS)
    call_ids: dict[tuple[ir.CallKind, str], str] = {}
    for kind, prefix in ((ir.CallKind.TRACK, "event-"), (ir.CallKind.PAGE, "page-"), (ir.CallKind.SCREEN, "screen-")):
        names = [name for k, name, _ in lowered if k is kind]
        call_ids |= {(kind, name): a for name, a in anchors.assign(prefix, names, taken).items()}
    call_ids[(ir.CallKind.IDENTIFY, "identify")] = "identify"
    call_ids[(ir.CallKind.GROUP, "group")] = "group"
    def_ids = anchors.assign("def-", [name for name, _ in plan.definitions], taken)

    def link(name: str) -> str:
        return def_ids[name]

    grouped: dict[tuple[ir.CallKind, str], list[CallKey]] = {}
    for key in lowered:
        grouped.setdefault((key[0], key[1]), []).append(key)
    sections = []
    for kind, heading in _SECTIONS.items():
        calls = []
        for (k, name), keys in grouped.items():
            if k is not kind:
                continue
            anchor = call_ids[(k, name)]
            versions = tuple(
                _version(lowered[key], written[key], anchors.version_anchor(anchor, key[2]), key in current, link)
                for key in sorted(keys, key=lambda key: -key[2])
            )
            title = f"{name.capitalize()} traits" if kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP) else name
            calls.append(Call(anchor, kind.value, name, title, versions, all(v.deprecated for v in versions)))
        if calls:
            sections.append(Section(f"calls-{kind.value}", kind.value, heading, tuple(calls)))
    definitions = tuple(
        Definition(
            anchor=def_ids[name],
            name=name,
            description=_text(model.defs[name].description if name in model.defs else None),
            type=describe(t, link),
            constraints=constraints(t),
            rows=tuple(nested(t, link, "", 0)),
        )
        for name, t in plan.definitions
    )
    version_ids = {key: anchors.version_anchor(call_ids[(key[0], key[1])], key[2]) for key in lowered}
    return Catalog(
        title=plan.name,
        description=_text(plan.description),
        source=plan.source,
        sections=tuple(sections),
        definitions=definitions,
        changelog=None if changes is None else _changelog(changes, since, call_ids, version_ids),
        calls=len(grouped),
        versions=len(lowered),
        properties=sum(len(v.rows) for s in sections for c in s.calls for v in c.versions),
    )


def _version(call: ir.Event, entry: m.Event | m.View | m.Traits, anchor: str, current: bool, link: Linker) -> Version:
    metadata = entry.metadata
    return Version(
        anchor=anchor,
        number=call.version,
        description=_text(call.description),
        deprecated=call.deprecated,
        current=current,
        owner=_text(getattr(entry, "owner", None)),
        labels=_labels(metadata.get("labels")),
        metadata=tuple((str(k), _shown(v)) for k, v in metadata.items() if k != "labels"),
        category=_text(call.category),
        open=call.properties.additional,
        rows=tuple(r for p in call.properties.properties for r in rows(p, link)),
    )


def _text(value: str | None) -> str:
    return value or ""


def _shown(value: Any) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _labels(value: Any) -> tuple[str, ...]:
    """Labels as imported (Segment's ``{area: checkout}``) or written (a list)."""
    if value is None or value == {} or value == []:
        return ()
    if isinstance(value, dict):
        return tuple(f"{k}: {_shown(v)}" for k, v in value.items())
    if isinstance(value, list):
        return tuple(_shown(v) for v in value)
    return (_shown(value),)


def _changelog(
    changes: Sequence[PlanChange],
    since: str,
    call_ids: dict[tuple[ir.CallKind, str], str],
    version_ids: dict[CallKey, str],
) -> Changelog:
    out = []
    for c in changes:
        href = ""
        if c.kind is not None:
            href = version_ids.get((c.kind, c.name, c.version or 1), call_ids.get((c.kind, c.name), ""))
        label = c.impact.label + (" (in a new event version)" if c.versioned else "")
        out.append(ChangeRow(c.impact.value, label, c.subject, href, c.property_path, c.message, c.versioned))
    return Changelog(since, summary(changes), len(blocking(changes)), tuple(out))
