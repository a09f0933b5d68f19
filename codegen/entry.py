"""The ``trackgen`` command: a build or check that the cache can answer (nothing
changed since the same command last ran here) ends in this module, having imported
only the standard library; a build whose flags are given plainly runs without typer
(``trackgen.build_command``); every other run goes on to the command line proper
(``trackgen.cli``)."""

from __future__ import annotations

import gc
import os
import sys
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from . import ending

if TYPE_CHECKING:
    from .cache import Entry

#: The commands the cache answers, and the arguments that always take the long way.
_CACHED = ("build", "check")
_NEVER = frozenset({"--watch", "--help", "-h", "--no-cache", "--version"})


def run() -> None:
    """The ``trackgen`` program (its console script and ``python -m trackgen``):
    ``main``, then the process ends without tearing down what it built. Freeing a
    large plan's objects one by one at exit (20-40 ms measured at 1,000 and 5,000
    events) gives back nothing the operating system would not take back at once. The
    output is flushed first; every file the run wrote is closed by then."""
    ending.keep_left()
    try:
        main()
        code = 0
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            code = exc.code or 0
        else:  # as the interpreter does: the message on stderr, status 1
            print(exc.code, file=sys.stderr)
            code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # a closed pipe: nothing more can be said
        code = code or 1
    os._exit(code)


def main() -> None:
    started = time.perf_counter()
    argv = sys.argv[1:]
    if argv and argv[0] in _CACHED and _NEVER.isdisjoint(argv):
        from . import cache

        if cache.folder() is not None:  # off (TRACKGEN_NO_CACHE): no key, nothing hashed for it
            run_key = cache.key(argv[0], argv, os.getcwd())
            entry = cache.load(run_key)
            if entry is not None and cache.fresh(entry):
                _replay(argv[0], entry, time.perf_counter() - started)
                return
            cache.REQUEST = run_key
    # A run of the command allocates millions of small objects that form no cycles
    # (plan, IR, views, text); the cyclic collector would scan them again and again (a
    # third of the load time of a large plan) and free nothing. The process is short,
    # so it does without; `build --watch` collects after each build. Library calls
    # leave the collector as the host program set it.
    gc.disable()
    # pydantic looks through every installed distribution's entry points for plugins
    # (observability hooks) the first time it builds a model: 10-20 ms of each run, for
    # hooks that have no business watching trackgen validate its own plan. A value the
    # user set is kept.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if argv and argv[0] in _CACHED:
        if _run_plain(argv[0], argv[1:]):
            return
    from .cli import main as cli_main

    cli_main()


def _run_plain(command: str, argv: list[str]) -> bool:
    """Run ``build`` or ``check`` without typer when its flags are given plainly
    (``trackgen.build_command.plain_flags``), ending as typer ends a command: its exit
    code, 130 on Ctrl-C, 1 when the output is a closed pipe. False when typer is to
    parse the flags."""
    from .build_command import plain_flags

    run: Callable[..., int]
    if command == "build":
        from .build_command import run_build as run

        flags = plain_flags(argv)
    else:
        from .check_command import CHECK_LIST_FLAGS, CHECK_PATH_FLAGS, CHECK_SWITCHES, CHECK_VALUE_FLAGS
        from .check_command import run_check as run

        flags = plain_flags(argv, CHECK_VALUE_FLAGS, CHECK_SWITCHES, CHECK_PATH_FLAGS, CHECK_LIST_FLAGS)
    if flags is None:
        return False
    try:
        code = run(**flags)
        sys.stdout.flush()
    except KeyboardInterrupt:
        code = 130
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        code = 1
    sys.exit(code)


def _replay(command: str, entry: Entry, elapsed: float) -> None:
    """Print what the recorded run printed (a build's timing line anew)."""
    for line in entry.stderr:
        print(line, file=sys.stderr)
    for line in entry.stdout:
        print(line)
    if command == "build":
        print(f"0 written, {entry.count} unchanged, 0 removed in {elapsed:.2f}s (cached: nothing changed)")
