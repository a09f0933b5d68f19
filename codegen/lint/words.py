"""Words of names: splitting, case conventions, past tense and close spellings.

Pure string functions shared by the rules and by ``--fix``; nothing here knows the plan.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

Convention = Literal[
    "Title Case", "Sentence case", "lower case", "snake_case", "camelCase", "PascalCase", "kebab-case"
]
CONVENTIONS: tuple[Convention, ...] = (
    "Title Case", "Sentence case", "lower case", "snake_case", "camelCase", "PascalCase", "kebab-case"
)

#: Words Title Case may leave in lower case (not first): "Product Added to Wishlist".
MINOR_WORDS = frozenset(
    "a an and as at but by for from in into of on onto or over the to via vs with".split()
)

_SEPARATORS = re.compile(r"[\s_\-]+")
_FIXABLE = re.compile(r"[^\W_]+(?:[\s_\-]+[^\W_]+)*\Z")


def _camel_split(chunk: str) -> list[str]:
    """'workspaceCreated' -> workspace, Created; 'APIKey' -> API, Key; digits stay
    with what precedes them ('ga4Client' -> ga4, Client; 'sha256' stays whole)."""
    rest = chunk[1:]
    if rest == rest.lower():  # no capital after the first letter: one word
        return [chunk] if chunk else []
    words: list[str] = []
    start = 0
    for i in range(1, len(chunk)):
        x, y = chunk[i - 1], chunk[i]
        nxt = chunk[i + 1] if i + 1 < len(chunk) else ""
        if ((x.islower() or x.isdigit()) and y.isupper()) or (x.isupper() and y.isupper() and nxt.islower()):
            words.append(chunk[start:i])
            start = i
    words.append(chunk[start:])
    return [w for w in words if w]


def split_words(name: str, joined: bool = False) -> list[str]:
    """The words of a name in any convention, as written (case kept).

    A name with spaces is split on spaces only, so words such as "iOS" or "YouTube"
    stay whole, unless ``joined`` (the words will be joined without spaces); a name
    without spaces is split on ``_`` and ``-`` and at camel humps.
    """
    stripped = name.strip()
    if not joined and (" " in stripped or "\t" in stripped):
        return stripped.split()
    words: list[str] = []
    for chunk in _SEPARATORS.split(stripped):
        words += _camel_split(chunk)
    return words


def analysis_words(name: str) -> list[str]:
    """Lower-case words for comparing names written in any convention."""
    words: list[str] = []
    for chunk in _SEPARATORS.split(name.strip()):
        words += (w.lower() for w in _camel_split(chunk))
    return [w for w in words if w]


def normalise(name: str) -> str:
    """Case, spaces and punctuation removed: names equal here are the same name."""
    return _NOT_ALNUM.sub("", name.casefold())


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() and "_"


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _has_upper(word: str) -> bool:
    return any(c.isupper() for c in word)


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def to_case(name: str, convention: Convention) -> str:
    """``name`` written in ``convention``. Idempotent: ``to_case(to_case(n, c), c) == to_case(n, c)``."""
    words = split_words(name, joined=convention in ("snake_case", "kebab-case", "camelCase", "PascalCase"))
    letters = [c for c in name if c.isalpha()]
    if len(words) > 1 and len(letters) > 1 and all(c.isupper() for c in letters):  # SHOUTING, not acronyms
        words = [w.lower() for w in words]
    if convention == "Title Case":
        return " ".join(
            w if _has_upper(w) or (i and w in MINOR_WORDS) else _cap(w) for i, w in enumerate(words)
        )
    if convention == "Sentence case":
        out = []
        for i, w in enumerate(words):
            if i == 0:
                out.append(w if _has_upper(w) else _cap(w))
            elif _is_acronym(w) or _has_upper(w[1:]):
                out.append(w)  # API, iOS, YouTube
            else:
                out.append(w.lower())
        return " ".join(out)
    if convention == "lower case":
        return " ".join(w if _is_acronym(w) else w.lower() for w in words)
    if convention == "snake_case":
        return "_".join(w.lower() for w in words)
    if convention == "kebab-case":
        return "-".join(w.lower() for w in words)
    if convention in ("camelCase", "PascalCase"):
        out = []
        for i, w in enumerate(words):
            if i == 0 and convention == "camelCase":
                out.append(w.lower())
            elif _is_acronym(w):
                out.append(w)  # userID, isCI, APIKey
            else:
                out.append(_cap(w.lower()))
        return "".join(out)
    raise ValueError(f"unknown naming convention {convention!r}")


def follows(name: str, convention: Convention) -> bool:
    return to_case(name, convention) == name


def fixable(name: str) -> bool:
    """Whether a change of case is a safe, mechanical fix: only letters, digits and separators."""
    return bool(_FIXABLE.match(name.strip())) and bool(name.strip())


# --- past tense -----------------------------------------------------------------

IRREGULAR_PAST = frozenset(
    """arisen awoken been beaten become begun bent bet bid bitten blown born borne bought bound broken
    brought broadcast built burnt burst caught chosen clung come cost crept cut dealt done drawn dreamt
    driven drunk dug dwelt eaten fallen fed felt fought found fled flown forbidden forecast forgotten forgiven
    frozen given gone got gotten grown hung had heard hidden hit held hurt kept knelt known laid led leant
    leapt learnt left lent let lain lit lost made meant met mistaken misunderstood overcome overdone overridden
    overrun overseen overtaken overthrown overwritten paid proven put quit read rebuilt redone remade rerun
    reset resent retaken rewritten rid ridden rung risen run said sawn seen sought sold sent set sewn shaken
    shed shone shot shown shrunk shut sung sunk sat slain slept slid slung slit smelt sown spoken sped spelt
    spent spilt spun spat split spoilt spread sprung stood stolen stuck stung stunk struck strung sworn swept
    swollen swum swung taken taught torn told thought thrown thrust trodden understood undergone undertaken
    undone unwound upheld upset withdrawn withheld woken worn woven wed wept won wound written
    ate began blew broke came chose did drew drank drove fell flew forgot forgave froze gave grew knew rode
    rose ran rang sang sank saw shook spoke stole swam swore took threw tore went woke wore wrote""".split()
)
#: Words ending in "ed" that are not past tense.
NOT_PAST = frozenset(
    """bed bleed breed creed deed embed exceed feed fled freed greed heed hundred need proceed red reed seed
    shed sled speed steed succeed tweed weed wed bred sacred naked wicked kindred rugged ragged crooked
    bloodshed seabed hotbed flowerbed newsfeed livefeed infrared""".split()
) - IRREGULAR_PAST

#: Particles of phrasal verbs: "Signed Up", "Logged In", "Checked Out".
PARTICLES = frozenset("up in out off on over back down through away along around about forward".split())
#: Words that start a phrase after the action: "Product Added to Wishlist".
PREPOSITIONS = frozenset(
    """to from in into on onto at for with without via by as of after before during within through across
    under over between""".split()
)


def is_past(word: str) -> bool:
    w = word.lower()
    if w in IRREGULAR_PAST:
        return True
    return len(w) > 3 and w.endswith("ed") and w not in NOT_PAST and any(c in "aeiouy" for c in w[:-2])


def action_index(words: list[str]) -> int | None:
    """Index of the past-tense action in lower-case ``words`` if the name ends with it
    (allowing a particle, "Signed Up", or a trailing phrase, "Added to Cart"), else None."""
    if not words:
        return None
    last = len(words) - 1
    if is_past(words[last]):
        return last
    if last >= 1 and words[last] in PARTICLES and is_past(words[last - 1]):
        return last - 1
    for i in range(last - 1, -1, -1):
        if is_past(words[i]):
            rest = i + 1
            if rest <= last and words[rest] in PARTICLES and rest + 1 <= last and words[rest + 1] in PREPOSITIONS:
                rest += 1  # "Signed Up with Google"
            return i if rest <= last and words[rest] in PREPOSITIONS else None
    return None


#: Present-tense verbs common in event names, with their past participle.
VERBS = {
    "add": "added", "apply": "applied", "approve": "approved", "archive": "archived", "begin": "begun",
    "buy": "bought", "cancel": "cancelled", "change": "changed", "check": "checked", "choose": "chosen",
    "click": "clicked", "close": "closed", "complete": "completed", "connect": "connected",
    "copy": "copied", "create": "created", "delete": "deleted", "deny": "denied", "disable": "disabled",
    "dismiss": "dismissed", "download": "downloaded", "drop": "dropped", "edit": "edited", "enable": "enabled",
    "end": "ended", "enter": "entered", "expand": "expanded", "export": "exported", "fail": "failed",
    "fill": "filled", "filter": "filtered", "finish": "finished", "follow": "followed", "import": "imported",
    "install": "installed", "invite": "invited", "join": "joined", "launch": "launched", "leave": "left",
    "like": "liked", "load": "loaded", "log": "logged", "open": "opened", "pay": "paid", "pause": "paused",
    "play": "played", "publish": "published", "purchase": "purchased", "read": "read", "receive": "received",
    "refund": "refunded", "register": "registered", "remove": "removed", "rename": "renamed",
    "request": "requested", "reset": "reset", "resume": "resumed", "review": "reviewed", "save": "saved",
    "search": "searched", "select": "selected", "send": "sent", "share": "shared", "show": "shown",
    "sign": "signed", "skip": "skipped", "sort": "sorted", "start": "started", "stop": "stopped",
    "submit": "submitted", "subscribe": "subscribed", "tap": "tapped", "toggle": "toggled",
    "unsubscribe": "unsubscribed", "update": "updated", "upgrade": "upgraded", "upload": "uploaded",
    "verify": "verified", "view": "viewed", "visit": "visited", "watch": "watched", "win": "won",
}
#: One-word names of a whole action: "Signup" is "Signed Up".
COMPOUNDS = {
    "signup": ["signed", "up"], "signin": ["signed", "in"], "login": ["signed", "in"],
    "logon": ["signed", "in"], "signout": ["signed", "out"], "logout": ["signed", "out"],
    "logoff": ["signed", "out"], "checkout": ["checkout", "started"], "optin": ["opted", "in"],
    "optout": ["opted", "out"], "purchase": ["order", "completed"], "install": ["application", "installed"],
}


def past_of(word: str) -> str | None:
    return VERBS.get(word.lower())


# --- close spellings --------------------------------------------------------------

_SUFFIXES = ("ing", "ed", "es", "d", "s")


def _stem(word: str) -> str:
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)].rstrip("e")
    return word.rstrip("e") if len(word) > 3 else word


def osa_distance_at_most_one(a: str, b: str) -> bool:
    """Optimal string alignment distance <= 1 (one insertion, deletion, substitution or swap)."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def close_words(a: str, b: str) -> bool:
    """Two different words that are likely one word misspelt or inflected:
    complete/completed, product/products, referer/referrer, canceled/cancelled."""
    if a == b or a.isdigit() or b.isdigit():
        return False
    if any(c.isdigit() for c in a + b) and a.rstrip("0123456789") == b.rstrip("0123456789"):
        return False  # numbered, not misspelt: a rule of its own
    if len(a) >= 3 and len(b) >= 3 and _stem(a) == _stem(b):
        return True
    # A different first letter is more often another word (Reactivated/Deactivated,
    # Encoded/Decoded) than a slip of the keyboard.
    return min(len(a), len(b)) >= 5 and a[0] == b[0] and osa_distance_at_most_one(a, b)


