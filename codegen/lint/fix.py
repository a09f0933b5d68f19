"""``trackgen lint --fix``: rewrite the offending names in the plan text, in place.

Only the exact span of each name changes (its quotes kept), so comments, order, layout
and anchors stay as written. A fix is skipped when it would make two keys of one
mapping equal, or rename an event to the name of another. The result is parsed again
and checked before it is returned.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from ..diagnostics import Diagnostic, Location, Severity
from ..importers import detect
from ..plan.load import parse_plan
from ..source import Map, Seq, load_text
from .config import LintConfig
from .engine import findings
from .finding import Rename

_BREAKS = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True)
class FixResult:
    text: str
    applied: list[Rename]
    skipped: list[Diagnostic]
    """Fixes not made, each with the reason (severity info)."""


def _line_starts(text: str) -> list[int]:
    """Offsets where each line starts, with the line breaks libyaml counts."""
    return [0] + [m.end() for m in _BREAKS.finditer(text)]


def _scalar_end(text: str, start: int) -> int | None:
    """End offset of the one-line scalar at ``start``; None if it spans lines or is a block."""
    quote = text[start] if start < len(text) else ""
    if quote == '"':
        i = start + 1
        while i < len(text) and text[i] not in "\r\n":
            if text[i] == "\\":
                i += 2
                continue
            if text[i] == '"':
                return i + 1
            i += 1
        return None
    if quote == "'":
        i = start + 1
        while i < len(text) and text[i] not in "\r\n":
            if text[i] == "'":
                if text[i + 1 : i + 2] == "'":
                    i += 2
                    continue
                return i + 1
            i += 1
        return None
    return None  # plain: the caller knows its text


def _render(new: str, original: str, is_key: bool) -> str:
    """``new`` as a YAML scalar in the style of ``original`` (plain, '...' or "...")."""
    if original.startswith('"'):
        return json.dumps(new, ensure_ascii=False)
    if original.startswith("'"):
        return "'" + new.replace("'", "''") + "'"
    probe = f"{new}: x" if is_key else f"k: {new}"
    data, problems = load_text(probe, "probe")
    ok = not problems and isinstance(data, Map) and (new in data if is_key else data.get("k") == new)
    return new if ok and new == new.strip() else json.dumps(new, ensure_ascii=False)


@dataclass
class _Index:
    """Where things are in the loaded text: keys by location, mappings by their own
    location, and for each mapping every (mapping, key) that holds it (an alias makes
    one mapping the value of several keys)."""

    keys: dict[Location, tuple[Map, str]]
    maps: dict[Location, Map]
    holders: dict[Location, list[tuple[Map, str]]]


def _index(data: object) -> _Index:
    index = _Index({}, {}, {})
    stack = [data]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, Map):
            index.maps.setdefault(node.loc, node)
            for key, loc in node.key_locs.items():
                index.keys.setdefault(loc, (node, key))
                value = node[key]
                if isinstance(value, Map) and value.name_loc is not None:
                    index.holders.setdefault(value.name_loc, []).append((node, key))
            stack.extend(node.values())
        elif isinstance(node, Seq):
            stack.extend(node)
    return index


def _native(data: object) -> bool:
    """Whether the text is a native plan, not an export the loader converts."""
    return detect(data) in ("native", "unknown")


def _apply(text: str, edits: dict[int, tuple[int, str, Rename]]) -> str:
    """The text with each edit (start -> end, replacement) made, the last first."""
    starts = sorted(edits)
    if all(edits[a][0] <= b for a, b in zip(starts, starts[1:])):
        # Apart from each other, as edits of names are: one join, not a copy of the
        # whole text per edit.
        pieces, last = [], 0
        for start in starts:
            end, replacement, _ = edits[start]
            pieces += [text[last:start], replacement]
            last = end
        pieces.append(text[last:])
        return "".join(pieces)
    out = text
    for start in reversed(starts):
        end, replacement, _ = edits[start]
        out = out[:start] + replacement + out[end:]
    return out


def fix_text(text: str, file: str, config: LintConfig | None = None) -> FixResult:
    """The plan text with every mechanical fix the configuration allows applied."""
    config = config if config is not None else LintConfig()
    data, _ = load_text(text, file)
    if not _native(data):
        note = "not fixed: --fix rewrites native trackgen plans; import the export first (trackgen import)"
        return FixResult(text, [], [Diagnostic("TG401", Severity.INFO, note, None)])
    model, problems = parse_plan(text, file)
    if model is None or problems:
        return FixResult(text, [], [])
    index = _index(data)
    lines = _line_starts(text)
    edits: dict[int, tuple[int, str, Rename]] = {}
    skipped: list[Diagnostic] = []
    event_names = {e.name: e.name for e in model.events}  # name (new or kept) -> the name it was
    wanted = list(dict.fromkeys(r for f, _ in findings(model, config) for r in f.fixes))
    # Keys per mapping as they will be, to refuse a rename onto a key that exists or is being made.
    taken: dict[int, set[str]] = {}

    def keys_of(owner: Map) -> set[str]:
        # Each mapping's keys copied once, not once per rename (50,000 renames in one
        # event made 50,000 copies of its 50,000 keys).
        names = taken.get(id(owner))
        if names is None:
            names = taken[id(owner)] = set(owner)
        return names

    def skip(rename: Rename, why: str) -> None:
        message = f'not fixed: "{rename.old}" -> "{rename.new}": {why}'
        skipped.append(Diagnostic("TG401" if rename.kind == "event" else "TG402", Severity.INFO, message, rename.at))

    def edit(rename: Rename, where: Location, is_key: bool) -> None:
        if where.line - 1 >= len(lines):
            skip(rename, "its place in the text is unknown")
            return
        start = lines[where.line - 1] + where.column - 1
        end = _scalar_end(text, start)
        if end is None:
            end = start + len(rename.old)
            if text[start:end] != rename.old:
                skip(rename, "it is not written on one line as a plain or quoted scalar")
                return
        edits[start] = (end, _render(rename.new, text[start:end], is_key), rename)

    for rename in wanted:
        if rename.kind == "event":
            node = index.maps.get(rename.at)
            if node is None or node.get("name") != rename.old:
                skip(rename, "the event's name could not be found in the text")
                continue
            if event_names.get(rename.new, rename.old) != rename.old:
                skip(rename, f'an event "{rename.new}" exists already')
                continue
            event_names[rename.new] = rename.old
            edit(rename, node.value_locs["name"], False)
            continue
        places = [(owner, key) for owner, key in index.holders.get(rename.at, []) if key == rename.old]
        if not places and rename.at in index.keys and index.keys[rename.at][1] == rename.old:
            places = [index.keys[rename.at]]
        if not places:
            skip(rename, "the key could not be found in the text")
            continue
        clash = [owner for owner, _ in places if rename.new != rename.old and rename.new in keys_of(owner)]
        if clash:
            skip(rename, f'a key "{rename.new}" exists already beside it')
            continue
        for owner, key in places:
            names = keys_of(owner)
            names.discard(key)
            names.add(rename.new)
            edit(rename, owner.key_locs[key], True)
    out = _apply(text, edits)
    applied = list(dict.fromkeys(rename for _, _, rename in edits.values()))
    if applied:
        fixed, problems = parse_plan(out, file)
        if fixed is None or problems:
            # Never hand back a plan that no longer parses; report and leave it as it was.
            detail = problems[0].render() if problems else "it did not parse"
            return FixResult(text, [], [Diagnostic("TG401", Severity.INFO, f"not fixed: the fixed plan would be invalid ({detail})", None)])
    return FixResult(out, sorted(applied, key=lambda r: (r.at.line, r.at.column)), skipped)
