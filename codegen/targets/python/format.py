"""Keep generated Python black-clean without paying for black on every build.

Templates print what black prints. The one thing they cannot do cheaply is wrap a
line that plan text made longer than black's limit; only modules with such a line
go through black (pinned in pyproject.toml), so builds stay fast and output stays
identical to ``black``'s.
"""

from __future__ import annotations

import os

LINE_LENGTH = 88
_NO_BLACK = os.environ.get("TRACKGEN_DEBUG_NO_BLACK") == "1"


def black_clean(source: str) -> str:
    if _NO_BLACK:
        return source
    if all(len(line) <= LINE_LENGTH for line in source.split("\n")):
        return source
    import black

    mode = black.Mode(target_versions={black.TargetVersion.PY311}, line_length=LINE_LENGTH)
    return black.format_str(source, mode=mode)
