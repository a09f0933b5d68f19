"""Write a native plan as readable, deterministic YAML that reads back to the same data.

Keys come in a fixed order per kind of node (an event's name, description and version
first; a property's description and type before its nested properties); property
names keep the order they had. Sequences are block style, except short lists of
scalars (``type: [string, "null"]``, ``enum: [a, b]``). A blank line separates the
plan's sections and its events.

Strings are quoted where a YAML reader would take them for something else: PyYAML's
emitter quotes what YAML 1.1 would misread (``yes``, ``1.0``, ``: ``, `` #``, a leading
``*``), and this module also quotes what trackgen's own reader (YAML 1.2 core
schema, ``trackgen.source``) would misread, such as ``1e5`` or ``0o17``. Every output
is read back with that reader and compared before it is returned.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from ..source_nodes import HIDDEN
from ..source import load_text
from ..source_scalars import _resolve_plain

PLAN_ORDER = ("trackgen", "name", "description", "events", "identify", "group", "pages", "screens", "$defs")
EVENT_ORDER = (
    "name", "category", "description", "version", "deprecated", "owner", "lint", "metadata",
    "additionalProperties", "properties",
)  # fmt: skip
TRAITS_ORDER = ("description", "lint", "metadata", "additionalProperties", "traits")
SCHEMA_ORDER = (
    "title", "description", "$ref", "type", "format", "enum", "const", "pattern",
    "minLength", "maxLength", "minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum",
    "multipleOf", "minItems", "maxItems", "uniqueItems", "required", "nullable", "deprecated",
    "default", "examples", "additionalProperties", "items", "properties", "anyOf", "oneOf",
)  # fmt: skip
#: Top-level keys preceded by a blank line.
SECTIONS = frozenset({"events", "identify", "group", "pages", "screens", "$defs"})
#: Lists of scalars under these keys are written inline when short.
INLINE_LISTS = frozenset({"type", "enum", "examples", "ignore"})
INLINE_WIDTH = 72

_STR, _INT, _FLOAT = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
_BOOL, _NULL = "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_MAP, _SEQ = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"


class _Dumper(yaml.SafeDumper):
    """Indented block sequences, double quotes when quoting, blank lines between sections."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        style: str = super().choose_scalar_style()
        return '"' if style == "'" else style

    def _blank_line(self) -> None:
        if self.column != 0:
            self.write_line_break()
        self.write_line_break()

    def expect_block_sequence_item(self, first: bool = False) -> None:
        # Depth 2: the items of a top-level list (events, pages, screens).
        if not first and not isinstance(self.event, yaml.SequenceEndEvent) and len(self.indents) == 2:
            self._blank_line()
        super().expect_block_sequence_item(first)

    def expect_block_mapping_key(self, first: bool = False) -> None:
        event = self.event
        if not first and len(self.indents) == 1 and isinstance(event, yaml.ScalarEvent) and event.value in SECTIONS:
            self._blank_line()
        super().expect_block_mapping_key(first)


def _scalar(value: Any) -> yaml.ScalarNode:
    if isinstance(value, str):
        style = None
        if value == "" or not isinstance(_resolve_plain(value), str):
            style = '"'  # trackgen's reader would take it for a number, a boolean or null
        elif "\n" in value:
            style = "|"  # the emitter falls back to quotes when a block cannot hold it
        return yaml.ScalarNode(_STR, value, style=style)
    if isinstance(value, bool):
        return yaml.ScalarNode(_BOOL, "true" if value else "false")
    if isinstance(value, int):
        return yaml.ScalarNode(_INT, str(value))
    if isinstance(value, float):
        if math.isnan(value):
            text = ".nan"
        elif math.isinf(value):
            text = ".inf" if value > 0 else "-.inf"
        else:
            text = repr(value).lower()
            if "." not in text and "e" in text:
                text = text.replace("e", ".0e", 1)  # 1e+17 -> 1.0e+17: a float in YAML 1.1 and 1.2
            elif "." not in text:
                text += ".0"
        return yaml.ScalarNode(_FLOAT, text)
    if value is None:
        return yaml.ScalarNode(_NULL, "null")
    raise TypeError(f"cannot write {type(value).__name__} as YAML")


def _inline(items: list[Any]) -> bool:
    scalars = all(isinstance(v, (str, int, float, bool)) or v is None for v in items)
    return (
        scalars
        and bool(items)
        and sum(len(str(v)) + 4 for v in items) <= INLINE_WIDTH
        and not any(isinstance(v, str) and "\n" in v for v in items)
    )


