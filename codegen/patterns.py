"""Whether a ``pattern`` means the same in Python's ``re`` and JavaScript's ``RegExp``.

The generated runtimes check patterns with ``re`` (Python) and ``new RegExp(p, "u")``
(TypeScript). Python accepts much that JavaScript's unicode mode rejects, so a
pattern that compiles in Python is also scanned here for what JavaScript would
refuse or read differently; lowering reports the first problem found.

Not caught: ``\\d``, ``\\w``, ``\\s`` and ``\\b`` match Unicode letters and digits in
Python and ASCII ones in JavaScript, so a pattern using them can accept "٣" on one
side only (both compile it; the difference is in what they match).
"""

from __future__ import annotations

import re

#: Characters JavaScript's unicode mode lets a backslash escape as themselves.
_SYNTAX = frozenset("^$\\.*+?()[]{}|/")
#: Escapes that mean the same in both (letters and digits handled separately).
_SHARED_LETTERS = frozenset("dDsSwWbBfnrtv")
_QUANTIFIER = re.compile(r"\{[0-9]+(,[0-9]*)?\}")
#: How deep groups may nest: Python's parser recurses per level (past about 900 it
#: raises RecursionError, and sooner in a program whose stack is already deep when it
#: imports the generated code); no real pattern comes near.
MAX_GROUP_DEPTH = 100


def group_depth(pattern: str) -> int:
    """How deep the groups of ``pattern`` nest (escapes and classes skipped)."""
    depth = deepest = 0
    i, in_class = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c == "(":
            depth += 1
            deepest = max(deepest, depth)
        elif c == ")":
            depth = max(0, depth - 1)
        i += 1
    return deepest


def js_problem(pattern: str) -> str | None:
    """What JavaScript (unicode mode) would reject or read differently, or None."""
    i, n = 0, len(pattern)
    in_class = False
    while i < n:
        c = pattern[i]
        if c == "\\":
            if i + 1 >= n:
                return "ends with a lone backslash"
            e = pattern[i + 1]
            if e in _SYNTAX or (in_class and e == "-"):
                i += 2
                continue
            if e in _SHARED_LETTERS:
                i += 2
                continue
            if e == "x" and re.match(r"[0-9A-Fa-f]{2}", pattern[i + 2 : i + 4]):
                i += 4
                continue
            if e == "u" and re.match(r"[0-9A-Fa-f]{4}", pattern[i + 2 : i + 6]):
                i += 6
                continue
            if e == "0" and not pattern[i + 2 : i + 3].isdigit():
                i += 2
                continue
            if e.isdigit() and not in_class:
                i += 2
                continue
            if e in "AZz":
                return f"\\{e} is not an anchor in JavaScript: use ^ and $"
            return f"the escape \\{e} means something else in JavaScript or is an error there"
        if in_class:
            if c == "]":
                in_class = False
            elif c == "[":
                return "a [ inside a character class must be escaped for JavaScript"
            i += 1
            continue
        if c == "[":
            in_class = True
            if pattern[i + 1 : i + 2] == "^":
                i += 1
            if pattern[i + 1 : i + 2] == "]":
                return "a ] first in a character class must be escaped for JavaScript"
            i += 1
            continue
        if c == "(" and pattern[i + 1 : i + 2] == "?":
            ext = pattern[i + 2 : i + 3]
            if ext == "P" or (ext == "<" and pattern[i + 3 : i + 4] not in ("=", "!")):
                return "named groups are written differently in Python and JavaScript: use a plain group"
            if ext not in (":", "=", "!", "<"):
                return f"(?{ext} is not a group JavaScript knows"
        if c == "{":
            match = _QUANTIFIER.match(pattern, i)
            if match is None:
                return "a { that does not start a quantifier like {2,5} must be escaped for JavaScript"
            i = match.end()
            if pattern[i : i + 1] == "+":
                return "possessive quantifiers (+ after a quantifier) are not JavaScript"
            continue
        if c in "}]":
            return f"a lone {c} must be escaped for JavaScript"
        if c in "*+?" and pattern[i + 1 : i + 2] == "+":
            return "possessive quantifiers (+ after a quantifier) are not JavaScript"
        i += 1
    return None
