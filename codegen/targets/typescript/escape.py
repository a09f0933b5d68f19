"""TypeScript string literals, property keys and JSDoc from plan text."""

from __future__ import annotations

import re

from ...text import lines, number

_IDENTIFIER = re.compile(r"[A-Za-z_$][A-Za-z0-9_$]*\Z")


def _escape_char(c: str) -> str:
    if c == "\\":
        return "\\\\"
    if c == '"':
        return '\\"'
    if c == "\n":
        return "\\n"
    if c == "\t":
        return "\\t"
    if c == "\r":
        return "\\r"
    code = ord(c)
    if 0xD800 <= code <= 0xDFFF or not c.isprintable():
        if code < 0x10000:
            return f"\\u{code:04x}"
        return f"\\u{{{code:x}}}"
    return c


_PLAIN = re.compile(r"[ !#-\[\]-~]*\Z")  # printable ASCII but the double quote and backslash


def ts_str(text: str) -> str:
    """A double-quoted string literal."""
    if _PLAIN.match(text):
        return f'"{text}"'
    return '"' + "".join(_escape_char(c) for c in text) + '"'


def ts_key(name: str) -> str:
    """An object or interface key: bare when it is a plain identifier, else quoted."""
    return name if _IDENTIFIER.match(name) else ts_str(name)


def ts_literal(value: object) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return ts_str(value)
    if isinstance(value, (int, float)):
        return number(value)
    raise TypeError(f"not a JSON scalar: {value!r}")


def doc_lines(text: str | None) -> list[str]:
    """Plan text as JSDoc lines: no comment terminator, no accidental tags."""
    out = []
    for raw in lines(text):
        line = raw if raw.isprintable() else "".join(c if c.isprintable() else " " for c in raw).strip()
        line = line.replace("*/", "*\\/")
        out.append("\\" + line if line.startswith("@") else line)
    return out


def doc_inline(text: str) -> str:
    """Plan text on one JSDoc line."""
    return ts_str(text)[1:-1].replace("*/", "*\\/")


def comment(text: str) -> str:
    return " ".join(text.split())
