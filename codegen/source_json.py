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
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]]|[^\s{}\[\],:"]+')


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
    every mapping, key, sequence and value; ``_NOT_JSON`` when it is not plain JSON."""
    try:
        data = json.loads(text, object_pairs_hook=_json_map, parse_float=_json_float, parse_int=_json_int, parse_constant=_no_constant)
    except (ValueError, _Duplicate, RecursionError):
        return _NOT_JSON
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    tokens = _JSON_TOKEN.finditer(text)

    new, bisect_right = tuple.__new__, bisect.bisect_right

    def where(offset: int) -> Location:
        line = bisect_right(line_starts, offset)
        return new(Location, (file, line, offset - line_starts[line - 1] + 1))

    def walk(node: Any) -> Any:
        """Locate ``node`` (its first token is next); lists become ``Seq``."""
        at = where(next(tokens).start())
        if type(node) is Map:
            node.loc = at
            for key, value in node.items():
                node.key_locs[key] = where(next(tokens).start())
                located = walk(value)
                node.value_locs[key] = located.loc if type(located) in (Map, Seq) else _last[0]
                if located is not value:
                    node[key] = located
                if type(located) is Map:
                    located.name_loc = node.key_locs[key]
            next(tokens)  # }
            return node
        if type(node) is list:
            seq = Seq(at)
            for item in node:
                located = walk(item)
                seq.append(located)
                seq.item_locs.append(located.loc if type(located) in (Map, Seq) else _last[0])
            next(tokens)  # ]
            return seq
        _last[0] = at
        return node

    _last = [_NOWHERE]
    return walk(data)
