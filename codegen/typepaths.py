"""Where a type sits in a plan, and which of those places get a named declaration.

Both targets name enums and objects by their path (event, then property names,
``[]`` for array items, ``|N`` for the Nth member of a union), never by content.
"""

from __future__ import annotations

from collections.abc import Callable

from . import ir
from .naming import split_words

Path = tuple[str, ...]


def named_paths(t: ir.Type, path: Path) -> list[Path]:
    """The paths inside ``t`` (at ``path``) that get a named declaration."""
    out: list[Path] = []
    if isinstance(t, ir.EnumType):
        out.append(path)
    elif isinstance(t, ir.ObjectType):
        if t.properties:
            out.append(path)
        for p in t.properties:
            out += named_paths(p.type, (*path, p.name))
    elif isinstance(t, ir.ArrayType):
        out += named_paths(t.items, (*path, "[]"))
    elif isinstance(t, ir.UnionType):
        for member, sub in union_members(t, path):
            out += named_paths(member, sub)
    return out


def union_members(t: ir.UnionType, path: Path) -> list[tuple[ir.Type, Path]]:
    """Each member with its path: the union's own path when only one member needs a
    name, else ``|N`` paths. A union at the root of a definition (path ``()``) is
    declared under the definition's name itself, so its members always take ``|N``."""
    named = [m for m in t.members if isinstance(m, (ir.EnumType, ir.ObjectType))]
    if len(named) <= 1 and path != ():
        return [(m, path) for m in t.members]
    return [(m, (*path, f"|{i + 1}")) for i, m in enumerate(t.members)]


def _part_words(part: str) -> list[str]:
    """One path part as words for a name: items are ``Item``, union members ``Option N``."""
    if part == "[]":
        return ["Item"]
    if part.startswith("|") and part[1:].isdigit():
        return ["Option", part[1:]]
    return split_words(part) or ["property"]


DEFS = "$defs"


def type_requests(
    plan: ir.Plan,
    stem_of: Callable[[ir.Event], list[str]],
    type_name: Callable[[list[str], list[str]], str],
) -> dict[tuple[str, ...], str]:
    """The name every declared type of a package wants: ``type_name`` of the call's
    stem and the words of the type's path.

    Keys are (call kind, wire name, *path) for the types of a call and
    ("$defs", definition name, *path) for shared definitions, which are always named.
    """
    # The words of each path, from its parent's: a path is split once, not once per
    # type below it (objects nested 150 deep split 150 times 150 parts).
    memo: dict[Path, list[str]] = {}

    def words(path: Path) -> list[str]:
        known = memo.get(path)
        if known is None:
            known = memo[path] = (words(path[:-1]) if len(path) > 1 else []) + _part_words(path[-1])
        return known

    requests: dict[tuple[str, ...], str] = {}
    for call in plan.calls:
        stem = stem_of(call)
        memo.clear()
        for prop in call.properties.properties:
            for path in named_paths(prop.type, (prop.name,)):
                requests[(call.kind.value, call.name, *path)] = type_name(stem, words(path))
    for name, t in plan.definitions:
        memo.clear()
        requests[(DEFS, name)] = type_name([], words((name,)))
        for path in named_paths(t, ()):
            if path:
                requests[(DEFS, name, *path)] = type_name([], words((name, *path)))
    return requests
