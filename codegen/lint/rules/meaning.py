"""One meaning per property name across events: one type (TG409) and related sets of
allowed values (TG410). A warehouse has one column, of one type, per property name."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from typing import TypeVar

from ..finding import Context, Finding, at
from ..walk import Prop, json_types, resolve

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
    return canonical, [(p, v) for p, v in entries if v != canonical and holders - {p.entity.name}]


def _first_with(entries: list[tuple[Prop, T]], value: T) -> Prop:
    return next(p for p, v in entries if v == value)


def property_types(ctx: Context) -> Iterator[Finding]:
    for path, props in _shared(ctx).items():
        entries: list[tuple[Prop, frozenset[str]]] = []
        for prop in props:
            types = json_types(prop.schema, ctx.defs)
            if types:
                entries.append((prop, frozenset("number" if t == "integer" else t for t in types)))
        found = _conflicts(entries)
        if found is None:
            continue
        canonical, odd = found
        ref = _first_with(entries, canonical)
        for prop, types in odd:
            message = (
                f'property "{path}" has type {_type_words(types)} in {prop.entity.label} but {_type_words(canonical)} '
                f'in {ref.entity.label} (at {at(ref.loc)}); one property name has one type across the plan '
                f"(one warehouse column): use {_type_words(canonical)}, or rename this property"
            )
            yield Finding("TG409", message, prop.loc, prop.entity, related=(ref.loc,) if ref.loc else ())


def _values(values: frozenset[str]) -> str:
    shown = sorted(values)
    return ", ".join(shown[:6]) + (", ..." if len(shown) > 6 else "")


def property_enums(ctx: Context) -> Iterator[Finding]:
    for path, props in _shared(ctx).items():
        entries: list[tuple[Prop, frozenset[str]]] = []
        for prop in props:
            schema = resolve(prop.schema, ctx.defs)
            if schema.enum:
                entries.append((prop, frozenset(json.dumps(v) for v in schema.enum if v is not None)))
        found = _conflicts(entries)
        if found is None:
            continue
        canonical, odd = found
        ref = _first_with(entries, canonical)
        for prop, values in odd:
            if values <= canonical or canonical <= values:
                continue  # one event allows fewer of the same values: one meaning
            message = (
                f'property "{path}" allows [{_values(values)}] in {prop.entity.label} but [{_values(canonical)}] '
                f"in {ref.entity.label} (at {at(ref.loc)}); one property name should mean one thing: "
                "use one set of values, or rename one of them"
            )
            yield Finding("TG410", message, prop.loc, prop.entity, related=(ref.loc,) if ref.loc else ())
