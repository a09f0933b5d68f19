"""The payload schemas (``trackgen schema --events``): valid 2020-12 schemas that accept
what the generated Python client really sends through segment-analytics-python to a
local collector (the e2e table's calls), reject what breaks the plan, and come out
the same every time, with safe file names whatever the plan's names."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from segment.analytics.client import Client
from typer.testing import CliRunner

from conftest import REPO, build_plan, synth_module
from trackgen import load_plan
from trackgen.api import load_plan_text
from trackgen.cli import app
from trackgen.payload_schema import INDEX, event_schemas, payload_schemas

import test_e2e_python as e2e_py

e2e = e2e_py.e2e
EXAMPLES = sorted((REPO / "examples").glob("*/plan.yaml"))


def _schemas(plan_path: Path) -> dict[str, dict[str, Any]]:
    plan, _ = load_plan(plan_path, plan_path.name)
    return {f.path: json.loads(f.content) for f in payload_schemas(plan)}


def _schema_for(message: dict[str, Any]) -> dict[str, Any]:
    """The e2e plan's schema for a message, found through index.json (as a consumer would)."""
    schemas = _schemas(e2e.PLAN)
    for entry in schemas[INDEX]["events"]:
        if entry["type"] == message["type"] and entry.get("name") in (message.get("event"), message.get("name"), None):
            return schemas[entry["file"]]
    raise AssertionError(f"no schema for {message['type']} {message.get('event') or message.get('name')}")


def _errors(schema: dict[str, Any], message: object) -> list[str]:
    return [e.message for e in Draft202012Validator(schema).iter_errors(message)]


# -- what the real SDK sends -------------------------------------------------------------

SENT_CASES = [c for c in e2e_py.CASES if c["call"]["kind"] != "alias"]


