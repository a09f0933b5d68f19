"""Comparing two plans: every change, classified."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .. import ir
from ..diagnostics import Location
from .change import Impact, PlanChange, quote
from .subtypes import describe, is_subtype, resolve, show_value, value_key


def diff_plans(old: ir.Plan, new: ir.Plan) -> list[PlanChange]:
    """Every change from ``old`` to ``new``, breaking ones first."""
    return sorted(_Differ(old, new).run(), key=PlanChange.sort_key)


@dataclass(frozen=True, slots=True)
class _Subject:
    kind: ir.CallKind | None
    name: str
    version: int | None
    versioned: bool


_PLAN = _Subject(None, "", None, False)


@dataclass(frozen=True, slots=True)
class _At:
    """Where changes are found: the call, the property path, the location; collects them."""

    out: list[PlanChange]
    subject: _Subject
    path: tuple[str, ...] = ()
    where: Location | None = None

    def add(self, impact: Impact, code: str, message: str) -> None:
        s = self.subject
        versioned = s.versioned and impact.breaking
        self.out.append(PlanChange(impact, code, message, s.kind, s.name, s.version, self.path, versioned, self.where))

    def callers(self, code: str, message: str) -> None:
        self.add(Impact.CALLERS, code, message)

    def consumers(self, code: str, message: str) -> None:
        self.add(Impact.CONSUMERS, code, message)

    def safe(self, code: str, message: str) -> None:
        self.add(Impact.SAFE, code, message)

    def down(self, name: str, where: Location | None = None) -> _At:
        """The same call, one property (or ``[]``, the items) further down."""
        return _At(self.out, self.subject, (*self.path, name), where or self.where)


class _Differ:
    def __init__(self, old: ir.Plan, new: ir.Plan) -> None:
        self.old, self.new = old, new
        self.out: list[PlanChange] = []

    def run(self) -> list[PlanChange]:
        old, new = self.old, self.new
        at = _At(self.out, _PLAN)
        if old.name != new.name:
            at.safe("plan-renamed", f"renamed from {quote(old.name)} to {quote(new.name)}")
        if old.description != new.description:
            at.safe("description-changed", "description changed")
        self.compare_calls(ir.CallKind.TRACK, old.events, new.events)
        self.compare_calls(ir.CallKind.PAGE, old.pages, new.pages)
        self.compare_calls(ir.CallKind.SCREEN, old.screens, new.screens)
        for kind, was, now in (
            (ir.CallKind.IDENTIFY, old.identify, new.identify),
            (ir.CallKind.GROUP, old.group, new.group),
        ):
            subject = _Subject(kind, kind.value, None, False)
            if was is not None and now is not None:
                self.compare_event(subject, was, now)
            elif was is not None:
                _At(self.out, subject, where=was.location).callers("traits-removed", "removed")
            elif now is not None:
                _At(self.out, subject, where=now.location).safe("traits-added", "added")
        return self.out

    # -- calls ----------------------------------------------------------------------

    def compare_calls(self, kind: ir.CallKind, before: Sequence[ir.Event], after: Sequence[ir.Event]) -> None:
        old_by = {e.name: e for e in before}
        new_by = {e.name: e for e in after}
        for was in before:
            now = new_by.get(was.name)
            if now is not None:
                self.compare_event(_Subject(kind, was.name, now.version, now.version > was.version), was, now)
        removed = [e for e in before if e.name not in new_by]
        added = [e for e in after if e.name not in old_by]
        renamed: dict[str, ir.Event] = {}  # new name -> the old event
        for was in sorted(removed, key=lambda e: e.name):
            for now in sorted(added, key=lambda e: e.name):
                if now.name not in renamed and _same_call(was, now):
                    renamed[now.name] = was
                    break
        renamed_from = {was.name for was in renamed.values()}
        for was in removed:
            if was.name not in renamed_from:
                _At(self.out, _Subject(kind, was.name, was.version, False), where=was.location).callers(
                    "event-removed", "removed"
                )
        for now in added:
            at = _At(self.out, _Subject(kind, now.name, now.version, False), where=now.location)
            source = renamed.get(now.name)
            if source is not None:
                at.callers("event-renamed", f"renamed from {quote(source.name)}")
            else:
                at.safe("event-added", "added")

    def compare_event(self, subject: _Subject, was: ir.Event, now: ir.Event) -> None:
        at = _At(self.out, subject, where=now.location)
        if now.version > was.version:
            at.safe("version-added", f"new version {now.version} (was {was.version})")
        elif now.version < was.version:
            at.callers("version-removed", f"version {was.version} removed; the newest is now {now.version}")
        if was.description != now.description:
            at.safe("description-changed", "description changed")
        if was.deprecated != now.deprecated:
            at.safe("deprecation-changed", "deprecated" if now.deprecated else "no longer deprecated")
        if was.category != now.category:
            at.consumers("category-changed", f"category changed from {quote(was.category)} to {quote(now.category)}")
        self.compare_object(at, was.properties, now.properties)

    # -- properties -----------------------------------------------------------------

    def compare_object(self, at: _At, was: ir.ObjectType, now: ir.ObjectType) -> None:
        traits = not at.path and at.subject.kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP)
        what = "traits" if traits else "properties"
        if was.additional and not now.additional:
            at.callers("object-closed", f"no longer allows other {what}")
        elif now.additional and not was.additional:
            at.consumers("object-opened", f"now allows any other {what}")
        old_by = {p.name: p for p in was.properties}
        new_by = {p.name: p for p in now.properties}
        for p in was.properties:
            q = new_by.get(p.name)
            if q is not None:
                self.compare_property(at.down(p.name, q.location), p, q)
        removed = [p for p in was.properties if p.name not in new_by]
        added = [p for p in now.properties if p.name not in old_by]
        pairs = _renames(removed, added)
        renamed_old = {a.name for a, _ in pairs}
        renamed_new = {b.name for _, b in pairs}
        for p in removed:
            if p.name not in renamed_old:
                at.down(p.name, p.location).callers("property-removed", "removed")
        for a, b in pairs:
            there = at.down(b.name, b.location)
            there.consumers(
                "property-renamed",
                f"renamed from {quote(a.name)} (data arrives under the new name; callers pass the new name too)",
            )
            self.compare_property(there, a, b)
        for q in added:
            if q.name in renamed_new:
                continue
            if q.required:
                at.down(q.name, q.location).callers("required-property-added", "added as required")
            else:
                at.down(q.name, q.location).safe("property-added", "added (optional)")

    def compare_property(self, at: _At, was: ir.Property, now: ir.Property) -> None:
        if was.description != now.description:
            at.safe("description-changed", "description changed")
        if was.deprecated != now.deprecated:
            at.safe("deprecation-changed", "deprecated" if now.deprecated else "no longer deprecated")
        if now.required and not was.required:
            at.callers("property-required", "optional → required")
        elif was.required and not now.required:
            at.consumers("property-optional", "required → optional (data may now lack it)")
        self.compare_type(at, was.type, now.type)

    def compare_type(self, at: _At, was: ir.Type, now: ir.Type) -> None:
        # $ref cycles are errors (TG109), so following definitions always ends
        was, now = resolve(was, self.old), resolve(now, self.new)
        if isinstance(was, ir.AnyType) or isinstance(now, ir.AnyType):
            if isinstance(now, ir.AnyType) and not isinstance(was, ir.AnyType):
                at.consumers("type-widened", f"type widened from {describe(was)} to any value")
            elif isinstance(was, ir.AnyType) and not isinstance(now, ir.AnyType):
                at.callers("type-narrowed", f"type narrowed from any value to {describe(now)}")
            return
        was_null, now_null = ir.is_nullable(was), ir.is_nullable(now)
        if was_null and not now_null:
            at.callers("nullable-removed", "nullable → not nullable")
        elif now_null and not was_null:
            at.consumers("nullable-added", "not nullable → nullable (data may now be null)")
        was_rest, now_rest = _without_null(was, self.old), _without_null(now, self.new)
        if was_rest is None or now_rest is None:
            if (was_rest is None) != (now_rest is None):  # only null, on one side
                self.changed(at, _or_null(was_rest), _or_null(now_rest))
            return
        was, now = was_rest, now_rest
        if isinstance(was, ir.EnumType) and isinstance(now, ir.EnumType):
            old_keys = {value_key(v): v for v in was.values}
            new_keys = {value_key(v): v for v in now.values}
            for k, v in old_keys.items():
                if k not in new_keys:
                    at.callers("enum-value-removed", f"enum value {show_value(v)} removed")
            for k, v in new_keys.items():
                if k not in old_keys:
                    at.consumers("enum-value-added", f"enum value {show_value(v)} added to a closed set")
        elif isinstance(was, ir.ObjectType) and isinstance(now, ir.ObjectType):
            self.compare_object(at, was, now)
        elif isinstance(was, ir.ArrayType) and isinstance(now, ir.ArrayType):
            if was.constraints != now.constraints:
                self.changed(
                    at, ir.ArrayType(ir.AnyType(), was.constraints), ir.ArrayType(ir.AnyType(), now.constraints)
                )
            self.compare_type(at.down("[]"), was.items, now.items)
        else:
            self.changed(at, was, now)

    def changed(self, at: _At, was: ir.Type, now: ir.Type) -> None:
        """A change of type that is not one of the finer kinds above."""
        narrower = is_subtype(now, self.new, was, self.old)
        wider = is_subtype(was, self.old, now, self.new)
        if narrower and wider:
            return  # the same values, written differently
        change = f"from {describe(was)} to {describe(now)}"
        if narrower:
            at.callers("type-narrowed", f"type narrowed {change}")
        elif wider:
            at.consumers("type-widened", f"type widened {change}")
        else:
            at.consumers("type-changed", f"type changed {change} (existing calls no longer fit either)")


def _renames(removed: list[ir.Property], added: list[ir.Property]) -> list[tuple[ir.Property, ir.Property]]:
    """Pairs (old, new) that look like one property renamed: the same type, and the same
    description or a similar name. Deterministic: by name, one to one."""
    pairs: list[tuple[ir.Property, ir.Property]] = []
    taken: set[str] = set()
    for a in sorted(removed, key=lambda p: p.name):
        for b in sorted(added, key=lambda p: p.name):
            if b.name in taken or a.type != b.type:
                continue
            same_text = a.description is not None and a.description == b.description
            if same_text or _similar(a.name, b.name):
                pairs.append((a, b))
                taken.add(b.name)
                break
    return pairs


def _same_call(was: ir.Event, now: ir.Event) -> bool:
    """Whether ``now`` looks like ``was`` renamed: the same properties, and either some
    properties, the same description or a similar name (two events without properties
    are not alike by that alone)."""
    if was.properties != now.properties:
        return False
    same_text = was.description is not None and was.description == now.description
    return bool(was.properties.properties) or same_text or _similar(was.name, now.name)


def _similar(a: str, b: str) -> bool:
    """Names that are probably one name respelled: ``userId``/``user_id``, ``e-mail``/``email``."""

    def norm(s: str) -> str:
        return re.sub(r"[^0-9a-z]", "", s.lower())

    return norm(a) == norm(b) or difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= 0.8



def _without_null(t: ir.Type, plan: ir.Plan) -> ir.Type | None:
    """``t`` without its null values (``None``: ``t`` is only null)."""
    t = resolve(t, plan)
    if isinstance(t, ir.NullType):
        return None
    if isinstance(t, ir.EnumType):
        values = tuple(v for v in t.values if v is not None)
        return ir.EnumType(values) if values else None
    if isinstance(t, ir.UnionType):
        members = [m for m in (_without_null(m, plan) for m in t.members) if m is not None]
        if not members:
            return None
        return members[0] if len(members) == 1 else ir.UnionType(tuple(members))
    return t


def _or_null(t: ir.Type | None) -> ir.Type:
    return ir.NullType() if t is None else t
