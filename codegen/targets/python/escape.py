"""Python literals and docstrings from plan text. Output is also what black would
print, so generated code is black-clean without running black."""

from __future__ import annotations

import re
import textwrap

from ...text import lines, number


def _escape_char(c: str, quote: str) -> str:
    if c == "\\":
        return "\\\\"
    if c == quote:
        return "\\" + c
    if c == "\n":
        return "\\n"
    if c == "\t":
        return "\\t"
    if c == "\r":
        return "\\r"
    if c.isprintable():
        return c
    code = ord(c)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


_PLAIN = re.compile(r"[ !#-&(-\[\]-~]*\Z")  # printable ASCII but quotes and backslash
_DOC_PLAIN = re.compile(r"[ !#-\[\]-~]*\Z")  # printable ASCII but the double quote and backslash


def py_str(text: str) -> str:
    """A string literal; double quotes unless single quotes need fewer escapes (black's rule)."""
    if _PLAIN.match(text):
        return f'"{text}"'
    quote = "'" if text.count('"') > text.count("'") else '"'
    body = text.translate(_ESCAPES_SQ if quote == "'" else _ESCAPES_DQ)
    if not body.isprintable():
        body = "".join(c if c.isprintable() else _escape_char(c, quote) for c in body)
    return quote + body + quote


_ESCAPES_DQ = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"})
_ESCAPES_SQ = str.maketrans({"\\": "\\\\", "'": "\\'", "\n": "\\n", "\t": "\\t", "\r": "\\r"})


def py_literal(value: object) -> str:
    """A JSON scalar as a Python literal (for ``Literal[...]`` and constants)."""
    if value is None:
        return "None"
    if value is True:
        return "True"
    if value is False:
        return "False"
    if isinstance(value, str):
        return py_str(value)
    if isinstance(value, (int, float)):
        return number(value)
    raise TypeError(f"not a JSON scalar: {value!r}")


def doc_lines(text: str | None, width: int = 0, first_width: int | None = None) -> list[str]:
    """Plan text as docstring lines: escaped, each stripped, wrapped at ``width``
    (``first_width`` for the first line, when given), no blank lines at the edges."""
    out: list[str] = []
    for raw in lines(text):
        line = _doc_escape(raw)
        room = max(20, first_width if first_width is not None and not out else width)
        if width and len(line) > room:
            first, *rest = textwrap.wrap(line, room, break_long_words=False, break_on_hyphens=False)
            out.append(first)
            rest_text = " ".join(rest)
            if rest_text:
                out += textwrap.wrap(rest_text, width, break_long_words=False, break_on_hyphens=False)
        else:
            out.append(line)
    return out


def doc_inline(text: str) -> str:
    """Plan text on one docstring line (line breaks shown as ``\\n``), between the
    template's own quotes: every quote is escaped, so none can join them into three."""
    if _DOC_PLAIN.match(text):
        return text
    out = []
    for c in text:
        if c == "\\":
            out.append("\\\\")
        elif c == '"':
            out.append('\\"')
        elif c.isprintable() or c == " ":
            out.append(c)
        else:
            out.append(_escape_char(c, '"'))
    return "".join(out)


def _doc_escape(line: str) -> str:
    if _DOC_PLAIN.match(line):
        return line
    out = []
    for c in line:
        if c == "\\":
            out.append("\\\\")
        elif c == "\t":
            out.append(" ")
        elif c.isprintable() or c == " ":
            out.append(c)
        else:
            out.append(_escape_char(c, '"'))
    escaped = "".join(out)
    # No run of three quotes can close the docstring; escape every quote in such runs.
    while '"""' in escaped:
        escaped = escaped.replace('"""', '\\"\\"\\"')
    return escaped


def comment(text: str) -> str:
    """Plan text on one comment line."""
    return " ".join(text.split()).replace("\0", "")


def py_str_lines(text: str, width: int) -> list[str]:
    """``text`` as string literals of at most ``width`` characters each, to be written
    one a line (implicit concatenation), as black keeps them."""
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + width - 2)
        piece = py_str(text[start:end])
        # Escapes make a literal longer than its text: shorten until it fits.
        while len(piece) > width and end > start + 1:
            end -= max(1, (len(piece) - width) // 2)
            piece = py_str(text[start:end])
        pieces.append(piece)
        start = end
    return pieces or [py_str("")]
