"""The pydantic target ([pydantic] out, --pydantic-out): pydantic v2 models of every
payload, generated with datamodel-code-generator from the payload schemas. The
package of each example plan (and of a plan of hostile names) imports without
warnings, passes mypy --strict and pyright strict and needs nothing but pydantic;
``parse_event`` gives the payloads the generated Python client really sends to the
right class and refuses unplanned events and wrong values; output is deterministic."""

from __future__ import annotations

import ast
import os
import copy
import importlib
import json
import subprocess
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from conftest import REPO, run_mypy, run_pyright, write_files
from test_payload_schema import SENT_CASES, capture_sent, e2e
from trackgen import load_plan
from trackgen.api import GenerateOptions, PydanticOptions, generate, load_plan_text
from trackgen.cli import app
from trackgen.targets import pydantic_models

EXAMPLES = sorted((REPO / "examples").glob("*/plan.yaml"))

HOSTILE = r'''
trackgen: 1
name: Hostile "names" """ \ */
description: 'Descriptions with """ triple quotes, \ backslashes and */ closers.'
events:
  - name: class
    description: 'A """docstring""" breaker \ and a backslash'
    properties:
      class: {type: string, required: true, description: 'x """ y \'}
      from: {type: integer}
      model_config: {type: string}
      model_dump: {type: boolean}
      "Model Validate Count": {type: integer}
      schema: {type: string}
      dict: {type: string}
      __proto__: {type: string}
      _private: {type: string}
      "A B": {type: string}
      a_b: {type: integer}
      "ünïcode ✓": {type: boolean}
      "日本語": {type: string}
      code: {type: string, pattern: '^(?!x)[a-z]+$'}
      "quote\"s'": {enum: ["it's", 'say "hi"', "back\\slash", "class"]}
      email: {type: string, format: email}
      shared: {$ref: "#/$defs/Shared Thing"}
  - name: __proto__
    properties:
      constructor: {type: string}
  - name: 'He said "hi" and it''s'
  - name: Event Collided
    properties: {n: {type: integer, required: true}}
  - name: event_collided
    properties: {n: {type: string, required: true}}
  - name: None
  - name: Exception
  - name: Event
  - name: EventModel
  - name: parse_event
  - name: 42 Numbers First
  - name: "!!!"
  - name: "Ünïcödé Évent"
  - name: "日本語イベント"
  - name: Context
    properties:
      context: {type: object, properties: {protocols: {type: string}}}
      properties: {type: string}
pages:
  - name: class
    category: '"Quoted" category'
screens:
  - name: class
$defs:
  "Shared Thing":
    type: object
    properties:
      "x y": {type: string, required: true}
'''


def _files(text: str) -> list[Any]:
    plan, _ = load_plan_text(text, "plan.yaml")
    return generate(plan, GenerateOptions(pydantic=PydanticOptions()))


def _write(files: list[Any], root: Path, package: str) -> Path:
    write_files(files, {"pydantic": root / package})
    return root / package


def _import(root: Path, package: str) -> ModuleType:
    sys.path.insert(0, str(root))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a pydantic warning at import is a failure
            return importlib.import_module(package)
    finally:
        sys.path.remove(str(root))


def _forget(package: str) -> None:
    for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
        del sys.modules[name]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, Path]]]:
    """The package of every example plan, of the e2e plan and of the hostile plan."""
    root = tmp_path_factory.mktemp("pydantic-target")
    built = {}
    for plan_path in EXAMPLES:
        package = plan_path.parent.name.replace("-", "_") + "_events"
        built[package] = _write(_files(plan_path.read_text("utf-8")), root, package)
    built["e2e_events"] = _write(_files(e2e.PLAN.read_text("utf-8")), root, "e2e_events")
    built["hostile_events"] = _write(_files(HOSTILE), root, "hostile_events")
    yield root, built
    for package in built:
        _forget(package)


@pytest.fixture(scope="module")
def e2e_events(packages: tuple[Path, dict[str, Path]]) -> ModuleType:
    return _import(packages[0], "e2e_events")


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    return capture_sent(tmp_path_factory.mktemp("pydantic-e2e"), "trackgen_pydantic_e2e")


