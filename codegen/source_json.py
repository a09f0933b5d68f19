"""The fast path for plain JSON: the json module (C) reads it, and its locations are
worked out only when something reads them.

Anything it cannot take (a duplicate key, a syntax error, a number no double holds,
NaN) is left to the YAML reader, which reports it with its location.
"""

from __future__ import annotations

import bisect
import json
import math
import re
from array import array
from itertools import islice
from typing import Any

from .diagnostics import Location
from .source_nodes import HIDDEN, Map, Seq
from .source_scalars import _integer


class _Duplicate(Exception):
    pass


_NOT_JSON = object()
#: The tokens that start something located: a key, or the first token of a value (a
#: string, a number or literal, ``{`` or ``[``). Closing brackets, commas and colons
#: start nothing and are not matched.
_JSON_START = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{\[]|[^\s{}\[\],:"]+')


def _json_map(pairs: list[tuple[str, Any]]) -> Map:
    m = Map(_NOWHERE)
    m.update(pairs)
    if len(m) != len(pairs) or any(key[:1] == HIDDEN for key in m):
        raise _Duplicate  # the YAML path reports it with its location
    return m


_NOWHERE = Location("", 0, 0)
#: Tokens (or lines) whose offsets are found at a time, as far as a location asks.
_CHUNK = 16384


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


class _Tokens:
    """Where the tokens of one JSON text are: the n-th located thing is the n-th token.

    Nothing is worked out until asked. The read gives each container the deferred
    location of its first token and records its span of tokens. A key, value or item
    asked for is a deferred location too: its index is counted from its container's
    first token, skipping each container value by its span (once per container, a
    table of numbers that dies with the data). Offsets, and the lines' starts, are found
    (regular-expression passes) only as far as the furthest token whose line or column
    has been read: the first few findings of a lint are near the top.
    """

    __slots__ = ("file", "text", "_tokens", "_offsets", "_newlines", "_line_starts")

    def __init__(self, file: str, text: str) -> None:
        self.file = file
        self.text = text
        self._tokens = _JSON_START.finditer(text)
        self._offsets: array[int] = array("q")
        self._newlines = re.finditer("\n", text)
        self._line_starts: array[int] = array("q", [0])

    def at(self, index: int) -> Location:
        return Location.deferred(self.file, self, index)

    def line_column(self, index: int) -> tuple[int, int]:
        offsets = self._offsets
        while len(offsets) <= index:  # find the tokens' offsets up to this one
            found = [m.start() for m in islice(self._tokens, _CHUNK)]
            if not found:
                raise IndexError(index)
            offsets.extend(found)
        offset = offsets[index]
        starts = self._line_starts
        while starts[-1] <= offset:  # and the lines' starts up to past it
            more = [m.end() for m in islice(self._newlines, _CHUNK)]
            if not more:
                break
            starts.extend(more)
        line = bisect.bisect_right(starts, offset)
        return line, offset - starts[line - 1] + 1

    def __reduce__(self) -> tuple[type[_Tokens], tuple[str, str]]:
        return (_Tokens, (self.file, self.text))  # what it has found, it can find again

    def key_spot(self, node: Map, key: str, value: bool) -> Location:
        keys = node._table if node._table is not None else _keys(node)
        index = keys[key]
        return Location.deferred(self.file, self, index + 1 if value else index)  # a value follows its key

    def item_spot(self, node: Seq, index: int) -> Location:
        items = node._table if node._table is not None else _items(node)
        return Location.deferred(self.file, self, items[index])

    def locate(self, node: Map | Seq) -> None:
        at = self.at
        if isinstance(node, Map):
            for key, pos in _keys(node).items():
                node._key_locs[key] = at(pos)
                value = node[key]
                kind = type(value)
                node._value_locs[key] = value.loc if kind is Map or kind is Seq else at(pos + 1)
        else:
            for item, pos in zip(node, _items(node)):
                kind = type(item)
                node._item_locs.append(item.loc if kind is Map or kind is Seq else at(pos))
        node._locator = None


def _keys(node: Map) -> dict[str, int]:
    """The token index of each key of a mapping, counted from its first token once."""
    if node._table is None:
        pos = node._at + 1  # the token after the opening brace
        keys: dict[str, int] = {}
        for key, value in node.items():
            if key[:1] == HIDDEN:  # added after reading (by the plan model): no token
                continue
            keys[key] = pos
            kind = type(value)
            pos = value._end if kind is Map or kind is Seq else pos + 2
        node._table = keys
    return node._table


def _items(node: Seq) -> list[int]:
    """The token index of each item of a sequence, counted once."""
    if node._table is None:
        pos = node._at + 1  # the token after the opening bracket
        items: list[int] = []
        for item in node:
            items.append(pos)
            kind = type(item)
            pos = item._end if kind is Map or kind is Seq else pos + 1
        node._table = items
    return node._table


def _load_json(text: str, file: str) -> Any:
    """JSON through the json module (C), then one walk over the data that makes each
    list a ``Seq`` and records each container's span of tokens; ``_NOT_JSON`` when it
    is not plain JSON.

    The data and the tokens come in the same order: a mapping's first token, then for
    each entry its key and its value's tokens; a sequence's first token, then its
    items'. So the n-th located thing is the n-th token, and the walk only counts. The
    locations themselves are deferred (see ``_Tokens``).
    """
    try:
        data = json.loads(text, object_pairs_hook=_json_map, parse_float=_json_float, parse_int=_json_int, parse_constant=_no_constant)
    except (ValueError, _Duplicate, RecursionError):
        return _NOT_JSON
    tokens = _Tokens(file, text)
    at = tokens.at

    def walk_map(node: Map, pos: int) -> int:
        node.loc = at(pos)
        node._locator, node._at = tokens, pos
        pos += 1
        for key, value in node.items():
            kind = type(value)
            if kind is Map:
                value.name_loc = at(pos)
                pos = walk_map(value, pos + 1)
            elif kind is list:
                node[key] = seq = Seq(_NOWHERE)
                pos = walk_seq(value, seq, pos + 1)
            else:
                pos += 2
        node._end = pos
        return pos

    def walk_seq(items: list[Any], seq: Seq, pos: int) -> int:
        seq.loc = at(pos)
        seq._locator, seq._at = tokens, pos
        pos += 1
        for item in items:
            kind = type(item)
            if kind is Map:
                pos = walk_map(item, pos)
            elif kind is list:
                inner = Seq(_NOWHERE)
                pos = walk_seq(item, inner, pos)
                item = inner
            else:
                pos += 1
            seq.append(item)
        seq._end = pos
        return pos

    if type(data) is Map:
        walk_map(data, 0)
        return data
    if type(data) is list:
        seq = Seq(_NOWHERE)
        walk_seq(data, seq, 0)
        return seq
    return data
