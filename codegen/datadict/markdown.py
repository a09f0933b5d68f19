"""Plan text in Markdown, as text and nothing else: no emphasis, links, HTML,
mentions, autolinks, tables or lists can come from the plan."""

from __future__ import annotations

import re

_INLINE = re.compile(r"([\\`*_\[\]<>|~&$!])")
_BLOCK_START = re.compile(r"^( ?)([-+=>])")
_NUMBERED = re.compile(r"^( ?\d+)([.)])")
_SPACE = re.compile(r"\s+")


def text(value: object) -> str:
    """One line of plain text, safe in a paragraph, a heading or a table cell; each
    run of white space (line breaks, U+2028 included) is one space."""
    line = _SPACE.sub(" ", str(value))
    line = _INLINE.sub(r"\\\1", line)
    line = line.replace("@", "@\u200b").replace("#", "#\u200b")
    line = line.replace("://", ":\\/\\/").replace("www.", "www\\.")
    return _NUMBERED.sub(r"\1\\\2", _BLOCK_START.sub(r"\1\\\2", line))


def code(value: object) -> str:
    """A code span holding ``value`` exactly (on one line), safe in a table cell."""
    line = " ".join(str(value).splitlines()) or " "
    longest = max((len(run) for run in re.findall(r"`+", line)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if line.strip() and (line[0] in "` " or line[-1] in "` ") else ""
    return f"{fence}{pad}{line.replace('|', chr(92) + '|')}{pad}{fence}"
