"""The fast path for plain JSON: the json module (C) reads it, one pass over its tokens
locates it.

Anything it cannot take (a duplicate key, a syntax error, a number no double holds,
NaN) is left to the YAML reader, which reports it with its location.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from typing import Any

from .diagnostics import Location
from .source_nodes import Map, Seq
from .source_scalars import _integer


class _Duplicate(Exception):
    pass


_NOT_JSON = object()
#: The tokens that start something located: a key, or the first token of a value (a
#: string, a number or literal, ``{`` or ``[``). Closing brackets, commas and colons
#: start nothing and are not matched.
_JSON_START = re.compile(r'"(?:[^"\\]|\\.)*"|[{\[]|[^\s{}\[\],:"]+')


def _json_map(pairs: list[tuple[str, Any]]) -> Map:
    m = Map(_NOWHERE)
    m.update(pairs)
    if len(m) != len(pairs) or any(key[:1] == "\0" for key in m):
        raise _Duplicate  # the YAML path reports it with its location
    return m


_NOWHERE = Location("", 0, 0)


def _json_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):  # 1e400; the YAML path reports it with its location
        raise ValueError(text)
    return value


def _json_int(text: str) -> int:
    value = _integer(text)
    if isinstance(value, float):  # the YAML path reports it with its location
        raise ValueError(text)
    return value


def _no_constant(text: str) -> Any:
    raise ValueError(text)  # NaN and Infinity are not JSON


def _load_json(text: str, file: str) -> Any:
    """JSON through the json module (C), then one pass over its tokens to locate
    every mapping, key, sequence and value; ``_NOT_JSON`` when it is not plain JSON.

    The data and the tokens come in the same order: a mapping's first token, then
    for each entry its key and its value's tokens; a sequence's first token, then
    its items'. So the n-th located thing is the n-th token, and the walk only counts.
    """
    try:
        data = json.loads(text, object_pairs_hook=_json_map, parse_float=_json_float, parse_int=_json_int, parse_constant=_no_constant)
    except (ValueError, _Duplicate, RecursionError):
        return _NOT_JSON
    offsets = [m.start() for m in _JSON_START.finditer(text)]
    line_starts = [0]
    line_starts += [m.end() for m in re.finditer("\n", text)]
    new, line_of = tuple.__new__, bisect.bisect_right
    lines = [line_of(line_starts, offset) for offset in offsets]
    locs = [new(Location, (file, line, offset - line_starts[line - 1] + 1)) for offset, line in zip(offsets, lines)]
    pos = 0  # the next token's index in locs

    def walk_map(node: Map) -> None:
        nonlocal pos
        node.loc = locs[pos]
        pos += 1
        key_locs, value_locs = node.key_locs, node.value_locs
        for key, value in node.items():
            key_locs[key] = at = locs[pos]
            kind = type(value)
            if kind is Map:
                pos += 1
                walk_map(value)
                value.name_loc = at
                value_locs[key] = value.loc
            elif kind is list:
                pos += 1
                node[key] = seq = walk_seq(value)
                value_locs[key] = seq.loc
            else:
                value_locs[key] = locs[pos + 1]
                pos += 2

    def walk_seq(items: list[Any]) -> Seq:
        nonlocal pos
        seq = Seq(locs[pos])
        pos += 1
        item_locs = seq.item_locs
        for item in items:
            kind = type(item)
            if kind is Map:
                walk_map(item)
                item_locs.append(item.loc)
            elif kind is list:
                item = walk_seq(item)
                item_locs.append(item.loc)
            else:
                item_locs.append(locs[pos])
                pos += 1
            seq.append(item)
        return seq

    if type(data) is Map:
        walk_map(data)
        return data
    if type(data) is list:
        return walk_seq(data)
    return data
