"""What the rules look at: the plan's entities (events, pages, screens, traits) and
every property of them, at any depth, with where each was written."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from ..diagnostics import Location
from ..plan.model import Event, Plan, Schema, Traits, View

Kind = Literal["event", "page", "screen", "identify", "group", "defs"]


@dataclass(frozen=True, slots=True, eq=False)
class Entity:
    """An event, page, screen or traits block (compared by identity)."""

    kind: Kind
    name: str
    """The event or view name; "identify", "group" or "$defs" for the others."""
    node: Event | View | Traits | None
    loc: Location | None
    index: int
    """Position among the entities of its kind, in file order."""

    @property
    def properties(self) -> dict[str, Schema]:
        node = self.node
        if isinstance(node, Traits):
            return node.traits
        return node.properties if node is not None else {}

    @property
    def ignored(self) -> frozenset[str]:
        node = self.node
        lint = node.lint if node is not None else None
        return frozenset(lint.ignore) if lint is not None else frozenset()

    @property
    def label(self) -> str:
        if self.kind in ("event", "page", "screen"):
            return f'{self.kind} "{self.name}"'
        return "$defs" if self.kind == "defs" else f"{self.kind} traits"


@dataclass(frozen=True, slots=True)
class Prop:
    """A property (or trait) at some depth: ``path`` names it from its entity."""

    entity: Entity
    path: tuple[str, ...]
    schema: Schema
    container: tuple[str, ...] = field(default=())
    """The path of the object it belongs to; siblings share it."""

    @property
    def name(self) -> str:
        return self.path[-1]

    @property
    def loc(self) -> Location | None:
        return self.schema.loc

    @property
    def dotted(self) -> str:
        return ".".join(self.path).replace(".[]", "[]")

    @property
    def top(self) -> bool:
        return len(self.path) == 1


def entities(plan: Plan) -> list[Entity]:
    out: list[Entity] = [Entity("event", e.name, e, e.loc, i) for i, e in enumerate(plan.events)]
    out += [Entity("page", v.name, v, v.loc, i) for i, v in enumerate(plan.pages)]
    out += [Entity("screen", v.name, v, v.loc, i) for i, v in enumerate(plan.screens)]
    if plan.identify is not None:
        out.append(Entity("identify", "identify", plan.identify, plan.identify.loc, 0))
    if plan.group is not None:
        out.append(Entity("group", "group", plan.group, plan.group.loc, 0))
    return out


def events(plan: Plan) -> list[Entity]:
    return [e for e in entities(plan) if e.kind == "event"]


def first_of_each_name(items: list[Entity]) -> list[Entity]:
    """One entity per name: an event with several versions is named once."""
    seen: dict[str, Entity] = {}
    for e in items:
        seen.setdefault(e.name, e)
    return list(seen.values())


def _schema_props(entity: Entity, schema: Schema, path: tuple[str, ...]) -> Iterator[Prop]:
    """The properties under ``schema``, parents before children, in file order. A stack
    of work, not nested generators: through those, each property passed every level
    above it (quadratic in depth)."""
    stack: list[Prop | tuple[Schema, tuple[str, ...]]] = [(schema, path)]
    while stack:
        work = stack.pop()
        if isinstance(work, Prop):
            yield work
            continue
        schema, path = work
        todo: list[Prop | tuple[Schema, tuple[str, ...]]] = []
        for name, sub in (schema.properties or {}).items():
            todo += [Prop(entity, (*path, name), sub, path), (sub, (*path, name))]
        if schema.items is not None:
            todo.append((schema.items, (*path, "[]")))
        todo += [(member, path) for member in (schema.anyOf or []) + (schema.oneOf or [])]
        stack += reversed(todo)


def props(entity: Entity) -> Iterator[Prop]:
    """Every property of an entity, parents before children, in file order."""
    for name, schema in entity.properties.items():
        yield Prop(entity, (name,), schema, ())
        yield from _schema_props(entity, schema, (name,))


def def_props(plan: Plan) -> Iterator[Prop]:
    """The properties inside shared definitions; a definition's own name is not a wire name."""
    holder = Entity("defs", "$defs", None, None, 0)
    for def_name, schema in plan.defs.items():
        for prop in _schema_props(holder, schema, (def_name,)):
            yield Prop(holder, prop.path[1:], prop.schema, prop.container[1:])


