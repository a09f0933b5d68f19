"""Shared definitions' rules are written once per package, not once per path through
them nor once per call that reaches them: a plan whose definitions each use the one
below twice (2^40 paths at 40 levels, a 61 MB module when rule tables inlined every
``$ref``) builds to a few KB however many events use it, and both runtimes still
check values at every depth."""

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


def fan_out(levels: int, events: int = 1) -> str:
    lines = ["trackgen: 1", "name: Fan", "$defs:", "  d0: {type: object, properties: {a: {type: string, maxLength: 3}, b: {type: string}}}"]
    for i in range(1, levels):
        ref = f'{{$ref: "#/$defs/d{i - 1}"}}'
        lines.append(f"  d{i}: {{type: object, properties: {{a: {ref}, b: {ref}}}}}")
    # The events reach the tree through an alias, which the runtimes resolve too.
    lines += [f'  tree: {{$ref: "#/$defs/d{levels - 1}"}}', "events:"]
    for n in range(events):
        lines += [
            f"  - name: Tree Sent{f' {n}' if n else ''}",
            "    description: A tree whose definitions fan out.",
            "    properties:",
            '      root: {$ref: "#/$defs/tree", required: true, description: The tree.}',
        ]
    return "\n".join(lines) + "\n"


def build(tmp_path: Path, levels: int, events: int = 1) -> dict[str, str]:
    """Both targets in raise mode under ``tmp_path``: the generated files by path."""
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "plan.yaml").write_text(fan_out(levels, events), encoding="utf-8")
    plan, diagnostics = load_plan(tmp_path / "plan.yaml", "plan.yaml")
    assert not diagnostics
    options = GenerateOptions(
        python=PythonOptions(validation="raise"), typescript=TypeScriptOptions(sdk="analytics-next", validation="raise")
    )
    files = generate(plan, options)
    write_files(files, {"python": tmp_path / "fan", "typescript": tmp_path / "ts"})
    (tmp_path / "package.json").write_text('{"type": "module", "private": true}\n')
    return {f"{f.target}/{f.path}": f.content for f in files}


def _rules_size(files: dict[str, str], target: str) -> int:
    return sum(len(text) for path, text in files.items() if path.startswith((f"{target}/events/", f"{target}/defs.")))


def test_the_tables_grow_with_the_plan_not_with_its_paths(tmp_path: Path) -> None:
    small, large = build(tmp_path / "20", 20), build(tmp_path / "40", 40)
    for target in ("python", "typescript"):
        assert _rules_size(large, target) < 12_000, (target, _rules_size(large, target))
        # Twenty more definitions cost twenty more types and rules, about 220 bytes each.
        assert _rules_size(large, target) - _rules_size(small, target) < 20 * 300, target


def test_each_definition_is_written_once_however_many_events_reach_it(tmp_path: Path) -> None:
    """200 events reaching the same 41 definitions: the definitions' rules once in the
    package (before, each event's table held its own copy of all 41: events x
    definitions, seconds per build and megabytes at a few thousand events)."""
    one, many = build(tmp_path / "1", 40), build(tmp_path / "200", 40, events=200)
    for target in ("python", "typescript"):
        leaf = sum(text.count('"maxLength":3') for path, text in many.items() if path.startswith(target + "/"))
        assert leaf == 1, (target, leaf)
        # Each further event costs its own function and a table of one reference.
        per_event = (_rules_size(many, target) - _rules_size(one, target)) / 199
        assert per_event < 1_500, (target, per_event)


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


PROTOTYPE_NAMES = """\
trackgen: 1
name: Prototype
$defs:
  __proto__: {type: integer, minimum: 1}
  constructor: {type: string, maxLength: 3}
  toString:
    type: object
    properties:
      valueOf: {$ref: "#/$defs/__proto__", required: true}
  hasOwnProperty: {$ref: "#/$defs/toString"}
events:
  - name: Seats Set
    description: Definitions named like Object.prototype members validate like any other.
    properties:
      seats: {$ref: "#/$defs/__proto__", required: true, description: How many.}
      maker: {$ref: "#/$defs/constructor", description: Who.}
      box: {$ref: "#/$defs/hasOwnProperty", description: A box.}
"""

