"""Events that track a property (TG405): "Business Tier Workspace Created" next to
"Workspace Created", or a family such as "Free Plan Selected", "Team Plan Selected"."""

from __future__ import annotations

from collections.abc import Iterator

from ..finding import Context, Finding, at
from ..spec_data import EVENTS as SPEC_EVENTS
from ..walk import Entity, first_of_each_name
from ..words import action_index, analysis_words, to_case

#: Words that name a kind of value: "Business Tier" is a tier, "Free Plan" a plan.
KIND_WORDS = frozenset(
    """tier plan type kind level mode category method source channel platform status role variant version
    edition size color colour region tab step stage format theme language locale device""".split()
)


def _property(ctx: Context, qualifier: tuple[str, ...], objects: tuple[str, ...]) -> str:
    """A property that holds what the qualifier says: `workspace_tier: business`."""
    if len(qualifier) >= 2 and qualifier[-1] in KIND_WORDS:
        key, value = [objects[-1], qualifier[-1]], qualifier[:-1]
    elif objects[-1] in KIND_WORDS:
        key, value = list(objects), qualifier
    else:
        key, value = [*objects, "type"], qualifier
    return f"`{to_case(' '.join(key), ctx.config.property_case)}: {'_'.join(value)}`"


def events_tracking_properties(ctx: Context) -> Iterator[Finding]:
    events = first_of_each_name([e for e in ctx.entities if e.kind == "event"])
    words = {e.name: tuple(analysis_words(e.name)) for e in events}
    bases: dict[tuple[str, ...], Entity] = {}
    for e in events:
        bases.setdefault(words[e.name], e)
    # (suffix) -> [(event, qualifier)], where the suffix is object words + the action.
    splits: dict[Entity, list[tuple[tuple[str, ...], tuple[str, ...], int]]] = {}
    groups: dict[tuple[str, ...], list[tuple[Entity, tuple[str, ...]]]] = {}
    for e in events:
        w = words[e.name]
        k = action_index(list(w))
        if e.name in SPEC_EVENTS or k is None or k < 2 or any(c.isdigit() for c in e.name):
            continue
        for s in range(1, k):  # longest suffix first
            suffix, qualifier = w[s:], w[:s]
            splits.setdefault(e, []).append((suffix, qualifier, k - s))
            groups.setdefault(suffix, []).append((e, qualifier))
    for e in events:
        for suffix, qualifier, n_objects in splits.get(e, []):
            base = bases.get(suffix)
            if base is None:
                continue
            words_q = " ".join(qualifier)
            message = (
                f'event "{e.name}" is "{base.name}" (at {at(base.loc)}) with "{to_case(words_q, "Title Case")}" added: '
                f'a value in the name; track "{base.name}" with a property, e.g. '
                f"{_property(ctx, qualifier, suffix[:n_objects])}"
            )
            yield Finding("TG405", message, e.loc, e, related=(base.loc,) if base.loc else ())
            break
        else:
            for suffix, qualifier, n_objects in splits.get(e, []):
                family = [(m, q) for m, q in groups[suffix] if m is not e]
                if not family:
                    continue
                others = ", ".join(f'"{m.name}"' for m, _ in family[:3]) + (" and more" if len(family) > 3 else "")
                one = to_case(" ".join(suffix), ctx.config.event_case)
                message = (
                    f'event "{e.name}" differs from {others} only by "{to_case(" ".join(qualifier), "Title Case")}": '
                    f'track one event "{one}" with a property, e.g. {_property(ctx, qualifier, suffix[:n_objects])}'
                )
                yield Finding("TG405", message, e.loc, e, related=tuple(m.loc for m, _ in family if m.loc))
                break
