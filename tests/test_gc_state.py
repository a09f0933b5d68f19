"""Process-wide state stays at the command line's edge: the library's functions
(reading, linting, generating a plan) leave the garbage collector as the host program
set it; the ``trackgen`` command turns it off for its short run."""

from __future__ import annotations

import gc
import subprocess
import sys

import pytest

from conftest import REPO
from trackgen import GenerateOptions, generate, load_plan
from trackgen.api import PythonOptions, TypeScriptOptions
from trackgen.lint import lint_plan


def test_library_calls_do_not_touch_the_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    touched: list[str] = []
    monkeypatch.setattr(gc, "disable", lambda: touched.append("disable"))
    monkeypatch.setattr(gc, "enable", lambda: touched.append("enable"))
    for example in sorted((REPO / "examples").glob("*/plan.yaml")):
        loaded = load_plan(example, "plan.yaml")[0]
        generate(loaded, GenerateOptions(python=PythonOptions(), typescript=TypeScriptOptions()))
    from trackgen.plan.load import parse_plan

    model, _ = parse_plan((REPO / "examples" / "b2b-saas" / "plan.yaml").read_text(encoding="utf-8"), "plan.yaml")
    assert model is not None
    lint_plan(model)
    assert touched == []


def test_the_command_runs_with_the_collector_off(tmp_path: object) -> None:
    script = "import gc, sys; from trackgen import entry; sys.argv = ['trackgen', '--version']\n" \
        "try:\n    entry.main()\nexcept SystemExit:\n    pass\nprint(gc.isenabled())"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "False"
