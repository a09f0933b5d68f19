"""The Segment Spec: reserved properties (TG411), near-misses of reserved event names
(TG412) and reserved traits (TG413) used as the Spec means them."""

from __future__ import annotations

from collections.abc import Iterator

from ...plan.model import Schema
from ..finding import Context, Finding
from ..spec_data import (
    CAMEL_TRAITS,
    ECOMMERCE_EVENTS,
    EVENTS,
    GROUP_TRAITS,
    IDENTIFY_TRAITS,
    NESTED_TRAITS,
    ORDER_PROPERTIES,
    PRODUCT_EVENTS,
    PRODUCT_FIELDS,
    TRACK_PROPERTIES,
)
from ..walk import Prop, first_of_each_name, resolve
from ..words import analysis_words, close_words, normalise

_ALLOWED = {
    "number": {"number", "integer"},
    "string": {"string"},
    "array": {"array"},
    "object": {"object"},
    "date-time": {"string"},
    "date": {"string"},
}
_SAY = {
    "number": "a number",
    "string": "a string",
    "array": "an array",
    "object": "an object",
    "date-time": "a date-time string",
    "date": "a date string",
}


def _mismatch(schema: Schema, expected: str, ctx: Context) -> str | None:
    """What is wrong with a schema the Spec gives ``expected``; None when nothing (or when
    the schema does not say its type)."""
    types = ctx.types(schema)
    if not types:
        return None
    if not types <= _ALLOWED[expected]:
        use = {"date-time": "string, format: date-time", "date": "string"}.get(expected, expected)
        return f"it is {' or '.join(sorted(types))}: use type {use}"
    fmt = resolve(schema, ctx.defs).format
    if expected == "date-time" and fmt != "date-time":
        return "add `format: date-time` (an ISO 8601 string)" if fmt is None else f'it has format "{fmt}": use format: date-time'
    if expected == "date" and fmt is not None and fmt not in ("date", "date-time"):
        return f'it has format "{fmt}": use format: date'
    return None


def _expected_property(prop: Prop) -> tuple[str, str] | None:
    """(expected type, why) for a property the Spec reserves in this event."""
    event = prop.entity.name
    if prop.top:
        if prop.name in TRACK_PROPERTIES:
            return TRACK_PROPERTIES[prop.name], "in every track call"
        if event in ECOMMERCE_EVENTS and prop.name in ORDER_PROPERTIES:
            return ORDER_PROPERTIES[prop.name], f'in "{event}"'
        if event in PRODUCT_EVENTS and prop.name in PRODUCT_FIELDS:
            return PRODUCT_FIELDS[prop.name], f'in "{event}"'
        return None
    if event in ECOMMERCE_EVENTS and prop.path[:2] == ("products", "[]") and len(prop.path) == 3:
        if prop.name in PRODUCT_FIELDS:
            return PRODUCT_FIELDS[prop.name], f'for each of the products in "{event}"'
    return None


def spec_properties(ctx: Context) -> Iterator[Finding]:
    for prop in ctx.props:
        if prop.entity.kind != "event":
            continue
        expected = _expected_property(prop)
        if expected is None:
            continue
        kind, why = expected
        wrong = _mismatch(prop.schema, kind, ctx)
        if wrong is None and prop.top and prop.name == "products" and prop.entity.name in ECOMMERCE_EVENTS:
            items = resolve(prop.schema, ctx.defs).items
            item_types = ctx.types(items) if items is not None else None
            if item_types and item_types != {"object"}:
                wrong = f"its items are {' or '.join(sorted(item_types))}: make them objects (product_id, sku, name, price, ...)"
                kind = "array of product objects"
        if wrong is None:
            continue
        message = f'the Segment Spec makes "{prop.dotted}" {_SAY.get(kind, kind)} {why}; {wrong}, or rename the property'
        yield Finding("TG411", message, prop.loc, prop.entity)


def spec_traits(ctx: Context) -> Iterator[Finding]:
    for prop in ctx.props:
        kind = prop.entity.kind
        if kind not in ("identify", "group"):
            continue
        table = IDENTIFY_TRAITS if kind == "identify" else GROUP_TRAITS
        name = CAMEL_TRAITS.get(prop.name, prop.name)
        if prop.top:
            expected = table.get(name)
        elif len(prop.path) == 2 and table.get(prop.path[0]) == "object":
            expected = NESTED_TRAITS.get(prop.path[0], {}).get(name)
        else:
            expected = None
        if expected is None:
            continue
        wrong = _mismatch(prop.schema, expected, ctx)
        if wrong is not None:
            message = f'the Segment Spec makes {kind} trait "{prop.dotted}" {_SAY[expected]}; {wrong}, or rename the trait'
            yield Finding("TG413", message, prop.loc, prop.entity)


def spec_near_misses(ctx: Context) -> Iterator[Finding]:
    events = first_of_each_name([e for e in ctx.entities if e.kind == "event"])
    present = {e.name for e in events}
    by_key = {normalise(n): n for n in EVENTS}
    masked: dict[tuple[int, tuple[str, ...]], list[tuple[str, str]]] = {}
    for spec_name in sorted(EVENTS):
        w = tuple(analysis_words(spec_name))
        for i in range(len(w)):
            masked.setdefault((i, w[:i] + ("*",) + w[i + 1 :]), []).append((spec_name, w[i]))
    lengths = {len(key) for _, key in masked}  # a name of another number of words has no key here
    title = ctx.config.event_case == "Title Case"
    for event in events:
        name = event.name
        if name in EVENTS:
            continue
        target = by_key.get(normalise(name))
        if target is not None and not title:
            continue  # the plan's own casing of a Spec name; TG401 does not apply to it either
        if target is None:
            w = tuple(analysis_words(name))
            for i in range(len(w) if len(w) in lengths else 0):
                for spec_name, word in masked.get((i, w[:i] + ("*",) + w[i + 1 :]), []):
                    if close_words(w[i], word):
                        target = spec_name
                        break
                if target is not None:
                    break
        if target is None or target in present:
            continue
        message = (
            f'event name "{name}" is close to the Segment Spec event "{target}", and destinations recognise '
            f'only the exact name: rename it "{target}" if it means the same, or pick a name that differs more'
        )
        yield Finding("TG412", message, event.loc, event)
