"""Values inside names: dynamic event names (TG404) and dynamic property keys (TG406)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..finding import Context, Finding
from ..values import MAYBE_VALUE, runs_finditer, static_name, values_in
from ..walk import first_of_each_name
from ..words import fixable, to_case


def dynamic_event_names(ctx: Context) -> Iterator[Finding]:
    """Values in the names of events, and of pages and screens (one name per view, not
    per product or article)."""
    for kind in ("event", "page", "screen"):
        for entity in first_of_each_name([e for e in ctx.entities if e.kind == kind]):
            name = entity.name
            values = values_in(name)
            if not values:
                continue
            parts = [f'{what} ("{text}")' for what, text, _ in values]
            static = static_name(name)
            message = f'{kind} name "{name}" contains {", ".join(parts)}; values belong in properties'
            if static and fixable(static):
                fixed = to_case(static, ctx.config.event_case) if kind == "event" else static
                verb = "track" if kind == "event" else f"name the {kind}"
                message += f': {verb} "{fixed}" and send the value as a property'
            if any(what == "a version" for what, _, _ in values):
                message += f" (versions of an {kind} are its `version` field)" if kind == "event" else ""
            yield Finding("TG404", message, entity.loc, entity)


_KEY_NUMBER = re.compile(r"(?:^|[_\-.\s])(\d+)(?=$|[_\-.\s])|^(\d+)|(\d{4,})")
# Only whether they are found matters. The address starts where a run of its characters
# starts, and the id at a word boundary before its lookaheads (it means the same), so a
# long key is not read again from each of its characters.
_KEY_VALUE = (
    ("an email address", re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+\.\w+")),
    ("a URL", re.compile(r"://|^www\.|\.(?:com|org|net|io)\b", re.I)),
    ("an id", re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-|\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b", re.I)),
    ("a date", re.compile(r"\d{4}[-_/.]\d{1,2}[-_/.]\d{1,2}|\d{1,2}[-_/.]\d{1,2}[-_/.]\d{4}")),
)
_TRAILING_NUMBER = re.compile(r"^(.*?[A-Za-z])[_\-\s]?(\d+)$")
_NUMBER = re.compile(r"[\W_]*\d+[\W_]*")  # a number and the separators around it
_NUMBER_RESTART = re.compile(r"(?<![\W_])(?:[\W_]*\d+[\W_]*)")


def _without_numbers(name: str) -> str:
    """``_NUMBER.sub("_", name)``, without reading a long run of separators again from
    each of its characters (see ``runs_finditer``)."""
    pieces, last = [], 0
    for m in runs_finditer(_NUMBER, _NUMBER_RESTART, name):
        pieces += [name[last : m.start()], "_"]
        last = m.end()
    pieces.append(name[last:])
    return "".join(pieces)


def _key(stem: str, ctx: Context) -> str:
    """A suggested key in the plan's convention, when it can be written in it."""
    return to_case(stem, ctx.config.property_case) if fixable(stem) else stem


def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


@dataclass(slots=True)
class _Family:
    """Numbered siblings ("feature1", "feature2") in the order written: how many, the
    first, and the first with another name (what a member names as its "like")."""

    size: int
    first: str
    second: str | None = None

    def add(self, name: str) -> None:
        self.size += 1
        if self.second is None and name != self.first:
            self.second = name

    def other_than(self, name: str) -> str | None:
        """The first member not called ``name``."""
        return self.first if self.first != name else self.second


def dynamic_property_keys(ctx: Context) -> Iterator[Finding]:
    # Numbered siblings ("feature1", "feature2"): a family even without separators.
    families: dict[tuple[str, int, tuple[str, ...], str], _Family] = {}
    for prop in ctx.props:
        m = _TRAILING_NUMBER.match(prop.name)
        if m:
            key = (prop.entity.kind, prop.entity.index, prop.container, m.group(1).lower())
            family = families.get(key)
            if family is None:
                families[key] = _Family(1, prop.name)
            else:
                family.add(prop.name)
    for prop in ctx.props:
        name = prop.name
        if name == "[]" or not MAYBE_VALUE.search(name):
            continue
        what = "trait" if prop.entity.kind in ("identify", "group") else "property"
        kind = next((k for k, p in _KEY_VALUE if p.search(name)), None)
        if kind is not None:
            message = f'{what} "{prop.dotted}" looks like {kind}, a value, not a key; use a fixed key and send the value'
            yield Finding("TG406", message, prop.loc, prop.entity)
            continue
        number = _KEY_NUMBER.search(name)
        m = _TRAILING_NUMBER.match(name)
        family = families.get((prop.entity.kind, prop.entity.index, prop.container, m.group(1).lower())) if m else None
        if m and ((family is not None and family.size >= 2) or name[m.start(2) - 1] in "_- "):
            stem = _key(m.group(1).rstrip("_- "), ctx)
            # The first sibling of another name: the family's first or second, not a
            # list of all the others per member (quadratic in a family of 50,000 keys).
            other = family.other_than(name) if family is not None else None
            like = f' (like "{other}")' if other is not None else ""
            message = (
                f'{what} "{prop.dotted}" is a numbered key{like}: each number makes a new column; '
                f"use one property with a value or an array, e.g. `{_plural(stem)}: [...]`"
            )
        elif number is not None:
            digits = next(g for g in number.groups() if g)
            stem = _key(_without_numbers(name).strip("_") or "value", ctx)
            year = len(digits) == 4 and digits[:2] in ("19", "20")
            message = (
                f'{what} "{prop.dotted}" has a value ("{digits}") in its key; use `{stem}` '
                f"with a property such as `{'year' if year else 'number'}: {digits}`"
            )
        else:
            continue
        yield Finding("TG406", message, prop.loc, prop.entity)
