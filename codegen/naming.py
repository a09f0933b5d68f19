"""Language-neutral pieces of naming: splitting plan names into words, casing, and
resolving collisions deterministically. Each target's namer builds on these."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Hashable, Iterable
from typing import TypeVar

K = TypeVar("K", bound=Hashable)

_RUN = re.compile(r"[^\W_]+")
_ASCII_RUN = re.compile(r"[A-Za-z0-9]+")
#: _split_camel for ASCII runs, as one regex (checked equal on random strings).
_ASCII_CAMEL = re.compile(r"[A-Z]+(?=[A-Z][a-z])|[A-Z]*[^A-Z]+|[A-Z]+")


def split_words(text: str) -> list[str]:
    """Split a plan name into words.

    Separators are anything but letters and digits; camelCase and ACRONYMWord
    boundaries split too. Accents of Latin letters are removed; letters of other
    scripts are kept as long as they are valid in identifiers. ``"42_--terrible==\\"event'++name~!3"`` gives
    ``["42", "terrible", "event", "name", "3"]``.
    """
    if text.isascii():
        return [w for run in _ASCII_RUN.findall(text) for w in _ASCII_CAMEL.findall(run)]
    folded = "".join(_fold(c) for c in text)
    words: list[str] = []
    for run in _RUN.findall(folded):
        words.extend(_split_camel(run))
    out = []
    for w in words:
        w = unicodedata.normalize("NFKC", w)
        w = "".join(c for c in w if ("a" + c).isidentifier())
        if w:
            out.append(w)
    return out


def _fold(c: str) -> str:
    """Latin letters lose their accents (é → e, ﬁ → fi); other scripts keep theirs."""
    if c.isascii():
        return c
    base = "".join(x for x in unicodedata.normalize("NFKD", c) if not unicodedata.combining(x))
    return base if base.isascii() else unicodedata.normalize("NFKC", c)


def _split_camel(run: str) -> list[str]:
    out: list[str] = []
    current = ""
    for i, c in enumerate(run):
        if current and c.isupper():
            prev = current[-1]
            following = run[i + 1] if i + 1 < len(run) else ""
            if not prev.isupper() or following.islower():
                out.append(current)
                current = ""
        current += c
    if current:
        out.append(current)
    return out


def snake(words: Iterable[str]) -> str:
    return "_".join(w.lower() for w in words)


def pascal(words: Iterable[str]) -> str:
    return "".join(map(_capitalized, words))


@functools.lru_cache(maxsize=4096)
def _capitalized(word: str) -> str:
    """``word`` with its first letter upper case, the rest lower (not str.capitalize:
    that maps a first "ǆ" to titlecase "ǅ", not "Ǆ")."""
    return word[:1].upper() + word[1:].lower()


def camel(words: Iterable[str]) -> str:
    p = pascal(words)
    return p[:1].lower() + p[1:]


def screaming(words: Iterable[str]) -> str:
    return "_".join(w.upper() for w in words)


def resolve(requests: dict[K, str], taken: Iterable[str] = (), sep: str = "_") -> dict[K, str]:
    """Give every request a unique identifier, deterministically.

    ``requests`` maps a key (something that orders and is stable, such as the wire
    name or path) to the identifier it would like. Requests that want the same
    identifier are ordered by key; the first keeps it, the others get ``_2``, ``_3``...
    (``2``, ``3`` when ``sep`` is empty). The result does not depend on the order of
    ``requests``. ``taken`` holds identifiers that are never handed out.
    """
    by_name: dict[str, list[K]] = {}
    for key, name in requests.items():
        by_name.setdefault(name, []).append(key)
    used = set(taken) | set(by_name)
    result: dict[K, str] = {}
    for name in sorted(by_name):
        keys = by_name[name]
        if len(keys) > 1:  # (keys can be long: a type nested 150 deep)
            keys = sorted(keys, key=_order)
        first, rest = keys[0], keys[1:]
        result[first] = name
        n = 2
        for key in rest:
            while f"{name}{sep}{n}" in used:
                n += 1
            candidate = f"{name}{sep}{n}"
            used.add(candidate)
            result[key] = candidate
    return result


def _order(key: object) -> tuple[str, ...]:
    if isinstance(key, tuple):
        return tuple(str(k) for k in key)
    return (str(key),)


CallKey = tuple[str, str]  # (call kind, wire name)


def call_stems(calls: Iterable[tuple[str, str]]) -> dict[CallKey, list[str]]:
    """The words each call's names are built from, unique within each call kind.

    Track events that differ only in case or punctuation ("Event Collided",
    "event_collided") get numbered stems; the numbering depends on the names only,
    so both targets agree and plan order does not matter.
    """
    by_kind: dict[str, dict[str, str]] = {}
    for kind, name in calls:
        by_kind.setdefault(kind, {})[name] = snake(split_words(name)) or kind
    stems: dict[CallKey, list[str]] = {}
    for kind, wanted in by_kind.items():
        for name, stem in resolve(wanted).items():
            stems[(kind, name)] = stem.split("_")
    return stems


def type_stem(kind: str, stem: list[str]) -> list[str]:
    """Words that start the type names of a call (pages and screens say so)."""
    if kind in ("page", "screen"):
        return [*stem, kind]
    if kind in ("identify", "group"):
        return [kind]
    return stem
