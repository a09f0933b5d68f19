"""``trackgen build --watch``: build, then build again whenever the plan or the config changes.

``build_watch`` is the command (cli.py's ``build`` calls it with its flags): each
build goes through ``trackgen.pipeline`` and ``trackgen.writer`` as ``trackgen build``
does, with the settings read again every time.
``watch(build_once, paths)`` prints one line per build with the time it started and
how long it took, prints a broken plan's diagnostics and goes on watching, and
returns on Ctrl-C. ``build_once`` returns a one-line summary or raises ``PlanError``;
``paths`` is asked again after every build (the config may now name another plan).
File events come from watchfiles (imported only here, when watching starts); tests
pass ``wait`` instead.
"""

from __future__ import annotations

import gc
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import typer

from .diagnostics import Diagnostic, PlanError, Severity
from .config import BuildConfig
from .runs import prepare_from_flags
from .runs import print_diagnostics as _print
from .pipeline import generate_outputs
from .summary import lint_summary
from .writer import write_outputs

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


def build_watch(
    config: Path | None = None,
    plan: Path | None = None,
    python_out: Path | None = None,
    typescript_out: Path | None = None,
    typescript_sdk: str | None = None,
    mode: str | None = None,
    validation: str | None = None,
    force: bool = False,
    *,
    wait: Wait | None = None,
    pydantic_out: Path | None = None,
) -> None:
    """``trackgen build --watch``: build with these flags now and whenever the plan or
    the config changes; one line per build; a broken plan is reported, not fatal.
    Settings are read again on every build. Returns on Ctrl-C. ``wait`` stands in for
    the file watcher in tests (see ``trackgen.watch.watch``)."""
    watched: list[Path] = []
    shown: list[Diagnostic] = []

    def build_once() -> str:
        def follow(settings: BuildConfig) -> None:
            watched[:] = [p for p in (settings.plan, settings.source) if p is not None]

        prepared = prepare_from_flags(
            config, plan, python_out, typescript_out, typescript_sdk, mode, validation, pydantic_out=pydantic_out, read=follow
        )
        gc.collect()  # the command runs with the collector off (trackgen.entry): once a build
        outputs = generate_outputs(prepared)
        report = write_outputs(outputs.files, outputs.roots, force=force)
        if outputs.warnings + outputs.findings != shown:  # warnings once, not on every save
            _print(outputs.warnings)
            for line in lint_summary(outputs.findings):
                typer.echo(line, err=True)
            shown[:] = outputs.warnings + outputs.findings
        return f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed"

    def paths() -> list[Path]:
        found = list(watched)
        if config is not None:
            found.append(config)
        else:
            found += [Path.cwd() / "trackgen.toml", Path.cwd() / "pyproject.toml"]
        if plan is not None:
            found.append(plan)
        return found

    watch(build_once, paths, wait=wait)


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
