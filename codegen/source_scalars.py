"""Plain (unquoted) YAML scalars resolved with the YAML 1.2 core schema.

``no`` stays a string (the Norway problem), ``0o17`` and ``0x1f`` are integers, and an
integer no double can hold reads as infinity, which the reader reports: a JSON payload
cannot hold it.
"""

from __future__ import annotations

import math
import re
import sys
from typing import Any

_INT = re.compile(r"[-+]?[0-9]+\Z")
_OCT = re.compile(r"0o[0-7]+\Z")
_HEX = re.compile(r"0x[0-9a-fA-F]+\Z")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\Z")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_SPECIAL_WORDS = _NULLS | _TRUE | _FALSE
#: Integers past the largest double are as far from what a JSON payload can hold as
#: 1e400 is (JavaScript reads them as Infinity); past 4,300 digits Python will not
#: even convert them, so longer texts are not converted at all.
_MAX_INT = int(sys.float_info.max)
_MAX_INT_DIGITS = len(str(_MAX_INT))


def _integer(text: str, base: int = 10) -> int | float:
    """The integer ``text`` (digits, maybe signed) means; infinity when no double holds it."""
    if base == 10 and len(text.lstrip("+-").lstrip("0")) > _MAX_INT_DIGITS:
        return math.inf
    value = int(text, base)
    return value if -_MAX_INT <= value <= _MAX_INT else math.inf


def _resolve_plain(text: str) -> Any:
    """YAML 1.2 core schema resolution of an unquoted scalar."""
    if text in _NULLS:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    first = text[0]
    if first.isdigit() or first in "-+.":
        if _INT.match(text):
            return _integer(text)
        if _FLOAT.match(text):
            return float(text)
        if text in (".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"):
            return float("inf")
        if text in ("-.inf", "-.Inf", "-.INF"):
            return float("-inf")
        if text in (".nan", ".NaN", ".NAN"):
            return float("nan")
    elif first == "0":  # pragma: no cover - unreachable, digits handled above
        pass
    if _OCT.match(text):
        return _integer(text[2:], 8)
    if _HEX.match(text):
        return _integer(text[2:], 16)
    return text
