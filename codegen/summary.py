"""What ``trackgen build`` shows of lint findings: the first few, then counts by code
and a pointer to ``trackgen lint``, which lists them all. A plan with thousands of
findings should not bury the build's own result."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from .diagnostics import Diagnostic, by_place

#: Findings shown in full before the summary line.
SHOWN = 5


def lint_summary(findings: Sequence[Diagnostic], shown: int = SHOWN) -> list[str]:
    """The lines to print: every finding when there are at most ``shown`` (plus one),
    else the first ``shown`` in plan order and one line of counts."""
    ordered = by_place(findings)
    if len(ordered) <= shown + 1:
        return [d.render() for d in ordered]
    counts = Counter(d.code for d in ordered)
    by_code = ", ".join(f"{code} {count:,}" for code, count in sorted(counts.items(), key=lambda c: (-c[1], c[0])))
    return [d.render() for d in ordered[:shown]] + [
        f"trackgen: {len(ordered):,} lint findings ({by_code}); the first {shown} are above; "
        "`trackgen lint` lists them all"
    ]
