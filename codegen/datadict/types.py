"""Types as a reader of the data dictionary reads them, and a property's rows.

``describe`` turns an IR type into ``Piece``s: plain words (``array of``), values in
code (``free``), links to a definition (``product`` → ``#def-product``). Each output
format writes pieces its own way and escapes their text there. ``rows`` flattens a
property and what is nested in it (``address.city``, ``products[].sku``) into one row
each, with its constraints and examples as plain text.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .. import ir
from ..docs import constraint_notes

_NAMES = {
    ir.StringType: "string",
    ir.IntegerType: "integer",
    ir.NumberType: "number",
    ir.BooleanType: "boolean",
    ir.NullType: "null",
    ir.AnyType: "any JSON value",
}


@dataclass(frozen=True, slots=True)
class Piece:
    """Part of a type as written: ``kind`` is ``text``, ``value`` (a value, in code) or
    ``link`` (a definition; ``href`` is its anchor)."""

    text: str
    kind: str = "text"
    href: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    """One property, or one property nested in another (``depth`` > 0)."""

    path: str
    """The wire name, with the names of the properties it is nested in: ``products[].sku``."""
    name: str
    depth: int
    type: tuple[Piece, ...]
    required: bool
    description: str
    constraints: tuple[tuple[Piece, ...], ...]
    """Each note as pieces: ``Pattern: `^[a-z]+$```, ``Value at least 1.``"""
    examples: tuple[str, ...]
    deprecated: bool
    note: str = ""
    """Where the row applies, when that is not all of its parent: ``option 2 of payment``."""


Linker = Callable[[str], str]
"""The anchor of a definition, by name."""


def show_value(value: ir.JsonScalar) -> str:
    """An enum value as a reader knows it: strings as they are (quoted only when
    blank or padded), other values as JSON."""
    if isinstance(value, str) and value and value.strip() == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def _join(parts: list[tuple[Piece, ...]], word: str) -> tuple[Piece, ...]:
    out: list[Piece] = []
    for i, part in enumerate(parts):
        if i:
            out.append(Piece(word))
        out += part
    return tuple(out)


def _values(values: tuple[ir.JsonScalar, ...]) -> tuple[Piece, ...]:
    return _join([(Piece(show_value(v), "value"),) for v in values], " | ")


def _enum(t: ir.EnumType) -> tuple[Piece, ...]:
    present = [v for v in t.values if v is not None]
    kinds = {_scalar_name(v) for v in present}
    lead = kinds.pop() if len(kinds) == 1 else "value"
    if None in t.values:
        lead += " or null"
    if not present:
        return (Piece("null"),)
    word = ", always " if len(present) == 1 else ", one of "
    return (Piece(lead + word), *_values(tuple(present)))


def _scalar_name(value: ir.JsonScalar) -> str:
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    return "string"


def describe(t: ir.Type, link: Linker) -> tuple[Piece, ...]:
    """``string``, ``string, one of free | team``, ``array of product``, ``integer or null``."""
    if isinstance(t, ir.EnumType):
        return _enum(t)
    if isinstance(t, ir.RefType):
        return (Piece(t.name, "link", link(t.name)),)
    if isinstance(t, ir.ArrayType):
        if isinstance(t.items, ir.AnyType):
            return (Piece("array"),)
        if isinstance(t.items, ir.ObjectType) and t.items.properties:
            return (Piece("array of objects"),)
        return (Piece("array of "), *describe(t.items, link))
    if isinstance(t, ir.ObjectType):
        if not t.properties:
            return (Piece("object, any keys" if t.additional else "empty object"),)
        return (Piece("object, other keys allowed" if t.additional else "object"),)
    if isinstance(t, ir.UnionType):
        members = [m for m in t.members if not isinstance(m, ir.NullType)]
        if all(isinstance(m, ir.ObjectType) and m.properties for m in members):
            nullable = " or null" if len(members) < len(t.members) else ""
            return (Piece(f"object, one of {len(members)} shapes{nullable}"),)
        parts = [describe(m, link) for m in members]
        if len(members) < len(t.members):
            parts.append((Piece("null"),))
        return _join(parts, " or ")
    return (Piece(_NAMES[type(t)]),)


def constraints(t: ir.Type) -> tuple[tuple[Piece, ...], ...]:
    """Format, pattern, ranges and lengths; the items' own under ``Items:``. A
    pattern is a value (in code), the rest words."""
    notes = constraint_notes(t)
    if isinstance(t, ir.ArrayType):
        notes += ["Items: " + n for n in constraint_notes(t.items)]
    return tuple(_note(n) for n in notes)


def _note(note: str) -> tuple[Piece, ...]:
    for lead in ("Pattern: ", "Items: Pattern: "):
        if note.startswith(lead):
            return (Piece(lead), Piece(note[len(lead) :], "value"))
    return (Piece(note),)


def rows(prop: ir.Property, link: Linker, prefix: str = "", depth: int = 0, note: str = "") -> Iterator[Row]:
    """The property's row, then a row for each property nested in it."""
    path = prefix + prop.name
    yield Row(
        path=path,
        name=prop.name,
        depth=depth,
        type=describe(prop.type, link),
        required=prop.required,
        description=prop.description or "",
        constraints=constraints(prop.type),
        examples=tuple(json.dumps(e, ensure_ascii=False) for e in prop.examples),
        deprecated=prop.deprecated,
        note=note,
    )
    yield from nested(prop.type, link, path, depth + 1)


def nested(t: ir.Type, link: Linker, path: str, depth: int, note: str = "") -> Iterator[Row]:
    """Rows of the properties inside ``t`` (an object, an array's items, a union's
    members); definitions are linked, not repeated."""
    if isinstance(t, ir.ObjectType):
        for p in t.properties:
            yield from rows(p, link, f"{path}." if path else "", depth, note)
    elif isinstance(t, ir.ArrayType):
        yield from nested(t.items, link, f"{path}[]", depth, note)
    elif isinstance(t, ir.UnionType):
        objects = [m for m in t.members if isinstance(m, (ir.ObjectType, ir.ArrayType))]
        for i, member in enumerate(objects, 1):
            where = f"option {i} of {path}" if len(objects) > 1 else note
            yield from nested(member, link, path, depth, where)
