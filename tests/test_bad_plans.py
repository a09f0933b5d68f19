"""Hostile and broken plans, one folder each under tests/bad_plans (sqlc's style).

Each folder holds a plan (``plan.yaml`` or ``plan.json``) and ``stderr.txt``, what
``trackgen build`` must print for it. Every case must fail with exit 1, every error
line names the file, line and column, nothing is a traceback, and the output of the
last good build is left byte for byte as it was.

``TRACKGEN_UPDATE_BAD_PLANS=1 pytest tests/test_bad_plans.py`` rewrites the
``stderr.txt`` files; review the diff before committing it.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from trackgen.cli import app

CASES = Path(__file__).parent / "bad_plans"
UPDATE = os.environ.get("TRACKGEN_UPDATE_BAD_PLANS") == "1"
GOOD = """\
name: P
events:
  - name: A B
    description: Something happened.
    properties:
      n: {type: string, description: A value.}
"""
LOCATED = re.compile(r"plan\.(yaml|json):[0-9]+:[0-9]+: (error|warning)\[TG[0-9]{3}\]: \S")


def _plan(case: Path) -> Path:
    (plan,) = [p for p in case.iterdir() if p.name.startswith("plan.")]
    return plan


def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_there_are_at_least_fifty_cases() -> None:
    assert len([c for c in CASES.iterdir() if c.is_dir()]) >= 50


@pytest.mark.parametrize("case", sorted(c for c in CASES.iterdir() if c.is_dir()), ids=lambda c: c.name)
def test_bad_plan_is_a_located_error_and_leaves_the_output(case: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plan = _plan(case)
    args = ["build", "--plan", plan.name, "--python-out", "out/py/pk", "--typescript-out", "out/ts"]
    runner = CliRunner()

    (tmp_path / plan.name).write_text(GOOD, encoding="utf-8")  # JSON is YAML too
    assert runner.invoke(app, args).exit_code == 0
    before = _tree(tmp_path / "out")
    assert before

    shutil.copyfile(plan, tmp_path / plan.name)
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    assert result.exit_code == 1, result.output
    lines = result.stderr.splitlines()
    assert lines[-1].startswith("trackgen: build failed with "), result.stderr
    assert lines[-1].endswith("nothing was written")
    errors = [line for line in lines[:-1] if "error[" in line]
    assert errors, result.stderr
    for line in lines[:-1]:
        assert LOCATED.match(line), line
    assert _tree(tmp_path / "out") == before

    expected = case / "stderr.txt"
    if UPDATE:
        expected.write_text(result.stderr, encoding="utf-8")
    assert result.stderr == expected.read_text(encoding="utf-8")
