"""What a run of the ``trackgen`` program leaves for the process's end: freeing what a
build read (a large plan's model and IR: 50 ms at 5,000 events) is work that the end of
the process (``trackgen.entry.run``, which ends without tearing anything down) does for
nothing. A program that calls the library or ``trackgen.entry.main`` keeps its own
objects' lives: there ``leave`` does nothing."""

from __future__ import annotations

#: What the run leaves; ``None`` outside ``trackgen.entry.run``.
_LEFT: list[object] | None = None


def keep_left() -> None:
    """From now on, ``leave`` keeps what it is given until the process ends."""
    global _LEFT
    _LEFT = []


def leave(value: object) -> None:
    """Keep ``value`` until the process ends, when the program is ``trackgen.entry.run``."""
    if _LEFT is not None:
        _LEFT.append(value)
