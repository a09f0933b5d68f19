"""The plan model from located data, without pydantic, when the data is plainly valid.

``build(data)`` returns the ``plan.model.Plan`` that the pydantic models of
``plan.spec`` would make of ``data``, field for field, or ``None`` when it is not
sure they would accept it: an unknown or missing key, a value of another type or out
of range, plain dicts rather than the loader's ``Map`` s, a key spelled as a field's
Python name (``ref`` for ``$ref``). Then the caller asks the pydantic models, which
give the plan's messages (or accept what this module would not decide). Being
cautious only costs time; accepting what pydantic would reject, or making something
else of it, is a bug (``tests/test_plan_fast.py`` compares the two).

Types are strict, as the models are: ``"5"`` is not a number nor ``1`` a boolean; an
integer where a number goes is made a float, as pydantic does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..source_nodes import Map, Seq
from . import model as m


class _Invalid(Exception):
    """The data is not plainly valid: let the pydantic models decide."""


Check = Callable[[Any], Any]

_INVALID = _Invalid()
_TYPE_NAMES = frozenset({"string", "integer", "number", "boolean", "null", "array", "object"})
_SCALARS = (str, int, float, bool, type(None))


def build(data: Any) -> m.Plan | None:
    try:
        return _node(m.Plan, _PLAN, ("name",), data)
    except (_Invalid, RecursionError):
        return None


def _node(cls: type[m.N], keys: dict[str, tuple[str, Check]], required: tuple[str, ...], data: Any) -> m.N:
    if type(data) is not Map:
        raise _INVALID
    fields: dict[str, Any] = {"loc": data.name_loc or data.loc}
    for key, value in data.items():
        spec = keys.get(key)
        if spec is None:
            raise _INVALID
        fields[spec[0]] = spec[1](value)
    for name in required:
        if name not in fields:
            raise _INVALID
    node = object.__new__(cls)
    node.__dict__ = fields
    return node


# -- values ------------------------------------------------------------------------------


def _str(value: Any) -> str:
    if type(value) is str:
        return value
    raise _INVALID


def _name(value: Any) -> str:
    if type(value) is str and value:
        return value
    raise _INVALID


def _optional_str(value: Any) -> str | None:
    if value is None or type(value) is str:
        return value
    raise _INVALID


def _bool(value: Any) -> bool:
    if type(value) is bool:
        return value
    raise _INVALID


def _optional_bool(value: Any) -> bool | None:
    if value is None or type(value) is bool:
        return value
    raise _INVALID


def _optional_float(value: Any) -> float | None:
    kind = type(value)
    if kind is float:
        return value  # type: ignore[no-any-return]
    if kind is int:
        try:
            return float(value)
        except OverflowError:  # beyond a float
            raise _INVALID from None
    if value is None:
        return None
    raise _INVALID


def _positive(value: Any) -> float | None:
    number = _optional_float(value)
    if number is None or number > 0:
        return number
    raise _INVALID


def _count(value: Any) -> int | None:
    if value is None or (type(value) is int and value >= 0):
        return value
    raise _INVALID


def _version(value: Any) -> int:
    if type(value) is int and value >= 1:
        return value
    raise _INVALID


def _format_version(value: Any) -> int:
    if type(value) is int and value == 1:
        return value
    raise _INVALID


def _scalar(value: Any) -> Any:
    if type(value) in _SCALARS:
        return value
    raise _INVALID


def _any(value: Any) -> Any:
    return value


def _list(value: Any) -> list[Any]:
    if type(value) is Seq or type(value) is list:
        return value
    raise _INVALID


def _optional_list(value: Any) -> list[Any] | None:
    return None if value is None else list(_list(value))


def _scalars(value: Any) -> list[Any] | None:
    return None if value is None else [_scalar(item) for item in _list(value)]


def _strings(value: Any) -> list[str]:
    return [_str(item) for item in _list(value)]


def _type(value: Any) -> Any:
    if value is None or (type(value) is str and value in _TYPE_NAMES):
        return value
    items = _list(value)
    if all(type(item) is str and item in _TYPE_NAMES for item in items):
        return list(items)
    raise _INVALID


def _mapping(value: Any) -> Map:
    if type(value) is Map and all(type(key) is str for key in value):
        return value
    raise _INVALID


def _metadata(value: Any) -> dict[str, Any]:
    return dict(_mapping(value))


def _schema(value: Any) -> m.Schema:
    schema = _node(m.Schema, _SCHEMA, (), value)
    enum = value.get("enum")
    if type(enum) is Seq:
        schema.__dict__["value_locs"] = tuple(enum.item_loc(i) for i in range(len(enum)))
    elif "const" in value:
        schema.__dict__["value_locs"] = (value.value_loc("const"),)
    return schema


def _optional_schema(value: Any) -> m.Schema | None:
    return None if value is None else _schema(value)


def _schemas(value: Any) -> dict[str, m.Schema]:
    return {key: _schema(item) for key, item in _mapping(value).items()}


def _optional_schemas(value: Any) -> dict[str, m.Schema] | None:
    return None if value is None else _schemas(value)


def _schema_list(value: Any) -> list[m.Schema] | None:
    return None if value is None else [_schema(item) for item in _list(value)]


def _lint(value: Any) -> m.Lint | None:
    return None if value is None else _node(m.Lint, _LINT, (), value)


def _traits(value: Any) -> m.Traits | None:
    return None if value is None else _node(m.Traits, _TRAITS, (), value)


def _events(value: Any) -> list[m.Event]:
    return [_node(m.Event, _EVENT, ("name",), item) for item in _list(value)]


def _views(value: Any) -> list[m.View]:
    return [_node(m.View, _VIEW, ("name",), item) for item in _list(value)]


# -- the keys of each node, with the field each fills and how its value is checked ------

_SCHEMA: dict[str, tuple[str, Check]] = {
    "type": ("type", _type),
    "enum": ("enum", _scalars),
    "const": ("const", _scalar),
    "format": ("format", _optional_str),
    "pattern": ("pattern", _optional_str),
    "minimum": ("minimum", _optional_float),
    "maximum": ("maximum", _optional_float),
    "exclusiveMinimum": ("exclusiveMinimum", _optional_float),
    "exclusiveMaximum": ("exclusiveMaximum", _optional_float),
    "multipleOf": ("multipleOf", _positive),
    "minLength": ("minLength", _count),
    "maxLength": ("maxLength", _count),
    "minItems": ("minItems", _count),
    "maxItems": ("maxItems", _count),
    "uniqueItems": ("uniqueItems", _optional_bool),
    "items": ("items", _optional_schema),
    "properties": ("properties", _optional_schemas),
    "additionalProperties": ("additionalProperties", _optional_bool),
    "$ref": ("ref", _optional_str),
    "anyOf": ("anyOf", _schema_list),
    "oneOf": ("oneOf", _schema_list),
    "title": ("title", _optional_str),
    "description": ("description", _optional_str),
    "examples": ("examples", _optional_list),
    "default": ("default", _any),
    "deprecated": ("deprecated", _bool),
    "required": ("required", _bool),
    "nullable": ("nullable", _bool),
}

_LINT: dict[str, tuple[str, Check]] = {
    "ignore": ("ignore", _strings),
    "reason": ("reason", _optional_str),
}

_ENTITY: dict[str, tuple[str, Check]] = {
    "description": ("description", _optional_str),
    "additionalProperties": ("additionalProperties", _bool),
    "metadata": ("metadata", _metadata),
    "lint": ("lint", _lint),
}

_EVENT: dict[str, tuple[str, Check]] = {
    **_ENTITY,
    "name": ("name", _name),
    "version": ("version", _version),
    "properties": ("properties", _schemas),
    "deprecated": ("deprecated", _bool),
    "owner": ("owner", _optional_str),
}

_TRAITS: dict[str, tuple[str, Check]] = {**_ENTITY, "traits": ("traits", _schemas)}

_VIEW: dict[str, tuple[str, Check]] = {**_EVENT, "category": ("category", _optional_str)}

_PLAN: dict[str, tuple[str, Check]] = {
    "trackgen": ("trackgen", _format_version),
    "name": ("name", _name),
    "description": ("description", _optional_str),
    "events": ("events", _events),
    "identify": ("identify", _traits),
    "group": ("group", _traits),
    "pages": ("pages", _views),
    "screens": ("screens", _views),
    "$defs": ("defs", _schemas),
}
