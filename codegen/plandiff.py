"""What changed between two versions of a plan, and whom each change breaks.

``diff_plans(old, new)`` compares two IRs (the version of each event that a build
generates: the newest, unless pinned) and classifies every change:

- **breaking for callers**: code that makes the calls must change (an event or
  property removed or renamed, optional → required, a required property added, a
  type narrowed, an enum value removed, nullable → not nullable, a closed object);
- **breaking for data consumers**: what arrives downstream changes shape (a type
  changed or widened, an enum value added to a closed set, a property renamed,
  required → optional, not nullable → nullable, an open object);
- **safe**: nothing that works stops working (an event, an optional property or a
  new version added, a description changed, an event deprecated).

A breaking change to an event whose version went up is made "in a new version"
(``versioned``): ``--fail-on breaking`` accepts it. Renderers give text, Markdown
(for a pull-request comment) and JSON. ``read_plan_at`` reads a plan file as it was
at a git revision.
"""

from __future__ import annotations

import difflib
import enum
import json
import math
import os
import re
import subprocess
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from . import ir
from .diagnostics import Diagnostic, Location, PlanError, Severity


class Impact(enum.StrEnum):
    CALLERS = "breaking-for-callers"
    CONSUMERS = "breaking-for-consumers"
    SAFE = "safe"

    @property
    def breaking(self) -> bool:
        return self is not Impact.SAFE

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Impact.CALLERS: "breaking for callers", Impact.CONSUMERS: "breaking for data consumers", Impact.SAFE: "safe"}
_ORDER = {Impact.CALLERS: 0, Impact.CONSUMERS: 1, Impact.SAFE: 2}
_KIND_ORDER = {
    None: 0,
    ir.CallKind.TRACK: 1,
    ir.CallKind.IDENTIFY: 2,
    ir.CallKind.GROUP: 3,
    ir.CallKind.PAGE: 4,
    ir.CallKind.SCREEN: 5,
}


@dataclass(frozen=True, slots=True)
class PlanChange:
    """One change: whom it breaks, a stable code, the call and property it is about."""

    impact: Impact
    code: str
    """Stable name of the kind of change, such as ``property-removed``."""
    message: str
    """What changed, in words (without the call and the property)."""
    kind: ir.CallKind | None
    """The call type (``None``: the plan itself)."""
    name: str
    """The event's, page's or screen's wire name (``identify``/``group`` for traits)."""
    version: int | None = None
    """The event's version in the new plan (in the old one for removals)."""
    path: tuple[str, ...] = ()
    """The property, from the event down (``[]`` stands for array items)."""
    versioned: bool = False
    """The event's version went up: the change comes with a new event version."""
    location: Location | None = field(default=None, compare=False)

    @property
    def subject(self) -> str:
        """'event "Order Completed" v2', 'identify traits', 'page "Pricing"', 'the plan'."""
        if self.kind is None:
            return "the plan"
        if self.kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP):
            return f"{self.kind.value} traits"
        what = "event" if self.kind is ir.CallKind.TRACK else self.kind.value
        version = f" v{self.version}" if self.version is not None and self.version > 1 else ""
        return f"{what} {_quote(self.name)}{version}"

    @property
    def property_path(self) -> str:
        """The property path as text: ``products[].sku`` (empty for the call itself)."""
        text = ""
        for part in self.path:
            text += part if part == "[]" or not text else "." + part
        return text

    @property
    def blocking(self) -> bool:
        """Breaking, and not made in a new event version: what ``--fail-on breaking`` fails on."""
        return self.impact.breaking and not self.versioned

    def sort_key(self) -> tuple[int, int, str, int, tuple[str, ...], str, str]:
        return (
            _ORDER[self.impact],
            _KIND_ORDER[self.kind],
            self.name,
            self.version or 0,
            self.path,
            self.code,
            self.message,
        )


