"""Types compared and described: whether every value of one type is a value of
another, and a type in words for messages."""

from __future__ import annotations

import json
import math
import re

from .. import ir


def resolve(t: ir.Type, plan: ir.Plan) -> ir.Type:
    seen: set[str] = set()
    while isinstance(t, ir.RefType) and t.name not in seen:
        seen.add(t.name)
        try:
            t = plan.definition(t.name)
        except KeyError:
            return t
    return t


def is_subtype(a: ir.Type, plan_a: ir.Plan, b: ir.Type, plan_b: ir.Plan) -> bool:
    a, b = resolve(a, plan_a), resolve(b, plan_b)
    if isinstance(b, ir.AnyType):
        return True
    if isinstance(a, ir.AnyType):
        return False
    if isinstance(a, ir.UnionType):
        return all(is_subtype(m, plan_a, b, plan_b) for m in a.members)
    if isinstance(a, ir.EnumType):
        return all(_fits(v, b, plan_b) for v in a.values)
    if isinstance(b, ir.UnionType):
        return any(is_subtype(a, plan_a, m, plan_b) for m in b.members)
    if isinstance(b, ir.EnumType):
        if isinstance(a, ir.NullType):
            return None in b.values
        if isinstance(a, ir.BooleanType):
            return {value_key(True), value_key(False)} <= {value_key(v) for v in b.values}
        return False
    if isinstance(a, ir.NullType):
        return isinstance(b, ir.NullType)
    if isinstance(a, ir.BooleanType):
        return isinstance(b, ir.BooleanType)
    if isinstance(a, ir.StringType):
        return (
            isinstance(b, ir.StringType)
            and (b.format is None or a.format == b.format)
            and _constraints_sub(a.constraints, b.constraints)
        )
    if isinstance(a, ir.IntegerType):
        return isinstance(b, (ir.IntegerType, ir.NumberType)) and _constraints_sub(a.constraints, b.constraints)
    if isinstance(a, ir.NumberType):
        return isinstance(b, ir.NumberType) and _constraints_sub(a.constraints, b.constraints)
    if isinstance(a, ir.ArrayType):
        return (
            isinstance(b, ir.ArrayType)
            and _constraints_sub(a.constraints, b.constraints)
            and is_subtype(a.items, plan_a, b.items, plan_b)
        )
    if isinstance(a, ir.ObjectType):
        if not isinstance(b, ir.ObjectType):
            return False
        b_by = {p.name: p for p in b.properties}
        a_by = {p.name: p for p in a.properties}
        if a.additional and not b.additional:
            return False
        for p in a.properties:
            q = b_by.get(p.name)
            if q is None:
                if not b.additional:
                    return False
            elif not is_subtype(p.type, plan_a, q.type, plan_b):
                return False
        return all(not q.required or (q.name in a_by and a_by[q.name].required) for q in b.properties)
    return False


def _fits(value: ir.JsonScalar, t: ir.Type, plan: ir.Plan) -> bool:
    """Whether one enum value is a value of ``t``."""
    t = resolve(t, plan)
    if isinstance(t, ir.AnyType):
        return True
    if isinstance(t, ir.UnionType):
        return any(_fits(value, m, plan) for m in t.members)
    if isinstance(t, ir.EnumType):
        return value_key(value) in {value_key(v) for v in t.values}
    if isinstance(t, ir.NullType):
        return value is None
    if isinstance(t, ir.BooleanType):
        return isinstance(value, bool)
    if isinstance(t, ir.StringType):
        if not isinstance(value, str):
            return False
        c = t.constraints
        if c.min_length is not None and len(value) < c.min_length:
            return False
        if c.max_length is not None and len(value) > c.max_length:
            return False
        if c.pattern is not None:
            try:
                return re.search(c.pattern, value) is not None
            except re.error:
                return True  # a pattern Python cannot read: assume the value fits
        return True
    if isinstance(t, (ir.IntegerType, ir.NumberType)):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return False
        if isinstance(t, ir.IntegerType) and not float(value).is_integer():
            return False
        c = t.constraints
        return (
            (c.minimum is None or value >= c.minimum)
            and (c.maximum is None or value <= c.maximum)
            and (c.exclusive_minimum is None or value > c.exclusive_minimum)
            and (c.exclusive_maximum is None or value < c.exclusive_maximum)
            and (not c.multiple_of or _multiple(value, c.multiple_of))
        )
    return False


