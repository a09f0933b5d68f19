"""Pause the cyclic garbage collector around the heavy phases of a build."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Loading, linting and generating allocate millions of small objects that form no
    cycles; the cyclic collector would scan them again and again (a third of the load
    time of a large plan) and free nothing, so it waits until the work is done."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
