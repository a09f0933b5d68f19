"""lint_and_generate: the files generated in a forked process are the files generated
in this one, and a build that lint fails stops its child."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from trackgen import build
from trackgen.api import GenerateOptions, PythonOptions, TypeScriptOptions, read_plan, read_plan_text
from trackgen.diagnostics import PlanError
from trackgen.lint import LintConfig

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ecommerce" / "plan.yaml"
OPTIONS = GenerateOptions(python=PythonOptions(), typescript=TypeScriptOptions())


def _children() -> set[str]:
    """This process's child processes (zombies included)."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == os.getpid():
                found.add(entry.name)
    return found


class _Recorded(build._Job):
    """A job that remembers it was started and stopped."""

    started: list[_Recorded] = []

    def __init__(self, *args: object) -> None:
        super().__init__(*args)  # type: ignore[arg-type]
        self.closed = False
        _Recorded.started.append(self)

    def close(self) -> None:
        super().close()
        self.closed = True


@pytest.fixture
def jobs(monkeypatch: pytest.MonkeyPatch) -> list[_Recorded]:
    _Recorded.started = []
    monkeypatch.setattr(build, "_Job", _Recorded)
    return _Recorded.started


def test_forked_build_equals_one_process_build(monkeypatch: pytest.MonkeyPatch, jobs: list[_Recorded]) -> None:
    loaded = read_plan(EXAMPLE)
    forked, forked_findings = build.lint_and_generate(loaded, LintConfig(), OPTIONS)
    if sys.platform == "linux":  # where builds fork: one child per target really ran
        assert len(jobs) == 2 and all(job.closed for job in jobs)
    monkeypatch.setenv("TRACKGEN_NO_FORK", "1")
    assert not build._can_fork()
    single, single_findings = build.lint_and_generate(loaded, LintConfig(), OPTIONS)
    assert forked == single
    assert forked_findings == single_findings
    assert {f.target for f in forked} == {"python", "typescript"}


def test_failed_lint_stops_the_child(jobs: list[_Recorded]) -> None:
    plan = """
name: Shop
events:
  - name: order_completed
    description: An order was paid.
    properties:
      order_id: {type: string, required: true, description: The order.}
"""
    loaded = read_plan_text(plan, "plan.yaml")  # TG401 and TG412 warn about the name
    before = _children()
    strict = LintConfig(fail_on="warning")
    with pytest.raises(PlanError) as failure:
        build.lint_and_generate(loaded, strict, OPTIONS)
    assert failure.value.diagnostics
    if sys.platform == "linux":
        assert len(jobs) == 2  # the targets were being generated when lint failed
    assert _children() == before  # killed and reaped: no process, no zombie left


def test_generation_failure_in_the_child_is_reported() -> None:
    def broken(*_: object) -> list[object]:
        raise ValueError("boom")

    if not build._can_fork():
        pytest.skip("fork-only behaviour")
    job = build._Job(broken)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="ValueError: boom"):
        job.result()
