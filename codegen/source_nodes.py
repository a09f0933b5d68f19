"""The located data that reading a plan file makes: ``Map`` and ``Seq``.

A ``Map`` is a dict, a ``Seq`` a list, so the rest of trackgen reads them as plain
data; each also holds where it, and each of its keys and values, was written, for
diagnostics that point at the plan's text. ``trackgen.source`` makes them.
"""

from __future__ import annotations

from typing import Any

from .diagnostics import Location


class Map(dict[str, Any]):
    """A mapping with the locations of itself, its keys and its values."""

    __slots__ = ("loc", "name_loc", "key_locs", "value_locs")

    def __init__(self, loc: Location) -> None:
        super().__init__()
        self.loc = loc
        #: Where the key that names this mapping was written (``None`` for list items).
        self.name_loc: Location | None = None
        self.key_locs: dict[str, Location] = {}
        self.value_locs: dict[str, Location] = {}


class Seq(list[Any]):
    """A sequence with the locations of itself and its items."""

    __slots__ = ("loc", "item_locs")

    def __init__(self, loc: Location) -> None:
        super().__init__()
        self.loc = loc
        self.item_locs: list[Location] = []
