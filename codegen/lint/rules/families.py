"""Events that track a property (TG405): "Business Tier Workspace Created" next to
"Workspace Created", or a family such as "Free Plan Selected", "Team Plan Selected"."""

from __future__ import annotations

from collections.abc import Iterator

from ...diagnostics import Message
from ..finding import Context, Finding
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


def _suffix_ids(words: tuple[str, ...], trie: dict[tuple[int, str], int]) -> list[int]:
    """``ids[s]`` names ``words[s:]``: equal ids, equal word lists, across the names put in
    ``trie``. A name of n words has n suffixes: as numbers, not n lists of words."""
    ids = [0] * (len(words) + 1)
    for i in range(len(words) - 1, -1, -1):
        ids[i] = trie.setdefault((ids[i + 1], words[i]), len(trie) + 1)
    return ids


def _id_in(words: tuple[str, ...], trie: dict[tuple[int, str], int]) -> int | None:
    """The id of ``words`` if they are a suffix put in ``trie``, else None."""
    at = 0
    for word in reversed(words):
        found = trie.get((at, word))
        if found is None:
            return None
        at = found
    return at


def events_tracking_properties(ctx: Context) -> Iterator[Finding]:
    events = first_of_each_name([e for e in ctx.entities if e.kind == "event"])
    words = {e.name: tuple(analysis_words(e.name)) for e in events}
    # Each event's splits into a qualifier and a suffix (object words + the action, and
    # what follows it), longest suffix first, as (where the suffix starts, its object
    # words), and the events that end with each suffix, by the suffix's id.
    trie: dict[tuple[int, str], int] = {}
    suffixes: dict[str, list[int]] = {}
    splits: dict[Entity, list[tuple[int, int]]] = {}
    groups: dict[int, list[Entity]] = {}
    for e in events:
        w = words[e.name]
        k = action_index(list(w))
        if e.name in SPEC_EVENTS or k is None or k < 2 or any(c.isdigit() for c in e.name):
            continue
        ids = suffixes[e.name] = _suffix_ids(w, trie)
        for s in range(1, k):
            splits.setdefault(e, []).append((s, k - s))
            groups.setdefault(ids[s], []).append(e)
    # An event is the base of another when its words are a suffix of that one's.
    bases: dict[int, Entity] = {}
    for e in events:
        whole = _id_in(words[e.name], trie)
        if whole is not None:
            bases.setdefault(whole, e)
    for e in events:
        if e not in splits:
            continue
        w, ids = words[e.name], suffixes[e.name]
        for s, n_objects in splits.get(e, []):
            base = bases.get(ids[s])
            if base is None:
                continue
            suffix, qualifier = w[s:], w[:s]
            words_q = " ".join(qualifier)
            message = Message(
                f'event "{e.name}" is "{base.name}" (at ',
                base.loc,
                f') with "{to_case(words_q, "Title Case")}" added: a value in the name; track "{base.name}" '
                f"with a property, e.g. {_property(ctx, qualifier, suffix[:n_objects])}",
            )
            yield Finding("TG405", message, e.loc, e, related=(base.loc,) if base.loc else ())
            break
        else:
            for s, n_objects in splits.get(e, []):
                group = groups[ids[s]]
                if len(group) < 2:
                    continue  # only this event ends so (an event is in a group once)
                family = [m for m in group if m is not e]
                suffix, qualifier = w[s:], w[:s]
                others = ", ".join(f'"{m.name}"' for m in family[:3]) + (" and more" if len(family) > 3 else "")
                one = to_case(" ".join(suffix), ctx.config.event_case)
                text = (
                    f'event "{e.name}" differs from {others} only by "{to_case(" ".join(qualifier), "Title Case")}": '
                    f'track one event "{one}" with a property, e.g. {_property(ctx, qualifier, suffix[:n_objects])}'
                )
                yield Finding("TG405", text, e.loc, e, related=tuple(m.loc for m in family if m.loc))
                break
