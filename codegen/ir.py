"""The intermediate representation: what a plan means, with raw wire names only.

Frozen and language-neutral: no identifiers, no type strings. Every target reads
this and nothing else.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Union

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


_NO_CONSTRAINTS = Constraints()


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


Type = Union[
    StringType, IntegerType, NumberType, BooleanType, NullType, AnyType, EnumType, ArrayType, ObjectType, UnionType
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


class CallKind(str, enum.Enum):
    TRACK = "track"
    IDENTIFY = "identify"
    GROUP = "group"


@dataclass(frozen=True, slots=True)
class Event:
    """A call the plan describes: a named track event, or the identify/group traits."""

    kind: CallKind
    name: str
    properties: ObjectType
    description: str | None = None
    version: int = 1
    deprecated: bool = False
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

    @property
    def track_events(self) -> tuple[Event, ...]:
        return self.events


def is_nullable(t: Type) -> bool:
    if isinstance(t, NullType):
        return True
    if isinstance(t, EnumType):
        return None in t.values
    if isinstance(t, UnionType):
        return any(is_nullable(m) for m in t.members)
    return isinstance(t, AnyType)
