"""What a build does between reading the plan and writing files: lint the plan and
generate every target, each target in a forked process while this one lints, so a
build uses every core it has (two here) where it can.

The result is the same as linting and calling ``generate`` in turn (the targets are
independent and pure); only the wall time differs.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable

from .api import GeneratedFile, GenerateOptions, LoadedPlan, generate
from .diagnostics import Diagnostic, PlanError
from .gcpause import collector_paused
from .lint import LintConfig, fails, lint_plan


def lint_and_generate(
    loaded: LoadedPlan, lint_config: LintConfig, options: GenerateOptions
) -> tuple[list[GeneratedFile], list[Diagnostic]]:
    """Lint findings and generated files. Raises ``PlanError`` when the findings fail
    the build (``fail_on``)."""
    if not _can_fork():
        findings = _lint(loaded, lint_config)
        return generate(loaded.plan, options), findings
    # One child per target: with the lint here, three processes share the cores.
    targets = [
        GenerateOptions(python=options.python),
        GenerateOptions(typescript=options.typescript),
        GenerateOptions(pydantic=options.pydantic),
    ]
    jobs = [_Job(generate, loaded.plan, target) for target in targets if target != GenerateOptions()]
    try:
        findings = _lint(loaded, lint_config)
        return [file for job in jobs for file in job.result()], findings
    finally:
        for job in jobs:
            job.close()


def _lint(loaded: LoadedPlan, lint_config: LintConfig) -> list[Diagnostic]:
    findings = lint_plan(loaded.model, lint_config)
    if fails(findings, lint_config.fail_on):
        raise PlanError(findings)
    return findings


class _Job:
    """A call running in a forked child, its result pickled back through a pipe."""

    def __init__(self, function: Callable[..., list[GeneratedFile]], *args: object) -> None:
        read, write = os.pipe()
        with collector_paused():  # a collection in the child would copy every page it touches
            pid = os.fork()
            if pid == 0:  # pragma: no cover - the child (coverage does not follow forks)
                try:  # whatever happens, the child must never return into the parent's code
                    os.close(read)
                    try:
                        payload = pickle.dumps((True, function(*args)), protocol=pickle.HIGHEST_PROTOCOL)
                    except PlanError as exc:  # located problems (a project's template override)
                        payload = pickle.dumps((False, exc.diagnostics))
                    except BaseException as exc:  # every failure goes back to the parent
                        payload = pickle.dumps((False, f"{type(exc).__name__}: {exc}"))
                    with os.fdopen(write, "wb") as pipe:
                        pipe.write(payload)
                finally:
                    os._exit(0)
        os.close(write)
        self._pid, self._read = pid, read

    def result(self) -> list[GeneratedFile]:
        read, self._read = self._read, -1  # the file object closes it
        with os.fdopen(read, "rb") as pipe:
            data = pipe.read()
        os.waitpid(self._pid, 0)
        self._pid = 0
        if not data:
            raise RuntimeError("the process generating the code died")
        ok, value = pickle.loads(data)
        if not ok and isinstance(value, list):
            raise PlanError(value)
        if not ok:
            raise RuntimeError(f"generating in a child process failed: {value}")
        files: list[GeneratedFile] = value
        return files

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
