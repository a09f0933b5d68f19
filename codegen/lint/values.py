"""Values written inside names: dates, numbers, ids, emails, URLs, versions and
bracketed values ("User Signed Up (11-01-2019)"), and the name without them."""

from __future__ import annotations

import re

from .words import PREPOSITIONS

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
#: What a value inside a name looks like, most specific first.
VALUE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("a URL", re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:com|org|net|io)\b(?:/\S*)?", re.I)),
    ("an id", re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.I)),
    ("a date", re.compile(r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?\S*)?|\b\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\b")),
    ("a date", re.compile(rf"\b{_MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTHS}(?:\s+\d{{4}})?\b", re.I)),
    ("a time", re.compile(r"\b\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm)?\b", re.I)),
    ("an id", re.compile(r"\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b", re.I)),
    ("a version", re.compile(r"(?<![\w.])v\d+(?:\.\d+)*\b", re.I)),
    ("a number", re.compile(r"(?<![\w.])[#№]?\d+(?:[.,]\d+)*%?(?![\w.])|(?<=_)\d+(?=_|\b)|\b\d+(?=_)")),
)
BRACKETS = re.compile(r"\s*[(\[{][^)\]}]*[)\]}]")
#: Every value pattern (here and in property keys) needs one of these; most names have
#: none, and need not be tried.
MAYBE_VALUE = re.compile(r"[\d@.:]|[0-9a-f]{8}-", re.I)


def _matches(name: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(kind, text, span) of each value found in a name, without overlaps."""
    found: list[tuple[str, str, tuple[int, int]]] = []
    if not MAYBE_VALUE.search(name):
        return found
    taken: list[tuple[int, int]] = []
    for kind, pattern in VALUE_PATTERNS:
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
    out = BRACKETS.sub(lambda m: m.group() if re.search(r"\w", m.group()) else " ", out)
    return re.sub(r"[\s_\-]+", " ", out).strip(" _-")


def values_in(name: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(what it is, the text, its span) of every value in a name, in order."""
    found = _matches(name)
    for m in BRACKETS.finditer(name):
        if not any(start < m.end() and m.start() < end for _, _, (start, end) in found):
            found.append(("a value in brackets", m.group().strip(), m.span()))
    return sorted(found, key=lambda f: f[2])


def static_name(name: str) -> str:
    """The name with its values (and words left dangling, "to", "for") taken out."""
    words = _without(name, [span for _, _, span in values_in(name)]).split()
    while words and words[-1].lower() in PREPOSITIONS:
        words.pop()
    return " ".join(words)
