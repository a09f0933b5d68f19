"""Values inside names: dynamic event names (TG404) and dynamic property keys (TG406)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..finding import Context, Finding, at
from ..walk import first_of_each_name
from ..words import to_case

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
#: What a value inside a name looks like, most specific first.
_VALUE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("a URL", re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io)\b(?:/\S*)?", re.I)),
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("an id", re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)),
    ("a date", re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b")),
    ("a date", re.compile(rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}(?:\s+\d{{4}})?\b", re.I)),
    ("a time", re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?\b", re.I)),
    ("an id", re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b", re.I)),
    ("a version", re.compile(r"(?<![\w.])v\d+(?:\.\d+)*\b", re.I)),
    ("a number", re.compile(r"(?<![\w.])[#№]?\d+(?:[.,]\d+)*%?(?![\w.])|(?<=_)\d+(?=_|\b)|\b\d+(?=_)")),
)
_BRACKETS = re.compile(r"\s*[(\[{][^)\]}]*[)\]}]")


def _values(name: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(kind, text, span) of each value found in a name, without overlaps."""
    found: list[tuple[str, str, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _VALUE_PATTERNS:
        for m in pattern.finditer(name):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append(m.span())
            found.append((kind, m.group(), m.span()))
    return sorted(found, key=lambda f: f[2])


def _without(name: str, spans: list[tuple[int, int]]) -> str:
    out = name
    for start, end in sorted(spans, reverse=True):
        out = out[:start] + " " + out[end:]
    out = _BRACKETS.sub(lambda m: m.group() if re.search(r"\w", m.group()) else " ", out)
    return re.sub(r"[\s_\-]+", " ", out).strip(" _-")


def dynamic_event_names(ctx: Context) -> Iterator[Finding]:
    for event in first_of_each_name([e for e in ctx.entities if e.kind == "event"]):
        name = event.name
        values = _values(name)
        brackets = [m for m in _BRACKETS.finditer(name) if not any(s < m.end() and m.start() < e for _, _, (s, e) in values)]
        if not values and not brackets:
            continue
        parts = [f'{kind} ("{text}")' for kind, text, _ in values] + [f'a value in brackets ("{m.group().strip()}")' for m in brackets]
        static = _without(name, [span for _, _, span in values] + [m.span() for m in brackets])
        message = f'event name "{name}" contains {", ".join(parts)}; values belong in properties'
        if static and any(c.isalpha() for c in static):
            message += f': track "{to_case(static, ctx.config.event_case)}" and send the value as a property'
        if any(kind == "a version" for kind, _, _ in values):
            message += " (versions of an event are its `version` field)"
        yield Finding("TG404", message, event.loc, event)


_KEY_NUMBER = re.compile(r"(?:^|[_\-.\s])(\d+)(?=$|[_\-.\s])|^(\d+)|(\d{4,})")
_KEY_VALUE = (
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+\.\w+")),
    ("a URL", re.compile(r"://|^www\.|\.(?:com|org|net|io)\b", re.I)),
    ("an id", re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-|(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])\b[0-9a-f]{8,}\b", re.I)),
    ("a date", re.compile(r"\d{4}[-_/.]\d{1,2}[-_/.]\d{1,2}|\d{1,2}[-_/.]\d{1,2}[-_/.]\d{4}")),
)
_TRAILING_NUMBER = re.compile(r"^(.*?[A-Za-z])[_\-]?(\d+)$")


def _plural(word: str) -> str:
    if word.endswith("y") and len(word) > 2 and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + ("es" if word.endswith(("s", "x", "ch", "sh")) else "s")


def dynamic_property_keys(ctx: Context) -> Iterator[Finding]:
    # Numbered siblings ("feature1", "feature2"): a family even without separators.
    families: dict[tuple[str, int, tuple[str, ...], str], list[str]] = {}
    for prop in ctx.props:
        m = _TRAILING_NUMBER.match(prop.name)
        if m:
            families.setdefault((prop.entity.kind, prop.entity.index, prop.container, m.group(1).lower()), []).append(prop.name)
    for prop in ctx.props:
        name = prop.name
        if name == "[]":
            continue
        what = "trait" if prop.entity.kind in ("identify", "group") else "property"
        kind = next((k for k, p in _KEY_VALUE if p.search(name)), None)
        if kind is not None:
            message = f'{what} "{prop.dotted}" looks like {kind}, a value, not a key; use a fixed key and send the value'
            yield Finding("TG406", message, prop.loc, prop.entity)
            continue
        number = _KEY_NUMBER.search(name)
        m = _TRAILING_NUMBER.match(name)
        family = families.get((prop.entity.kind, prop.entity.index, prop.container, m.group(1).lower()), []) if m else []
        if m and (len(family) >= 2 or name[m.start(2) - 1] in "_-"):
            stem = m.group(1).rstrip("_-")
            others = [n for n in family if n != name]
            like = f' (like "{others[0]}")' if others else ""
            message = (
                f'{what} "{prop.dotted}" is a numbered key{like}: each number makes a new column; '
                f"use one property with a value or an array, e.g. `{_plural(stem)}: [...]`"
            )
        elif number is not None:
            digits = next(g for g in number.groups() if g)
            stem = re.sub(r"[\W_]*\d+[\W_]*", "_", name).strip("_") or "value"
            year = len(digits) == 4 and digits[:2] in ("19", "20")
            message = (
                f'{what} "{prop.dotted}" has a value ("{digits}") in its key; use `{stem}` '
                f"with a property such as `{'year' if year else 'number'}: {digits}`"
            )
        else:
            continue
        yield Finding("TG406", message, prop.loc, prop.entity)