# -- comparing ----------------------------------------------------------------------


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
            at.safe("plan-renamed", f"renamed from {_quote(old.name)} to {_quote(new.name)}")
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
                at.callers("event-renamed", f"renamed from {_quote(source.name)}")
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
            at.consumers("category-changed", f"category changed from {_quote(was.category)} to {_quote(now.category)}")
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
                f"renamed from {_quote(a.name)} (data arrives under the new name; callers pass the new name too)",
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
        was, now = _resolve(was, self.old), _resolve(now, self.new)
        if isinstance(was, ir.AnyType) or isinstance(now, ir.AnyType):
            if isinstance(now, ir.AnyType) and not isinstance(was, ir.AnyType):
                at.consumers("type-widened", f"type widened from {_describe(was)} to any value")
            elif isinstance(was, ir.AnyType) and not isinstance(now, ir.AnyType):
                at.callers("type-narrowed", f"type narrowed from any value to {_describe(now)}")
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
            old_keys = {_key(v): v for v in was.values}
            new_keys = {_key(v): v for v in now.values}
            for k, v in old_keys.items():
                if k not in new_keys:
                    at.callers("enum-value-removed", f"enum value {_value(v)} removed")
            for k, v in new_keys.items():
                if k not in old_keys:
                    at.consumers("enum-value-added", f"enum value {_value(v)} added to a closed set")
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
        narrower = _sub(now, self.new, was, self.old)
        wider = _sub(was, self.old, now, self.new)
        if narrower and wider:
            return  # the same values, written differently
        change = f"from {_describe(was)} to {_describe(now)}"
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


def _resolve(t: ir.Type, plan: ir.Plan) -> ir.Type:
    seen: set[str] = set()
    while isinstance(t, ir.RefType) and t.name not in seen:
        seen.add(t.name)
        try:
            t = plan.definition(t.name)
        except KeyError:
            return t
    return t


def _without_null(t: ir.Type, plan: ir.Plan) -> ir.Type | None:
    """``t`` without its null values (``None``: ``t`` is only null)."""
    t = _resolve(t, plan)
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


# -- the subset relation: every value of a is a value of b ------------------------------


def _sub(a: ir.Type, plan_a: ir.Plan, b: ir.Type, plan_b: ir.Plan) -> bool:
    a, b = _resolve(a, plan_a), _resolve(b, plan_b)
    if isinstance(b, ir.AnyType):
        return True
    if isinstance(a, ir.AnyType):
        return False
    if isinstance(a, ir.UnionType):
        return all(_sub(m, plan_a, b, plan_b) for m in a.members)
    if isinstance(a, ir.EnumType):
        return all(_fits(v, b, plan_b) for v in a.values)
    if isinstance(b, ir.UnionType):
        return any(_sub(a, plan_a, m, plan_b) for m in b.members)
    if isinstance(b, ir.EnumType):
        if isinstance(a, ir.NullType):
            return None in b.values
        if isinstance(a, ir.BooleanType):
            return {_key(True), _key(False)} <= {_key(v) for v in b.values}
        return False
    if isinstance(a, ir.NullType):
        return isinstance(b, ir.NullType)
    if isinstance(a, ir.BooleanType):
        return isinstance(b, ir.BooleanType)
    if isinstance(a, ir.StringType):
        return (
            isinstance(b, ir.StringType)
            and (b.format is None or a.format == b.format)
            and _constraints_sub(a.constraints, b.constraints)
        )
    if isinstance(a, ir.IntegerType):
        return isinstance(b, (ir.IntegerType, ir.NumberType)) and _constraints_sub(a.constraints, b.constraints)
    if isinstance(a, ir.NumberType):
        return isinstance(b, ir.NumberType) and _constraints_sub(a.constraints, b.constraints)
    if isinstance(a, ir.ArrayType):
        return (
            isinstance(b, ir.ArrayType)
            and _constraints_sub(a.constraints, b.constraints)
            and _sub(a.items, plan_a, b.items, plan_b)
        )
    if isinstance(a, ir.ObjectType):
        if not isinstance(b, ir.ObjectType):
            return False
        b_by = {p.name: p for p in b.properties}
        a_by = {p.name: p for p in a.properties}
        if a.additional and not b.additional:
            return False
        for p in a.properties:
            q = b_by.get(p.name)
            if q is None:
                if not b.additional:
                    return False
            elif not _sub(p.type, plan_a, q.type, plan_b):
                return False
        return all(not q.required or (q.name in a_by and a_by[q.name].required) for q in b.properties)
    return False


