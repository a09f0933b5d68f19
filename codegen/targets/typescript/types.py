"""Map IR types to TypeScript type expressions, naming enums and objects by path."""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import ir
from ...docs import property_doc
from ...typepaths import DEFS, Path, union_members
from .escape import ts_key, ts_literal


#: How many ``key?: never`` a union may spell out in its members before it is written
#: with ``ExclusiveUnion`` (the never-keys of n members grow as n squared).
SPELLED_NEVER_KEYS = 64


@dataclass(frozen=True)
class Member:
    key: str  # the wire name as an interface key (quoted when needed)
    type: str
    optional: bool
    description: str
    deprecated: bool


@dataclass(frozen=True)
class TypeDecl:
    """An exported declaration: a string-literal union (with its values) or an interface."""

    name: str
    kind: str  # "enum" (a union with its values), "alias" or "interface"
    expr: str = ""
    values_name: str = ""
    values: tuple[str, ...] = ()
    members: tuple[Member, ...] = ()


@dataclass
class TypeMapper:
    """Builds type expressions and collects the declarations they need, children first.

    ``names`` holds every declared type of the output by key (see typepaths); paths
    given to ``expr`` are relative to ``owner``.
    """

    names: dict[tuple[str, ...], str]
    constant: dict[str, str]
    owner: tuple[str, ...]
    definitions: dict[str, ir.Type] = field(default_factory=dict)
    """The plan's shared definitions, to see through a ``$ref`` to an object's keys."""
    decls: list[TypeDecl] = field(default_factory=list)
    refs: set[str] = field(default_factory=set)
    """The definitions the expressions use (imported from defs.ts)."""
    uses: set[str] = field(default_factory=set)
    """The client module's types the expressions use (imported from client.ts)."""

    def name(self, path: Path) -> str:
        return self.names[(*self.owner, *path)]

    def definition(self, t: ir.Type) -> None:
        """Declare a shared definition (``owner`` is its key)."""
        if isinstance(t, ir.EnumType) or (isinstance(t, ir.ObjectType) and t.properties):
            self.expr(t, ())
        else:
            self.decls.append(TypeDecl(self.name(()), "alias", expr=self.expr(t, ())))

    def expr(self, t: ir.Type, path: Path) -> str:
        if isinstance(t, ir.StringType):
            if t.format in ("date-time", "date"):
                return "Date | string" if t.format == "date-time" else "string"
            return "string"
        if isinstance(t, ir.RefType):
            name = self.names[(DEFS, t.name)]
            self.refs.add(name)
            return name
        if isinstance(t, (ir.IntegerType, ir.NumberType)):
            return "number"
        if isinstance(t, ir.BooleanType):
            return "boolean"
        if isinstance(t, ir.NullType):
            return "null"
        if isinstance(t, ir.AnyType):
            self.uses.add("JsonValue")
            return "JsonValue"
        if isinstance(t, ir.EnumType):
            name = self.name(path)
            values = tuple(ts_literal(v) for v in t.values)
            self.decls.append(
                TypeDecl(name, "enum", expr=" | ".join(values), values_name=self.constant[name], values=values)
            )
            return name
        if isinstance(t, ir.ArrayType):
            return f"ReadonlyArray<{self.expr(t.items, (*path, '[]'))}>"
        if isinstance(t, ir.ObjectType):
            if not t.properties:
                if not t.additional:
                    return "Record<string, never>"
                self.uses.add("JsonValue")
                return "{ readonly [key: string]: JsonValue }"
            return self.interface(self.name(path), t, path)
        assert isinstance(t, ir.UnionType)
        members = union_members(t, path)
        keys = [self._keys(m) for m, _ in members]
        everything = {k for own in keys if own is not None for k in own}
        # An object member is exclusive: TypeScript's excess-property check accepts a
        # literal whose keys each belong to *some* member ({email, phone} against
        # {email} | {phone}); keys of the other members typed `never` refuse it. Listed
        # in each member while that stays short; past it, the client's ExclusiveUnion
        # says the same in a text that grows with the members, not their square.
        # (Each member's keys are among ``everything``: its others are the difference.)
        spelled = sum(len(everything) - len(own) for own in keys if own is not None) <= SPELLED_NEVER_KEYS
        parts, objects = [], []
        for (m, sub), own in zip(members, keys):
            part = self.expr(m, sub)
            if own is not None and len(own) < len(everything):
                if not spelled:
                    objects.append(part)
                    continue
                others = sorted(everything - own)
                part = f"({part} & {{ " + "; ".join(f"readonly {ts_key(k)}?: never" for k in others) + " })"
            parts.append(part)
        if objects:
            self.uses.add("ExclusiveUnion")
            parts.insert(0, f"ExclusiveUnion<{' | '.join(dict.fromkeys(objects))}>")
        parts = list(dict.fromkeys(parts))
        parts = [p for p in parts if p != "null"] + (["null"] if "null" in parts else [])
        return " | ".join(parts)

    def _keys(self, t: ir.Type) -> set[str] | None:
        """The property names of an object type with properties (through a ``$ref``)."""
        if isinstance(t, ir.RefType):
            t = self.definitions.get(t.name, t)
        return {p.name for p in t.properties} if isinstance(t, ir.ObjectType) and t.properties else None

    def interface(self, name: str, t: ir.ObjectType, path: Path) -> str:
        members = tuple(
            Member(
                key=ts_key(p.name),
                type=self.expr(p.type, (*path, p.name)),
                optional=not p.required,
                description=property_doc(p),
                deprecated=p.deprecated,
            )
            for p in t.properties
        )
        self.decls.append(TypeDecl(name, "interface", members=members))
        return name