_DIGITS = "0123456789"


def close_pairs(words: Iterable[str]) -> set[tuple[str, str]]:
    """Every pair of close words among ``words`` (sorted pairs): the pairs ``close_words``
    accepts, found without comparing all pairs, in time linear in the letters of the
    words and the number of pairs found.

    Two different words are close when they have one stem (then both are close, unless a
    word is all digits: a word's stem is the word less some trailing "e"s and a
    suffix, all letters, so a numbered pair never has one stem), or when they are one
    edit apart, both of five letters or more, with one first letter and not numbered
    alike. Words one edit apart are found through keys: a word of n letters less its
    letter i (i >= 1) is shared by the words that differ from it at i only (a
    substitution) and by the word it is (an insertion); a swap of letters i and i+1 is
    looked up. The keys are pairs of ids of the letters before and after, given by tries
    of prefixes and suffixes, so a word of n letters makes n keys of two numbers, not n
    copies of itself.
    """
    unique = [w for w in dict.fromkeys(words) if not w.isdigit()]
    pairs: set[tuple[str, str]] = set()
    if len(unique) < 2:
        return pairs
    by_stem: dict[str, list[str]] = {}
    for w in unique:
        if len(w) >= 3:
            by_stem.setdefault(_stem(w), []).append(w)
    for group in by_stem.values():
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                pairs.add((a, b) if a < b else (b, a))
    long_words = [w for w in unique if len(w) >= 5]
    if len(long_words) < 2:
        return pairs
    prefixes: dict[tuple[int, str], int] = {}  # (id of a prefix, next letter) -> id of the longer prefix
    suffixes: dict[tuple[int, str], int] = {}  # (id of a suffix, letter before) -> id of the longer suffix
    ids: dict[str, tuple[list[int], list[int]]] = {}
    deleted: dict[tuple[int, int], list[str]] = {}  # (before, after) -> the words that are it with one letter more
    whole: dict[tuple[int, int], str] = {}  # (before, after) -> the word they make
    for w in long_words:
        size = len(w)
        before = [0] * (size + 1)  # before[i]: the id of w[:i]
        for i, c in enumerate(w):
            before[i + 1] = prefixes.setdefault((before[i], c), len(prefixes) + 1)
        after = [0] * (size + 1)  # after[i]: the id of w[i:]
        for i in range(size - 1, -1, -1):
            after[i] = suffixes.setdefault((after[i + 1], w[i]), len(suffixes) + 1)
        ids[w] = (before, after)
        for i in range(1, size):
            deleted.setdefault((before[i], after[i + 1]), []).append(w)
        for i in range(1, size + 1):
            whole[(before[i], after[i])] = w
    digits = {w: any(c.isdigit() for c in w) for w in long_words}
    stripped = {w: w.rstrip(_DIGITS) for w in long_words}

    def add(a: str, b: str) -> None:
        if (digits[a] or digits[b]) and stripped[a] == stripped[b]:
            return  # numbered, not misspelt: a rule of its own
        pairs.add((a, b) if a < b else (b, a))

    for key, group in deleted.items():
        for i, a in enumerate(group):  # one letter substituted, at the same place
            for b in group[i + 1 :]:
                add(a, b)
        shorter = whole.get(key)
        if shorter is not None:  # one letter inserted
            for b in group:
                add(shorter, b)
    for w in long_words:  # two neighbouring letters swapped
        before, after = ids[w]
        for i in range(1, len(w) - 1):
            if w[i] == w[i + 1]:
                continue
            head = prefixes.get((before[i], w[i + 1]))
            head = prefixes.get((head, w[i])) if head is not None else None
            other = whole.get((head, after[i + 2])) if head is not None else None
            if other is not None:
                add(w, other)
    return pairs
