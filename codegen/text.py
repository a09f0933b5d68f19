"""Plan text and values, before any target escapes them."""

from __future__ import annotations

import math

from . import ir

#: What each kind of call sends, in docs: "Sends the track event ...".
CALL_PHRASES = {
    ir.CallKind.TRACK: "track event",
    ir.CallKind.IDENTIFY: "identify call",
    ir.CallKind.GROUP: "group call",
    ir.CallKind.PAGE: "page",
    ir.CallKind.SCREEN: "screen",
}


def number(value: int | float) -> str:
    """A JSON number as source text: integral floats as integers (1.0 is 1)."""
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{value!r} has no JSON form")
        return repr(int(value)) if value.is_integer() else repr(value)
    return repr(value)


def lines(text: str | None) -> list[str]:
    """Plan text as lines: any line break, each line stripped, no blank edges."""
    if not text:
        return []
    out = [line.strip() for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    while out and not out[0]:
        out.pop(0)
    while out and not out[-1]:
        out.pop()
    return out
