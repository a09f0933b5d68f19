"""The intermediate representation: what a plan means, with raw wire names only.

Frozen and language-neutral: no identifiers, no type strings. Every target reads
this and nothing else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Union

from .diagnostics import Location

JsonScalar = Union[str, int, float, bool, None]


@dataclass(frozen=True, slots=True)
class Constraints:
    """Validation keywords the types cannot express, carried for docs and runtime checks."""

    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: float | None = None
    exclusive_maximum: float | None = None
    multiple_of: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    min_items: int | None = None
    max_items: int | None = None
    unique_items: bool | None = None

    def is_empty(self) -> bool:
        return self == _NO_CONSTRAINTS

    def as_json_schema(self) -> dict[str, Any]:
        """The keywords set, under their JSON Schema names (whole numbers as integers):
        what the run-time rule tables and the payload schemas both carry."""
        out: dict[str, Any] = {}
        for attr, key in _JSON_SCHEMA_KEYS:
            value = getattr(self, attr)
            if value is not None and value is not False:
                out[key] = int(value) if isinstance(value, float) and value.is_integer() else value
        return out


_NO_CONSTRAINTS = Constraints()
_JSON_SCHEMA_KEYS = (
    ("pattern", "pattern"),
    ("minimum", "minimum"),
    ("maximum", "maximum"),
    ("exclusive_minimum", "exclusiveMinimum"),
    ("exclusive_maximum", "exclusiveMaximum"),
    ("multiple_of", "multipleOf"),
    ("min_length", "minLength"),
    ("max_length", "maxLength"),
    ("min_items", "minItems"),
    ("max_items", "maxItems"),
    ("unique_items", "uniqueItems"),
)


@dataclass(frozen=True, slots=True)
class StringType:
    format: str | None = None
    constraints: Constraints = _NO_CONSTRAINTS


@dataclass(frozen=True, slots=True)
class IntegerType:
    constraints: Constraints = _NO_CONSTRAINTS


@dataclass(frozen=True, slots=True)
class NumberType:
    constraints: Constraints = _NO_CONSTRAINTS


@dataclass(frozen=True, slots=True)
class BooleanType:
    pass


@dataclass(frozen=True, slots=True)
class NullType:
    pass


@dataclass(frozen=True, slots=True)
class AnyType:
    """Any JSON value (a property with no type)."""


@dataclass(frozen=True, slots=True)
class EnumType:
    """A closed set of JSON scalars (``enum`` or ``const``), in plan order."""

    values: tuple[JsonScalar, ...]


@dataclass(frozen=True, slots=True)
class ArrayType:
    items: Type
    constraints: Constraints = _NO_CONSTRAINTS


@dataclass(frozen=True, slots=True)
class ObjectType:
    """An object; closed (no other keys) unless ``additional`` is true."""

    properties: tuple[Property, ...] = ()
    additional: bool = False


@dataclass(frozen=True, slots=True)
class UnionType:
    """Any of ``members`` (``type`` lists, ``anyOf``/``oneOf``, nullable)."""

    members: tuple[Type, ...]


@dataclass(frozen=True, slots=True)
class RefType:
    """A shared definition of the plan (``$ref: "#/$defs/NAME"``), by name."""

    name: str


Type = Union[
    StringType,
    IntegerType,
    NumberType,
    BooleanType,
    NullType,
    AnyType,
    EnumType,
    ArrayType,
    ObjectType,
    UnionType,
    RefType,
]


@dataclass(frozen=True, slots=True)
class Property:
    name: str
    type: Type
    required: bool
    description: str | None = None
    examples: tuple[object, ...] = ()
    deprecated: bool = False
    location: Location | None = field(default=None, compare=False)


class CallKind(enum.StrEnum):
    TRACK = "track"
    IDENTIFY = "identify"
    GROUP = "group"
    PAGE = "page"
    SCREEN = "screen"


@dataclass(frozen=True, slots=True)
class Event:
    """A call the plan describes: a named track event, or the identify/group traits."""

    kind: CallKind
    name: str
    """The wire name: the track event's name, the page's or screen's name."""
    properties: ObjectType
    """The event's properties, or the identify/group traits."""
    description: str | None = None
    version: int = 1
    deprecated: bool = False
    category: str | None = None
    """The category of a page or screen."""
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Plan:
    name: str
    source: str
    """The plan file's name as the user gave it (shown in generated headers)."""
    description: str | None = None
    events: tuple[Event, ...] = ()
    identify: Event | None = None
    group: Event | None = None
    pages: tuple[Event, ...] = ()
    screens: tuple[Event, ...] = ()
    definitions: tuple[tuple[str, Type], ...] = ()
    """Shared definitions (``$defs``) by name, in plan order."""

    @property
    def calls(self) -> tuple[Event, ...]:
        """Every call the plan describes: track events, identify, group, pages, screens."""
        single = tuple(e for e in (self.identify, self.group) if e is not None)
        return (*self.events, *single, *self.pages, *self.screens)

    def definition(self, name: str) -> Type:
        for key, value in self.definitions:
            if key == name:
                return value
        raise KeyError(name)


def is_nullable(t: Type) -> bool:
    if isinstance(t, NullType):
        return True
    if isinstance(t, EnumType):
        return None in t.values
    if isinstance(t, UnionType):
        return any(is_nullable(m) for m in t.members)
    return isinstance(t, AnyType)


def format_of(t: Type) -> str | None:
    return t.format if isinstance(t, StringType) else None
