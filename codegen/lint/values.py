"""Values written inside names: dates, numbers, ids, emails, URLs, versions and
bracketed values ("User Signed Up (11-01-2019)"), and the name without them."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

from .words import PREPOSITIONS

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?"
)
_URL_SCHEME = r"\b(?:https?://|www\.)\S+"
_URL_DOMAIN = r"\b[\w-]+\.(?:com|org|net|io)\b(?:/\S*)?"
#: What a value inside a name looks like, most specific first.
VALUE_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("an email address", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("a URL", re.compile(_URL_SCHEME + "|" + _URL_DOMAIN, re.I)),
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


# --- matching in linear time ---------------------------------------------------------
#
# Python's regular expressions try a pattern again at every character, and a pattern
# that starts with a long run ("[\w.+-]+@", "\s*[(\[{][^)\]}]*") reads the rest of the run
# at each of them: a name of 20,000 letters took seconds. The functions below give
# exactly the matches of ``finditer`` without those attempts.


def runs_finditer(
    pattern: re.Pattern[str], restart: re.Pattern[str], text: str, endpos: int | None = None
) -> Iterator[re.Match[str]]:
    """``pattern.finditer(text, 0, endpos)``, where ``restart`` is ``pattern`` behind a
    lookbehind ``(?<![K])`` for a class K of the characters of its leading run.

    Exact for a pattern that never matches empty and that, if it matches at a character
    preceded by one of K, also matches one character before: the leftmost match is then
    where the search starts or where ``restart`` may start, not inside a run."""
    end = len(text) if endpos is None else endpos
    pos = 0
    while pos <= end:
        m = pattern.match(text, pos, end) or restart.search(text, pos + 1, end)
        if m is None:
            return
        yield m
        pos = m.end()


def _restart(pattern: re.Pattern[str], behind: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!{behind})(?:{pattern.pattern})", pattern.flags)


_EMAIL = VALUE_PATTERNS[0][1]
_EMAIL_RESTART = _restart(_EMAIL, r"[\w.+-]")  # the address's own characters
_BRACKETS_RESTART = _restart(BRACKETS, r"[\s(\[{]")  # spaces and opening brackets
_URL = VALUE_PATTERNS[1][1]
_SCHEME = re.compile(_URL_SCHEME, re.I)
_DOMAIN = re.compile(_URL_DOMAIN, re.I)
_TLD = re.compile(r"(?=\.(?:com|org|net|io)\b)", re.I)
_WORD_RUN = re.compile(r"[\w-]+")
_BOUNDARY = re.compile(r"\b")


def _brackets(text: str) -> Iterator[re.Match[str]]:
    """``BRACKETS.finditer(text)``: an opening bracket with no closing one after it reads
    to the end of the text, so the search stops at the last closing bracket."""
    last = max(text.rfind(")"), text.rfind("]"), text.rfind("}"))
    if last >= 0:
        yield from runs_finditer(BRACKETS, _BRACKETS_RESTART, text, last + 1)


def _url_spans(text: str) -> Iterator[tuple[int, int]]:
    r"""The spans of ``_URL.finditer(text)``.

    Its second alternative, ``\b[\w-]+\.com...``, matches at a word boundary in a run of
    word characters and hyphens if and only if ".com" (".org", ...) ends the run: at
    most once a run, found from the run's end; the first alternative, ``www.`` or a
    scheme, is searched for as it is. The leftmost of the two is the match, the first
    alternative's at the same place."""
    ends = {m.start() for m in _TLD.finditer(text)}
    runs = [m.span() for m in _WORD_RUN.finditer(text) if m.end() in ends] if ends else []
    scheme = _SCHEME.search(text)
    pos = i = 0
    while True:
        domain = None
        while i < len(runs):
            start, end = runs[i]
            if end > pos:
                found = _BOUNDARY.search(text, max(start, pos), end)
                if found is not None and found.start() < end:
                    domain = found.start()
                    break
            i += 1
        if scheme is not None and scheme.start() < pos:
            scheme = _SCHEME.search(text, pos)
        if scheme is not None and (domain is None or scheme.start() <= domain):
            span = scheme.span()
        elif domain is not None:
            m = _DOMAIN.match(text, domain)
            assert m is not None, "a run that ends in a domain matches at its first word boundary"
            span = m.span()
        else:
            return
        yield span
        pos = span[1]


def _spans(pattern: re.Pattern[str], text: str) -> Iterator[tuple[int, int]]:
    """The spans of ``pattern.finditer(text)``, in linear time for every value pattern."""
    if pattern is _EMAIL:
        return (m.span() for m in runs_finditer(_EMAIL, _EMAIL_RESTART, text))
    if pattern is _URL:
        return _url_spans(text)
    return (m.span() for m in pattern.finditer(text))


# --- values ----------------------------------------------------------------------------


def _free(start: int, end: int, taken: list[tuple[int, int]], at: list[int]) -> bool:
    """Whether [start, end) overlaps none of ``taken`` (sorted, not overlapping), for
    spans asked about in order of their start: ``at[0]`` moves along ``taken``."""
    i = at[0]
    while i < len(taken) and taken[i][1] <= start:
        i += 1
    at[0] = i
    return i == len(taken) or taken[i][0] >= end


def _matches(name: str) -> list[tuple[str, str, tuple[int, int]]]:
    """(kind, text, span) of each value found in a name, without overlaps."""
    found: list[tuple[str, str, tuple[int, int]]] = []
    if not MAYBE_VALUE.search(name):
        return found
    taken: list[tuple[int, int]] = []  # the spans of the patterns before, sorted
    for kind, pattern in VALUE_PATTERNS:
        # One pattern's matches do not overlap each other and come in order: each is
        # checked against the earlier patterns' spans by walking them once.
        at = [0]
        new: list[tuple[int, int]] = []
        for start, end in _spans(pattern, name):
            if _free(start, end, taken, at):
                new.append((start, end))
                found.append((kind, name[start:end], (start, end)))
        if new:
            taken = sorted(taken + new)
    return sorted(found, key=lambda f: f[2])


def _without(name: str, spans: list[tuple[int, int]]) -> str:
    """The name with each span (they do not overlap) written as a space."""
    pieces, last = [], 0
    for start, end in sorted(spans):
        pieces += [name[last:start], " "]
        last = end
    pieces.append(name[last:])
    out = "".join(pieces)
    pieces, last = [], 0
    for m in _brackets(out):  # brackets with nothing in them go too
        pieces += [out[last : m.start()], m.group() if re.search(r"\w", m.group()) else " "]
        last = m.end()
    pieces.append(out[last:])
    return re.sub(r"[\s_\-]+", " ", "".join(pieces)).strip(" _-")


@functools.lru_cache(maxsize=8192)
def values_in(name: str) -> tuple[tuple[str, str, tuple[int, int]], ...]:
    """(what it is, the text, its span) of every value in a name, in order. Each
    event's name is asked about by several rules: the answer is kept (a tuple)."""
    found = _matches(name)
    taken = [span for _, _, span in found]
    at = [0]
    for m in _brackets(name):
        if _free(m.start(), m.end(), taken, at):
            found.append(("a value in brackets", m.group().strip(), m.span()))
    return tuple(sorted(found, key=lambda f: f[2]))


@functools.lru_cache(maxsize=8192)
def static_name(name: str) -> str:
    """The name with its values (and words left dangling, "to", "for") taken out."""
    words = _without(name, [span for _, _, span in values_in(name)]).split()
    while words and words[-1].lower() in PREPOSITIONS:
        words.pop()
    return " ".join(words)
