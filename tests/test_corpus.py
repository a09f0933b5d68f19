"""Real plans exported from other tools (../shared/corpus): they build, the code
type-checks, every call sends the plan's names byte for byte, names are stable, and
importing first gives the same code as building the export directly."""

from __future__ import annotations

import importlib
import json
import shutil
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import CORPUS, REPO, build_plan, run_mypy, run_pyright, run_tsc
from trackgen import GenerateOptions, generate, ir, load_plan
from trackgen.api import PythonOptions
from trackgen.importers import import_file
from trackgen.importers.yaml_writer import to_yaml
from trackgen.targets.python.namer import PythonNamer

PLANS = sorted(CORPUS.rglob("*.json"))
IDS = [p.name for p in PLANS]


def _package(path: Path) -> str:
    return "corpus_" + path.stem.replace(".", "_").replace("-", "_")


def sample(t: ir.Type, plan: ir.Plan) -> Any:
    """A valid value of a type."""
    if isinstance(t, ir.StringType):
        return "2024-05-01T10:00:00+00:00" if t.format == "date-time" else "Evil Morty"
    if isinstance(t, ir.IntegerType):
        return 7
    if isinstance(t, ir.NumberType):
        return 7.5
    if isinstance(t, ir.BooleanType):
        return True
    if isinstance(t, (ir.NullType, ir.AnyType)):
        return None
    if isinstance(t, ir.EnumType):
        return t.values[0]
    if isinstance(t, ir.ArrayType):
        return [sample(t.items, plan)]
    if isinstance(t, ir.ObjectType):
        return {p.name: sample(p.type, plan) for p in t.properties if p.required}
    if isinstance(t, ir.RefType):
        return sample(plan.definition(t.name), plan)
    assert isinstance(t, ir.UnionType)
    return sample(t.members[0], plan)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[Path, Path]:
    """Every corpus plan built into one folder: a Python package and a TypeScript
    folder each."""
    root = tmp_path_factory.mktemp("corpus")
    out = {}
    for path in PLANS:
        b = build_plan(path, root / path.stem, package=_package(path))
        out[path] = b.root
    return out


def test_every_corpus_plan_builds_and_type_checks(built: dict[Path, Path], tmp_path: Path) -> None:
    packages = []
    for path, root in built.items():
        shutil.copytree(root / _package(path), tmp_path / _package(path))
        packages.append(tmp_path / _package(path))
    mypy = run_mypy(packages, cwd=tmp_path)
    assert mypy.returncode == 0, mypy.output
    pyright = run_pyright(packages, cwd=tmp_path)
    assert pyright.returncode == 0, pyright.output
    for path, root in built.items():
        for version in ("5", "7"):
            tsc = run_tsc([root / "ts" / "index.ts"], version, cwd=root)
            assert tsc.returncode == 0, (path.name, version, tsc.output)


@pytest.mark.parametrize("path", PLANS, ids=IDS)
def test_every_call_sends_the_plan_names_byte_for_byte(built: dict[Path, Path], path: Path) -> None:
    plan, _ = load_plan(path, path.name)
    namer = PythonNamer(plan)
    sys.path.insert(0, str(built[path]))
    try:
        package = importlib.import_module(_package(path))
    finally:
        sys.path.remove(str(built[path]))
    client = package.RecordingClient()
    package.configure(client=client, on_violation=lambda v: None)
    for call in plan.calls:
        params = namer.parameters(call)
        kwargs = {params[p.name]: sample(p.type, plan) for p in call.properties.properties if p.required}
        if call.kind is ir.CallKind.GROUP:
            kwargs["group_id"] = "g1"
        getattr(package, namer.function(call))(**kwargs, user_id="u1")
    assert len(client.calls) == len(plan.calls)
    for call, recorded in zip(plan.calls, client.calls, strict=True):
        assert recorded.method == call.kind.value
        payload = recorded.arguments["traits" if call.kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP) else "properties"]
        wire = {p.name for p in call.properties.properties if p.required}
        assert set(payload) == wire  # exactly the wire names; unset optionals absent
        if call.kind is ir.CallKind.TRACK:
            assert recorded.arguments["event"] == call.name
            assert recorded.arguments["context"]["protocols"]["event_version"] == call.version
        elif call.kind in (ir.CallKind.PAGE, ir.CallKind.SCREEN):
            assert recorded.arguments["name"] == call.name


