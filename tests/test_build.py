"""lint_and_generate: the files generated in a forked process are the files generated
in this one, and a build that lint fails stops its child."""

from __future__ import annotations

import os
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


def test_forked_build_equals_one_process_build(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = read_plan(EXAMPLE)
    forked, forked_findings = build.lint_and_generate(loaded, LintConfig(), OPTIONS)
    monkeypatch.setenv("TRACKGEN_NO_FORK", "1")
    assert not build._can_fork()
    single, single_findings = build.lint_and_generate(loaded, LintConfig(), OPTIONS)
    assert forked == single
    assert forked_findings == single_findings
    assert {f.target for f in forked} == {"python", "typescript"}


def test_failed_lint_stops_the_child() -> None:
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
    assert _children() == before  # killed and reaped: no process, no zombie left


def test_generation_failure_in_the_child_is_reported() -> None:
    def broken(*_: object) -> list[object]:
        raise ValueError("boom")

    if not build._can_fork():
        pytest.skip("fork-only behaviour")
    job = build._Job(broken)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="ValueError: boom"):
        job.result()