# (properties, the path the runtime must name, or None when the call is valid)
PROTOTYPE_CALLS = [
    ({"seats": 2, "maker": "abc", "box": {"valueOf": 1}}, None),
    ({"seats": 0}, "seats"),
    ({"seats": 1, "maker": "abcd"}, "maker"),
    ({"seats": 1, "box": {"valueOf": 0}}, "box.valueOf"),
    ({"seats": 1, "box": {}}, "box.valueOf"),
]


def test_definitions_named_like_prototype_members_validate_in_typescript(tmp_path: Path) -> None:
    """The definitions' rules are [name, rule] pairs linked through a Map: a definition
    named ``__proto__`` is a rule like any other (an object literal keyed by names set
    the prototype instead, so its rule was lost and ``constructor`` failed tsc)."""
    (tmp_path / "plan.yaml").write_text(PROTOTYPE_NAMES, encoding="utf-8")
    plan, diagnostics = load_plan(tmp_path / "plan.yaml", "plan.yaml")
    assert not diagnostics
    options = GenerateOptions(typescript=TypeScriptOptions(sdk="analytics-next", validation="raise"))
    write_files(generate(plan, options), {"typescript": tmp_path / "ts"})
    (tmp_path / "package.json").write_text('{"type": "module", "private": true}\n')
    flags = [f for f in TSC_FLAGS if f != "--noEmit"]
    compiled = subprocess.run(
        ["node", str(TSC["5"]), *flags, str(tmp_path / "ts" / "index.ts")], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (tmp_path / "driver.mjs").write_text(
        f"""
import {{ RecordingAnalytics, ValidationError, configure, trackSeatsSet }} from "./ts/index.js";
const recorder = new RecordingAnalytics();
configure({{ analytics: recorder }});
const out = [];
for (const properties of {json.dumps([call for call, _ in PROTOTYPE_CALLS])}) {{
  try {{
    trackSeatsSet(properties);
    out.push(null);
  }} catch (error) {{
    out.push(error instanceof ValidationError ? error.message : "not a ValidationError: " + error);
  }}
}}
console.log(JSON.stringify([out, recorder.calls.length, Object.getPrototypeOf({{}}) === Object.prototype]));
""",
        encoding="utf-8",
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("NODE_OPTIONS")}
    proc = subprocess.run(["node", "driver.mjs"], cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0, proc.stderr
    messages, sent, prototype_intact = json.loads(proc.stdout)
    assert sent == 1 and prototype_intact
    for message, (properties, path) in zip(messages, PROTOTYPE_CALLS):
        if path is None:
            assert message is None, (properties, message)
        else:
            assert message is not None and f": {path}: " in message, (properties, message)


def test_definitions_named_like_prototype_members_validate_in_python(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(PROTOTYPE_NAMES, encoding="utf-8")
    plan, diagnostics = load_plan(tmp_path / "plan.yaml", "plan.yaml")
    assert not diagnostics
    write_files(generate(plan, GenerateOptions(python=PythonOptions(validation="raise"))), {"python": tmp_path / "proto"})
    script = f"""
import json
from proto import RecordingClient, ValidationError, configure, track_seats_set
recorder = RecordingClient()
configure(client=recorder)
out = []
for properties in {[call for call, _ in PROTOTYPE_CALLS]!r}:
    try:
        track_seats_set(**properties, user_id="u")
        out.append(None)
    except ValidationError as error:
        out.append(str(error))
print(json.dumps([out, len(recorder.calls)]))
"""
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    messages, sent = json.loads(proc.stdout)
    assert sent == 1
    for message, (properties, path) in zip(messages, PROTOTYPE_CALLS):
        if path is None:
            assert message is None, (properties, message)
        else:
            assert message is not None and f": {path}: " in message, (properties, message)
