"""YAML read from libyaml's event stream into located data, with its diagnostics.

PyYAML's composer builds a node graph that is several times slower than the C parser
underneath it, and its constructor silently keeps the last of two duplicate keys.
This module walks the events directly: mappings become ``Map``, sequences ``Seq``,
plain scalars are resolved with the YAML 1.2 core schema, and duplicate keys are
reported, not dropped.
"""

from __future__ import annotations

import math
from typing import Any

import yaml

from .diagnostics import Diagnostic, Location, Severity
from .source_nodes import Map, Seq
from .source_scalars import _SPECIAL_WORDS, _resolve_plain

try:  # libyaml is part of every PyYAML wheel; the pure parser is a slow fallback.
    _Loader: type[Any] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_STR_TAGS = frozenset({"tag:yaml.org,2002:str", "!"})
#: Numbers some JSON writers emit that JSON has not: in JSON text, the YAML path that
#: reads such a file must not take them for the strings "NaN" and "Infinity".
_JSON_CONSTANTS = frozenset({"NaN", "Infinity", "-Infinity", "+Infinity"})
#: The key of a mapping entry that was reported and is dropped. Keys from files never
#: start with NUL: the plan model keeps its own keys (``"\0loc"``) under that prefix.
_INVALID_KEY = "\0invalid"
#: How many nodes the aliases of one file may expand to in total (a "billion laughs"
#: of 540 bytes expands to hundreds of millions); far above what real plans reuse.
MAX_ALIAS_NODES = 1_000_000


def _position(text: str, position: int, file: str) -> Location:
    """The line and column of a character's index in ``text``."""
    line = text.count("\n", 0, position) + 1
    return Location(file, line, position - (text.rfind("\n", 0, position) + 1) + 1)


def _shown(raw: str) -> str:
    """A scalar as written, for a message: long ones shortened."""
    return raw if len(raw) <= 40 else f"{raw[:20]}... ({len(raw):,} characters)"


class _Frame:
    __slots__ = ("container", "key", "key_loc", "merges", "anchor", "merge_key")

    def __init__(self, container: Map | Seq, anchor: str | None) -> None:
        self.container = container
        self.key: str | None = None
        self.key_loc: Location | None = None
        self.merges: list[tuple[Any, Location]] = []
        self.anchor = anchor
        #: Whether the pending key is a plain ``<<`` (a quoted "<<" is an ordinary key).
        self.merge_key = False


