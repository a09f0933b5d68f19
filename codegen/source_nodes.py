"""The located data that reading a plan file makes: ``Map`` and ``Seq``.

A ``Map`` is a dict, a ``Seq`` a list, so the rest of trackgen reads them as plain
data; each also holds where it, and each of its keys and values, was written, for
diagnostics that point at the plan's text. ``trackgen.source`` makes them.

The YAML reader fills in the locations of keys, values and items as it reads. The
JSON fast path leaves them to a ``NodeLocator``: one at a time (``key_loc``,
``value_loc``, ``item_loc``) they are deferred locations, worked out only when read;
all of a container's (``key_locs``, ``value_locs``, ``item_locs``) are listed the
first time they are asked for. Most are never read.
"""

from __future__ import annotations

from typing import Any, Protocol

from .diagnostics import Location


_MISSING = object()

#: Keys trackgen adds to data it has read start with this: no file can write it.
HIDDEN = "\0"


class NodeLocator(Protocol):
    """Locates a container's keys, values or items when they are asked for."""

    def locate(self, node: Map | Seq) -> None:
        """List them all: fill the container's location dicts (or list)."""

    def key_spot(self, node: Map, key: str, value: bool) -> Location:
        """Where ``key`` (or its value, when ``value``) is, deferred: nothing listed."""

    def item_spot(self, node: Seq, index: int) -> Location:
        """Where item ``index`` is, deferred: nothing listed."""


class Map(dict[str, Any]):
    """A mapping with the locations of itself, its keys and its values."""

    __slots__ = ("loc", "name_loc", "_key_locs", "_value_locs", "_locator", "_at", "_end", "_table")

    def __init__(self, loc: Location) -> None:
        super().__init__()
        self.loc = loc
        #: Where the key that names this mapping was written (``None`` for list items).
        self.name_loc: Location | None = None
        self._key_locs: dict[str, Location] = {}
        self._value_locs: dict[str, Location] = {}
        #: Who lists the locations of its keys and values, until they are listed.
        self._locator: NodeLocator | None = None
        #: The index of its first token and of the token after its last (JSON fast path).
        self._at = self._end = 0
        #: The index of each key's token, counted when one is first asked for.
        self._table: dict[str, int] | None = None

    @property
    def key_locs(self) -> dict[str, Location]:
        if self._locator is not None:
            self._locator.locate(self)
        return self._key_locs

    def key_loc(self, key: str) -> Location | None:
        """Where ``key`` is written (``None`` when it is not a key here); unlike
        ``key_locs[key]``, this lists nothing."""
        if self._locator is None:
            return self._key_locs.get(key)
        return self._locator.key_spot(self, key, False) if key in self else None

    def value_loc(self, key: str) -> Location | None:
        """Where the value of ``key`` starts (``None`` when it is not a key here)."""
        if self._locator is None:
            return self._value_locs.get(key)
        value = self.get(key, _MISSING)
        if value is _MISSING:
            return None
        if type(value) is Map or type(value) is Seq:
            return value.loc
        return self._locator.key_spot(self, key, True)

    @property
    def value_locs(self) -> dict[str, Location]:
        if self._locator is not None:
            self._locator.locate(self)
        return self._value_locs

    def set_locs(self, key: str, key_at: Location, value_at: Location) -> None:
        """Say where ``key`` and its value are (a mapping made, not read), listing nothing."""
        self._key_locs[key] = key_at
        self._value_locs[key] = value_at


class Seq(list[Any]):
    """A sequence with the locations of itself and its items."""

    __slots__ = ("loc", "_item_locs", "_locator", "_at", "_end", "_table")

    def __init__(self, loc: Location) -> None:
        super().__init__()
        self.loc = loc
        self._item_locs: list[Location] = []
        self._locator: NodeLocator | None = None
        self._at = self._end = 0
        self._table: list[int] | None = None

    @property
    def item_locs(self) -> list[Location]:
        if self._locator is not None:
            self._locator.locate(self)
        return self._item_locs

    def item_loc(self, index: int) -> Location:
        """Where item ``index`` starts; unlike ``item_locs[index]``, this lists nothing."""
        if self._locator is None:
            return self._item_locs[index]
        item = self[index]
        if type(item) is Map or type(item) is Seq:
            return item.loc
        return self._locator.item_spot(self, index)
