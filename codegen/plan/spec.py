"""The native plan file as pydantic models: the authority on what a plan may hold.

Every node keeps where it was written (``loc``): the key that names it when it is a
value of a mapping (a property's name), else the start of the node. Keys follow the
file: JSON Schema's own spelling for schema keywords, so schemas can be pasted in.

A build does not import this module unless its plan has a problem: ``plan.fast``
fills the plain classes of ``plan.model`` (the same fields) from data these models
accept, and hands anything else to them. Their errors are the plan's messages
(``plan.load``), and ``trackgen schema`` exports their JSON Schema.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic.json_schema import SkipJsonSchema

from ..diagnostics import Location
from . import model
from ..source_nodes import HIDDEN, Map, Seq

JsonScalar = Union[str, int, float, bool, None]
TypeName = Literal["string", "integer", "number", "boolean", "null", "array", "object"]

#: Keys the model adds to the data it validates (no file can write a NUL character).
LOC_KEY = HIDDEN + "loc"
VALUES_KEY = HIDDEN + "values"


class Node(BaseModel):
    # Strict: "yes" is not a boolean nor "5" a number (the YAML says what it means).
    model_config = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True, strict=True, arbitrary_types_allowed=True
    )

    loc: SkipJsonSchema[Location | None] = Field(default=None, alias="\0loc", exclude=True, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _take_location(cls, data: Any) -> Any:
        if type(data) is Map:
            # Set in place (no copy: plans can hold tens of thousands of nodes); the
            # key cannot come from a file, it starts with a NUL character.
            data[LOC_KEY] = data.name_loc or data.loc
        return data


class Schema(Node):
    """A property's schema: JSON Schema, plus ``required`` and ``nullable`` on the property."""

    type: TypeName | list[TypeName] | None = None
    enum: list[JsonScalar] | None = None
    const: JsonScalar = None
    format: str | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusiveMinimum: float | None = None
    exclusiveMaximum: float | None = None
    multipleOf: float | None = Field(default=None, gt=0)
    minLength: int | None = Field(default=None, ge=0)
    maxLength: int | None = Field(default=None, ge=0)
    minItems: int | None = Field(default=None, ge=0)
    maxItems: int | None = Field(default=None, ge=0)
    uniqueItems: bool | None = None
    items: Schema | None = None
    properties: dict[str, Schema] | None = None
    additionalProperties: bool | None = None
    ref: str | None = Field(default=None, alias="$ref", description="A shared definition: #/$defs/NAME.")
    anyOf: list[Schema] | None = None
    oneOf: list[Schema] | None = None
    title: str | None = None
    description: str | None = None
    examples: list[Any] | None = None
    default: Any = None
    deprecated: bool = False
    required: bool = Field(default=False, description="Whether the property must be sent.")
    nullable: bool = Field(default=False, description="Whether the property may be null.")
    value_locs: SkipJsonSchema[tuple[Location, ...] | None] = Field(
        default=None, alias="\0values", exclude=True, repr=False
    )
    """Where each value of ``enum`` (or ``const``) was written, for messages about one."""

    @model_validator(mode="before")
    @classmethod
    def _take_value_locations(cls, data: Any) -> Any:
        if type(data) is Map:
            enum = data.get("enum")
            if type(enum) is Seq:
                data[VALUES_KEY] = tuple(enum.item_loc(i) for i in range(len(enum)))
            elif "const" in data:
                data[VALUES_KEY] = (data.value_loc("const"),)
        return data


class Lint(Node):
    """Per-entity lint exceptions, with the reason they are accepted."""

    ignore: list[str] = Field(default_factory=list)
    reason: str | None = None


class Event(Node):
    name: str = Field(min_length=1)
    description: str | None = None
    version: int = Field(default=1, ge=1)
    properties: dict[str, Schema] = Field(default_factory=dict)
    additionalProperties: bool = False
    deprecated: bool = False
    owner: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    lint: Lint | None = None


class Traits(Node):
    """The traits of identify or group calls."""

    description: str | None = None
    traits: dict[str, Schema] = Field(default_factory=dict)
    additionalProperties: bool = False
    metadata: dict[str, Any] = Field(default_factory=dict)
    lint: Lint | None = None


class View(Node):
    """A named page (web) or screen (mobile) and its properties."""

    name: str = Field(min_length=1)
    category: str | None = None
    description: str | None = None
    version: int = Field(default=1, ge=1)
    properties: dict[str, Schema] = Field(default_factory=dict)
    additionalProperties: bool = False
    deprecated: bool = False
    owner: str | None = None
    metadata: dict[str, Any] = Field(default_factory=dict)
    lint: Lint | None = None


class Plan(Node):
    trackgen: Annotated[Literal[1], Field(description="Version of the plan format.")] = 1
    name: str = Field(min_length=1)
    description: str | None = None
    events: list[Event] = Field(default_factory=list)
    identify: Traits | None = None
    group: Traits | None = None
    pages: list[View] = Field(default_factory=list)
    screens: list[View] = Field(default_factory=list)
    defs: dict[str, Schema] = Field(default_factory=dict, alias="$defs")


def plain(node: Any) -> Any:
    """The ``plan.model`` object of a validated model (and of lists and dicts of them):
    the fields it was given, each made plain."""
    if isinstance(node, Node):
        out = object.__new__(getattr(model, type(node).__name__))
        out.__dict__ = {name: plain(getattr(node, name)) for name in node.model_fields_set}
        return out
    if type(node) is list:
        return [plain(item) for item in node]
    if type(node) is dict:
        return {key: plain(value) for key, value in node.items()}
    return node
