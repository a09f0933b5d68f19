"""Generated code of a large plan passes every type checker the suite runs.

One synthetic plan of 5,000 events (bench/synth.py; ``TRACKGEN_SCALE_EVENTS`` sets
another size) is built once; mypy --strict, pyright strict, tsc 5.9 and tsc 7 then
check the whole output. Each checker's duration is printed (``pytest -s``) and
recorded as a test property; the tests do not assert on time.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import Built, CheckResult, build_plan, run_mypy, run_pyright, run_tsc, synth_module
from trackgen import load_plan

EVENTS = int(os.environ.get("TRACKGEN_SCALE_EVENTS", "5000"))



@pytest.fixture(scope="module")
def plan_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path: Path = synth_module().write_plan(EVENTS, tmp_path_factory.mktemp("scale-plan") / "plan.yaml")
    return path


@pytest.fixture(scope="module")
def built(plan_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Built:
    start = time.perf_counter()
    result = build_plan(plan_file, tmp_path_factory.mktemp("scale"))
    print(f"\n[scale] built {EVENTS} events in {time.perf_counter() - start:.1f} s")
    return result


def _timed(what: str, check: Callable[[], CheckResult], record_property: Callable[[str, object], None]) -> CheckResult:
    start = time.perf_counter()
    result = check()
    seconds = time.perf_counter() - start
    record_property(f"{what} seconds", round(seconds, 1))
    print(f"\n[scale] {what} on {EVENTS} events: {seconds:.1f} s (exit {result.returncode})")
    return result


def _ts_files(built: Built) -> list[Path]:
    # Relative to the root (the tsc working directory, with package.json): short command lines.
    return sorted(p.relative_to(built.root) for p in built.typescript.rglob("*.ts"))


def test_synthetic_plan_loads_without_warnings(plan_file: Path) -> None:
    plan, warnings = load_plan(plan_file, plan_file.name)
    assert len(plan.events) == EVENTS
    assert [w.render() for w in warnings] == []


def test_output_has_a_function_per_event(built: Built) -> None:
    python = "".join(p.read_text("utf-8") for p in (built.python / "events").rglob("*.py"))
    typescript = "".join(p.read_text("utf-8") for p in (built.typescript / "events").rglob("*.ts"))
    assert len(re.findall(r"^def track_", python, re.MULTILINE)) == EVENTS
    assert len(re.findall(r"^export function track", typescript, re.MULTILINE)) == EVENTS


def test_black_check(built: Built, record_property: Callable[[str, object], None]) -> None:
    """The pinned black leaves the output as it is (trackgen lays out long lines itself)."""

    def check() -> CheckResult:
        proc = subprocess.run(
            [sys.executable, "-m", "black", "--check", "--target-version", "py311", str(built.python)],
            capture_output=True,
            text=True,
        )
        return CheckResult(proc.returncode, proc.stdout + proc.stderr)

    result = _timed("black --check", check, record_property)
    assert result.returncode == 0, result.output


def test_mypy_strict(built: Built, record_property: Callable[[str, object], None]) -> None:
    result = _timed("mypy --strict", lambda: run_mypy([built.python], cwd=built.root), record_property)
    assert result.returncode == 0, result.output[:20000]


def test_pyright_strict(built: Built, record_property: Callable[[str, object], None]) -> None:
    result = _timed("pyright strict", lambda: run_pyright([built.python], cwd=built.root), record_property)
    assert result.returncode == 0, result.output[:20000]


@pytest.mark.parametrize("version", ["5", "7"])
def test_tsc(built: Built, version: str, record_property: Callable[[str, object], None]) -> None:
    files = _ts_files(built)
    result = _timed(f"tsc {version}", lambda: run_tsc(files, version, cwd=built.root), record_property)
    assert result.returncode == 0, result.output[:20000]