def _ordered(data: dict[str, Any], order: tuple[str, ...]) -> list[str]:
    first = [k for k in order if k in data]
    return first + [k for k in data if k not in order and not k.startswith(HIDDEN)]


def _mapping(data: dict[str, Any], keys: list[str], value_of: Any) -> yaml.MappingNode:
    pairs = [(_scalar(k), value_of(k, data[k])) for k in keys]
    return yaml.MappingNode(_MAP, pairs, flow_style=False if pairs else True)


def _generic(value: Any, key: str | None = None) -> yaml.Node:
    if isinstance(value, dict):
        return _mapping(value, [k for k in value if not k.startswith(HIDDEN)], lambda k, v: _generic(v, k))
    if isinstance(value, (list, tuple)):
        flow = not value or (key in INLINE_LISTS and _inline(list(value)))
        return yaml.SequenceNode(_SEQ, [_generic(v) for v in value], flow_style=flow)
    return _scalar(value)


def _schema(value: Any) -> yaml.Node:
    if not isinstance(value, dict):
        return _generic(value)

    def child(key: str, v: Any) -> yaml.Node:
        if key == "items":
            return _schema(v)
        if key == "properties":
            return _properties(v)
        if key in ("anyOf", "oneOf") and isinstance(v, list):
            return yaml.SequenceNode(_SEQ, [_schema(s) for s in v], flow_style=not v)
        return _generic(v, key)

    return _mapping(value, _ordered(value, SCHEMA_ORDER), child)


def _properties(value: Any) -> yaml.Node:
    if not isinstance(value, dict):
        return _generic(value)
    return _mapping(value, [k for k in value if not k.startswith(HIDDEN)], lambda k, v: _schema(v))


def _call(value: Any, order: tuple[str, ...], props_key: str) -> yaml.Node:
    if not isinstance(value, dict):
        return _generic(value)

    def child(key: str, v: Any) -> yaml.Node:
        return _properties(v) if key == props_key else _generic(v, key)

    return _mapping(value, _ordered(value, order), child)


def _calls(value: Any) -> yaml.Node:
    if not isinstance(value, list):
        return _generic(value)
    return yaml.SequenceNode(_SEQ, [_call(v, EVENT_ORDER, "properties") for v in value], flow_style=not value)


def _plan(plan: dict[str, Any]) -> yaml.Node:
    def child(key: str, v: Any) -> yaml.Node:
        if key in ("events", "pages", "screens"):
            return _calls(v)
        if key in ("identify", "group"):
            return _call(v, TRAITS_ORDER, "traits")
        if key == "$defs":
            return _properties(v)
        return _generic(v, key)

    return _mapping(plan, _ordered(plan, PLAN_ORDER), child)


def same(a: Any, b: Any) -> bool:
    """Equal data, strictly: ``True`` is not ``1``, ``1.0`` is not ``1``; NaN equals NaN.
    Key order does not matter (the writer puts keys in its own order), nor do the
    locations the plan model leaves in validated data (keys starting with ``HIDDEN``)."""
    if isinstance(a, dict) and isinstance(b, dict):
        keys = {k for k in a if not k.startswith(HIDDEN)}
        return keys == {k for k in b if not k.startswith(HIDDEN)} and all(same(a[k], b[k]) for k in keys)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    if type(a) is not type(b) and not (isinstance(a, str) and isinstance(b, str)):
        return False
    if isinstance(a, float) and math.isnan(a):
        return math.isnan(b)
    return bool(a == b)


def to_yaml(plan: dict[str, Any], header: str | None = None) -> str:
    """The plan as YAML text. ``header`` becomes comment lines at the top.

    Raises ``ValueError`` if the text would not read back to the same data (a bug in
    this writer: it is checked on every call, never silently written).
    """
    text = yaml.serialize(
        _plan(plan), Dumper=_Dumper, allow_unicode=True, width=1_000_000, indent=2, explicit_start=False
    )
    assert isinstance(text, str)
    back, diagnostics = load_text(text, "<to_yaml>")
    if diagnostics or not same(back, plan):
        problems = "; ".join(d.render() for d in diagnostics) or "the data read back differs"
        raise ValueError(f"the YAML written for this plan does not read back the same: {problems}")
    if header:
        lines = [("# " + line).rstrip() for line in header.replace("\r", "").split("\n")]
        text = "\n".join(lines) + "\n" + text
    return text
