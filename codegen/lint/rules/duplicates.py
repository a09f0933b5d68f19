"""Duplicates (TG407: equal after normalising case, spaces and punctuation) and near
duplicates (TG408: one word misspelt or inflected, "Order Complete" / "Order Completed")."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ...diagnostics import Location
from ..finding import Context, Finding, at
from ..spec_data import EVENTS as SPEC_EVENTS
from ...plan.model import Schema
from ..walk import Entity, json_types
from ..words import Convention, analysis_words, close_pairs, follows, normalise
from .naming import case_fix


@dataclass(frozen=True, slots=True)
class _Use:
    """One place a name is written."""

    name: str
    loc: Location | None
    entity: Entity
    schema: Schema | None = None


def _scopes(ctx: Context) -> dict[tuple[object, ...], list[_Use]]:
    """Names that share a namespace: every event's (and view's) top-level properties
    share one (downstream tools have one column per name); identify and group traits
    one each; nested properties their object."""
    scopes: dict[tuple[object, ...], list[_Use]] = {}
    events = [_Use(e.name, e.loc, e) for e in ctx.entities if e.kind == "event"]
    scopes[("events",)] = events
    for prop in ctx.props:
        if prop.name == "[]":
            continue
        kind = prop.entity.kind
        if prop.top:
            key: tuple[object, ...] = ("properties",) if kind in ("event", "page", "screen") else (kind, prop.entity.index)
        else:
            key = (kind, prop.entity.index, prop.container)
        scopes.setdefault(key, []).append(_Use(prop.name, prop.loc, prop.entity, prop.schema))
    return scopes


def _what(scope: tuple[object, ...], use: _Use) -> str:
    if scope == ("events",):
        return "event"
    return "trait" if use.entity.kind in ("identify", "group") else "property"


def _where(uses: list[_Use], scope: tuple[object, ...]) -> str:
    """' (in 3 events)' for plan-wide property names used more than once."""
    if scope != ("properties",):
        return ""
    count = len({id(u.entity) for u in uses})
    return f" (in {count} events)" if count > 1 else ""


def _spellings(uses: list[_Use]) -> dict[str, list[_Use]]:
    by_name: dict[str, list[_Use]] = {}
    for use in uses:
        by_name.setdefault(use.name, []).append(use)
    return by_name


def _convention(ctx: Context, scope: tuple[object, ...]) -> Convention:
    if scope == ("events",):
        return ctx.config.event_case
    return ctx.config.traits_case if scope[0] in ("identify", "group") else ctx.config.property_case


def _canonical(names: list[str], spellings: dict[str, list[_Use]], convention: Convention) -> str:
    """The name to keep: a Spec name, else one in the plan's convention, else the most
    used, else the first written."""
    if len(names) == 1:
        return names[0]
    counts = Counter({n: len({id(u.entity) for u in spellings[n]}) for n in names})
    order = {n: i for i, n in enumerate(names)}
    return max(names, key=lambda n: (n in SPEC_EVENTS, follows(n, convention), counts[n], -order[n]))


def duplicates(ctx: Context) -> Iterator[Finding]:
    casing_on = ctx.config.severity("TG402") is not None
    for scope, uses in _scopes(ctx).items():
        spellings = _spellings(uses)
        groups: dict[str, list[str]] = {}
        for name in spellings:
            groups.setdefault(normalise(name), []).append(name)
        for names in groups.values():
            if len(names) < 2:
                continue
            keep = _canonical(names, spellings, _convention(ctx, scope))
            first = spellings[keep][0]
            for name in names:
                if name == keep:
                    continue
                use = spellings[name][0]
                what = _what(scope, use)
                plan_wide = scope == ("properties",) and use.entity is not first.entity
                if plan_wide and casing_on and case_fix(name, ctx.config.property_case) == keep:
                    continue  # TG402 reports it, and --fix renames it to the name kept
                message = (
                    f'{what} "{name}"{_where(spellings[name], scope)} is "{keep}"{_where(spellings[keep], scope)} '
                    f"(at {at(first.loc)}) in another case or punctuation; one {what} with two names splits "
                    f'its data: keep "{keep}"'
                )
                yield Finding("TG407", message, use.loc, use.entity, related=(first.loc,) if first.loc else ())


def near_duplicates(ctx: Context) -> Iterator[Finding]:
    for scope, uses in _scopes(ctx).items():
        spellings = _spellings(uses)
        # Names equal but for case and punctuation are TG407's: compare the kept one only.
        groups: dict[str, list[str]] = {}
        for name in spellings:
            groups.setdefault(normalise(name), []).append(name)
        names = [_canonical(g, spellings, _convention(ctx, scope)) for g in groups.values()]
        position = {n: i for i, n in enumerate(names)}
        words = {n: tuple(analysis_words(n)) for n in names}
        # Names that differ in exactly one word share a key with that word masked out.
        masked: dict[tuple[int, tuple[str, ...]], list[str]] = {}
        for n in names:
            w = words[n]
            for i in range(len(w)):
                masked.setdefault((i, w[:i] + ("*",) + w[i + 1 :]), []).append(n)
        reported: set[tuple[str, str]] = set()
        for (i, _), group in masked.items():
            if len(group) < 2:
                continue
            by_word: dict[str, list[str]] = {}
            for n in group:
                by_word.setdefault(words[n][i], []).append(n)
            for a_word, b_word in sorted(close_pairs(by_word)):
                for a in by_word[a_word]:
                    for b in by_word[b_word]:
                        pair = (a, b) if position[a] < position[b] else (b, a)
                        if pair in reported or normalise(a) == normalise(b):
                            continue
                        reported.add(pair)
                        yield from _near(ctx, scope, spellings, *pair)


def _near(ctx: Context, scope: tuple[object, ...], spellings: dict[str, list[_Use]], a: str, b: str) -> Iterator[Finding]:
    if a in SPEC_EVENTS and b in SPEC_EVENTS:
        return
    sa, sb = spellings[a][0].schema, spellings[b][0].schema
    if sa is not None and sb is not None and json_types(sa, ctx.defs) != json_types(sb, ctx.defs):
        return  # "tag" and "tags", a string and an array: two things, named alike on purpose
    # Report the less used (or later, or non-Spec) spelling, pointing at the other.
    keep = _canonical([a, b], spellings, _convention(ctx, scope))
    other = b if keep == a else a
    use, first = spellings[other][0], spellings[keep][0]
    what = _what(scope, use)
    message = (
        f'{what} "{other}"{_where(spellings[other], scope)} is close to "{keep}"{_where(spellings[keep], scope)} '
        f"(at {at(first.loc)}); if they mean the same, keep one name; if not, pick names that differ more"
    )
    yield Finding("TG408", message, use.loc, use.entity, related=(first.loc,) if first.loc else ())
