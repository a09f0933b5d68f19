"""What a build does between reading the plan's text and writing files: read and
lower the plan, lint it and generate every target, on every core it has (two here)
where it can. On Linux the lint starts in a forked process as soon as the plan model
is ready, while this process lowers it to the IR; then this process generates the
first target (Python, the largest) and a forked process each other one, while the
lint goes on.

The result is the same as ``read_plan_text``, ``lint_plan`` and ``generate`` in turn
(each is pure); only the wall time differs.
"""

from __future__ import annotations

import io
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

from .api import GeneratedFile, GenerateOptions, LoadedPlan, generate, lower_model, read_model
from .diagnostics import Diagnostic, PlanError
from .gcpause import collector_paused
from .lint.config import LintConfig
from .plan.model import Plan as PlanModel

T = TypeVar("T")


class Phase(Protocol):
    """Where a long build is (``trackgen.progress.Progress``)."""

    phase: str


@dataclass(frozen=True, slots=True)
class Built:
    """The plan read, the files generated and the lint's findings."""

    loaded: LoadedPlan
    files: list[GeneratedFile]
    findings: list[Diagnostic]


def build_plan(
    text: str,
    name: str,
    pins: dict[str, int] | None,
    lint_config: LintConfig,
    options: GenerateOptions,
    progress: Phase | None = None,
) -> Built:
    """Read the plan's text (named ``name`` in messages and headers), lint it and
    generate every target. Raises ``PlanError`` when the plan has errors, or lint
    findings that ``fail_on`` makes fatal."""
    model, diagnostics = read_model(text, name)
    if not _can_fork():
        loaded = lower_model(model, diagnostics, name, pins)
        if progress is not None:
            progress.phase = "linting and generating"
        findings = _lint(model, lint_config)
        return Built(loaded, generate(loaded.plan, options), findings)
    # The lint runs beside the lowering, then beside the targets: the first (the
    # largest) in this process, each other in a child of its own. The two cores are
    # busy from here on, and the largest output does not cross a pipe.
    # The lint's findings point into the plan's text; the text's locator crosses back
    # as a reference to the parent's own, not as a copy of the text.
    locator = model.loc.locator if model.loc is not None else None
    lint = _Job(_lint, model, lint_config, shared=(locator,) if locator is not None else ())
    targets: list[_Job[list[GeneratedFile]]] = []
    try:
        loaded = lower_model(model, diagnostics, name, pins)
        if progress is not None:
            progress.phase = "linting and generating"
        first, *others = _targets(options) or [GenerateOptions()]
        if others:  # Jinja: imported once, here (this process renders too), not in each child
            from . import render  # noqa: F401
        targets = [_Job(generate, loaded.plan, target) for target in others]
        files = generate(loaded.plan, first)
        findings = lint.result()
        return Built(loaded, files + [file for job in targets for file in job.result()], findings)
    finally:
        lint.close()
        for job in targets:
            job.close()


def _targets(options: GenerateOptions) -> list[GenerateOptions]:
    """One options per target asked for."""
    each = [
        GenerateOptions(python=options.python),
        GenerateOptions(typescript=options.typescript),
        GenerateOptions(pydantic=options.pydantic),
    ]
    return [target for target in each if target != GenerateOptions()]


def _lint(model: PlanModel, lint_config: LintConfig) -> list[Diagnostic]:
    from .lint.engine import fails, lint_plan  # the rules: imported where the lint runs

    findings = lint_plan(model, lint_config)
    if fails(findings, lint_config.fail_on):
        raise PlanError(findings)
    return findings


class _Job(Generic[T]):
    """A call running in a forked child, its result pickled back through a pipe.

    ``shared`` objects, made before the fork, are in both processes: in the result
    they cross as references to the parent's own, not as copies."""

    def __init__(self, function: Callable[..., T], *args: object, shared: tuple[object, ...] = ()) -> None:
        self._shared = shared
        read, write = os.pipe()
        with collector_paused():  # a collection in the child would copy every page it touches
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child (coverage does not follow forks)
                try:  # whatever happens, the child must never return into the parent's code
                    os.close(read)
                    try:
                        payload = self._dumps((True, function(*args)))
                    except PlanError as exc:  # located problems: lint's fail_on, a template override
                        payload = self._dumps((False, exc.diagnostics))
                    except BaseException as exc:  # every failure goes back to the parent
                        payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
                    with os.fdopen(write, "wb") as pipe:
                        pipe.write(payload)
                finally:
                    os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> T:
        read, self._read = self._read, -1  # the file object closes it
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self._pid, 0)
        self._pid = 0
        if not data:
            raise RuntimeError("a process of the build died")
        unpickler = pickle.Unpickler(io.BytesIO(data))
        unpickler.persistent_load = self._shared.__getitem__  # type: ignore[method-assign]
        ok, value = unpickler.load()
        if not ok and isinstance(value, list):
            raise PlanError(value)
        if not ok:
            raise RuntimeError(f"a process of the build failed: {value}")
        result: T = value
        return result

    def _dumps(self, value: object) -> bytes:
        out = io.BytesIO()
        pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
        if self._shared:
            ids = {id(obj): i for i, obj in enumerate(self._shared)}
            pickler.persistent_id = lambda obj: ids.get(id(obj))  # type: ignore[method-assign]
        pickler.dump(value)
        return out.getvalue()

    def close(self) -> None:
        """Stop the child if its result was not taken (the build failed)."""
        if self._pid:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
            self._pid = 0
        if self._read >= 0:
            os.close(self._read)
            self._read = -1


def _can_fork() -> bool:
    # fork is safe in a single-threaded process on Linux; macOS system libraries do not
    # support it, and Windows has none. TRACKGEN_NO_FORK=1 turns it off.
    return (
        sys.platform == "linux"
        and threading.active_count() == 1
        and os.environ.get("TRACKGEN_NO_FORK") != "1"
    )
