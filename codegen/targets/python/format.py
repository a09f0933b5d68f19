"""Keep generated Python black-clean without paying for black on every build.

Templates print what black prints. The one thing they cannot do cheaply is wrap a
line that plan text made longer than black's limit; only modules with such a line
go through black (pinned in pyproject.toml), so builds stay fast and output stays
identical to ``black``'s.
"""

from __future__ import annotations

import io
import os
import tokenize

LINE_LENGTH = 88
_TEXT = {tokenize.STRING, tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}
_NO_BLACK = os.environ.get("TRACKGEN_DEBUG_NO_BLACK") == "1"


def black_clean(source: str) -> str:
    if _NO_BLACK:
        return source
    lines = source.split("\n")
    long = {i + 1 for i, line in enumerate(lines) if len(line) > LINE_LENGTH}
    if not long or long <= _text_only_lines(source):
        return source
    from black import format_str
    from black.mode import Mode, TargetVersion

    return format_str(source, mode=Mode(target_versions={TargetVersion.PY311}, line_length=LINE_LENGTH))


def _text_only_lines(source: str) -> set[int]:
    """Lines that hold nothing but string literals, comments and punctuation, which
    black leaves as they are however long they are (docstrings, long names in text)."""
    code: set[int] = set()
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (tokenize.TokenError, SyntaxError):
        return set()  # let black decide (and say what is wrong)
    for token in tokens:
        one_line_docstring = token.type == tokenize.STRING and token.string[:3] in ('"""', "'''") and (
            token.start[0] == token.end[0]
        )  # black moves the closing quotes of a long one-line docstring
        if one_line_docstring or (
            token.type not in _TEXT and not (token.type == tokenize.OP and token.string in ",()[]{}")
        ):
            code.update(range(token.start[0], token.end[0] + 1))
    return {i for i in range(1, source.count("\n") + 2)} - code
