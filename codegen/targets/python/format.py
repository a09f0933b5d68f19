"""Keep generated Python black-clean without running black on every build.

Templates print what black prints whenever a statement fits on a line. Plan names
can make a line too long; black then splits it, and running black over whole modules
costs seconds per thousand events. So this module re-lays such lines itself, the way
the pinned black does, for the statement shapes the templates print:

- a parameter of a generated function (``name: Annotation[ = default],``),
- a field of a ``TypedDict`` (``"key": Annotation,``),
- a module-level ``Name: _t.TypeAlias = ...``, ``NAME: _t.Final = frozenset(`` or
  ``_RULES_name: _rt.Rule = _rt.rules(``,
- a decorator with one argument (``@_rt.deprecated("...")``),

and leaves alone long lines black cannot split either (docstrings, lone string
literals, ``key: value`` entries without brackets). A module with any other long
line, or with wide non-ASCII text where the width decides a split, goes through
black itself, so the result is always black's. tests/test_format.py checks each
shape against black over many names and lengths.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import accumulate

from .escape import py_str, py_str_lines

LINE_LENGTH = 88

Tokens = list[tuple[str, str]]
"""A one-line expression as (space before, token) pairs."""

_TOKEN = re.compile(
    r"""( ?)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\.\.\.|[^\W\d][\w.]*|-?\d[\w.]*|[\[\](){}]|[,|:=])"""
)
_OPEN = "([{"
_CLOSE = ")]}"

_PARAM = re.compile(r"    (\w+): (.+?)((?: = (?:_rt\.OMIT|None))?),")
_ASSIGN = re.compile(r"(\w+): (_t\.TypeAlias|_t\.Final|_rt\.Rule) = (.+)")
_DECORATOR = re.compile(r"@[\w.]+\(.*\)")
_STRING = r"""(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"""
_UNSPLITTABLE = re.compile(
    # Lines black leaves as they are however long: a comment, a lone name or string
    # literal, a ``key: value`` or ``name=value`` entry, or the first line of a call or
    # a signature whose arguments come on the next lines.
    rf" *(?:#.*|(?:{_STRING}|[\w.]+),?(?:  # .*)?|{_STRING}: (?:\w+|{_STRING}),|\w+=(?:{_STRING}|[\w.-]+),"
    rf"|def \w+\(|[\w.]+\(|\w+=[{{(\[])"
)


def black_clean(source: str) -> str:
    """``source`` as the pinned black formats it (``source`` is what the templates
    print: black's layout for every statement that fits on a line)."""
    laid = relayout(source)
    if laid is not None:
        return laid
    from black import format_str
    from black.mode import Mode, TargetVersion

    return format_str(source, mode=Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH))


def call_lines(text: str, head: str, names: Sequence[str] = ()) -> list[str]:
    """``head`` (a line that ends in ``(``) called with the string ``text`` and then
    ``names``, laid out as the pinned black does; a string too long for a line is cut
    into implicitly concatenated literals, one a line. (A ``head`` too long itself is
    left to ``relayout``.)"""
    args = ", ".join([py_str(text), *names])
    if len(head) + len(args) + 1 <= LINE_LENGTH:
        return [head + args + ")"]
    if len(args) + 4 <= LINE_LENGTH:
        return [head, "    " + args, ")"]
    if not names:
        return [head, *["    " + piece for piece in py_str_lines(text, LINE_LENGTH - 4)], ")"]
    *pieces, last = py_str_lines(text, LINE_LENGTH - 5)
    return [head, *["    " + piece for piece in pieces], f"    {last},", *[f"    {name}," for name in names], ")"]


def relayout(source: str) -> str | None:
    """Split the long lines of ``source`` as black does, or None when a long line has
    a shape this module does not know."""
    lines = source.split("\n")
    lengths = list(map(len, lines))
    if source.isascii():
        long = [i for i, n in enumerate(lengths) if n > LINE_LENGTH]
    else:  # a wide character counts twice: lines past half the limit may be too wide
        half = LINE_LENGTH // 2
        long = [i for i, n in enumerate(lengths) if n > half and (n > LINE_LENGTH or not lines[i].isascii())]
    if not long:
        return source
    starts = list(accumulate(map((1).__add__, lengths), initial=0))
    candidates = [(starts[i], starts[i] + lengths[i]) for i in long]
    out: list[str] = []
    done = 0  # source[:done] is in out
    for start, end in candidates:
        if start < done:
            continue  # in a block laid out already
        line = source[start:end]
        if _UNSPLITTABLE.fullmatch(line) or _in_docstring(source, start):
            continue
        if not line.isascii():
            return None  # its width decides; black measures it
        laid: list[str] | None
        if _in_signature(source, start):
            laid = _parameter(line)
        elif line.startswith("@"):
            tokens = _tokens(line[1:]) if _DECORATOR.fullmatch(line) else None
            laid = None if tokens is None else _split([("", "@" + tokens[0][1]), *tokens[1:]], 0, inside=False)
        elif (head := _typeddict_head(source, start)) >= 0:
            start, end = head, source.index("\n)\n", head) + 2
            laid = _typeddict(source[start:end].split("\n"))
        elif _ASSIGN.fullmatch(line):
            if line.endswith(("(", "[")):
                closing = _CLOSING_LINE.search(source, end)
                if closing is None:
                    return None
                end = closing.end()
            laid = _assignment(source[start:end].split("\n"))
        else:
            laid = None
        if laid is None:
            return None
        out += [source[done:start], "\n".join(laid)]
        done = end
    return "".join([*out, source[done:]]) if out else source


_CLOSING_LINE = re.compile(r"^\S.*$", re.M)


def _in_docstring(source: str, at: int) -> bool:
    """Whether the line at ``at`` is in the module's docstring (after the header
    comment) or a function's (right after its signature); plan text in docstrings never
    holds three quotes in a row."""
    first = 0
    while source.startswith("#", first):
        first = source.find("\n", first) + 1
    if source.startswith('"""', first) and first <= at <= source.find('"""\n', first + 3):
        return True
    close = _last_line(source, ") -> ", at)
    if close < 0 or _last_line(source, "def ", at) > close:
        return False
    first = source.find("\n", close) + 1
    if not source.startswith('    """', first) or at < first:
        return False
    return at <= source.find('"""\n', first + 7)


def _in_signature(source: str, at: int) -> bool:
    return _last_line(source, "def ", at) > _last_line(source, ") -> ", at)


def _last_line(source: str, prefix: str, at: int) -> int:
    """Where the last line starting with ``prefix`` before ``at`` starts, or -1."""
    found = source.rfind("\n" + prefix, 0, at)
    if found >= 0:
        return found + 1
    return 0 if at > 0 and source.startswith(prefix) else -1


def _typeddict_head(source: str, at: int) -> int:
    """Where the ``Name = _t.TypedDict(`` block holding the line at ``at`` starts, or -1."""
    marker = source.rfind(" = _t.TypedDict(\n", 0, source.find("\n", at) + 1)
    if marker < 0:
        return -1
    head = source.rfind("\n", 0, marker) + 1
    if source[head] == " ":
        return -1
    return head if source.find("\n)\n", marker) > at else -1


def _tokens(text: str) -> Tokens | None:
    tokens: Tokens = []
    pos = 0
    for match in _TOKEN.finditer(text):
        if match.start() != pos:
            return None
        tokens.append((match[1], match[2]))
        pos = match.end()
    return tokens if pos == len(text) and tokens else None


def _render(tokens: Tokens, depth: int) -> str:
    return "    " * depth + tokens[0][1] + "".join(space + token for space, token in tokens[1:])


def _levels(tokens: Tokens) -> list[int]:
    """The bracket depth of each token (brackets count as outside their contents)."""
    levels = []
    level = 0
    for _, token in tokens:
        if token in _CLOSE:
            level -= 1
        levels.append(level)
        if token in _OPEN:
            level += 1
    return levels


def _has_union(tokens: Tokens, levels: list[int]) -> bool:
    """Whether ``|`` joins types at the top level (black's optional parentheses go there)."""
    return any(t == "|" and level == 0 for (_, t), level in zip(tokens, levels))


def _last_pair(tokens: Tokens, levels: list[int]) -> tuple[int, int] | None:
    """The opening and closing index of the last bracket pair, where black splits first."""
    close = next((i for i in range(len(tokens) - 1, -1, -1) if tokens[i][1] in _CLOSE), None)
    if close is None:
        return None
    # -1: the closing bracket's pair is not in these tokens (a part cut from a deeper
    # line); the caller leaves such a line to black.
    open_ = next((i for i in range(close - 1, -1, -1) if levels[i] == levels[close] and tokens[i][1] in _OPEN), -1)
    return open_, close


def _split(tokens: Tokens | None, depth: int, inside: bool = True) -> list[str] | None:
    """Black's split of one logical line with no optional parentheses: at the
    delimiters of highest priority (commas, then ``|``) when inside brackets, else at
    the last bracket pair; each part split again while too long."""
    if tokens is None:
        return None
    line = _render(tokens, depth)
    if len(line) <= LINE_LENGTH:
        return [line]
    levels = _levels(tokens)
    last = len(tokens) - 1
    if inside:
        for delimiter in (",", "|"):
            # A comma ends a part (a trailing one splits nothing); a "|" starts one.
            at = [i for i, (_, t) in enumerate(tokens) if t == delimiter and levels[i] == 0 and 0 < i < last]
            if not at:
                continue
            if delimiter == ",":
                cuts = [i + 1 for i in at]
            else:
                cuts = at
            parts = [tokens[a:b] for a, b in zip([0, *cuts], [*cuts, len(tokens)])]
            if delimiter == "," and parts[-1][-1][1] != ",":
                parts[-1] = [*parts[-1], ("", ",")]
            out: list[str] = []
            for part in parts:
                laid = _split(part, depth)
                if laid is None:
                    return None
                out += laid
            return out
    pair = _last_pair(tokens, levels)
    if pair is None:
        return [line]  # nothing to split on
    open_, close = pair
    if open_ < 0 or open_ + 1 == close:
        return None
    head, body, tail = tokens[: open_ + 1], tokens[open_ + 1 : close], tokens[close:]
    lines = [_split(head, depth), _split(body, depth + 1), _split(tail, depth)]
    if any(part is None for part in lines):
        return None
    return [text for part in lines if part is not None for text in part]


def _typeddict(block: list[str]) -> list[str] | None:
    """``Name = _t.TypedDict(``, its lines, ``)``: each field split as black splits it.
    When the first line is too long, black tries the call in parentheses and keeps
    that layout if every line of it then fits."""

    def fields(shift: str) -> list[str] | None:
        out: list[str] = []
        for line in block[1:-1]:
            if len(line) + len(shift) <= LINE_LENGTH // (1 if line.isascii() else 2):
                out.append(shift + line)
            elif not line.isascii():
                return None
            elif line.startswith("        "):
                laid = _split(_tokens(line.lstrip()), 2 + len(shift) // 4)
                if laid is None:
                    return None
                out += laid
            elif _UNSPLITTABLE.fullmatch(line):
                out.append(shift + line)
            else:
                return None
        return out

    first = block[0]
    inner = fields("")
    if inner is None:
        return None
    if len(first) > LINE_LENGTH:
        name = first[: -len(" = _t.TypedDict(")]
        nested = fields("    ")
        if nested is None:
            return None
        if all(len(line) <= LINE_LENGTH for line in nested) and len(name) + 4 <= LINE_LENGTH:
            return [f"{name} = (", "    _t.TypedDict(", *nested, "    )", ")"]
    return [first, *inner, block[-1]]


def _parameter(line: str) -> list[str] | None:
    """``    name: Annotation[ = default],`` in a signature: a union annotation goes in
    parentheses (black's optional parentheses around long type hints), anything else
    splits at its last bracket."""
    match = _PARAM.fullmatch(line)
    if match is None:
        return None
    name, annotation, default = match.groups()
    tokens = _tokens(annotation)
    if tokens is None:
        return None
    if _has_union(tokens, _levels(tokens)):
        body = _split(tokens, 2)
        return None if body is None else [f"    {name}: (", *body, f"    ){default},"]
    if default:
        return None
    return _split(_tokens(line.lstrip()), 1)


def _assignment(block: list[str]) -> list[str] | None:
    """``Name: _t.TypeAlias = value`` or ``NAME: _t.Final = frozenset(...)`` at module
    level, ``block`` its lines (one, or a first line ending in a bracket, the lines of
    its contents, and the closing line)."""
    match = _ASSIGN.fullmatch(block[0])
    assert match is not None
    name, annotation, value = match.groups()
    opening = f"{name}: {annotation} = ("
    if len(block) > 1:
        # A value spread over lines by its magic trailing comma.
        if block[-1] not in (")", "]"):
            return None
        nested = ["    " + block[0][len(opening) - 1 :], *("    " + line for line in block[1:]), ")"]
        if len(opening) < LINE_LENGTH or (
            len(opening) == LINE_LENGTH and all(len(line) <= LINE_LENGTH for line in nested)
        ):
            return [opening, *nested]  # the value in parentheses
        if len(f"{name}: (") > LINE_LENGTH:
            return None
        return [f"{name}: (", f"    {annotation}", f") = {value}", *block[1:]]  # the annotation in parentheses
    tokens = _tokens(value)
    if tokens is None:
        return None
    levels = _levels(tokens)
    union = _has_union(tokens, levels)
    pair = _last_pair(tokens, levels)
    brackets = pair is not None
    if pair is not None and not union:
        # Black first tries splitting at the value's last bracket pair.
        open_, close = pair
        head = f"{name}: {annotation} = " + _render(tokens[: open_ + 1], 0)
        if len(head) <= LINE_LENGTH and len(opening) < LINE_LENGTH:
            body = _split(tokens[open_ + 1 : close], 1)
            tail = _split(tokens[close:], 0, inside=False)
            return None if body is None or tail is None else [head, *body, *tail]
        if len(opening) > LINE_LENGTH:
            return None
        if len(opening) == LINE_LENGTH:
            # Black keeps the value in parentheses only if every line then fits.
            body = _split(tokens, 1)
            fits = body is not None and all(len(line) <= LINE_LENGTH for line in body)
            return [opening, *body, ")"] if fits and body is not None else None
    elif len(opening) > LINE_LENGTH:
        return None
    elif not brackets and not union and len(_render(tokens, 1)) > LINE_LENGTH:
        return None  # a name too long even on its own line
    body = _split(tokens, 1)
    return None if body is None else [opening, *body, ")"]
