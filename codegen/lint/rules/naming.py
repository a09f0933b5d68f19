"""Casing of names (TG401, TG402) and the Object + Action shape of event names (TG403)."""

from __future__ import annotations

from collections.abc import Iterator

from ..finding import Context, Finding, Rename
from ..spec_data import EVENTS as SPEC_EVENTS
from ..values import static_name, values_in
from ..walk import Entity, first_of_each_name
from ..words import (
    COMPOUNDS,
    VERBS,
    Convention,
    action_index,
    analysis_words,
    fixable,
    follows,
    normalise,
    past_of,
    to_case,
)

_SPEC_KEYS = {normalise(n) for n in SPEC_EVENTS}
#: Past participles of action verbs ("nested" or "required" describe, they are no action).
_ACTION_PARTICIPLES = frozenset(VERBS.values())


def case_fix(name: str, convention: Convention) -> str | None:
    """The name in ``convention`` when a change of case fixes it mechanically, else None."""
    if follows(name, convention) or not fixable(name):
        return None
    return to_case(name, convention)


def _case_message(what: str, name: str, convention: Convention, fix: str | None) -> str:
    if fix is not None:
        return f'{what} "{name}" is not in {convention}; rename it "{fix}" (trackgen lint --fix does this)'
    return f'{what} "{name}" is not in {convention}; rename it by hand (e.g. "{to_case(name, convention)}")'


def event_case(ctx: Context) -> Iterator[Finding]:
    convention = ctx.config.event_case
    versions: dict[str, list[Entity]] = {}
    for event in ctx.entities:
        if event.kind == "event":
            versions.setdefault(event.name, []).append(event)
    values_reported = ctx.config.severity("TG404") is not None
    duplicates_on = ctx.config.severity("TG407") is not None
    for name, same in versions.items():
        if name in SPEC_EVENTS or follows(name, convention) or (values_reported and values_in(name)):
            continue  # a name with a value in it gets TG404; its casing matters once the value is out
        fix = case_fix(name, convention)
        if fix is not None and fix in versions and duplicates_on:
            continue  # it is another event's name in another case: TG407 reports the pair
        # One finding per name; --fix renames every version of the event.
        renames = tuple(Rename("event", e.loc, name, fix) for e in same if e.loc) if fix is not None else ()
        yield Finding("TG401", _case_message("event name", name, convention, fix), same[0].loc, same[0], fixes=renames)


def property_case(ctx: Context) -> Iterator[Finding]:
    duplicates_on = ctx.config.severity("TG407") is not None
    siblings: dict[tuple[str, int, tuple[str, ...]], set[str]] = {}
    fine: dict[tuple[str, Convention], bool] = {}  # names repeat across events: check each once
    for prop in ctx.props:
        siblings.setdefault((prop.entity.kind, prop.entity.index, prop.container), set()).add(prop.name)
    for prop in ctx.props:
        if prop.path[-1] == "[]":
            continue
        convention = ctx.config.traits_case if prop.entity.kind in ("identify", "group") else ctx.config.property_case
        name = prop.name
        key = (name, convention)
        if key not in fine:
            fine[key] = follows(name, convention)
        if fine[key]:
            continue
        fix = case_fix(name, convention)
        if fix is not None and duplicates_on and fix in siblings[(prop.entity.kind, prop.entity.index, prop.container)]:
            continue  # a sibling has the fixed name already: TG407 reports the pair
        what = "trait" if prop.entity.kind in ("identify", "group") else "property"
        renames = (Rename("key", prop.loc, name, fix),) if fix is not None and prop.loc else ()
        message = _case_message(what, prop.dotted, convention, fix)
        yield Finding("TG402", message, prop.loc, prop.entity, fixes=renames)


def _suggest_action(words: list[str]) -> list[str] | None:
    """A better word order or tense for a name that does not end with a past-tense action."""
    if len(words) == 1 and words[0] in COMPOUNDS:
        return COMPOUNDS[words[0]]
    if words[-1].endswith("ing") and len(words) > 1:
        base = words[-1][:-3]
        for stem in (base, base + "e", base[:-1] if len(base) > 2 and base[-1] == base[-2] else base):
            past = past_of(stem)
            if past:
                return [*words[:-1], past]
    if len(words) > 1 and words[0] in _ACTION_PARTICIPLES:  # "Created Workspace" -> "Workspace Created"
        return [*words[1:], words[0]]
    last = past_of(words[-1])
    if last and len(words) > 1:  # "Order Complete" -> "Order Completed"
        return [*words[:-1], last]
    first = past_of(words[0])
    if first and len(words) > 1:  # "Click Button" -> "Button Clicked"
        if words[0] in ("sign", "log", "opt") and words[1] in ("up", "in", "out", "on", "off"):
            return [*words[2:], first, words[1]] if len(words) > 2 else [first, words[1]]
        return [*words[1:], first]
    return None


def object_action(ctx: Context) -> Iterator[Finding]:
    convention = ctx.config.event_case
    for event in first_of_each_name([e for e in ctx.entities if e.kind == "event"]):
        name = event.name
        if normalise(name) in _SPEC_KEYS:
            continue
        words = analysis_words(static_name(name) if values_in(name) else name)
        if not any(c.isalpha() for c in name) or not words:
            continue
        index = action_index(words)
        if index is not None:
            if len(words) > 1:
                continue
            message = (
                f'event name "{name}" is an action without an object; name what it happened to first '
                f'(e.g. "{to_case("account " + name, convention)}")'
            )
            yield Finding("TG403", message, event.loc, event)
            continue
        suggestion = _suggest_action(words)
        message = f'event name "{name}" does not end with a past-tense action (Object + Action, like "Blog Post Read")'
        if suggestion is not None:
            message += f'; rename it, e.g. "{to_case(" ".join(suggestion), convention)}"'
        else:
            message += "; name the object, then what happened to it in the past tense"
        yield Finding("TG403", message, event.loc, event)
