"""Lower the located plan model into the IR: meanings, wire names, checks."""

from __future__ import annotations

import math
import re
import warnings
from typing import Any

from . import ir
from .diagnostics import Diagnostic, Location, Severity
from .patterns import MAX_GROUP_DEPTH, group_depth, js_problem
from .plan import model as m

_TYPE_OF_VALUE = {str: "string", bool: "boolean", int: "integer", float: "number", type(None): "null"}


_REF_PREFIXES = ("#/$defs/", "#/definitions/")
#: How deep definitions may reach through one another by $ref (a chain of 600 would
#: exhaust the stack of every pass over the types; real plans nest a handful).
MAX_REF_DEPTH = 32
#: How deep arrays may hold arrays directly (``items`` of ``items``, through unions):
#: each level is a bracket in one Python annotation (``_t.Sequence[...]``), and Python
#: parses at most 200 nested brackets. Real plans nest two or three.
MAX_ARRAY_DEPTH = 32
#: Keywords that may sit beside a $ref: they describe the property, not its type.
_REF_SIBLINGS = frozenset({"loc", "value_locs", "ref", "description", "title", "required", "nullable", "deprecated", "examples", "default"})


class _Lowering:
    def __init__(self, source: str, defs: dict[str, m.Schema]) -> None:
        self.source = source
        self.owner = ""
        self.diagnostics: list[Diagnostic] = []
        self.defs = defs
        self.lowered: dict[str, ir.Type] = {}
        self.visiting: list[str] = []
        self.too_deep = False
        self.array_depth = 0
        """How many arrays directly hold the type being lowered (objects and
        definitions, which get names of their own, start again at 0)."""

    def error(self, code: str, message: str, where: Location | None) -> None:
        self.diagnostics.append(Diagnostic(code, Severity.ERROR, message, where))

    def prop_error(self, code: str, path: str, message: str, where: Location | None) -> None:
        what = f'{self.owner}, property "{path}"' if path else self.owner
        self.error(code, f"{what}: {message}", where)

    # -- schemas -----------------------------------------------------------------------

    def object_type(
        self, props: dict[str, m.Schema], additional: bool, owner: str, prefix: str = ""
    ) -> ir.ObjectType:
        depth, self.array_depth = self.array_depth, 0
        try:
            properties = tuple(self.property(name, schema, owner, prefix + name) for name, schema in props.items())
        finally:
            self.array_depth = depth
        return ir.ObjectType(properties=properties, additional=additional)

    def property(self, name: str, schema: m.Schema, owner: str, dotted: str) -> ir.Property:
        self.owner = owner
        if not name:
            # A typed dictionary cannot hold an empty key (pyright rejects it), and no
            # analytics tool can show a column without a name.
            self.prop_error("TG110", dotted, "a property needs a name: the empty string is not one", schema.loc)
        return ir.Property(
            name=name,
            type=self.schema(schema, dotted),
            required=schema.required,
            description=schema.description,
            examples=tuple(schema.examples or ()),
            deprecated=schema.deprecated,
            location=schema.loc,
        )

    def schema(self, s: m.Schema, path: str) -> ir.Type:
        where = s.loc
        if s.ref is not None:
            return self._nullable(self.ref(s, path), s.nullable)
        union = s.anyOf if s.anyOf is not None else s.oneOf
        if union is not None:
            if s.anyOf is not None and s.oneOf is not None:
                self.prop_error("TG104", path, f"use anyOf or oneOf, not both", where)
            if s.type is not None or s.enum is not None or "const" in s.fields_set:
                self.prop_error("TG104", path, f"anyOf/oneOf cannot be combined with type, enum or const", where)
            if not union:
                self.prop_error("TG104", path, f"anyOf/oneOf needs at least one schema", where)
                return ir.AnyType()
            members = tuple(self.schema(u, path) for u in union)
            return self._nullable(_flatten(members), s.nullable)

        names: list[str]
        if isinstance(s.type, list):
            names = list(dict.fromkeys(s.type))
            if not names:
                self.prop_error("TG104", path, f"type needs at least one type name", where)
        elif s.type is not None:
            names = [s.type]
        elif s.properties is not None:
            names = ["object"]
        elif s.items is not None:
            names = ["array"]
        else:
            names = []

        if "const" in s.fields_set or s.enum is not None:
            values = [s.const] if "const" in s.fields_set else list(s.enum or [])
            if not values:
                self.prop_error("TG105", path, f"enum needs at least one value", where)
                return ir.AnyType()
            if s.nullable and None not in values:
                values.append(None)
            # With no type, any JSON scalar may be a value; with types, each value must fit one.
            allowed = set(names) | ({"null"} if s.nullable and names else set())
            for i, v in enumerate(values):
                kind = _TYPE_OF_VALUE.get(type(v))
                ok = not names or kind in allowed or (kind == "integer" and "number" in allowed)
                if kind == "number" and isinstance(v, float) and "integer" in allowed and v.is_integer():
                    ok = True
                if not ok or (isinstance(v, float) and not math.isfinite(v)):
                    at = s.value_locs[i] if s.value_locs is not None and i < len(s.value_locs) else where
                    self.prop_error("TG105", path, f"enum value {v!r} is not of type {' or '.join(names)}", at)
            return ir.EnumType(tuple(dict.fromkeys(values)))

        self._check_keywords(s, names, path)
        if not names:
            return self._nullable(ir.AnyType(), False)
        members = tuple(self._base(name, s, path) for name in names)
        return self._nullable(_flatten(members), s.nullable)

    def ref(self, s: m.Schema, path: str) -> ir.Type:
        assert s.ref is not None
        others = sorted(k for k in s.fields_set if k not in _REF_SIBLINGS)
        if others:
            self.prop_error("TG108", path, f"$ref cannot be combined with {', '.join(others)}", s.loc)
        name = next((s.ref[len(p) :] for p in _REF_PREFIXES if s.ref.startswith(p)), None)
        if name is None or "/" in name:
            self.prop_error(
                "TG108", path, f'$ref "{s.ref}" is not supported: refer to a definition of this plan, "#/$defs/NAME"', s.loc
            )
            return ir.AnyType()
        if name not in self.defs:
            known = ", ".join(sorted(self.defs)) or "none"
            self.prop_error("TG108", path, f'$ref "{s.ref}": no definition "{name}" in $defs (defined: {known})', s.loc)
            return ir.AnyType()
        self.definition(name, s.loc)
        return ir.RefType(name)

    def definition(self, name: str, used_at: Location | None = None) -> None:
        """Lower a shared definition once; a definition that reaches itself is an error."""
        if name in self.lowered:
            return
        if name in self.visiting:
            cycle = " -> ".join([*self.visiting[self.visiting.index(name) :], name])
            self.error("TG109", f'$ref cycle: {cycle}', used_at or self.defs[name].loc)
            self.lowered[name] = ir.AnyType()
            return
        if len(self.visiting) >= MAX_REF_DEPTH:
            if not self.too_deep:  # once: every definition further down the chain is cut too
                chain = " -> ".join([*self.visiting[:3], "...", name])
                self.error(
                    "TG109", f"$ref chain deeper than {MAX_REF_DEPTH} definitions: {chain}", used_at or self.defs[name].loc
                )
            self.too_deep = True
            self.lowered[name] = ir.AnyType()
            return
        self.visiting.append(name)
        owner = self.owner
        self.owner = f'definition "{name}"'
        schema = self.defs[name]
        depth, self.array_depth = self.array_depth, 0
        try:
            lowered = self.schema(schema, "")
        finally:
            self.array_depth = depth
        self.owner = owner
        self.visiting.pop()
        self.lowered.setdefault(name, lowered)

    def _base(self, name: str, s: m.Schema, path: str) -> ir.Type:
        if name == "string":
            if s.pattern is not None and group_depth(s.pattern) > MAX_GROUP_DEPTH:
                depth = group_depth(s.pattern)
                self.prop_error("TG106", path, f"the pattern nests groups {depth} deep; at most {MAX_GROUP_DEPTH}", s.loc)
            elif s.pattern is not None:
                try:
                    with warnings.catch_warnings(record=True) as caught:
                        # "Possible nested set": Python may read it differently one day.
                        warnings.simplefilter("always", FutureWarning)
                        re.compile(s.pattern)
                except (re.error, RecursionError, OverflowError) as exc:
                    self.prop_error("TG106", path, f"invalid pattern: {exc}", s.loc)
                else:
                    for warning in caught:
                        what = f'{self.owner}, property "{path}"' if path else self.owner
                        self.diagnostics.append(
                            Diagnostic(
                                "TG106",
                                Severity.WARNING,
                                f"{what}: Python warns that this pattern may change meaning: {warning.message}",
                                s.loc,
                            )
                        )
                    problem = js_problem(s.pattern)
                    if problem is not None:
                        self.prop_error("TG106", path, f"the pattern must mean the same in Python and JavaScript: {problem}", s.loc)
            return ir.StringType(
                format=s.format,
                constraints=ir.Constraints(
                    pattern=s.pattern, min_length=s.minLength, max_length=s.maxLength
                ),
            )
        if name in ("integer", "number"):
            c = ir.Constraints(
                minimum=s.minimum,
                maximum=s.maximum,
                exclusive_minimum=s.exclusiveMinimum,
                exclusive_maximum=s.exclusiveMaximum,
                multiple_of=s.multipleOf,
            )
            return ir.IntegerType(c) if name == "integer" else ir.NumberType(c)
        if name == "boolean":
            return ir.BooleanType()
        if name == "null":
            return ir.NullType()
        if name == "array":
            items: ir.Type = ir.AnyType()
            if s.items is not None and self.array_depth >= MAX_ARRAY_DEPTH:
                message = f"arrays hold arrays more than {MAX_ARRAY_DEPTH} deep (items of items of ...); at most {MAX_ARRAY_DEPTH}"
                outer = path
                while outer.endswith("[]"):
                    outer = outer[:-2]
                self.prop_error("TG111", outer, message, s.loc)
            elif s.items is not None:
                self.array_depth += 1
                try:
                    items = self.schema(s.items, f"{path}[]")
                finally:
                    self.array_depth -= 1
            return ir.ArrayType(
                items,
                ir.Constraints(min_items=s.minItems, max_items=s.maxItems, unique_items=s.uniqueItems),
            )
        assert name == "object"
        if s.properties is None:
            # An object with no declared properties: any keys, unless closed explicitly.
            return ir.ObjectType((), additional=s.additionalProperties is not False)
        return self.object_type(s.properties, bool(s.additionalProperties), self.owner, f"{path}." if path else "")

    def _nullable(self, t: ir.Type, nullable: bool) -> ir.Type:
        if not nullable or ir.is_nullable(t):
            return t
        return _flatten((t, ir.NullType()))

    _APPLIES = {
        "pattern": {"string"},
        "minLength": {"string"},
        "maxLength": {"string"},
        "format": {"string"},
        "minimum": {"integer", "number"},
        "maximum": {"integer", "number"},
        "exclusiveMinimum": {"integer", "number"},
        "exclusiveMaximum": {"integer", "number"},
        "multipleOf": {"integer", "number"},
        "items": {"array"},
        "minItems": {"array"},
        "maxItems": {"array"},
        "uniqueItems": {"array"},
        "properties": {"object"},
        "additionalProperties": {"object"},
    }

    def _check_keywords(self, s: m.Schema, names: list[str], path: str) -> None:
        for keyword in s.fields_set:
            applies = self._APPLIES.get(keyword)
            if applies is not None and getattr(s, keyword) is not None and not applies & set(names):
                self.prop_error(
                    "TG107",
                    path,
                    f'"{keyword}" does not apply to type {" or ".join(names) or "any"}',
                    s.loc,
                )

    # -- the plan ------------------------------------------------------------------------

    def plan(self, plan: m.Plan, pins: dict[str, int]) -> ir.Plan:
        for name in plan.defs:
            self.definition(name)
        return ir.Plan(
            name=plan.name,
            source=self.source,
            description=plan.description,
            events=self.versions(plan.events, ir.CallKind.TRACK, pins),
            identify=self.traits(plan.identify, ir.CallKind.IDENTIFY) if plan.identify else None,
            group=self.traits(plan.group, ir.CallKind.GROUP) if plan.group else None,
            pages=self.versions(plan.pages, ir.CallKind.PAGE, {}),
            screens=self.versions(plan.screens, ir.CallKind.SCREEN, {}),
            definitions=tuple((name, self.lowered[name]) for name in plan.defs),
        )

    def versions(
        self, entries: list[m.Event] | list[m.View], kind: ir.CallKind, pins: dict[str, int]
    ) -> tuple[ir.Event, ...]:
        """One entry per name: the pinned version, else the newest."""
        chosen: dict[str, m.Event | m.View] = {}
        seen: dict[tuple[str, int], m.Event | m.View] = {}
        what = "event" if kind is ir.CallKind.TRACK else kind.value
        for entry in entries:
            key = (entry.name, entry.version)
            first = seen.get(key)
            if first is not None:
                at = f" (first defined at {first.loc.line}:{first.loc.column})" if first.loc else ""
                self.error("TG102", f'duplicate {what} "{entry.name}" version {entry.version}{at}', entry.loc)
                continue
            seen[key] = entry
            pin = pins.get(entry.name)
            current = chosen.get(entry.name)
            if pin is not None:
                if entry.version == pin:
                    chosen[entry.name] = entry
            elif current is None or entry.version > current.version:
                chosen[entry.name] = entry
        for name, version in sorted(pins.items()):
            if (name, version) not in seen:
                have = sorted(v for n, v in seen if n == name)
                self.error(
                    "TG103",
                    f'version {version} of event "{name}" is pinned in the config, but the plan has '
                    + (f"versions {', '.join(map(str, have))}" if have else "no such event"),
                    None,
                )
        return tuple(self.event(e, kind) for e in entries if chosen.get(e.name) is e)

    def event(self, e: m.Event | m.View, kind: ir.CallKind) -> ir.Event:
        what = "event" if kind is ir.CallKind.TRACK else kind.value
        return ir.Event(
            kind=kind,
            name=e.name,
            properties=self.object_type(e.properties, e.additionalProperties, f'{what} "{e.name}"'),
            description=e.description,
            version=e.version,
            deprecated=e.deprecated,
            category=e.category if isinstance(e, m.View) else None,
            location=e.loc,
        )

    def traits(self, t: m.Traits, kind: ir.CallKind) -> ir.Event:
        return ir.Event(
            kind=kind,
            name=kind.value,
            properties=self.object_type(t.traits, t.additionalProperties, f"{kind.value} traits"),
            description=t.description,
            location=t.loc,
        )


def _flatten(members: tuple[ir.Type, ...]) -> ir.Type:
    if len(members) == 1 and not isinstance(members[0], ir.UnionType):
        # Nothing to merge. (Hashing is not free: an IR type hashes its whole subtree,
        # and every level of an object nested 150 deep came here.)
        return members[0]
    flat: list[ir.Type] = []
    seen: set[ir.Type] = set()
    unhashable: list[ir.Type] = []  # types holding a JSON object or list (an enum of them)
    for member in members:
        for t in member.members if isinstance(member, ir.UnionType) else (member,):
            try:
                if t in seen:
                    continue
                seen.add(t)
            except TypeError:
                if t in unhashable:
                    continue
                unhashable.append(t)
            flat.append(t)
    return flat[0] if len(flat) == 1 else ir.UnionType(tuple(flat))


def lower(plan: m.Plan, source: str, pins: dict[str, int] | None = None) -> tuple[ir.Plan, list[Diagnostic]]:
    """Turn the plan model into the IR; errors are returned, not raised.

    ``pins`` selects a version per event name; other events get their newest version.
    """
    lowering = _Lowering(source, plan.defs)
    result = lowering.plan(plan, pins or {})
    return result, lowering.diagnostics


