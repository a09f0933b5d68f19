"""How calls are spread over generated modules.

One module per call gives tens of thousands of files for big plans (slow to write,
heavy in git); one module for all calls makes pyright give up ("code is too complex
to analyze") beyond about 1,500 events. Calls are spread over a power-of-two number
of modules so that each holds about ``PER_MODULE`` calls; a call's module depends
only on its own kind and name (a CRC-32, the same on every machine and run), so
adding an event changes one module and the index, until the plan doubles in size.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from . import ir

PER_MODULE = 64


def module_count(calls: int) -> int:
    count = 1
    while calls > count * PER_MODULE:
        count *= 2
    return count


def spread(calls: Sequence[ir.Event]) -> list[tuple[str, list[ir.Event]]]:
    """Module stems and their calls (in plan order); modules with no call are left out."""
    count = module_count(len(calls))
    buckets: list[list[ir.Event]] = [[] for _ in range(count)]
    for call in calls:
        key = f"{call.kind.value}:{call.name}".encode("utf-8", "surrogatepass")
        buckets[zlib.crc32(key) % count].append(call)
    return [(module_stem(i, count), bucket) for i, bucket in enumerate(buckets) if bucket]


def module_stem(index: int, count: int) -> str:
    """``calls`` for a plan that fits one module, else ``calls_07`` (zero-padded)."""
    if count == 1:
        return "calls"
    return f"calls_{index:0{len(str(count - 1))}d}"
