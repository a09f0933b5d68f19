"""The native plan file as written (not yet what it means), in plain classes.

Every node keeps where it was written (``loc``): the key that names it when it is a
value of a mapping (a property's name), else the start of the node. The fields are
those of the pydantic models of ``plan.spec``, which say what a plan may hold;
``plan.fast`` fills these classes from data those models accept (and hands the rest
to them), so reading a plan needs neither pydantic nor its models.

A node holds the fields its mapping gave (``fields_set``); the others read as the
class's defaults. Nodes are read-only: the lint, the lowering and the targets only
read them, and an empty default (``{}``, ``[]``) is shared by every node.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal, TypeVar, Union

from ..diagnostics import Location

JsonScalar = Union[str, int, float, bool, None]
TypeName = Literal["string", "integer", "number", "boolean", "null", "array", "object"]

N = TypeVar("N", bound="Node")


class Node:
    #: The fields, each with the key a file writes it under.
    FIELDS: ClassVar[dict[str, str]] = {"loc": "\0loc"}

    loc: Location | None = None

    @property
    def fields_set(self) -> set[str]:
        """The fields given, not defaulted (pydantic's ``model_fields_set``)."""
        return set(self.__dict__)

    def replace(self: N, **changes: Any) -> N:
        """A copy with ``changes`` (pydantic's ``model_copy(update=...)``)."""
        new = object.__new__(type(self))
        new.__dict__ = {**self.__dict__, **changes}
        return new

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and all(getattr(self, f) == getattr(other, f) for f in self.FIELDS)

    __hash__ = None  # type: ignore[assignment]  # equal by value, and mutable parts: as pydantic's

    def __repr__(self) -> str:
        shown = ", ".join(f"{k}={v!r}" for k, v in self.__dict__.items() if k not in ("loc", "value_locs"))
        return f"{type(self).__name__}({shown})"


def _fields(*names: str, **aliased: str) -> dict[str, str]:
    return {"loc": "\0loc", **{name: name for name in names}, **aliased}


class Schema(Node):
    """A property's schema: JSON Schema, plus ``required`` and ``nullable`` on the property."""

    FIELDS = _fields(
        "type", "enum", "const", "format", "pattern", "minimum", "maximum", "exclusiveMinimum",
        "exclusiveMaximum", "multipleOf", "minLength", "maxLength", "minItems", "maxItems", "uniqueItems",
        "items", "properties", "additionalProperties", "anyOf", "oneOf", "title", "description",
        "examples", "default", "deprecated", "required", "nullable", ref="$ref", value_locs="\0values",
    )

    type: TypeName | list[TypeName] | None = None
    enum: list[JsonScalar] | None = None
    const: JsonScalar = None
    format: str | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusiveMinimum: float | None = None
    exclusiveMaximum: float | None = None
    multipleOf: float | None = None
    minLength: int | None = None
    maxLength: int | None = None
    minItems: int | None = None
    maxItems: int | None = None
    uniqueItems: bool | None = None
    items: Schema | None = None
    properties: dict[str, Schema] | None = None
    additionalProperties: bool | None = None
    ref: str | None = None
    anyOf: list[Schema] | None = None
    oneOf: list[Schema] | None = None
    title: str | None = None
    description: str | None = None
    examples: list[Any] | None = None
    default: Any = None
    deprecated: bool = False
    required: bool = False
    nullable: bool = False
    #: Where each value of ``enum`` (or ``const``) was written, for messages about one.
    value_locs: tuple[Location, ...] | None = None


class Lint(Node):
    """Per-entity lint exceptions, with the reason they are accepted."""

    FIELDS = _fields("ignore", "reason")

    ignore: list[str] = []
    reason: str | None = None


class Event(Node):
    FIELDS = _fields(
        "name", "description", "version", "properties", "additionalProperties", "deprecated", "owner",
        "metadata", "lint",
    )

    name: str
    description: str | None = None
    version: int = 1
    properties: dict[str, Schema] = {}
    additionalProperties: bool = False
    deprecated: bool = False
    owner: str | None = None
    metadata: dict[str, Any] = {}
    lint: Lint | None = None


class Traits(Node):
    """The traits of identify or group calls."""

    FIELDS = _fields("description", "traits", "additionalProperties", "metadata", "lint")

    description: str | None = None
    traits: dict[str, Schema] = {}
    additionalProperties: bool = False
    metadata: dict[str, Any] = {}
    lint: Lint | None = None


class View(Node):
    """A named page (web) or screen (mobile) and its properties."""

    FIELDS = _fields(
        "name", "category", "description", "version", "properties", "additionalProperties", "deprecated",
        "owner", "metadata", "lint",
    )

    name: str
    category: str | None = None
    description: str | None = None
    version: int = 1
    properties: dict[str, Schema] = {}
    additionalProperties: bool = False
    deprecated: bool = False
    owner: str | None = None
    metadata: dict[str, Any] = {}
    lint: Lint | None = None


class Plan(Node):
    FIELDS = _fields(
        "trackgen", "name", "description", "events", "identify", "group", "pages", "screens", defs="$defs"
    )

    trackgen: Literal[1] = 1
    name: str
    description: str | None = None
    events: list[Event] = []
    identify: Traits | None = None
    group: Traits | None = None
    pages: list[View] = []
    screens: list[View] = []
    defs: dict[str, Schema] = {}
