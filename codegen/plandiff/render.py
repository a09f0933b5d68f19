"""Changes as text, Markdown (for a pull-request comment) and JSON."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence

from .change import Impact, PlanChange, quote


def blocking(changes: Iterable[PlanChange]) -> list[PlanChange]:
    """The breaking changes not made in a new event version."""
    return [c for c in changes if c.blocking]


def summary(changes: Sequence[PlanChange]) -> str:
    """'3 changes: 1 breaking for callers, 1 breaking for data consumers, 1 safe'."""
    if not changes:
        return "no changes"
    counts = [(impact, sum(c.impact is impact for c in changes)) for impact in Impact]
    parts = [f"{n} {impact.label}" for impact, n in counts if n]
    versioned = sum(c.versioned for c in changes)
    note = ""
    if versioned:
        note = f" ({versioned} breaking change{' is' if versioned == 1 else 's are'} in a new event version)"
    return f"{len(changes)} change{'s' if len(changes) != 1 else ''}: {', '.join(parts)}{note}"


def render_text(changes: Sequence[PlanChange]) -> str:
    """One line a change: ``plan.yaml:14:9: breaking for callers: event "X", property "y": optional → required``."""
    lines = []
    for c in changes:
        where = f"{c.location}: " if c.location else ""
        label = c.impact.label + (" (in a new event version)" if c.versioned else "")
        prop = f", property {quote(c.property_path)}" if c.path else ""
        lines.append(f"{where}{label}: {c.subject}{prop}: {c.message}\n")
    return "".join(lines)


_MD_INTRO = {
    Impact.CALLERS: "Code that makes these calls has to change: it no longer type-checks or fails validation.",
    Impact.CONSUMERS: "The data changes shape: dashboards, queries and pipelines that read it may need to change.",
    Impact.SAFE: "Nothing that works today stops working.",
}
MARKDOWN_MARKER = "<!-- trackgen diff -->"


def render_markdown(changes: Sequence[PlanChange], title: str = "Tracking plan changes") -> str:
    """A Markdown report for a pull-request comment: a summary, then a table per class.
    Every plan string is escaped (no markup, links, mentions or HTML from the plan)."""
    out = [MARKDOWN_MARKER, "", f"### {_md_text(title)}", ""]
    if not changes:
        out += ["No changes to the tracking plan.", ""]
        return "\n".join(out)
    out += [_md_text(summary(changes)[0].upper() + summary(changes)[1:]) + "."]
    stuck = blocking(changes)
    if stuck:
        n = len(stuck)
        out += [
            "",
            f"**{n} breaking change{'s are' if n != 1 else ' is'} not made in a new event version.** "
            "Add a new version of the event instead of changing the one in use, or make sure every "
            "caller and consumer is ready.",
        ]
    for impact in Impact:
        group = [c for c in changes if c.impact is impact]
        if not group:
            continue
        out += ["", f"#### {impact.label[0].upper()}{impact.label[1:]} ({len(group)})", "", _MD_INTRO[impact], ""]
        out += ["| Call | Property | Change |", "| --- | --- | --- |"]
        for c in group:
            call = c.subject_as(_md_code)
            prop = _md_code(c.property_path) if c.path else ""
            note = " (new event version)" if c.versioned else ""
            out.append(f"| {call} | {prop} | {_md_text(c.message + note)} |")
    out.append("")
    return "\n".join(out)


_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&$])")


def _md_text(text: str) -> str:
    """Plain text in a Markdown table cell: one line, the characters that start inline
    markup (emphasis, code, links, HTML, math, pipes) escaped, and ``@`` and ``#`` kept
    from becoming mentions and issue links."""
    text = " ".join(text.split())
    return _MD_INLINE.sub(r"\\\1", text).replace("@", "@\u200b").replace("#", "#\u200b")


def _md_code(text: str) -> str:
    """A code span holding ``text`` exactly, safe inside a table cell."""
    text = " ".join(text.splitlines()) or " "
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or text.startswith(" ") or text.endswith(" ") else ""
    return f"{fence}{pad}{text.replace('|', chr(92) + '|')}{pad}{fence}"


def to_json(changes: Sequence[PlanChange]) -> dict[str, object]:
    """The changes as JSON-ready data (see ``render_json``)."""
    return {
        "summary": {impact.value: sum(c.impact is impact for c in changes) for impact in Impact}
        | {"blocking": len(blocking(changes))},
        "changes": [
            {
                "impact": c.impact.value,
                "code": c.code,
                "call": None if c.kind is None else {"type": c.kind.value, "name": c.name, "version": c.version},
                "property": list(c.path),
                "message": c.message,
                "versioned": c.versioned,
                "location": (
                    None
                    if c.location is None
                    else {"file": c.location.file, "line": c.location.line, "column": c.location.column}
                ),
            }
            for c in changes
        ],
    }


def render_json(changes: Sequence[PlanChange]) -> str:
    return json.dumps(to_json(changes), indent=2, ensure_ascii=False) + "\n"