def _fits(value: ir.JsonScalar, t: ir.Type, plan: ir.Plan) -> bool:
    """Whether one enum value is a value of ``t``."""
    t = _resolve(t, plan)
    if isinstance(t, ir.AnyType):
        return True
    if isinstance(t, ir.UnionType):
        return any(_fits(value, m, plan) for m in t.members)
    if isinstance(t, ir.EnumType):
        return _key(value) in {_key(v) for v in t.values}
    if isinstance(t, ir.NullType):
        return value is None
    if isinstance(t, ir.BooleanType):
        return isinstance(value, bool)
    if isinstance(t, ir.StringType):
        if not isinstance(value, str):
            return False
        c = t.constraints
        if c.min_length is not None and len(value) < c.min_length:
            return False
        if c.max_length is not None and len(value) > c.max_length:
            return False
        if c.pattern is not None:
            try:
                return re.search(c.pattern, value) is not None
            except re.error:
                return True  # a pattern Python cannot read: assume the value fits
        return True
    if isinstance(t, (ir.IntegerType, ir.NumberType)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        if isinstance(t, ir.IntegerType) and not float(value).is_integer():
            return False
        c = t.constraints
        return (
            (c.minimum is None or value >= c.minimum)
            and (c.maximum is None or value <= c.maximum)
            and (c.exclusive_minimum is None or value > c.exclusive_minimum)
            and (c.exclusive_maximum is None or value < c.exclusive_maximum)
            and (not c.multiple_of or _multiple(value, c.multiple_of))
        )
    return False


def _constraints_sub(a: ir.Constraints, b: ir.Constraints) -> bool:
    """Whether every value within ``a``'s limits is within ``b``'s."""

    def lower(c: ir.Constraints) -> tuple[float, bool] | None:
        bounds = [(c.minimum, False)] if c.minimum is not None else []
        if c.exclusive_minimum is not None:
            bounds.append((c.exclusive_minimum, True))
        return max(bounds) if bounds else None

    def upper(c: ir.Constraints) -> tuple[float, bool] | None:
        bounds = [(c.maximum, False)] if c.maximum is not None else []
        if c.exclusive_maximum is not None:
            bounds.append((c.exclusive_maximum, True))
        return min(bounds, key=lambda b: (b[0], not b[1])) if bounds else None

    la, lb, ua, ub = lower(a), lower(b), upper(a), upper(b)
    if lb is not None and (la is None or la[0] < lb[0] or (la[0] == lb[0] and lb[1] and not la[1])):
        return False
    if ub is not None and (ua is None or ua[0] > ub[0] or (ua[0] == ub[0] and ub[1] and not ua[1])):
        return False
    for low_a, low_b in ((a.min_length, b.min_length), (a.min_items, b.min_items)):
        if low_b is not None and (low_a is None or low_a < low_b):
            return False
    for high_a, high_b in ((a.max_length, b.max_length), (a.max_items, b.max_items)):
        if high_b is not None and (high_a is None or high_a > high_b):
            return False
    if b.pattern is not None and a.pattern != b.pattern:
        return False
    if b.multiple_of and not (a.multiple_of and _multiple(a.multiple_of, b.multiple_of)):
        return False
    return not (b.unique_items and not a.unique_items)


def _multiple(value: float, of: float) -> bool:
    return math.isclose(value / of, round(value / of))


def _key(value: ir.JsonScalar) -> tuple[str, object]:
    """JSON equality: ``1`` and ``1.0`` are one number, ``true`` is not ``1``."""
    if value is None:
        return ("null", None)
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", float(value))
    return ("string", value)


def _value(value: ir.JsonScalar) -> str:
    return json.dumps(value, ensure_ascii=False)


def _quote(text: str | None) -> str:
    return "none" if text is None else json.dumps(text, ensure_ascii=False)


def _describe(t: ir.Type, depth: int = 0) -> str:
    """A short description of a type for messages: ``integer (minimum 1)``, ``string | null``."""
    if depth > 3:
        return "…"
    if isinstance(t, ir.RefType):
        return f"$ref {t.name}"
    if isinstance(t, ir.StringType):
        base = f"string (format {t.format})" if t.format else "string"
        return base + _limits(t.constraints, ", " if t.format else "")
    if isinstance(t, ir.IntegerType):
        return "integer" + _limits(t.constraints)
    if isinstance(t, ir.NumberType):
        return "number" + _limits(t.constraints)
    if isinstance(t, ir.BooleanType):
        return "boolean"
    if isinstance(t, ir.NullType):
        return "null"
    if isinstance(t, ir.AnyType):
        return "any value"
    if isinstance(t, ir.EnumType):
        shown = ", ".join(_value(v) for v in t.values[:6]) + (", …" if len(t.values) > 6 else "")
        return f"enum [{shown}]"
    if isinstance(t, ir.ArrayType):
        items = "any value" if isinstance(t.items, ir.AnyType) else _describe(t.items, depth + 1)
        return f"array of {items}" + _limits(t.constraints)
    if isinstance(t, ir.ObjectType):
        return "object" if t.properties or not t.additional else "object (any keys)"
    return " | ".join(_describe(m, depth + 1) for m in t.members)


def _limits(c: ir.Constraints, lead: str = "") -> str:
    parts = [
        f"{name} {_number(value)}"
        for name, value in (
            ("minimum", c.minimum),
            ("maximum", c.maximum),
            ("exclusiveMinimum", c.exclusive_minimum),
            ("exclusiveMaximum", c.exclusive_maximum),
            ("multipleOf", c.multiple_of),
            ("minLength", c.min_length),
            ("maxLength", c.max_length),
            ("minItems", c.min_items),
            ("maxItems", c.max_items),
        )
        if value is not None
    ]
    if c.pattern is not None:
        parts.append(f"pattern {json.dumps(c.pattern, ensure_ascii=False)}")
    if c.unique_items:
        parts.append("uniqueItems")
    if not parts:
        return ""
    return (lead + ", ".join(parts)) if lead else f" ({', '.join(parts)})"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


# -- rendering ----------------------------------------------------------------------


def blocking(changes: Iterable[PlanChange]) -> list[PlanChange]:
    """The breaking changes not made in a new event version."""
    return [c for c in changes if c.blocking]


def summary(changes: Sequence[PlanChange]) -> str:
    """'3 changes: 1 breaking for callers, 1 breaking for data consumers, 1 safe'."""
    if not changes:
        return "no changes"
    counts = [(impact, sum(c.impact is impact for c in changes)) for impact in Impact]
    parts = [f"{n} {impact.label}" for impact, n in counts if n]
    versioned = sum(c.versioned for c in changes)
    note = ""
    if versioned:
        note = f" ({versioned} breaking change{' is' if versioned == 1 else 's are'} in a new event version)"
    return f"{len(changes)} change{'s' if len(changes) != 1 else ''}: {', '.join(parts)}{note}"


def render_text(changes: Sequence[PlanChange]) -> str:
    """One line a change: ``plan.yaml:14:9: breaking for callers: event "X", property "y": optional → required``."""
    lines = []
    for c in changes:
        where = f"{c.location}: " if c.location else ""
        label = c.impact.label + (" (in a new event version)" if c.versioned else "")
        prop = f", property {_quote(c.property_path)}" if c.path else ""
        lines.append(f"{where}{label}: {c.subject}{prop}: {c.message}\n")
    return "".join(lines)


_MD_INTRO = {
    Impact.CALLERS: "Code that makes these calls has to change: it no longer type-checks or fails validation.",
    Impact.CONSUMERS: "The data changes shape: dashboards, queries and pipelines that read it may need to change.",
    Impact.SAFE: "Nothing that works today stops working.",
}
MARKDOWN_MARKER = "<!-- trackgen diff -->"


def render_markdown(changes: Sequence[PlanChange], title: str = "Tracking plan changes") -> str:
    """A Markdown report for a pull-request comment: a summary, then a table per class.
    Every plan string is escaped (no markup, links, mentions or HTML from the plan)."""
    out = [MARKDOWN_MARKER, "", f"### {_md_text(title)}", ""]
    if not changes:
        out += ["No changes to the tracking plan.", ""]
        return "\n".join(out)
    out += [_md_text(summary(changes)[0].upper() + summary(changes)[1:]) + "."]
    stuck = blocking(changes)
    if stuck:
        n = len(stuck)
        out += [
            "",
            f"**{n} breaking change{'s are' if n != 1 else ' is'} not made in a new event version.** "
            "Add a new version of the event instead of changing the one in use, or make sure every "
            "caller and consumer is ready.",
        ]
    for impact in Impact:
        group = [c for c in changes if c.impact is impact]
        if not group:
            continue
        out += ["", f"#### {impact.label[0].upper()}{impact.label[1:]} ({len(group)})", "", _MD_INTRO[impact], ""]
        out += ["| Call | Property | Change |", "| --- | --- | --- |"]
        for c in group:
            call = _md_call(c)
            prop = _md_code(c.property_path) if c.path else ""
            note = " (new event version)" if c.versioned else ""
            out.append(f"| {call} | {prop} | {_md_text(c.message + note)} |")
    out.append("")
    return "\n".join(out)


def _md_call(c: PlanChange) -> str:
    if c.kind is None:
        return "the plan"
    if c.kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP):
        return f"{c.kind.value} traits"
    what = "event" if c.kind is ir.CallKind.TRACK else c.kind.value
    version = f" v{c.version}" if c.version is not None and c.version > 1 else ""
    return f"{what} {_md_code(c.name)}{version}"


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&$])")


