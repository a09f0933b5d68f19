"""The namers, as tables of input and expected output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from conftest import build_plan

from trackgen import ir
from trackgen.naming import call_stems, camel, pascal, resolve, snake, split_words
from trackgen.targets.python.namer import PythonNamer
from trackgen.targets.typescript.namer import TypeScriptNamer


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Workspace Created", ["Workspace", "Created"]),
        ("workspace_created", ["workspace", "created"]),
        ("universeCharacters", ["universe", "Characters"]),
        ("HTTPServer Started", ["HTTP", "Server", "Started"]),
        ("isCI", ["is", "CI"]),
        ("42_--terrible==\\\"event'++name~!3", ["42", "terrible", "event", "name", "3"]),
        ("0000---terrible-property-name~!3", ["0000", "terrible", "property", "name", "3"]),
        ("Événement créé", ["Evenement", "cree"]),
        ("ﬁle ｕｐｌｏａｄ", ["file", "upload"]),
        ("プロパティ", ["プロパティ"]),
        ("feature_1", ["feature", "1"]),
        ("!!!", []),
        ("", []),
    ],
)
def test_split_words(text: str, words: list[str]) -> None:
    assert split_words(text) == words


@pytest.mark.parametrize(
    ("words", "s", "p", "c"),
    [
        (["Workspace", "Created"], "workspace_created", "WorkspaceCreated", "workspaceCreated"),
        (["HTTP", "Server"], "http_server", "HttpServer", "httpServer"),
        (["42", "terrible"], "42_terrible", "42Terrible", "42Terrible"),
    ],
)
def test_cases(words: list[str], s: str, p: str, c: str) -> None:
    assert (snake(words), pascal(words), camel(words)) == (s, p, c)


def test_resolve_is_order_independent_and_numbers_collisions() -> None:
    a = resolve({"Event Collided": "event_collided", "event_collided": "event_collided", "x": "event_collided_2"})
    b = resolve({"x": "event_collided_2", "event_collided": "event_collided", "Event Collided": "event_collided"})
    assert a == b == {"Event Collided": "event_collided", "event_collided": "event_collided_3", "x": "event_collided_2"}


def test_resolve_never_hands_out_taken_names() -> None:
    assert resolve({"a": "class"}, taken={"class_"}) == {"a": "class"}
    assert resolve({"a": "str", "b": "str"}, taken={"str_2"}) == {"a": "str", "b": "str_3"}


def _plan(*names: str, props: tuple[str, ...] = ()) -> ir.Plan:
    properties = ir.ObjectType(tuple(ir.Property(p, ir.StringType(), False) for p in props))
    return ir.Plan(
        name="t", source="t.yaml", events=tuple(ir.Event(ir.CallKind.TRACK, n, properties) for n in names)
    )


def test_stems_do_not_depend_on_plan_order() -> None:
    one = call_stems([("track", "Event Collided"), ("track", "event_collided")])
    two = call_stems([("track", "event_collided"), ("track", "Event Collided")])
    assert one == two
    assert one[("track", "Event Collided")] == ["event", "collided"]
    assert one[("track", "event_collided")] == ["event", "collided", "2"]


@pytest.mark.parametrize(
    ("wire", "ident"),
    [
        ("account_tier", "account_tier"),
        ("class", "class_"),
        ("from", "from_"),
        ("type", "type"),  # builtins are fine as parameter names
        ("str", "str"),
        ("user_id", "user_id_"),  # call metadata keeps its name
        ("context", "context_"),
        ("extra_properties", "extra_properties_"),
        ("0000---terrible-property-name~!3", "x_0000_terrible_property_name_3"),
        ("", "property"),
        ("regex property", "regex_property"),
    ],
)
def test_python_parameters(wire: str, ident: str) -> None:
    plan = _plan("E", props=(wire,))
    assert PythonNamer(plan).parameters(plan.events[0]) == {wire: ident}


def test_python_parameter_collisions_are_numbered_by_wire_name() -> None:
    plan = _plan("E", props=("property_collided", "Property Collided"))
    assert PythonNamer(plan).parameters(plan.events[0]) == {
        "Property Collided": "property_collided",
        "property_collided": "property_collided_2",
    }


@pytest.mark.parametrize(
    ("event", "py", "ts", "file"),
    [
        ("Workspace Created", "track_workspace_created", "trackWorkspaceCreated", "track-workspace-created"),
        ("42_--terrible==\\\"event'++name~!3", "track_42_terrible_event_name_3", "track42TerribleEventName3", "track-42-terrible-event-name-3"),
        ("class", "track_class", "trackClass", "track-class"),
        ("!!!", "track_track", "trackTrack", "track-track"),
    ],
)
def test_function_names(event: str, py: str, ts: str, file: str) -> None:
    plan = _plan(event)
    call = plan.events[0]
    assert PythonNamer(plan).function(call) == py
    assert TypeScriptNamer(plan).function(call) == ts
    assert TypeScriptNamer(plan).file(call) == file


@pytest.mark.parametrize(
    ("requested", "python", "typescript"),
    [
        ("WorkspaceCreatedTier", "WorkspaceCreatedTier", "WorkspaceCreatedTier"),
        ("Object", "Object", "Object_"),
        ("Exception", "Exception_", "Exception"),
        ("Record", "Record", "Record_"),
    ],
)
def test_type_names_avoid_the_language(requested: str, python: str, typescript: str) -> None:
    assert PythonNamer.resolve_types({("k",): requested}) == {("k",): python}
    assert TypeScriptNamer.resolve_types({("k",): requested}) == {("k",): typescript}


def test_names_that_are_not_nfkc_import_under_the_spelling_python_uses(tmp_path: Path) -> None:
    """Python folds identifiers to NFKC when it parses them (``ﬁle`` is ``file``); a
    name kept unfolded in ``__all__`` or the lazy-import table would make
    ``from pkg import *`` and ``getattr`` fail."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "trackgen: 1\nname: Fold\nevents:\n"
        '  - {name: "ﬁle Opened", description: x, properties: {"ℌits": {type: string, description: d}}}\n'
        '  - {name: "Ｆｕｌｌ Width", description: x, properties: {"ﬀ": {enum: [a], description: d}}}\n'
        '  - {name: "Ωmega Σent", description: x, properties: {"ｏｂｊ": {type: object, description: d, properties: {"ﬃ": {type: string}}}}}\n',
        encoding="utf-8",
    )
    build_plan(plan, tmp_path, package="fold")
    script = (
        "import unicodedata, fold\n"
        "from fold import *\n"
        "names = list(fold.__all__)\n"
        "assert names and all(unicodedata.normalize('NFKC', n) == n for n in names), names\n"
        "for n in names: getattr(fold, n)\n"
        "print(len(names))\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