def test_the_terrible_event_name_is_sent_unchanged(built: dict[Path, Path]) -> None:
    path = CORPUS / "segment-protocols" / "typewriter-e2e.public-api.json"
    raw = json.loads(path.read_text())
    terrible = next(r["jsonSchema"]["eventMetadata"]["name"] for r in raw["rules"] if r["key"].startswith("42_"))
    assert terrible == "42_--terrible==\\\"event'++name~!3"
    sys.path.insert(0, str(built[path]))
    try:
        package = importlib.import_module(_package(path))
    finally:
        sys.path.remove(str(built[path]))
    client = package.RecordingClient()
    package.configure(client=client)
    package.track_42_terrible_event_name_3(user_id="u1")
    assert client.calls[-1].arguments["event"] == terrible


def test_collisions_get_distinct_names_and_a_warning_naming_both_places() -> None:
    path = CORPUS / "segment-protocols" / "typewriter-e2e.public-api.json"
    plan, warnings = load_plan(path, path.name)
    collisions = [w for w in warnings if w.code == "TG120"]
    events = next(w for w in collisions if "Event Collided" in w.message and "event_collided" in w.message)
    props = next(w for w in collisions if "Property Collided" in w.message)
    for warning in (events, props):
        assert warning.location is not None and warning.related  # both places are named
        assert f"at {warning.related[0].line}:{warning.related[0].column}" in warning.message
    namer = PythonNamer(plan)
    names = {c.name: namer.function(c) for c in plan.events}
    assert names["Event Collided"] == "track_event_collided"
    assert names["event_collided"] == "track_event_collided_2"
    properties = next(c for c in plan.events if c.name == "Properties Collided")
    assert namer.parameters(properties) == {"Property Collided": "property_collided", "property_collided": "property_collided_2"}
    files = {f.path: f.content for f in generate(plan, GenerateOptions(python=PythonOptions()))}
    code = "".join(files.values())
    # Two events each with a nested "universe" object: two types, named by their event.
    assert "PropertyObjectNameCollision1Universe = _t.TypedDict(" in code
    assert "PropertyObjectNameCollision2Universe = _t.TypedDict(" in code


def _exports(plan: ir.Plan) -> set[str]:
    files = generate(plan, GenerateOptions(python=PythonOptions()))
    init = next(f.content for f in files if f.path == "__init__.py")
    start = init.index("__all__ = [")
    return {line.strip().strip('",') for line in init[start:init.index("]", start)].splitlines()[1:]}


@pytest.mark.parametrize("path", PLANS, ids=IDS)
def test_adding_events_never_renames_what_exists(path: Path, tmp_path: Path) -> None:
    native, _ = import_file(path)
    assert native is not None
    before, _ = load_plan(path, path.name)
    extra = [
        {"name": "Zebra Crossed", "properties": {"universe": {"type": "object", "properties": {"x": {"type": "string"}}}}},
        {"name": "Aardvark Seen", "properties": {"a": {"enum": ["x", "y"]}}},
        {"name": "event collided!!", "properties": {}},
    ]
    grown = dict(native)
    grown["events"] = [*extra[:2], *native.get("events", []), extra[2]]
    (tmp_path / "grown.yaml").write_text(to_yaml(grown), encoding="utf-8")
    after, _ = load_plan(tmp_path / "grown.yaml", path.name)
    old, new = _exports(before), _exports(after)
    if path.name.startswith("typewriter-e2e"):
        # "event collided!!" collides with two existing events; it sorts after both,
        # so it is the one numbered and the existing names stay.
        assert "track_event_collided_3" in new
    assert old <= new


@pytest.mark.parametrize("path", PLANS, ids=IDS)
def test_import_then_build_equals_building_the_export(path: Path, tmp_path: Path) -> None:
    native, diagnostics = import_file(path)
    assert native is not None and not [d for d in diagnostics if d.severity.value == "error"]
    imported = tmp_path / "plan.yaml"
    imported.write_text(to_yaml(native), encoding="utf-8")
    direct, _ = load_plan(path, "plan")
    via_import, _ = load_plan(imported, "plan")
    for options in (GenerateOptions(python=PythonOptions()),):
        a = {f.path: f.content for f in generate(direct, options)}
        b = {f.path: f.content for f in generate(via_import, options)}
        assert a == b  # same public names, same payload code, byte for byte