def _md_text(text: str) -> str:
    """Plain text in a Markdown table cell: one line, the characters that start inline
    markup (emphasis, code, links, HTML, math, pipes) escaped, and ``@`` and ``#`` kept
    from becoming mentions and issue links."""
    text = " ".join(text.split())
    return _MD_INLINE.sub(r"\\\1", text).replace("@", "@\u200b").replace("#", "#\u200b")


def _md_code(text: str) -> str:
    """A code span holding ``text`` exactly, safe inside a table cell."""
    text = " ".join(text.splitlines()) or " "
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or text.startswith(" ") or text.endswith(" ") else ""
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"


def to_json(changes: Sequence[PlanChange]) -> dict[str, object]:
    """The changes as JSON-ready data (see ``render_json``)."""
    return {
        "summary": {impact.value: sum(c.impact is impact for c in changes) for impact in Impact}
        | {"blocking": len(blocking(changes))},
        "changes": [
            {
                "impact": c.impact.value,
                "code": c.code,
                "call": None if c.kind is None else {"type": c.kind.value, "name": c.name, "version": c.version},
                "property": list(c.path),
                "message": c.message,
                "versioned": c.versioned,
                "location": (
                    None
                    if c.location is None
                    else {"file": c.location.file, "line": c.location.line, "column": c.location.column}
                ),
            }
            for c in changes
        ],
    }


