"""build_plan: what the forked processes lint and generate is what one process does,
and a build that fails (an error found while lowering, a lint that fails it) stops
every child it started."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
import yaml

from trackgen import build, source_json
from trackgen.api import GenerateOptions, PythonOptions, TypeScriptOptions
from trackgen.diagnostics import PlanError
from trackgen.lint import LintConfig

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ecommerce" / "plan.yaml"
EXAMPLE_TEXT = EXAMPLE.read_text("utf-8")
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

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
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


SHOP = """
name: Shop
events:
  - name: order_completed
    description: An order was paid.
    properties:
      order_id: {type: string, required: true, description: The order.}
"""  # TG401 and TG412 warn about the name


SHOP_JSON = json.dumps(yaml.safe_load(SHOP), indent=2)  # the JSON fast path: deferred locations


@pytest.mark.parametrize(
    "text", [EXAMPLE_TEXT, SHOP, SHOP_JSON], ids=["ecommerce", "findings", "findings-json"]
)
def test_forked_build_equals_one_process_build(text: str, monkeypatch: pytest.MonkeyPatch, jobs: list[_Recorded]) -> None:
    forked = build.build_plan(text, "plan.yaml", None, LintConfig(), OPTIONS)
    if sys.platform == "linux":  # where builds fork: the lint and a child per target but the first ran
        assert len(jobs) == 2 and all(job.closed for job in jobs)
    monkeypatch.setenv("TRACKGEN_NO_FORK", "1")
    assert not build._can_fork()
    single = build.build_plan(text, "plan.yaml", None, LintConfig(), OPTIONS)
    assert forked.files == single.files
    assert forked.findings == single.findings
    assert bool(forked.findings) == (text is not EXAMPLE_TEXT)
    assert forked.loaded.warnings == single.loaded.warnings
    assert forked.loaded.plan == single.loaded.plan
    assert {f.target for f in forked.files} == {"python", "typescript"}


def test_a_json_plans_findings_come_back_pointing_into_the_parents_text() -> None:
    """The lint child's findings keep their deferred locations: the plan's locator
    crosses the pipe as the parent's own (no copy of the text), and nothing was worked
    out to send them."""
    built = build.build_plan(SHOP_JSON, "plan.json", None, LintConfig(), OPTIONS)
    locator = built.loaded.model.loc.locator if built.loaded.model.loc else None
    assert locator is not None and built.findings
    assert all(d.location is not None and d.location.locator is locator for d in built.findings)
    assert [str(d.location) for d in built.findings] == ["plan.json:4:5", "plan.json:4:5"]  # the event's "{"


def test_a_clean_json_build_works_out_no_location(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self: object, index: int) -> tuple[int, int]:
        raise AssertionError(f"token {index} was worked out")

    monkeypatch.setattr(source_json._Tokens, "line_column", refuse)  # the children inherit it
    text = json.dumps(yaml.safe_load(EXAMPLE_TEXT))
    built = build.build_plan(text, "plan.json", None, LintConfig(), OPTIONS)
    assert built.files and not built.findings and not built.loaded.warnings


def test_failed_lint_stops_the_children(jobs: list[_Recorded]) -> None:
    plan = SHOP
    before = _children()
    strict = LintConfig(fail_on="warning")
    with pytest.raises(PlanError) as failure:
        build.build_plan(plan, "plan.yaml", None, strict, OPTIONS)
    assert {d.code for d in failure.value.diagnostics} >= {"TG401"}
    if sys.platform == "linux":
        assert len(jobs) == 2  # the targets were being generated when lint failed
    assert _children() == before  # killed and reaped: no process, no zombie left


def test_an_error_found_while_lowering_stops_the_lint(jobs: list[_Recorded]) -> None:
    plan = """
name: Shop
events:
  - name: Order Completed
    description: An order was paid.
    properties:
      order: {$ref: "#/$defs/missing", description: The order.}
"""
    before = _children()
    with pytest.raises(PlanError) as failure:
        build.build_plan(plan, "plan.yaml", None, LintConfig(), OPTIONS)
    assert [d.severity.value for d in failure.value.diagnostics] == ["error"]
    assert "missing" in failure.value.diagnostics[0].message
    if sys.platform == "linux":
        assert len(jobs) == 1  # the lint had started; no target had
    assert _children() == before


def test_generation_failure_in_the_child_is_reported() -> None:
    def broken(*_: object) -> list[object]:
        raise ValueError("boom")

    if not build._can_fork():
        pytest.skip("fork-only behaviour")
    job = build._Job(broken)  # type: ignore[arg-type]
    with pytest.raises(RuntimeError, match="ValueError: boom"):
        job.result()


_IMPORTED = """
import sys
from trackgen import build, entry
heavy = ("jinja2", "trackgen.targets.python", "trackgen.targets.typescript", "trackgen.lint.engine", "trackgen.datadict")
forks = []
fork = build._Job.__init__
def recorded(self, *args, **kwargs):
    forks.append(" ".join(m for m in heavy if m in sys.modules) or "-")
    fork(self, *args, **kwargs)
build._Job.__init__ = recorded
sys.argv = ["trackgen", *sys.argv[1:]]
try:
    entry.main()
except SystemExit:
    pass
print("forks:", ", ".join(forks))
print(" ".join(m for m in ("trackgen.lint.engine", "trackgen.datadict") if m in sys.modules) or "-")
"""


@pytest.mark.skipif(sys.platform != "linux", reason="builds fork on Linux only; elsewhere one process does it all")
def test_the_build_process_leaves_rendering_and_lint_rules_to_its_children(tmp_path: Path) -> None:
    """What a build runs before it forks is one core's work: the modules that only
    render (Jinja, the targets) or lint (the rules) are imported by the processes that
    do, after the forks (this process renders Python), and the docs command's by the
    docs command. Jinja, which every target renders with, is imported once, before the
    other targets fork (after the lint's)."""
    import subprocess

    argv = ["build", "--plan", str(EXAMPLE), "--python-out", str(tmp_path / "py_pkg"), "--typescript-out", str(tmp_path / "ts"), "--no-cache"]
    proc = subprocess.run([sys.executable, "-c", _IMPORTED, *argv], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "files in" in proc.stdout  # it built
    assert proc.stdout.strip().splitlines()[-2:] == ["forks: -, jinja2", "-"]