# -- the package ------------------------------------------------------------------------


def test_every_package_imports_without_warnings(packages: tuple[Path, dict[str, Path]]) -> None:
    root, built = packages
    for package in built:
        module = _import(root, package)
        assert module.EVENT_MODELS, package
        for name in module.__all__:
            assert hasattr(module, name), (package, name)


def test_every_package_passes_mypy_strict_and_pyright_strict(packages: tuple[Path, dict[str, Path]]) -> None:
    root, built = packages
    paths = sorted(built.values())
    mypy = run_mypy(paths, cwd=root)
    assert mypy.returncode == 0, mypy.output
    pyright = run_pyright(paths, cwd=root)
    assert pyright.returncode == 0 and "0 errors" in pyright.output, pyright.output


def test_the_package_needs_pydantic_and_nothing_else(packages: tuple[Path, dict[str, Path]]) -> None:
    allowed = {"__future__", "typing", "datetime", "pydantic"}
    for folder in packages[1].values():
        for path in folder.glob("*.py"):
            tree = ast.parse(path.read_text("utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    tops = {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.level == 0:
                    tops = {(node.module or "").split(".")[0]}
                else:
                    continue
                assert tops <= allowed, f"{path}: imports {tops - allowed}"
            assert path.read_text("utf-8").startswith("# Generated by trackgen "), path


def test_hostile_names_keep_their_wire_names(packages: tuple[Path, dict[str, Path]]) -> None:
    hostile = _import(packages[0], "hostile_events")
    tags = {t.rsplit(":", 1)[-1]: m for t, m in hostile.EVENT_MODELS.items() if t.startswith("track:")}
    # reserved names get a suffix; collisions are numbered by wire name
    assert tags["Event"].__name__ == "EventEvent" and tags["EventModel"].__name__ == "EventModelEvent"
    assert tags["None"].__name__ == "NoneEvent" and tags["Exception"].__name__ == "ExceptionEvent"
    assert {tags["Event Collided"].__name__, tags["event_collided"].__name__} == {"EventCollided", "EventCollided2"}
    assert tags["42 Numbers First"].__name__ == "Track42NumbersFirst"
    payload = {
        "type": "track",
        "event": "class",
        "context": {"protocols": {"event_version": 1}},
        "properties": {
            "class": "c", "from": 1, "model_config": "m", "model_dump": True, "Model Validate Count": 2,
            "__proto__": "p", "_private": "x", "A B": "s", "a_b": 3, "ünïcode ✓": False, "日本語": "j",
            "code": "abc", "quote\"s'": 'say "hi"', "email": "not checked, as the client does not", "shared": {"x y": "z"},
        },
    }
    event = hostile.parse_event(payload)
    assert type(event).__name__ == "Class"
    assert event.model_dump(by_alias=True, exclude_unset=True) == payload
    for key, value in (("code", "xyz"), ("quote\"s'", "say hi"), ("a_b", "3"), ("shared", {"x y": "z", "w": 1})):
        bad = copy.deepcopy(payload)
        bad["properties"][key] = value
        with pytest.raises(ValidationError):
            hostile.parse_event(bad)
    assert type(hostile.parse_event({"type": "page", "name": "class", "properties": {},
                                     "context": {"protocols": {"event_version": 1}}})).__name__ == "ClassPage"


# -- parse_event against what the real client sends --------------------------------------


def _expected_class(e2e_events: ModuleType, message: dict[str, Any]) -> type:
    kind = message["type"]
    if kind in ("identify", "group"):
        return e2e_events.EVENT_MODELS[kind]
    name = message["event"] if kind == "track" else message["name"]
    return e2e_events.EVENT_MODELS[f"{kind}:{message['context']['protocols']['event_version']}:{name}"]


@pytest.mark.parametrize("case", SENT_CASES, ids=[c["id"] for c in SENT_CASES])
def test_parse_event_gives_the_sent_payload_its_class(
    case: dict[str, Any], sent: dict[str, dict[str, Any]], e2e_events: ModuleType
) -> None:
    message = sent[case["id"]]
    event = e2e_events.parse_event(message)
    assert type(event) is _expected_class(e2e_events, message)
    assert type(e2e_events.parse_event_json(json.dumps(message))) is type(event)
    # what the plan and the envelope say is kept, by wire name; the SDK's own keys too
    dumped = event.model_dump(by_alias=True, exclude_unset=True, mode="json")
    body = "traits" if message["type"] in ("identify", "group") else "properties"
    assert json.loads(json.dumps(dumped[body])).keys() == message[body].keys()
    assert dumped["messageId"] == message["messageId"]


def test_parse_event_refuses_unplanned_events_and_wrong_values(
    sent: dict[str, dict[str, Any]], e2e_events: ModuleType
) -> None:
    message = sent["track-every-kind-of-property"]
    e2e_events.parse_event(message)

    def refused(change: Any) -> str:
        bad = copy.deepcopy(message)
        change(bad)
        with pytest.raises(ValidationError) as info:
            e2e_events.parse_event(bad)
        return str(info.value)

    unplanned = "not an event of the tracking plan"
    assert unplanned in refused(lambda m: m.update(event="Order Complete"))
    assert unplanned in refused(lambda m: m["context"]["protocols"].update(event_version=1))
    assert unplanned in refused(lambda m: m["context"]["protocols"].update(event_version="2"))
    assert unplanned in refused(lambda m: m["context"].pop("protocols"))
    assert unplanned in refused(lambda m: m.update(type="alias"))
    refused(lambda m: m["properties"].update(status="refunded"))
    refused(lambda m: m["properties"]["shipping address"].update(country="XX"))
    refused(lambda m: m["properties"].pop("order_id"))
    refused(lambda m: m["properties"].update(discount=5))
    refused(lambda m: m["properties"]["products"][0].update(colour="red"))
    refused(lambda m: m["properties"].update(total="129.5"))
    refused(lambda m: m["properties"]["products"][0].update(quantity=0))
    refused(lambda m: m["properties"].update(order_id=None))
    refused(lambda m: m["properties"].update(completed_at="yesterday"))
    with pytest.raises(ValidationError):
        e2e_events.parse_event("not a payload")
    identify = copy.deepcopy(sent["identify-traits"])
    identify["traits"]["plan"] = "platinum"
    with pytest.raises(ValidationError):
        e2e_events.parse_event(identify)


# -- determinism and the build -----------------------------------------------------------


def test_output_is_deterministic_wherever_it_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _files(HOSTILE)
    assert _files(HOSTILE) == first
    # datamodel-code-generator reads settings of its own from a pyproject.toml; none may leak in
    (tmp_path / "pyproject.toml").write_text(
        '[tool.datamodel-codegen]\nsnake-case-field = false\nuse-double-quotes = false\nclass-name = "Other"\n'
    )
    monkeypatch.chdir(tmp_path)
    assert _files(HOSTILE) == first
    assert not any("timestamp" in f.content for f in first)


def test_datamodel_code_generator_is_imported_only_for_the_target(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "from trackgen import load_plan\n"
        "from trackgen.cli import app\n"
        "from trackgen.api import generate, GenerateOptions, PythonOptions, TypeScriptOptions, PydanticOptions\n"
        f"plan, _ = load_plan({str(e2e.PLAN)!r})\n"
        "generate(plan, GenerateOptions(python=PythonOptions(), typescript=TypeScriptOptions()))\n"
        "assert 'datamodel_code_generator' not in sys.modules, 'imported without the target'\n"
        "generate(plan, GenerateOptions(pydantic=PydanticOptions()))\n"
        "assert 'datamodel_code_generator' in sys.modules\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert proc.returncode == 0, proc.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_with_the_flag_and_the_config_and_check(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TRACKGEN_NO_CACHE", "1")
    (tmp_path / "plan.yaml").write_text(e2e.PLAN.read_text("utf-8"), encoding="utf-8")
    flag = runner.invoke(app, ["build", "--plan", "plan.yaml", "--pydantic-out", "flag/events", "--no-cache"])
    assert flag.exit_code == 0, flag.output
    assert "pydantic: 8 files in flag/events" in flag.output
    plan, _ = load_plan(tmp_path / "plan.yaml", "plan.yaml")
    expected = {f.path: f.content.encode() for f in generate(plan, GenerateOptions(pydantic=PydanticOptions()))}
    tree = _tree(tmp_path / "flag/events")
    assert {k: v for k, v in tree.items() if k != ".trackgen-manifest"} == expected
    again = runner.invoke(app, ["build", "--plan", "plan.yaml", "--pydantic-out", "flag/events", "--no-cache"])
    assert again.exit_code == 0 and "0 written, 8 unchanged" in again.output
    assert _tree(tmp_path / "flag/events") == tree

    (tmp_path / "trackgen.toml").write_text(
        'plan = "plan.yaml"\n[python]\nout = "app/analytics"\n[pydantic]\nout = "consumer/events"\n', encoding="utf-8"
    )
    config = runner.invoke(app, ["build", "--no-cache"])
    assert config.exit_code == 0, config.output
    assert "pydantic: 8 files in consumer/events" in config.output and "python:" in config.output
    assert {k: v for k, v in _tree(tmp_path / "consumer/events").items() if k != ".trackgen-manifest"} == expected
    assert runner.invoke(app, ["check"]).exit_code == 0
    (tmp_path / "consumer/events/identify.py").write_text("# Generated by trackgen, edited\n")
    stale = runner.invoke(app, ["check", "--name-only"])
    assert stale.exit_code == 1 and "consumer/events/identify.py" in stale.output


def test_build_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(e2e.PLAN.read_text("utf-8"), encoding="utf-8")
    bad_name = runner.invoke(app, ["build", "--plan", "plan.yaml", "--pydantic-out", "consumer/my-events", "--no-cache"])
    assert bad_name.exit_code == 2
    assert 'error[TG201]: --pydantic-out "consumer/my-events": "my-events" is not an importable package name' in bad_name.output
    (tmp_path / "trackgen.toml").write_text('plan = "plan.yaml"\n[pydantic]\nout = "x"\nsdk = "y"\n', encoding="utf-8")
    unknown = runner.invoke(app, ["build", "--no-cache"])
    assert unknown.exit_code == 2 and 'unknown setting "pydantic.sdk"' in unknown.output
    (tmp_path / "trackgen.toml").unlink()
    monkeypatch.setattr(pydantic_models, "missing_dependency", lambda: pydantic_models.Diagnostic(
        "TG202", pydantic_models.Severity.ERROR, "the pydantic target needs datamodel-code-generator"))
    missing = runner.invoke(app, ["build", "--plan", "plan.yaml", "--pydantic-out", "events", "--no-cache"])
    assert missing.exit_code == 2 and "error[TG202]" in missing.output
    assert not (tmp_path / "events").exists()


def test_missing_dependency_is_found_without_importing_it(monkeypatch: pytest.MonkeyPatch) -> None:
    assert pydantic_models.missing_dependency() is None
    monkeypatch.setattr(pydantic_models.importlib.util, "find_spec", lambda name: None)
    problem = pydantic_models.missing_dependency()
    assert problem is not None and problem.code == "TG202" and "trackgen[pydantic]" in problem.message


def test_output_is_the_same_in_every_process(tmp_path: Path) -> None:
    """Hash seeds change set and dict orders between processes; the output may not change."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(HOSTILE, encoding="utf-8")
    script = (
        "import hashlib\n"
        "from trackgen.api import load_plan, generate, GenerateOptions, PydanticOptions\n"
        "from trackgen.payload_schema import payload_schemas\n"
        f"plan, _ = load_plan({str(plan)!r}, 'plan.yaml')\n"
        "files = generate(plan, GenerateOptions(pydantic=PydanticOptions())) + payload_schemas(plan)\n"
        "print(hashlib.sha256(repr([(f.path, f.content) for f in files]).encode()).hexdigest())\n"
    )
    digests = set()
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=300)
        assert proc.returncode == 0, proc.stderr
        digests.add(proc.stdout)
    assert len(digests) == 1
