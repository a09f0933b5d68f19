"""Run-time validation rules: a compact, language-neutral table per call.

The targets print the table as JSON text in the generated module and check values
against it with a few dozen lines of generated runtime code; no schema library is
needed at run time. The plan's shared definitions (``$defs``) have one table of
their own, written once in the package's definitions module; a call's rules and the
definitions refer to one as ``{"t": "r", "ref": NAME}``, and the runtime links the
references when it loads the tables. So definitions cost their size once, not once
per call that reaches them nor once per path through them (lowering rejects
reference cycles).

A rule is a dict with ``t`` (the kind) and only the keys that apply:
``s`` string (``pattern``, ``minLength``, ``maxLength``, ``format``), ``i`` integer
and ``n`` number (``minimum``, ``maximum``, ``exclusiveMinimum``, ``exclusiveMaximum``,
``multipleOf``), ``b`` boolean, ``z`` null, ``*`` any JSON value, ``e`` enum
(``values``), ``a`` array (``items``, ``minItems``, ``maxItems``, ``uniqueItems``),
``o`` object (``props``: [[key, required, rule], ...], ``open``), ``u`` union
(``of``), ``r`` a shared definition (``ref``).
"""

from __future__ import annotations

import json
from typing import Any

from . import ir

Rule = dict[str, Any]


def _constraints(rule: Rule, c: ir.Constraints) -> Rule:
    rule.update(c.as_json_schema())
    return rule


class _Rules:
    """Builds rules, noting the definitions they refer to."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def rule(self, t: ir.Type) -> Rule:
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
            return _constraints({"t": "a", "items": self.rule(t.items)}, t.constraints)
        if isinstance(t, ir.ObjectType):
            return self.object(t)
        if isinstance(t, ir.RefType):
            self.used.add(t.name)
            return {"t": "r", "ref": t.name}
        assert isinstance(t, ir.UnionType)
        return {"t": "u", "of": [self.rule(m) for m in t.members]}

    def object(self, t: ir.ObjectType) -> Rule:
        r: Rule = {"t": "o", "props": [[p.name, p.required, self.rule(p.type)] for p in t.properties]}
        if t.additional:
            r["open"] = True
        return r


def _dumps(value: object) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=True, allow_nan=False)


def call_rules(call: ir.Event) -> tuple[str, bool]:
    """The rules of a call's properties (or traits) as compact, deterministic JSON, and
    whether they refer to a shared definition (linked from ``definition_rules``)."""
    rules = _Rules()
    text = _dumps(rules.object(call.properties))
    return text, bool(rules.used)


def definition_rules(plan: ir.Plan, pairs: bool = False) -> str:
    """The rules of every shared definition, by name, as compact, deterministic JSON:
    an object, or (``pairs``) a list of [name, rule] for TypeScript, where an object
    literal keyed by plan names would meet ``constructor`` and ``__proto__``."""
    rules = _Rules()
    table = [(name, rules.rule(t)) for name, t in sorted(plan.definitions, key=lambda d: d[0])]
    return _dumps([list(pair) for pair in table] if pairs else dict(table))
