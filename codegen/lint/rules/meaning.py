"""One meaning per property name across events: one type (TG409) and related sets of
allowed values (TG410). A warehouse has one column, of one type, per property name."""

from __future__ import annotations

import heapq
import json
from collections import Counter
from collections.abc import Iterator
from typing import TypeVar

from ...diagnostics import Message
from ..finding import Context, Finding
from ..walk import Prop, resolve

T = TypeVar("T")


def _type_words(types: frozenset[str]) -> str:
    return " or ".join(sorted(types))


def _shared(ctx: Context) -> dict[str, list[Prop]]:
    """Event, page and screen properties by path ("products[].price")."""
    by_path: dict[str, list[Prop]] = {}
    for prop in ctx.props:
        if prop.entity.kind in ("event", "page", "screen") and prop.name != "[]":
            by_path.setdefault(prop.dotted, []).append(prop)
    return by_path


def _conflicts(entries: list[tuple[Prop, T]]) -> tuple[T, list[tuple[Prop, T]]] | None:
    """The most common value (counted once per event name) and the entries that have
    another one, unless only versions of one event disagree."""
    if len({p.entity.name for p, _ in entries}) < 2:
        return None
    names_by_value: dict[T, set[str]] = {}
    for prop, value in entries:
        names_by_value.setdefault(value, set()).add(prop.entity.name)
    if len(names_by_value) < 2:
        return None
    counts = Counter({v: len(n) for v, n in names_by_value.items()})
    order = {v: i for i, v in enumerate(names_by_value)}
    canonical = max(names_by_value, key=lambda v: (counts[v], -order[v]))
    holders = names_by_value[canonical]
    # "holders - {name}" is not empty: another event has the canonical value (set
    # arithmetic here copied the holders once per entry, quadratic for a common name).
    return canonical, [
        (p, v)
        for p, v in entries
        if v is not canonical and v != canonical and (len(holders) > 1 or p.entity.name not in holders)
    ]


def _first_with(entries: list[tuple[Prop, T]], value: T) -> Prop:
    return next(p for p, v in entries if v is value or v == value)


def property_types(ctx: Context) -> Iterator[Finding]:
    for path, props in ctx.once(_shared).items():
        entries: list[tuple[Prop, frozenset[str]]] = []
        for prop in props:
            types = ctx.types(prop.schema)
            if types:
                entries.append((prop, frozenset("number" if t == "integer" else t for t in types)))
        found = _conflicts(entries)
        if found is None:
            continue
        canonical, odd = found
        ref = _first_with(entries, canonical)
        for prop, types in odd:
            message = Message(
                f'property "{path}" has type {_type_words(types)} in {prop.entity.label} but {_type_words(canonical)} '
                f"in {ref.entity.label} (at ",
                ref.loc,
                "); one property name has one type across the plan "
                f"(one warehouse column): use {_type_words(canonical)}, or rename this property",
            )
            yield Finding("TG409", message, prop.loc, prop.entity, related=(ref.loc,) if ref.loc else ())


def _values(values: frozenset[str], shown: dict[int, str]) -> str:
    """The first values in sort order; ``shown`` keeps each set's text (an enum of 50,000
    values is sorted once, not once per property that uses it)."""
    text = shown.get(id(values))
    if text is None:
        text = shown[id(values)] = ", ".join(heapq.nsmallest(6, values)) + (", ..." if len(values) > 6 else "")
    return text


def property_enums(ctx: Context) -> Iterator[Finding]:
    # Each enum read once: thousands of properties may $ref one long enum.
    enums: dict[int, frozenset[str]] = {}
    shown: dict[int, str] = {}
    for path, props in ctx.once(_shared).items():
        entries: list[tuple[Prop, frozenset[str]]] = []
        for prop in props:
            schema = resolve(prop.schema, ctx.defs)
            if schema.enum:
                values = enums.get(id(schema))
                if values is None:
                    values = enums[id(schema)] = frozenset(json.dumps(v) for v in schema.enum if v is not None)
                entries.append((prop, values))
        found = _conflicts(entries)
        if found is None:
            continue
        canonical, odd = found
        ref = _first_with(entries, canonical)
        nested: dict[int, bool] = {}  # per set of values: is it a subset or superset of the canonical one
        for prop, values in odd:
            within = nested.get(id(values))
            if within is None:
                within = nested[id(values)] = values <= canonical or canonical <= values
            if within:
                continue  # one event allows fewer of the same values: one meaning
            message = Message(
                f'property "{path}" allows [{_values(values, shown)}] in {prop.entity.label} '
                f"but [{_values(canonical, shown)}] in {ref.entity.label} (at ",
                ref.loc,
                "); one property name should mean one thing: use one set of values, or rename one of them",
            )
            yield Finding("TG410", message, prop.loc, prop.entity, related=(ref.loc,) if ref.loc else ())
