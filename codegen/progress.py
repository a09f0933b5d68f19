"""A progress line on stderr for builds that take a while: shown on a terminal only,
after a second (``TRACKGEN_PROGRESS_AFTER`` seconds), updated four times a second,
and erased when the build ends, so what stays on the screen is the build's own output.

It runs from a timer signal (SIGALRM), not a thread: a thread would stop the build
from forking its targets (``trackgen.build``), and forked children do not inherit the
timer.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from types import FrameType, TracebackType
from typing import TextIO


class Progress:
    def __init__(self, stream: TextIO | None = None, what: str = "building") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.phase = "reading the plan"
        self.what = what
        self.shown = False
        self._started = 0.0
        self._previous: object = None

    def _on(self) -> bool:
        try:
            return hasattr(signal, "setitimer") and self.stream.isatty()
        except (AttributeError, ValueError):
            return False

    def __enter__(self) -> Progress:
        self._started = time.perf_counter()
        if self._on():
            try:
                after = max(0.001, float(os.environ.get("TRACKGEN_PROGRESS_AFTER", "1")))
            except ValueError:
                after = 1.0
            self._previous = signal.signal(signal.SIGALRM, self._tick)
            signal.setitimer(signal.ITIMER_REAL, after, 0.25)
        return self

    def _tick(self, signum: int, frame: FrameType | None) -> None:
        elapsed = time.perf_counter() - self._started
        try:
            self.stream.write(f"\r\x1b[Ktrackgen: {self.what}: {self.phase} ({elapsed:.0f}s)")
            self.stream.flush()
            self.shown = True
        except (OSError, ValueError):
            pass

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        if self._previous is not None:
            signal.setitimer(signal.ITIMER_REAL, 0, 0)
            signal.signal(signal.SIGALRM, self._previous)  # type: ignore[arg-type]
            self._previous = None
        if self.shown:
            try:
                self.stream.write("\r\x1b[K")
                self.stream.flush()
            except (OSError, ValueError):
                pass