def all_props(plan: Plan) -> Iterator[Prop]:
    for entity in entities(plan):
        yield from props(entity)
    yield from def_props(plan)


def json_types(schema: Schema, defs: dict[str, Schema], seen: frozenset[str] = frozenset()) -> frozenset[str] | None:
    """The JSON types a schema allows, without null; None when it does not say."""
    if schema.ref is not None:
        name = schema.ref.rsplit("/", 1)[-1]
        target = defs.get(name)
        if target is None or name in seen:
            return None
        return json_types(target, defs, seen | {name})
    members = (schema.anyOf or []) + (schema.oneOf or [])
    if members:
        found: set[str] = set()
        for member in members:
            sub = json_types(member, defs, seen)
            if sub is None:
                return None
            found |= sub
        return frozenset(found)
    return _leaf_types(schema)


def _leaf_types(schema: Schema) -> frozenset[str] | None:
    """The types of a schema that is neither a $ref nor a union of members."""
    if schema.type is not None:
        names = [schema.type] if isinstance(schema.type, str) else list(schema.type)
        return frozenset(n for n in names if n != "null")
    values = schema.enum if schema.enum is not None else ([schema.const] if schema.const is not None else None)
    if values is not None:
        return frozenset(_type_of(v) for v in values if v is not None)
    if schema.properties is not None:
        return frozenset({"object"})
    if schema.items is not None:
        return frozenset({"array"})
    return None


class TypeMemo:
    """``json_types`` of schemas, each schema worked out once for the whole lint.

    Thousands of properties may ``$ref`` one definition (an enum of 50,000 values, say):
    ``json_types`` walks it again for each of them; this walks it once. The answer is the
    same: ``json_types`` gives None as soon as anything reachable says nothing, names a
    missing definition or comes back to a ``$ref`` already followed (a cycle), and the
    union of what the rest allow otherwise, so it depends on the schema alone, not on
    the path it was reached by.
    """

    def __init__(self, defs: dict[str, Schema]) -> None:
        self._defs = defs
        self._memo: dict[int, frozenset[str] | None | object] = {}
        self._held: list[Schema] = []  # keeps every key's object alive, so no id is reused

    def __call__(self, schema: Schema) -> frozenset[str] | None:
        key = id(schema)
        found = self._memo.get(key, _MISSING)
        if found is _BUSY:
            return None  # back to a schema being worked out: a cycle of $refs
        if found is not _MISSING:
            return found  # type: ignore[return-value]
        self._memo[key] = _BUSY
        self._held.append(schema)
        # One frame per level, as json_types: as deep a schema as it takes.
        result: frozenset[str] | None
        if schema.ref is not None:
            target = self._defs.get(schema.ref.rsplit("/", 1)[-1])
            result = None if target is None else self(target)
        elif schema.anyOf or schema.oneOf:
            result = None  # unless every member says
            union: set[str] = set()
            for member in (schema.anyOf or []) + (schema.oneOf or []):
                sub = self(member)
                if sub is None:
                    break
                union |= sub
            else:
                result = frozenset(union)
        else:
            result = _leaf_types(schema)
        self._memo[key] = result
        return result


_MISSING, _BUSY = object(), object()


def _type_of(value: object) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string"


def resolve(schema: Schema, defs: dict[str, Schema]) -> Schema:
    """Follow ``$ref`` to the definition (once per name)."""
    seen: set[str] = set()
    while schema.ref is not None:
        name = schema.ref.rsplit("/", 1)[-1]
        if name in seen or name not in defs:
            break
        seen.add(name)
        schema = defs[name]
    return schema
