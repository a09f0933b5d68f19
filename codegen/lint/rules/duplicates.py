"""Duplicates (TG407: equal after normalising case, spaces and punctuation) and near
duplicates (TG408: one word misspelt or inflected, "Order Complete" / "Order Completed")."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ...diagnostics import Location, Message
from ..finding import Context, Finding
from ..spec_data import EVENTS as SPEC_EVENTS
from ...plan.model import Schema
from ..walk import Entity
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


def _spellings(uses: list[_Use]) -> dict[str, list[_Use]]:
    by_name: dict[str, list[_Use]] = {}
    for use in uses:
        by_name.setdefault(use.name, []).append(use)
    return by_name


def _convention(ctx: Context, scope: tuple[object, ...]) -> Convention:
    if scope == ("events",):
        return ctx.config.event_case
    return ctx.config.traits_case if scope[0] in ("identify", "group") else ctx.config.property_case


class _Names:
    """The names of one scope, each written at one or more places, and what the rules
    ask of a name again and again (in how many events, whether it follows the
    convention), worked out once per name: a name used by 50,000 events is counted
    once, not once per name it is compared with."""

    def __init__(self, ctx: Context, scope: tuple[object, ...], uses: list[_Use]) -> None:
        self.scope = scope
        self.spellings = _spellings(uses)
        self.convention = _convention(ctx, scope)
        self._events: dict[str, int] = {}
        self._follows: dict[str, bool] = {}

    def events(self, name: str) -> int:
        """How many events (views, traits) write this name."""
        count = self._events.get(name)
        if count is None:
            count = self._events[name] = len({id(u.entity) for u in self.spellings[name]})
        return count

    def where(self, name: str) -> str:
        """' (in 3 events)' for plan-wide property names used more than once."""
        if self.scope != ("properties",):
            return ""
        count = self.events(name)
        return f" (in {count} events)" if count > 1 else ""

    def canonical(self, names: list[str]) -> str:
        """The name to keep: a Spec name, else one in the plan's convention, else the most
        used, else the first written."""
        if len(names) == 1:
            return names[0]
        order = {n: i for i, n in enumerate(names)}
        return max(names, key=lambda n: (n in SPEC_EVENTS, self._in_convention(n), self.events(n), -order[n]))

    def _in_convention(self, name: str) -> bool:
        fine = self._follows.get(name)
        if fine is None:
            fine = self._follows[name] = follows(name, self.convention)
        return fine


def _named(ctx: Context) -> list[tuple[_Names, dict[str, list[str]]]]:
    """Each scope's names, and its names grouped by their normal form (equal but for
    case and punctuation): what TG407 and TG408 both read."""
    out = []
    for scope, uses in _scopes(ctx).items():
        names = _Names(ctx, scope, uses)
        groups: dict[str, list[str]] = {}
        for name in names.spellings:
            groups.setdefault(normalise(name), []).append(name)
        out.append((names, groups))
    return out


def duplicates(ctx: Context) -> Iterator[Finding]:
    casing_on = ctx.config.severity("TG402") is not None
    for names, groups in ctx.once(_named):
        scope, spellings = names.scope, names.spellings
        for group in groups.values():
            if len(group) < 2:
                continue
            keep = names.canonical(group)
            first = spellings[keep][0]
            for name in group:
                if name == keep:
                    continue
                use = spellings[name][0]
                what = _what(scope, use)
                plan_wide = scope == ("properties",) and use.entity is not first.entity
                if plan_wide and casing_on and case_fix(name, ctx.config.property_case) == keep:
                    continue  # TG402 reports it, and --fix renames it to the name kept
                message = Message(
                    f'{what} "{name}"{names.where(name)} is "{keep}"{names.where(keep)} (at ',
                    first.loc,
                    f') in another case or punctuation; one {what} with two names splits its data: keep "{keep}"',
                )
                yield Finding("TG407", message, use.loc, use.entity, related=(first.loc,) if first.loc else ())


Trie = dict[tuple[int, str], int]


def _masked(words: tuple[str, ...], prefixes: Trie, suffixes: Trie) -> list[tuple[int, int, int]]:
    """For each word of a name, a key that it shares with exactly the names that have the
    same words but that one: (its index, the words before it, the words after it), the
    word lists as ids given by ``prefixes`` and ``suffixes`` (tries of words), so a name
    of n words makes n keys of three numbers, not n keys of n words."""
    size = len(words)
    before = [0] * (size + 1)  # before[i]: the id of words[:i]
    for i, word in enumerate(words):
        before[i + 1] = prefixes.setdefault((before[i], word), len(prefixes) + 1)
    after = [0] * (size + 1)  # after[i]: the id of words[i:]
    for i in range(size - 1, -1, -1):
        after[i] = suffixes.setdefault((after[i + 1], words[i]), len(suffixes) + 1)
    return [(i, before[i], after[i + 1]) for i in range(size)]


def near_duplicates(ctx: Context) -> Iterator[Finding]:
    for names, groups in ctx.once(_named):
        # Names equal but for case and punctuation are TG407's: compare the kept one only.
        kept = [names.canonical(g) for g in groups.values()]
        key = {n: k for k, g in groups.items() for n in g}
        position = {n: i for i, n in enumerate(kept)}
        words = {n: tuple(analysis_words(n)) for n in kept}
        # Names that differ in exactly one word share a key with that word masked out.
        masked: dict[tuple[int, int, int], list[str]] = {}
        prefixes: Trie = {}
        suffixes: Trie = {}
        for n in kept:
            for mask in _masked(words[n], prefixes, suffixes):
                masked.setdefault(mask, []).append(n)
        reported: set[tuple[str, str]] = set()
        for (i, _, _), group in masked.items():
            if len(group) < 2:
                continue
            by_word: dict[str, list[str]] = {}
            for n in group:
                by_word.setdefault(words[n][i], []).append(n)
            for a_word, b_word in sorted(close_pairs(by_word)):
                for a in by_word[a_word]:
                    for b in by_word[b_word]:
                        pair = (a, b) if position[a] < position[b] else (b, a)
                        if pair in reported or key[a] == key[b]:
                            continue
                        reported.add(pair)
                        yield from _near(ctx, names, *pair)


def _near(ctx: Context, names: _Names, a: str, b: str) -> Iterator[Finding]:
    if a in SPEC_EVENTS and b in SPEC_EVENTS:
        return
    spellings = names.spellings
    sa, sb = spellings[a][0].schema, spellings[b][0].schema
    if sa is not None and sb is not None and ctx.types(sa) != ctx.types(sb):
        return  # "tag" and "tags", a string and an array: two things, named alike on purpose
    # Report the less used (or later, or non-Spec) spelling, pointing at the other.
    keep = names.canonical([a, b])
    other = b if keep == a else a
    use, first = spellings[other][0], spellings[keep][0]
    what = _what(names.scope, use)
    message = Message(
        f'{what} "{other}"{names.where(other)} is close to "{keep}"{names.where(keep)} (at ',
        first.loc,
        "); if they mean the same, keep one name; if not, pick names that differ more",
    )
    yield Finding("TG408", message, use.loc, use.entity, related=(first.loc,) if first.loc else ())
