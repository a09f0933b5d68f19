"""What every importer shares: the diagnostics it collects, and located output nodes.

Imported plans are built from ``Map`` and ``Seq`` (the loader's located containers),
with the locations of the export they came from. The plan model and the lowering
step then point their own errors (a duplicate event, a ``$ref`` cycle, an enum value
of the wrong type) at the line of the export, not at line 1 of a file that does not
exist.
"""

from __future__ import annotations

from typing import Any, cast

from ..diagnostics import Diagnostic, Location, Severity
from ..source import Map, Seq

#: Diagnostic codes of the importers (TG6xx).
UNKNOWN_FORMAT = "TG600"  # error: not an export trackgen knows, or no rules in it
UNSUPPORTED_KEYWORD = "TG601"  # error: a JSON Schema keyword the plan cannot hold (kept as written)
BAD_REF = "TG602"  # error: an external or unresolvable $ref (kept as written)
MALFORMED = "TG603"  # error or warning: an entry of the export that is not what its format says
NOT_IMPORTED = "TG604"  # info: message constraints a trackgen plan does not describe (context, COMMON, global)
NAME_CHOSEN = "TG605"  # warning: a name the importer had to choose or pick between
SEVERAL_TRAITS = "TG606"  # warning: several identify (or group) rules; the newest is kept
DROPPED_KEYWORD = "TG607"  # info: keywords without meaning for types (x-..., readOnly), dropped
UNDECLARED_REQUIRED = "TG608"  # warning: "required" names a property that is not declared
CLOSED_OBJECTS = "TG609"  # info: nested objects with properties are closed in trackgen, open in JSON Schema
RENAMED_DEFINITION = "TG610"  # info: two rules define different schemas under one definition name
DUPLICATE = "TG611"  # error: the same event (page, screen) name and version twice


class Report:
    """The diagnostics of one import, and the tallies reported once at the end."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []
        self._dropped: dict[str, list[Any]] = {}  # keyword -> [count, first location, first context]
        self._closed: list[Any] = [0, None, ""]  # count, first location, first context

    def add(self, code: str, severity: Severity, message: str, where: Location | None) -> None:
        self.diagnostics.append(Diagnostic(code, severity, message, where or Location(self.file, 1, 1)))

    def error(self, code: str, message: str, where: Location | None) -> None:
        self.add(code, Severity.ERROR, message, where)

    def warning(self, code: str, message: str, where: Location | None) -> None:
        self.add(code, Severity.WARNING, message, where)

    def info(self, code: str, message: str, where: Location | None) -> None:
        self.add(code, Severity.INFO, message, where)

    def dropped(self, keyword: str, where: Location | None, context: str) -> None:
        entry = self._dropped.setdefault(keyword, [0, where, context])
        entry[0] += 1

    def closed_object(self, where: Location | None, context: str) -> None:
        if self._closed[0] == 0:
            self._closed[1:] = [where, context]
        self._closed[0] += 1

    def finish(self) -> list[Diagnostic]:
        for keyword, (count, where, context) in self._dropped.items():
            times = f"{count} times, first in {context}" if count > 1 else context
            self.info(
                DROPPED_KEYWORD,
                f'keyword "{keyword}" ({times}) does not constrain types and is not imported',
                where,
            )
        count, where, context = self._closed
        if count:
            self.info(
                CLOSED_OBJECTS,
                f'{count} nested object schema(s) declare properties without "additionalProperties" '
                f"(first: {context}); JSON Schema leaves them open, a trackgen plan closes them: add "
                '"additionalProperties: true" where other keys are allowed',
                where,
            )
        self._dropped, self._closed = {}, [0, None, ""]
        return self.diagnostics


# -- located input -----------------------------------------------------------------------


def loc_of(node: Any) -> Location | None:
    """Where a Map or Seq of the input starts (``None`` for plain data)."""
    return cast("Location | None", getattr(node, "loc", None))


def key_loc(parent: Any, key: str) -> Location | None:
    """Where ``key`` is written in ``parent`` (else where ``parent`` starts)."""
    if isinstance(parent, Map):
        return parent.key_loc(key) or parent.loc
    return loc_of(parent)


def value_loc(parent: Any, key: str | int) -> Location | None:
    if isinstance(parent, Map) and isinstance(key, str):
        return parent.value_loc(key) or parent.loc
    if isinstance(parent, Seq) and isinstance(key, int) and 0 <= key < len(parent):
        return parent.item_loc(key)
    return loc_of(parent)


# -- located output ----------------------------------------------------------------------


def new_map(loc: Location | None, name_loc: Location | None = None) -> Map:
    out = Map(cast(Location, loc))
    out.name_loc = name_loc
    return out


def put(out: Map, key: str, value: Any, key_at: Location | None = None, value_at: Location | None = None) -> None:
    """Set ``out[key]``, remembering locations for every key (the plan loader needs them)."""
    out[key] = value
    here = out.name_loc or out.loc
    out.set_locs(key, key_at or here, value_at or loc_of(value) or key_at or here)


def copy(out: Map, key: str, value: Any, source: Any) -> None:
    """Set ``out[key]`` to ``value`` (``source[key]`` or what it became), located where
    ``key`` and its value are written in ``source``: worked out when asked for (most
    never are), as ``put`` would have them."""
    out[key] = value
    copies = out._locator
    if copies is None:
        copies = _Copies()
        out._locator = copies
    assert isinstance(copies, _Copies)
    copies.sources[key] = source


class _Copies:
    """The locator of a mapping made with ``copy``: where its copied keys and values
    are in their sources (the others were ``put``, located already)."""

    __slots__ = ("sources",)

    def __init__(self) -> None:
        self.sources: dict[str, Any] = {}

    def key_spot(self, node: Map, key: str, value: bool) -> Location:
        source = self.sources.get(key, _PUT)
        if source is _PUT:
            return (node._value_locs if value else node._key_locs)[key]
        here = node.name_loc or node.loc
        key_at = key_loc(source, key)
        if not value:
            return key_at or here
        return value_loc(source, key) or loc_of(node[key]) or key_at or here

    def locate(self, node: Map | Seq) -> None:
        assert isinstance(node, Map)
        node._locator = None
        for key in self.sources.keys() & node.keys():
            node.set_locs(key, self.key_spot(node, key, False), self.key_spot(node, key, True))

    def item_spot(self, node: Seq, index: int) -> Location:
        raise TypeError("a mapping's locator")  # pragma: no cover - mappings only


_PUT = object()


def new_seq(loc: Location | None) -> Seq:
    return Seq(cast(Location, loc))


def append(out: Seq, value: Any, at: Location | None = None) -> None:
    out.append(value)
    out.item_locs.append(at or loc_of(value) or out.loc)


def is_empty(value: Any) -> bool:
    """An absent or empty annotation: ``None``, ``""``, ``{}`` or ``[]``."""
    return value is None or (isinstance(value, (str, dict, list)) and len(value) == 0)
