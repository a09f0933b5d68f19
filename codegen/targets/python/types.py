"""Map IR types to Python type expressions, naming enums and objects by their path."""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import ir
from ...typepaths import DEFS, Path, union_members
from .escape import py_literal, py_str


@dataclass(frozen=True)
class Field:
    key: str  # a Python string literal of the wire name
    annotation: str


@dataclass(frozen=True)
class TypeDecl:
    """A module-level declaration: a ``Literal`` alias or a ``TypedDict``."""

    name: str
    kind: str  # "enum" (an alias with its values), "alias" or "typeddict"
    expr: str = ""
    values_name: str = ""
    values: tuple[str, ...] = ()
    fields: tuple[Field, ...] = ()
    doc: tuple[str, ...] = ()


@dataclass
class TypeMapper:
    """Builds type expressions; collects the declarations they refer to, children first.

    ``names`` holds every declared type of the package by key (see typepaths); paths
    given to ``expr`` are relative to ``owner``. Shared definitions are referred to
    as ``ref_prefix + name``.
    """

    names: dict[tuple[str, ...], str]
    constants: dict[str, str]
    owner: tuple[str, ...]
    ref_prefix: str = "_d."
    plan: ir.Plan | None = None
    decls: list[TypeDecl] = field(default_factory=list)
    refs: set[str] = field(default_factory=set)
    uses: set[str] = field(default_factory=set)
    """The modules the expressions refer to, by alias (``_dt``, ``_rt``)."""

    def name(self, path: Path) -> str:
        return self.names[(*self.owner, *path)]

    def expr(self, t: ir.Type, path: Path) -> str:
        if isinstance(t, ir.StringType):
            if t.format in ("date-time", "date"):
                self.uses.add("_dt")
                return "_dt.datetime | str" if t.format == "date-time" else "_dt.date | str"
            return "str"
        if isinstance(t, ir.RefType):
            name = self.names[(DEFS, t.name)]
            self.refs.add(name)
            return self.ref_prefix + name
        if isinstance(t, ir.IntegerType):
            return "int"
        if isinstance(t, ir.NumberType):
            return "float"
        if isinstance(t, ir.BooleanType):
            return "bool"
        if isinstance(t, ir.NullType):
            return "None"
        if isinstance(t, ir.AnyType):
            self.uses.add("_rt")
            return "_rt.JsonValue"
        if isinstance(t, ir.EnumType):
            return self._enum(t, path)
        if isinstance(t, ir.ArrayType):
            items = self.expr(t.items, (*path, "[]"))
            if items == "str" or (isinstance(t.items, ir.RefType) and self._is_plain_string(t.items)):
                # A str is itself a Sequence[str]: name the containers, so "red" is rejected.
                return f"list[{items}] | tuple[{items}, ...]"
            return f"_t.Sequence[{items}]"
        if isinstance(t, ir.ObjectType):
            if not t.properties:
                # Closed and empty: only {} (as TypeScript's Record<string, never>).
                self.uses.add("_rt")
                return "_t.Mapping[str, _rt.JsonValue]" if t.additional else "_rt.EmptyObject"
            return self._typeddict(t, path)
        assert isinstance(t, ir.UnionType)
        if any(self._takes_any(m) for m in t.members):
            # Any JSON value is all the union takes; and ``_rt.JsonValue | int`` is a
            # TypeError where Python evaluates it (defs.py, TypedDict fields): JsonValue
            # is a string at run time, a recursive alias.
            self.uses.add("_rt")
            return "_rt.JsonValue"
        # A definition that is null is None where Python evaluates the union (defs.py,
        # TypedDict fields), and ``None | None`` is a TypeError: write it as None.
        parts = [
            "None" if isinstance(self._target(m), ir.NullType) else self.expr(m, sub) for m, sub in union_members(t, path)
        ]
        # None goes last, as people write it.
        parts = [p for p in dict.fromkeys(parts) if p != "None"] + (["None"] if "None" in parts else [])
        return " | ".join(parts)

    def _takes_any(self, t: ir.Type) -> bool:
        """Whether ``t`` is any JSON value, also through definitions."""
        return isinstance(self._target(t), ir.AnyType)

    def _target(self, t: ir.Type) -> ir.Type:
        """``t`` through the definitions it names (a chain of them ends: lowering
        rejects cycles)."""
        seen: set[str] = set()
        while isinstance(t, ir.RefType) and self.plan is not None and t.name not in seen:
            seen.add(t.name)
            t = self.plan.definition(t.name)
        return t

    def _is_plain_string(self, t: ir.RefType) -> bool:
        target = self.plan.definition(t.name) if self.plan is not None else None
        return isinstance(target, ir.StringType) and target.format not in ("date-time", "date")

    def definition(self, t: ir.Type) -> None:
        """Declare a shared definition (``owner`` is its key): enums and objects under
        their own name, anything else as an alias."""
        if isinstance(t, ir.EnumType) or (isinstance(t, ir.ObjectType) and t.properties):
            self.expr(t, ())
        else:
            self.decls.append(TypeDecl(name=self.name(()), kind="alias", expr=self.expr(t, ())))

    def _enum(self, t: ir.EnumType, path: Path) -> str:
        name = self.name(path)
        literal = [v for v in t.values if not (isinstance(v, float) and not v.is_integer())]
        floats = [v for v in t.values if isinstance(v, float) and not v.is_integer()]
        parts = []
        if len(literal) == 1:
            parts.append(f"_t.Literal[{py_literal(literal[0])}]")
        elif literal:
            # One value a line with a trailing comma: the layout black keeps.
            parts.append("_t.Literal[\n" + "".join(f"    {py_literal(v)},\n" for v in literal) + "]")
        if floats:
            parts.append("float")  # Literal cannot hold floats; the values are checked at run time
        self.decls.append(
            TypeDecl(
                name=name,
                kind="enum",
                expr=" | ".join(parts),
                values_name=self.constants[name],
                values=tuple(py_literal(v) for v in t.values),
            )
        )
        return name

    def _typeddict(self, t: ir.ObjectType, path: Path) -> str:
        name = self.name(path)
        fields = []
        for p in t.properties:
            annotation = self.expr(p.type, (*path, p.name))
            if not p.required:
                annotation = f"_t.NotRequired[{annotation}]"
            fields.append(Field(py_str(p.name), annotation))
        self.decls.append(TypeDecl(name=name, kind="typeddict", fields=tuple(fields)))
        return name
