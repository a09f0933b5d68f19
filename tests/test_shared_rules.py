"""Shared definitions are written once per validation table, not once per path through
them: a plan whose definitions each use the one below twice (2^40 paths at 40
levels, a 61 MB module when rule tables inlined every ``$ref``) builds to a few KB,
and both runtimes still check values at every depth."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import TSC, TSC_FLAGS, write_files
from trackgen import GenerateOptions, generate, load_plan
from trackgen.api import PythonOptions, TypeScriptOptions


def fan_out(levels: int) -> str:
    lines = ["trackgen: 1", "name: Fan", "$defs:", "  d0: {type: object, properties: {a: {type: string, maxLength: 3}, b: {type: string}}}"]
    for i in range(1, levels):
        ref = f'{{$ref: "#/$defs/d{i - 1}"}}'
        lines.append(f"  d{i}: {{type: object, properties: {{a: {ref}, b: {ref}}}}}")
    lines += [
        "events:",
        "  - name: Tree Sent",
        "    description: A tree whose definitions fan out.",
        "    properties:",
        f'      root: {{$ref: "#/$defs/d{levels - 1}", required: true, description: The tree.}}',
    ]
    return "\n".join(lines) + "\n"


def build(tmp_path: Path, levels: int) -> dict[str, int]:
    """Both targets in raise mode under ``tmp_path``; the size of each calls module."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "plan.yaml").write_text(fan_out(levels), encoding="utf-8")
    plan, diagnostics = load_plan(tmp_path / "plan.yaml", "plan.yaml")
    assert not diagnostics
    options = GenerateOptions(
        python=PythonOptions(validation="raise"), typescript=TypeScriptOptions(sdk="analytics-next", validation="raise")
    )
    files = generate(plan, options)
    write_files(files, {"python": tmp_path / "fan", "typescript": tmp_path / "ts"})
    (tmp_path / "package.json").write_text('{"type": "module", "private": true}\n')
    return {f.path: len(f.content) for f in files if f.path.startswith("events/calls.")}


def test_the_tables_grow_with_the_plan_not_with_its_paths(tmp_path: Path) -> None:
    small, large = build(tmp_path / "20", 20), build(tmp_path / "40", 40)
    for path in ("events/calls.py", "events/calls.ts"):
        assert large[path] < 12_000, (path, large[path])
        # Twenty more definitions cost about twenty more lines of about 90 bytes each.
        assert large[path] - small[path] < 20 * 200, (path, small[path], large[path])


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fan")
    build(root, 40)
    return root


def chain(leaf: str, depth: int = 40) -> dict[str, object]:
    """A value 40 levels deep along the ``a`` keys."""
    value: dict[str, object] = {"a": leaf}
    for _ in range(depth - 1):
        value = {"a": value}
    return value


DEEP = ".".join(["root"] + ["a"] * 40)


def test_python_checks_the_deepest_level(built: Path) -> None:
    script = f"""
import json
from fan import RecordingClient, ValidationError, configure, track_tree_sent
recorder = RecordingClient()
configure(client=recorder)
track_tree_sent(root={chain("abc")!r}, user_id="u")
try:
    track_tree_sent(root={chain("abcd")!r}, user_id="u")
except ValidationError as error:
    print(json.dumps([str(error), recorder.calls[0].arguments["properties"]]))
"""
    proc = subprocess.run([sys.executable, "-c", script], cwd=built, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    message, sent = json.loads(proc.stdout)
    assert DEEP in message and "3" in message
    assert sent == {"root": chain("abc")}


def test_typescript_checks_the_deepest_level(built: Path) -> None:
    flags = [f for f in TSC_FLAGS if f != "--noEmit"]
    compiled = subprocess.run(
        ["node", str(TSC["5"]), *flags, str(built / "ts" / "index.ts")], cwd=built, capture_output=True, text=True, timeout=300
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (built / "driver.mjs").write_text(
        f"""
import {{ RecordingAnalytics, ValidationError, configure, trackTreeSent }} from "./ts/index.js";
const recorder = new RecordingAnalytics();
configure({{ analytics: recorder }});
trackTreeSent({{ root: {json.dumps(chain("abc"))} }});
let message = null;
try {{
  trackTreeSent({{ root: {json.dumps(chain("abcd"))} }});
}} catch (error) {{
  if (error instanceof ValidationError) message = error.message;
}}
console.log(JSON.stringify([message, recorder.calls.length, recorder.calls[0].args[1]]));
""",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("NODE_OPTIONS")}
    proc = subprocess.run(["node", "driver.mjs"], cwd=built, capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    message, calls, sent = json.loads(proc.stdout)
    assert message is not None and DEEP in message
    assert calls == 1 and sent == {"root": chain("abc")}
