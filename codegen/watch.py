"""``trackgen build --watch``: build, then build again whenever the plan or the config changes.

``watch(build_once, paths)`` prints one line per build with the time it started and
how long it took, prints a broken plan's diagnostics and goes on watching, and
returns on Ctrl-C. ``build_once`` returns a one-line summary or raises ``PlanError``;
``paths`` is asked again after every build (the config may now name another plan).
File events come from watchfiles (imported only here, when watching starts); tests
pass ``wait`` instead.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import typer

from .diagnostics import PlanError, Severity

BuildOnce = Callable[[], str]
Wait = Callable[[list[Path]], Iterable[object]]


def _out(line: str) -> None:
    typer.echo(line)


def _err(line: str) -> None:
    typer.echo(line, err=True)


def watch(
    build_once: BuildOnce,
    paths: Callable[[], Iterable[Path]] | Iterable[Path],
    *,
    out: Callable[[str], None] = _out,
    err: Callable[[str], None] = _err,
    wait: Wait | None = None,
    stop_event: threading.Event | None = None,
    debounce_ms: int = 400,
) -> None:
    """Build now and after every change of one of ``paths`` until stopped (Ctrl-C,
    ``stop_event``, or ``wait`` running out of changes)."""
    fixed = None if callable(paths) else list(paths)

    def current() -> list[Path]:
        found = paths() if callable(paths) else (fixed or [])
        return sorted({p.resolve() for p in found})

    def changes(watched: list[Path]) -> Iterable[object]:
        if wait is not None:
            return wait(watched)
        return _file_changes(watched, stop_event, debounce_ms)

    try:
        rebuild(build_once, out, err)
        while True:
            watched = current()
            out(f"watching {', '.join(_show(p) for p in watched)} (Ctrl-C to stop)")
            events = changes(watched)
            moved = False
            try:
                for _ in events:
                    rebuild(build_once, out, err)
                    if current() != watched:
                        moved = True
                        break
            finally:
                close = getattr(events, "close", None)
                if callable(close):
                    close()
            if not moved:
                return
    except KeyboardInterrupt:
        out("stopped")


def rebuild(build_once: BuildOnce, out: Callable[[str], None], err: Callable[[str], None]) -> bool:
    """Run one build and print its line; a failure is printed, never raised."""
    stamp = time.strftime("%H:%M:%S")
    started = time.perf_counter()
    try:
        summary = build_once()
    except PlanError as exc:
        for d in exc.diagnostics:
            err(d.render())
        errors = sum(d.severity is Severity.ERROR for d in exc.diagnostics)
        out(f"{stamp} build failed with {errors} error(s); nothing was written; waiting for changes")
        return False
    except OSError as exc:
        err(f"trackgen: cannot write output: {exc}")
        out(f"{stamp} build failed; waiting for changes")
        return False
    except Exception as exc:  # a bug must not end the session: report it and keep watching
        err(f"trackgen: internal error: {type(exc).__name__}: {exc}")
        out(f"{stamp} build failed; waiting for changes")
        return False
    elapsed = time.perf_counter() - started
    out(f"{stamp} built in {elapsed:.2f}s: {summary}")
    return True


def _file_changes(watched: list[Path], stop_event: threading.Event | None, debounce_ms: int) -> Iterator[set[Path]]:
    """Batches of changed files among ``watched``, from watchfiles.

    The folders are watched, not the files: editors save by writing a new file and
    renaming it over the old one, and a file that does not exist yet (a config about
    to be created) can only be seen from its folder."""
    import watchfiles  # type: ignore[import-not-found, unused-ignore]  # until the dependency is installed

    wanted = set(watched)
    folders = sorted({p.parent for p in watched if p.parent.is_dir()})
    if not folders:
        return

    def keep(_change: object, path: str) -> bool:
        return Path(path).resolve() in wanted

    for batch in watchfiles.watch(
        *folders, watch_filter=keep, debounce=debounce_ms, stop_event=stop_event, recursive=False, raise_interrupt=True
    ):
        yield {Path(p) for _, p in batch}


def _show(path: Path) -> str:
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
