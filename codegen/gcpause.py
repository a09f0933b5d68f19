"""Pause the cyclic garbage collector while forking (``trackgen.build``): a collection
in a forked child would write to, and so copy, every page of objects it touches. The
command itself runs with the collector off (``trackgen.entry``); library functions
leave it as the host program set it."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off inside the block, as it was after it."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
