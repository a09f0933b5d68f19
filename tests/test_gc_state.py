"""Process-wide state stays at the command line's edge: the library's functions
(reading, linting, generating a plan) leave the garbage collector and the environment
as the host program set them; the ``trackgen`` command turns the collector off for its
short run, and pydantic's search for plugins."""

from __future__ import annotations

import gc
import subprocess
import sys
from pathlib import Path

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


_PLUGIN_SEARCHES = """
import importlib.metadata as metadata, os, sys
searched = []
real = metadata.entry_points
def entry_points(**params):
    searched.append(params.get("group"))
    return real(**params)
metadata.entry_points = entry_points  # before pydantic imports it
from trackgen import entry
sys.argv = ["trackgen", "lint", sys.argv[1]]
try:
    entry.main()
except SystemExit:
    pass
print(searched.count("pydantic"), os.environ.get("PYDANTIC_DISABLE_PLUGINS"))
"""


@pytest.mark.parametrize(("given", "expected"), [(None, "0 __all__"), ("some_plugin", "1 some_plugin")])
def test_the_command_does_not_search_for_pydantic_plugins(given: str | None, expected: str, tmp_path: Path) -> None:
    """Each run that reads a plan with pydantic (one with a problem: a plainly valid
    plan is read without) would read every installed distribution's entry points; a
    setting the user made is kept (pydantic then searches, skipping the plugins named)."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "PYDANTIC_DISABLE_PLUGINS"}
    if given is not None:
        env["PYDANTIC_DISABLE_PLUGINS"] = given
    plan = str(tmp_path / "plan.yaml")
    Path(plan).write_text("name: Shop\nevents:\n  - name: Order Completed\n    colour: red\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", _PLUGIN_SEARCHES, plan], capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == expected


def test_library_calls_leave_the_environment_alone() -> None:
    import os

    before = dict(os.environ)
    loaded = load_plan(REPO / "examples" / "b2b-saas" / "plan.yaml", "plan.yaml")[0]
    generate(loaded, GenerateOptions(python=PythonOptions()))
    assert dict(os.environ) == before