def render_json(changes: Sequence[PlanChange]) -> str:
    return json.dumps(to_json(changes), indent=2, ensure_ascii=False) + "\n"


# -- a plan at a git revision -------------------------------------------------------


def read_plan_at(revision: str, path: Path, timeout: float = 60) -> str | None:
    """The text of the plan file ``path`` at git ``revision`` (``git show REV:path``),
    or ``None`` when the file did not exist at that revision. Raises ``PlanError`` when
    git is missing, the folder is not in a repository or the revision is unknown."""
    display = f"{revision}:{path.as_posix()}"
    if not revision or revision.startswith("-"):
        raise PlanError([Diagnostic("TG500", Severity.ERROR, f'"{revision}" is not a git revision')])
    folder = path.resolve().parent
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C", LANGUAGE="C")

    def git(*args: str) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                ["git", *args], cwd=folder, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout
            )
        except FileNotFoundError:
            raise PlanError([Diagnostic("TG500", Severity.ERROR, "git is not installed; --base needs it")]) from None
        except subprocess.TimeoutExpired:
            raise PlanError([Diagnostic("TG500", Severity.ERROR, f"git did not answer in {timeout:g}s")]) from None
        except OSError as exc:
            raise PlanError([Diagnostic("TG500", Severity.ERROR, f"cannot run git: {exc}")]) from None

    verify = git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if verify.returncode != 0:
        problem = _git_error(verify.stderr) or f'unknown revision "{revision}"'
        raise PlanError([Diagnostic("TG500", Severity.ERROR, f"git: {problem}")])
    shown = git("show", f"{revision}:./{path.name}")
    if shown.returncode != 0:
        problem = _git_error(shown.stderr)
        if "does not exist in" in problem or "exists on disk, but not in" in problem:
            return None
        raise PlanError([Diagnostic("TG500", Severity.ERROR, f"git: {problem or 'git show failed'}")])
    try:
        return shown.stdout.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = shown.stdout[: exc.start].count(b"\n") + 1
        raise PlanError(
            [Diagnostic("TG001", Severity.ERROR, "the plan is not valid UTF-8", Location(display, line, 1))]
        ) from None


def _git_error(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace").strip()
    lines = [line.removeprefix("fatal: ").removeprefix("error: ") for line in text.splitlines() if line.strip()]
    return lines[0] if lines else ""
