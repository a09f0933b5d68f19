"""Run-time validation rules: a compact, language-neutral table per call.

The targets print the table as JSON text in the generated module and check values
against it with a few dozen lines of generated runtime code; no schema library is
needed at run time. References to shared definitions are inlined (the plan has no
reference cycles: lowering rejects them).

A rule is a dict with ``t`` (the kind) and only the keys that apply:
``s`` string (``pattern``, ``minLength``, ``maxLength``, ``format``), ``i`` integer
and ``n`` number (``minimum``, ``maximum``, ``exclusiveMinimum``, ``exclusiveMaximum``,
``multipleOf``), ``b`` boolean, ``z`` null, ``*`` any JSON value, ``e`` enum
(``values``), ``a`` array (``items``, ``minItems``, ``maxItems``, ``uniqueItems``),
``o`` object (``props``: [[key, required, rule], ...], ``open``), ``u`` union
(``of``).
"""

from __future__ import annotations

import json
from typing import Any

from . import ir

Rule = dict[str, Any]

_C_KEYS = (
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


def _constraints(rule: Rule, c: ir.Constraints) -> Rule:
    for attr, key in _C_KEYS:
        value = getattr(c, attr)
        if value is not None and value is not False:
            rule[key] = int(value) if isinstance(value, float) and value.is_integer() else value
    return rule


def rule(t: ir.Type, plan: ir.Plan) -> Rule:
    if isinstance(t, ir.StringType):
        r = _constraints({"t": "s"}, t.constraints)
        if t.format in ("date-time", "date"):
            r["format"] = t.format
        return r
    if isinstance(t, ir.IntegerType):
        return _constraints({"t": "i"}, t.constraints)
    if isinstance(t, ir.NumberType):
        return _constraints({"t": "n"}, t.constraints)
    if isinstance(t, ir.BooleanType):
        return {"t": "b"}
    if isinstance(t, ir.NullType):
        return {"t": "z"}
    if isinstance(t, ir.AnyType):
        return {"t": "*"}
    if isinstance(t, ir.EnumType):
        return {"t": "e", "values": list(t.values)}
    if isinstance(t, ir.ArrayType):
        return _constraints({"t": "a", "items": rule(t.items, plan)}, t.constraints)
    if isinstance(t, ir.ObjectType):
        return object_rule(t, plan)
    if isinstance(t, ir.RefType):
        return rule(plan.definition(t.name), plan)
    assert isinstance(t, ir.UnionType)
    return {"t": "u", "of": [rule(m, plan) for m in t.members]}


def object_rule(t: ir.ObjectType, plan: ir.Plan) -> Rule:
    r: Rule = {"t": "o", "props": [[p.name, p.required, rule(p.type, plan)] for p in t.properties]}
    if t.additional:
        r["open"] = True
    return r


def rules_json(call: ir.Event, plan: ir.Plan) -> str:
    """The rules of a call's properties (or traits) as compact, deterministic JSON."""
    return json.dumps(object_rule(call.properties, plan), separators=(",", ":"), ensure_ascii=True, allow_nan=False)