def _constraints_sub(a: ir.Constraints, b: ir.Constraints) -> bool:
    """Whether every value within ``a``'s limits is within ``b``'s."""

    def lower(c: ir.Constraints) -> tuple[float, bool] | None:
        bounds = [(c.minimum, False)] if c.minimum is not None else []
        if c.exclusive_minimum is not None:
            bounds.append((c.exclusive_minimum, True))
        return max(bounds) if bounds else None

    def upper(c: ir.Constraints) -> tuple[float, bool] | None:
        bounds = [(c.maximum, False)] if c.maximum is not None else []
        if c.exclusive_maximum is not None:
            bounds.append((c.exclusive_maximum, True))
        return min(bounds, key=lambda b: (b[0], not b[1])) if bounds else None

    la, lb, ua, ub = lower(a), lower(b), upper(a), upper(b)
    if lb is not None and (la is None or la[0] < lb[0] or (la[0] == lb[0] and lb[1] and not la[1])):
        return False
    if ub is not None and (ua is None or ua[0] > ub[0] or (ua[0] == ub[0] and ub[1] and not ua[1])):
        return False
    for low_a, low_b in ((a.min_length, b.min_length), (a.min_items, b.min_items)):
        if low_b is not None and (low_a is None or low_a < low_b):
            return False
    for high_a, high_b in ((a.max_length, b.max_length), (a.max_items, b.max_items)):
        if high_b is not None and (high_a is None or high_a > high_b):
            return False
    if b.pattern is not None and a.pattern != b.pattern:
        return False
    if b.multiple_of and not (a.multiple_of and _multiple(a.multiple_of, b.multiple_of)):
        return False
    return not (b.unique_items and not a.unique_items)


def _multiple(value: float, of: float) -> bool:
    return math.isclose(value / of, round(value / of))


def value_key(value: ir.JsonScalar) -> tuple[str, object]:
    """JSON equality: ``1`` and ``1.0`` are one number, ``true`` is not ``1``."""
    if value is None:
        return ("null", None)
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, (int, float)):
        return ("number", float(value))
    return ("string", value)



def describe(t: ir.Type, depth: int = 0) -> str:
    """A short description of a type for messages: ``integer (minimum 1)``, ``string | null``."""
    if depth > 3:
        return "…"
    if isinstance(t, ir.RefType):
        return f"$ref {t.name}"
    if isinstance(t, ir.StringType):
        base = f"string (format {t.format})" if t.format else "string"
        return base + limits(t.constraints, ", " if t.format else "")
    if isinstance(t, ir.IntegerType):
        return "integer" + limits(t.constraints)
    if isinstance(t, ir.NumberType):
        return "number" + limits(t.constraints)
    if isinstance(t, ir.BooleanType):
        return "boolean"
    if isinstance(t, ir.NullType):
        return "null"
    if isinstance(t, ir.AnyType):
        return "any value"
    if isinstance(t, ir.EnumType):
        shown = ", ".join(show_value(v) for v in t.values[:6]) + (", …" if len(t.values) > 6 else "")
        return f"enum [{shown}]"
    if isinstance(t, ir.ArrayType):
        items = "any value" if isinstance(t.items, ir.AnyType) else describe(t.items, depth + 1)
        return f"array of {items}" + limits(t.constraints)
    if isinstance(t, ir.ObjectType):
        return "object" if t.properties or not t.additional else "object (any keys)"
    return " | ".join(describe(m, depth + 1) for m in t.members)


def limits(c: ir.Constraints, lead: str = "") -> str:
    parts = [
        f"{name} {_number(value)}"
        for name, value in (
            ("minimum", c.minimum),
            ("maximum", c.maximum),
            ("exclusiveMinimum", c.exclusive_minimum),
            ("exclusiveMaximum", c.exclusive_maximum),
            ("multipleOf", c.multiple_of),
            ("minLength", c.min_length),
            ("maxLength", c.max_length),
            ("minItems", c.min_items),
            ("maxItems", c.max_items),
        )
        if value is not None
    ]
    if c.pattern is not None:
        parts.append(f"pattern {json.dumps(c.pattern, ensure_ascii=False)}")
    if c.unique_items:
        parts.append("uniqueItems")
    if not parts:
        return ""
    return (lead + ", ".join(parts)) if lead else f" ({', '.join(parts)})"


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def show_value(value: ir.JsonScalar) -> str:
    return json.dumps(value, ensure_ascii=False)