def capture_sent(root: Path, package: str) -> dict[str, dict[str, Any]]:
    """Every message of the e2e table (but alias) as a local collector received it from
    the generated Python package and segment-analytics-python, by case id."""
    import importlib
    import sys

    build_plan(e2e.PLAN, root, package=package)
    sys.path.insert(0, str(root))
    collector = e2e.Collector()
    try:
        generated = importlib.import_module(package)
        client = Client(write_key="test", host=collector.url, sync_mode=True, timeout=5, max_retries=0)
        found: list[object] = []
        generated.configure(client=client, on_violation=found.append)
        out = {}
        for case in SENT_CASES:
            collector.clear()
            e2e_py._call(generated, case["call"])
            [out[case["id"]]] = collector.wait_for(1, timeout=10)
        assert not found, f"the table's calls broke the plan: {found}"
        return out
    finally:
        collector.close()
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def sent(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    return capture_sent(tmp_path_factory.mktemp("payload-schema-e2e"), "trackgen_payload_schema_e2e")


@pytest.mark.parametrize("path", [REPO / "tests/e2e/plan.yaml", *EXAMPLES], ids=lambda p: p.parent.name)
def test_every_schema_is_a_valid_2020_12_schema(path: Path) -> None:
    schemas = _schemas(path)
    index = schemas.pop(INDEX)
    assert sorted(e["file"] for e in index["events"]) == sorted(schemas)
    for name, schema in schemas.items():
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema", name
        Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("case", SENT_CASES, ids=[c["id"] for c in SENT_CASES])
def test_schema_accepts_what_the_python_client_sends(case: dict[str, Any], sent: dict[str, dict[str, Any]]) -> None:
    message = sent[case["id"]]
    assert message["type"] == case["expect"]["type"]
    assert _errors(_schema_for(message), message) == []


def test_schema_accepts_what_the_node_and_browser_sdks_add_to_pages() -> None:
    """analytics-node copies the category into a page's properties (the table's
    sdk_adds); analytics-next adds the page's name, path, referrer, search, title, url."""
    [case] = [c for c in e2e_py.CASES if c["id"] == "page-with-category"]
    expect = case["expect"]
    node = {
        "type": "page",
        "name": expect["name"],
        "category": expect["category"],
        "anonymousId": "anon-7",
        "properties": {**expect["properties"], **case["sdk_adds"]["@segment/analytics-node"]["properties"]},
        "context": {**expect["context"], "library": {"name": "@segment/analytics-node", "version": "2"}},
    }
    schema = _schema_for(node)
    assert _errors(schema, node) == []
    browser = copy.deepcopy(node)
    browser["properties"].update(name="Pricing", path="/pricing", search="", title="Pricing", url="https://x.test/pricing")
    assert _errors(schema, browser) == []
    browser["properties"]["name"] = "Not Pricing"
    assert _errors(schema, browser)


def _broken(message: dict[str, Any], change: str) -> dict[str, Any]:
    bad = copy.deepcopy(message)
    if change == "wrong enum":
        bad["properties"]["status"] = "refunded"
    elif change == "wrong nested enum":
        bad["properties"]["shipping address"]["country"] = "XX"
    elif change == "missing required":
        del bad["properties"]["order_id"]
    elif change == "missing nested required":
        del bad["properties"]["products"][0]["sku"]
    elif change == "extra key on a closed object":
        bad["properties"]["discount"] = 5
    elif change == "extra key on a closed nested object":
        bad["properties"]["shipping address"]["floor"] = "3"
    elif change == "wrong event name":
        bad["event"] = "Order Complete"
    elif change == "wrong type":
        bad["type"] = "identify"
    elif change == "wrong version":
        bad["context"]["protocols"]["event_version"] = 1
    elif change == "no version":
        del bad["context"]["protocols"]
    elif change == "wrong value type":
        bad["properties"]["total"] = "129.5"
    elif change == "below minimum":
        bad["properties"]["total"] = -1
    elif change == "null where not nullable":
        bad["properties"]["order_id"] = None
    elif change == "no properties":
        del bad["properties"]
    else:  # pragma: no cover
        raise AssertionError(change)
    return bad


BREAKS = [
    "wrong enum", "wrong nested enum", "missing required", "missing nested required",
    "extra key on a closed object", "extra key on a closed nested object", "wrong event name", "wrong type",
    "wrong version", "no version", "wrong value type", "below minimum", "null where not nullable", "no properties",
]


@pytest.mark.parametrize("change", BREAKS)
def test_schema_rejects_a_sent_payload_that_breaks_the_plan(change: str, sent: dict[str, dict[str, Any]]) -> None:
    message = sent["track-every-kind-of-property"]
    schema = _schema_for(message)
    assert _errors(schema, message) == []
    assert _errors(schema, _broken(message, change)), f"{change} was accepted"


def test_schema_rejects_broken_traits_and_screens(sent: dict[str, dict[str, Any]]) -> None:
    identify = sent["identify-traits"]
    schema = _schema_for(identify)
    for key, value in (("plan", "platinum"), ("unknown", 1), ("email", None)):
        bad = copy.deepcopy(identify)
        bad["traits"][key] = value
        assert _errors(schema, bad), (key, value)
    group = copy.deepcopy(sent["group-traits"])
    del group["groupId"]
    assert _errors(_schema_for(group), group)
    screen = copy.deepcopy(sent["screen"])
    assert _errors(_schema_for(screen), screen) == []
    screen["name"] = "Other Screen"
    assert _errors(_schemas(e2e.PLAN)["screen/home-screen.v1.json"], screen)


def test_open_events_take_extra_properties_and_closed_ones_do_not() -> None:
    text = """
trackgen: 1
name: Open
events:
  - name: Open Event
    additionalProperties: true
    properties: {a: {type: string}}
  - name: Closed Event
    properties: {a: {type: string}}
"""
    plan, _ = load_plan_text(text, "plan.yaml")
    by_name = {s.event.name: s.schema for s in event_schemas(plan)}
    version = {"protocols": {"event_version": 1}}
    message = {"type": "track", "properties": {"a": "x", "b": 1}, "context": version}
    assert _errors(by_name["Open Event"], {**message, "event": "Open Event"}) == []
    assert _errors(by_name["Closed Event"], {**message, "event": "Closed Event"})


# -- $defs ------------------------------------------------------------------------------

DEFS_PLAN = """
trackgen: 1
name: Defs
events:
  - name: Cart Viewed
    properties:
      items: {type: array, items: {$ref: "#/$defs/product"}, required: true}
      odd: {$ref: "#/$defs/a b.c"}
  - name: Nothing Shared
    properties: {x: {type: integer}}
$defs:
  product:
    type: object
    properties:
      sku: {type: string, required: true}
      maker: {$ref: "#/$defs/maker"}
  maker:
    type: object
    properties: {name: {type: string}}
  unused: {type: string}
  "a b.c": {enum: [x, y]}
  a_b_c: {type: string}
"""


def test_definitions_stay_defs_with_refs_and_each_file_holds_what_it_reaches() -> None:
    plan, _ = load_plan_text(DEFS_PLAN, "plan.yaml")
    by_name = {s.event.name: s.schema for s in event_schemas(plan)}
    cart = by_name["Cart Viewed"]
    assert cart["properties"]["properties"]["properties"]["items"]["items"] == {"$ref": "#/$defs/product"}
    # reached only through product; the hostile name gets a plain key, its name as title
    assert list(cart["$defs"]) == ["product", "maker", "a_b_c_"]
    assert cart["$defs"]["a_b_c_"]["title"] == "a b.c"
    assert "$defs" not in by_name["Nothing Shared"]
    validator = Draft202012Validator(cart)
    ok = {"type": "track", "event": "Cart Viewed", "context": {"protocols": {"event_version": 1}},
          "properties": {"items": [{"sku": "s", "maker": {"name": "m"}}], "odd": "x"}}
    assert list(validator.iter_errors(ok)) == []
    bad = copy.deepcopy(ok)
    bad["properties"]["items"][0]["maker"]["name"] = 5
    assert list(validator.iter_errors(bad))
    bad = copy.deepcopy(ok)
    bad["properties"]["odd"] = "z"
    assert list(validator.iter_errors(bad))


# -- file names and determinism ---------------------------------------------------------

HOSTILE = """
trackgen: 1
name: Hostile
events:
  - name: "../x"
  - name: "a/b"
  - name: "A B"
  - name: "a-b"
  - name: "a_b"
  - name: "..\\\\windows"
  - name: "con"
  - name: "???"
  - name: "ünïcode ✓"
  - name: "日本語"
  - name: "class"
  - name: "__proto__"
pages:
  - name: "a/b"
"""


def test_file_names_are_safe_and_collision_free() -> None:
    plan, _ = load_plan_text(HOSTILE, "plan.yaml")
    files = payload_schemas(plan)
    paths = [f.path for f in files]
    assert len(set(p.lower() for p in paths)) == len(paths), "names that differ in case only"
    for path in paths:
        parts = path.split("/")
        assert ".." not in parts and "" not in parts and "\\" not in path and not path.startswith("/")
        assert all(part.isascii() for part in parts)
        assert parts[-1].split(".")[0] not in ("con", "nul", "aux", "prn")
    events = {e["name"]: e["file"] for e in json.loads(next(f for f in files if f.path == INDEX).content)["events"]
              if e["type"] == "track"}
    # the first in sort order keeps a shared stem, whatever the plan's order
    assert events["A B"] == "track/a-b.v1.json"
    assert events["a-b"] == "track/a-b-2.v1.json"
    assert events["a/b"] == "track/a-b-3.v1.json"
    assert events["a_b"] == "track/a-b-4.v1.json"
    assert events["../x"] == "track/x.v1.json"
    assert events["???"] == "track/track.v1.json"
    assert events["con"] == "track/con-track.v1.json"
    for f in files:
        if f.path != INDEX:
            Draft202012Validator.check_schema(json.loads(f.content))


def test_output_is_deterministic_and_independent_of_plan_order() -> None:
    plan, _ = load_plan_text(HOSTILE, "plan.yaml")
    first = payload_schemas(plan)
    assert payload_schemas(plan) == first
    lines = HOSTILE.strip().splitlines()
    start, end = lines.index("events:") + 1, lines.index("pages:")
    shuffled = "\n".join([*lines[:start], *reversed(lines[start:end]), *lines[end:]])
    again, _ = load_plan_text(shuffled, "plan.yaml")
    assert payload_schemas(again) == first
    for f in first:
        assert f.content.endswith("\n") and not f.content.endswith("\n\n")


def test_synthetic_plan_of_1000_events(tmp_path: Path) -> None:
    path = synth_module().write_plan(1000, tmp_path / "plan.yaml")
    plan, _ = load_plan(path, "plan.yaml")
    files = payload_schemas(plan)
    assert len(files) == len(plan.calls) + 1
    assert len({f.path for f in files}) == len(files)


# -- the command ------------------------------------------------------------------------


def test_cli_writes_the_schemas_and_keeps_plain_schema(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    out = tmp_path / "schemas"
    result = runner.invoke(app, ["schema", "--events", str(out), "--plan", str(e2e.PLAN)])
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    plan, _ = load_plan(e2e.PLAN, e2e.PLAN.as_posix())
    expected = payload_schemas(plan)
    assert written == sorted([".trackgen-manifest", *(f.path for f in expected)])
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    again = runner.invoke(app, ["schema", "--events", str(out), "--plan", str(e2e.PLAN)])
    assert again.exit_code == 0 and "0 written" in again.output
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    plain = runner.invoke(app, ["schema"])
    assert plain.exit_code == 0 and json.loads(plain.output)["title"] == "trackgen tracking plan"


def test_cli_from_the_config_and_its_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text(
        "trackgen: 1\nname: X\nevents:\n  - name: A\n    properties: {a: {enm: [1]}}\n", encoding="utf-8"
    )
    (tmp_path / "trackgen.toml").write_text('plan = "plan.yaml"\n[python]\nout = "pkg"\n', encoding="utf-8")
    bad = runner.invoke(app, ["schema", "--events", "out"])
    assert bad.exit_code == 1
    assert 'plan.yaml:5:22: error[TG101]: event "A", property "a": unknown key "enm"' in bad.output
    assert not (tmp_path / "out").exists()
    (tmp_path / "plan.yaml").write_text("trackgen: 1\nname: X\nevents:\n  - name: A\n", encoding="utf-8")
    good = runner.invoke(app, ["schema", "--events", "out"])
    assert good.exit_code == 0, good.output
    assert (tmp_path / "out/track/a.v1.json").is_file()
    (tmp_path / "trackgen.toml").unlink()
    none = runner.invoke(app, ["schema", "--events", "out2"])
    assert none.exit_code == 2 and "no plan given" in none.output
    missing = runner.invoke(app, ["schema", "--events", "out2", "--plan", "nope.yaml"])
    assert missing.exit_code == 2
    stray = runner.invoke(app, ["schema", "--plan", "plan.yaml"])
    assert stray.exit_code == 2 and "--events" in stray.output
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine/index.json").write_text("{}\n")
    clash = runner.invoke(app, ["schema", "--events", "mine", "--plan", "plan.yaml"])
    assert clash.exit_code == 1 and "TG310" in clash.output
    assert (tmp_path / "mine/index.json").read_text() == "{}\n"