def _expanded_size(root: Any, memo: dict[int, int]) -> int:
    """How many nodes ``root`` holds with every alias inside it expanded (iterative;
    ``memo`` holds the sizes of the mappings and sequences already counted)."""
    if type(root) is not Map and type(root) is not Seq:
        return 1
    stack: list[tuple[Any, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in memo:
            continue
        children = node.values() if type(node) is Map else node
        if children_done:
            memo[id(node)] = 1 + sum(memo[id(c)] if type(c) is Map or type(c) is Seq else 1 for c in children)
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children if (type(c) is Map or type(c) is Seq) and id(c) not in memo)
    return memo[id(root)]


def _load_yaml(text: str, file: str) -> tuple[Any, list[Diagnostic]]:
    diagnostics: list[Diagnostic] = []
    json_text = text.lstrip()[:1] in ("{", "[")  # JSON that the fast path could not take

    def loc(mark: Any) -> Location:
        return Location(file, mark.line + 1, mark.column + 1)

    def error(code: str, message: str, where: Location) -> None:
        diagnostics.append(Diagnostic(code, Severity.ERROR, message, where))

    anchors: dict[str, Any] = {}
    sizes: dict[int, int] = {}  # expanded sizes of aliased mappings and sequences
    expanded = 0
    pending_anchors: set[str] = set()
    stack: list[_Frame] = []
    root: Any = None
    documents = 0

    def add(value: Any, where: Location, raw_key: str | None = None) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        frame = stack[-1]
        container = frame.container
        if isinstance(container, Seq):
            container.append(value)
            container.item_locs.append(where)
            return
        if frame.key is None:
            # A key. Keys are kept as written (``yes:`` and ``1:`` are property names).
            if raw_key is None:
                error("TG002", "a mapping key must be a plain string", where)
                frame.key = _INVALID_KEY
            else:
                frame.key = raw_key
            frame.key_loc = where
            return
        key, key_loc = frame.key, frame.key_loc
        assert key_loc is not None
        frame.key = None
        if key == _INVALID_KEY:
            return
        if key == "<<" and frame.merge_key:
            frame.merges.append((value, where))
            return
        if key in container:
            first = container.key_locs[key]
            error(
                "TG003",
                f'duplicate key "{key}" (first defined at {first.line}:{first.column}); '
                f"{'JSON parsers' if json_text else 'YAML'} would silently keep only the last one",
                key_loc,
            )
            return
        container[key] = value
        if type(value) is Map and value.name_loc is None:
            value.name_loc = key_loc
        container.key_locs[key] = key_loc
        container.value_locs[key] = where

    def apply_merges(frame: _Frame) -> None:
        target = frame.container
        assert isinstance(target, Map)
        for value, where in frame.merges:
            sources = value if isinstance(value, Seq) else [value]
            for source in sources:
                if not isinstance(source, Map):
                    error("TG002", "a merge key (<<) needs a mapping or a list of mappings", where)
                    continue
                for k, v in source.items():
                    if k not in target:
                        target[k] = v
                        target.key_locs[k] = source.key_locs[k]
                        target.value_locs[k] = source.value_locs[k]

    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    stream_end = yaml.StreamEndEvent
    loader = _Loader(text)
    get_event = loader.get_event
    try:
        while True:
            event = get_event()
            kind = type(event)
            if kind is scalar_event:
                mark = event.start_mark
                where = Location(file, mark.line + 1, mark.column + 1)
                tag = event.tag
                value: Any
                raw = event.value
                if event.implicit[0] and tag is None:
                    # Fast path: most plain scalars are words, not numbers or null.
                    if raw and raw[0].isalpha() and raw not in _SPECIAL_WORDS:
                        value = raw
                    else:
                        value = _resolve_plain(raw)
                        if type(value) is float and not math.isfinite(value):
                            error(
                                "TG002",
                                f"{_shown(raw)} is not a number a JSON payload can hold (plans hold JSON values)",
                                where,
                            )
                elif tag is None or tag in _STR_TAGS:
                    value = raw
                else:
                    error("TG002", f"unsupported YAML tag {tag}", where)
                    value = raw
                if json_text and raw in _JSON_CONSTANTS and event.implicit[0] and tag is None:
                    is_key = bool(stack) and type(stack[-1].container) is Map and stack[-1].key is None
                    if not is_key:
                        error("TG002", f"{raw} is not a number a JSON payload can hold (plans hold JSON values)", where)
                if event.anchor:
                    anchors[event.anchor] = value
                if stack:
                    frame = stack[-1]
                    container = frame.container
                    if type(container) is Map:
                        key = frame.key
                        if key is None:
                            if raw[:1] == "\0":
                                error("TG002", "a key cannot start with a NUL character", where)
                                raw = _INVALID_KEY
                            frame.key = raw
                            frame.key_loc = where
                            frame.merge_key = raw == "<<" and event.implicit[0] and tag is None
                            continue
                        if key not in container and key != _INVALID_KEY and not frame.merge_key:
                            # The common case of add(), inline: a new key's scalar value.
                            frame.key = None
                            container[key] = value
                            container.key_locs[key] = frame.key_loc  # type: ignore[assignment]  # set with the key
                            container.value_locs[key] = where
                            continue
                    elif type(container) is Seq:
                        container.append(value)
                        container.item_locs.append(where)
                        continue
                add(value, where, raw)
            elif kind is mapping_start:
                where = loc(event.start_mark)
                if event.tag not in (None, "tag:yaml.org,2002:map"):
                    error("TG002", f"unsupported YAML tag {event.tag}", where)
                stack.append(_Frame(Map(where), event.anchor))
                if event.anchor:
                    pending_anchors.add(event.anchor)
            elif kind is sequence_start:
                where = loc(event.start_mark)
                if event.tag not in (None, "tag:yaml.org,2002:seq"):
                    error("TG002", f"unsupported YAML tag {event.tag}", where)
                stack.append(_Frame(Seq(where), event.anchor))
                if event.anchor:
                    pending_anchors.add(event.anchor)
            elif kind is mapping_end or kind is sequence_end:
                frame = stack.pop()
                if frame.merges:
                    apply_merges(frame)
                if frame.anchor:
                    anchors[frame.anchor] = frame.container
                    pending_anchors.discard(frame.anchor)
                add(frame.container, frame.container.loc)
            elif kind is alias_event:
                where = loc(event.start_mark)
                if event.anchor in pending_anchors:
                    error("TG002", f"recursive alias *{event.anchor}", where)
                    add(None, where)
                elif event.anchor not in anchors:
                    error("TG002", f"unknown alias *{event.anchor}", where)
                    add(None, where)
                else:
                    target = anchors[event.anchor]
                    expanded += _expanded_size(target, sizes)
                    if expanded > MAX_ALIAS_NODES:
                        error(
                            "TG002",
                            f"the aliases of this file expand to more than {MAX_ALIAS_NODES:,} nodes "
                            f"(at *{event.anchor}); a plan cannot be this large",
                            where,
                        )
                        return None, diagnostics
                    add(target, where)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    error("TG002", "a plan file holds one YAML document", loc(event.start_mark))
                    break
            elif kind is stream_end:
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = loc(mark) if mark is not None else Location(file, 1, 1)
        problem = exc.problem or exc.context or "invalid YAML"
        error("TG001", f"syntax error: {problem}", where)
        return None, diagnostics
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow: no mark, a position
        where = _position(text, exc.position, file)
        what = f"#x{exc.character:04x}" if isinstance(exc.character, int) else repr(exc.character)
        error("TG001", f"syntax error: unacceptable character {what}: {exc.reason}", where)
        return None, diagnostics
    except yaml.YAMLError as exc:
        error("TG001", f"syntax error: {str(exc).splitlines()[0] if str(exc) else 'invalid YAML'}", Location(file, 1, 1))
        return None, diagnostics
    finally:
        loader.dispose()
    return root, diagnostics
