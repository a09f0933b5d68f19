"""Run-time validation rules: a compact, language-neutral table per call.

The targets print the table as JSON text in the generated module and check values
against it with a few dozen lines of generated runtime code; no schema library is
needed at run time. A shared definition is written once per table, under ``defs``,
and referenced as ``{"t": "r", "ref": NAME}``; the runtime links the references when
it loads the table, so definitions that reference each other cost their size, not
the size of every path through them (lowering rejects reference cycles).

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
    """Builds one table: the rules of one call, and each definition they reach, once."""

    def __init__(self, plan: ir.Plan) -> None:
        self.plan = plan
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

    def table(self, t: ir.ObjectType) -> Rule:
        """The object's rules, with ``defs`` holding every definition they reach."""
        root = self.object(t)
        defs: dict[str, Rule] = {}
        todo = sorted(self.used)
        while todo:
            name = todo.pop()
            if name not in defs:
                before = set(self.used)
                defs[name] = self.rule(self.plan.definition(name))
                todo += sorted(self.used - before)
        if defs:
            root["defs"] = dict(sorted(defs.items()))
        return root


def rules_json(call: ir.Event, plan: ir.Plan) -> str:
    """The rules of a call's properties (or traits) as compact, deterministic JSON."""
    table = _Rules(plan).table(call.properties)
    return json.dumps(table, separators=(",", ":"), ensure_ascii=True, allow_nan=False)
