"""Importers: Segment Protocols (Config API, Public API wrapped and unwrapped) and
RudderStack exports to the native plan, and the YAML writer.

The corpus under ../shared/corpus is read in place; tests/importers/ holds small
exports for what the corpus lacks ($defs, every rule type, unsupported keywords) and
the expected output of one of them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Iterator

import pytest
import typer
from trackgen.diagnostics import PlanError
from typer.testing import CliRunner

from trackgen.diagnostics import Severity
from trackgen.importers import detect, import_data, import_file, to_native
from trackgen.importers.yaml_writer import to_yaml
from trackgen.importers.command import import_command
from trackgen.importers.yaml_writer import same
from trackgen.plan.load import plan_model
from trackgen.source import Map, load_text

from conftest import CORPUS, REPO

FIXTURES = REPO / "tests" / "importers"

CORPUS_FILES = {
    "segment-protocols/typewriter-e2e.public-api.json": "segment-public-api",
    "segment-protocols/typewriter-e2e.config-api.json": "segment-config-api",
    "segment-protocols/typewriter-telemetry.public-api.json": "segment-public-api",
    "rudderstack/ruddertyper-example.json": "rudderstack",
}

#: Warnings the corpus is expected to give (anything else of warning or error is a failure).
EXPECTED_WARNINGS = {
    "segment-protocols/typewriter-e2e.public-api.json": [
        'rule key "NoID Type" differs from its eventMetadata.name "NoID type"'
    ],
    "rudderstack/ruddertyper-example.json": ['imported as page "Page"', 'imported as screen "Screen"'],
}

TERRIBLE_EVENT = "42_--terrible==\\\"event'++name~!3"


def load(path: Path) -> Any:
    data, diagnostics = load_text(path.read_text(encoding="utf-8"), path.as_posix())
    assert diagnostics == []
    return data


def imported(path: Path) -> tuple[Any, list[Any]]:
    plan, diagnostics = import_file(path)
    assert plan is not None, [d.render() for d in diagnostics]
    return plan, diagnostics


def errors_and_warnings(diagnostics: list[Any]) -> list[Any]:
    return [d for d in diagnostics if d.severity is not Severity.INFO]


def schemas(plan: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every property schema of a native plan, with its name, depth first."""

    def walk(props: Any) -> Iterator[tuple[str, dict[str, Any]]]:
        for name, schema in (props or {}).items():
            yield name, schema
            yield from nested(schema)

    def nested(schema: Any) -> Iterator[tuple[str, dict[str, Any]]]:
        if isinstance(schema, dict):
            yield from walk(schema.get("properties"))
            if isinstance(schema.get("items"), dict):
                yield "[]", schema["items"]
                yield from nested(schema["items"])
            for member in schema.get("anyOf", []) + schema.get("oneOf", []):
                yield from nested(member)

    for call in [*plan.get("events", []), *plan.get("pages", []), *plan.get("screens", [])]:
        yield from walk(call.get("properties"))
    for kind in ("identify", "group"):
        if kind in plan:
            yield from walk(plan[kind].get("traits"))
    for name, schema in plan.get("$defs", {}).items():
        yield name, schema
        yield from nested(schema)


def json_names(schema: Any) -> Iterator[str]:
    """Property names and enum values of a raw JSON Schema (the export's)."""
    if isinstance(schema, dict):
        for name, sub in (schema.get("properties") or {}).items():
            yield name
            yield from json_names(sub)
        for value in schema.get("enum") or []:
            yield repr(value)
        yield from json_names(schema.get("items"))


def plan_names(plan: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for name, schema in schemas(plan):
        if name != "[]":
            out.append(name)
        out += [repr(v) for v in schema.get("enum") or []]
    return out


# -- detection ----------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "kind"), sorted(CORPUS_FILES.items()))
def test_detects_corpus(path: str, kind: str) -> None:
    assert detect(load(CORPUS / path)) == kind


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"trackgen": 1, "name": "x"}, "native"),
        ({"name": "x", "events": []}, "native"),
        ({"name": "x", "rules": []}, "segment-public-api"),
        ({"name": "x", "rules": [{"type": "TRACK", "key": "A", "jsonSchema": {}}]}, "segment-public-api"),
        (
            {"data": {"trackingPlan": {"name": "x"}, "rules": [{"type": "IDENTIFY", "jsonSchema": {}}]}},
            "segment-public-api",
        ),
        ({"display_name": "x", "rules": {"events": [{"name": "A", "rules": {}}]}}, "segment-config-api"),
        ({"display_name": "x", "rules": {"global": {}, "events": []}}, "segment-config-api"),
        ({"name": "x", "rules": {"events": [{"name": "", "eventType": "identify", "rules": {}}]}}, "rudderstack"),
        ({"name": "x", "creationType": "Data catalog", "rules": {"events": []}}, "rudderstack"),
        ({"name": "x"}, "unknown"),
        ({"rules": "nothing"}, "unknown"),
        ([], "unknown"),
        ("plan", "unknown"),
        (None, "unknown"),
    ],
)
def test_detects_shapes(data: Any, kind: str) -> None:
    assert detect(data) == kind


# -- the corpus -----------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(CORPUS_FILES))
def test_corpus_imports_without_errors_and_validates(path: str) -> None:
    plan, diagnostics = imported(CORPUS / path)
    found = errors_and_warnings(diagnostics)
    assert all(d.severity is Severity.WARNING for d in found), [d.render() for d in found]
    expected = EXPECTED_WARNINGS.get(path, [])
    assert len(found) == len(expected)
    for d, text in zip(sorted(found, key=lambda d: d.sort_key), expected):
        assert text in d.message
        assert d.location is not None and d.location.file == (CORPUS / path).as_posix() and d.location.line > 1
    plan_model(plan)


@pytest.mark.parametrize("path", sorted(CORPUS_FILES))
def test_corpus_yaml_reads_back_the_same(path: str) -> None:
    plan, _ = imported(CORPUS / path)
    text = to_yaml(plan)
    back, diagnostics = load_text(text, "plan.yaml")
    assert diagnostics == []
    assert same(back, plan)
    assert back == plan
    assert detect(back) == "native"
    assert to_yaml(back) == text  # deterministic, whatever the key order of the data
    plan_model(back)


@pytest.mark.parametrize("path", sorted(CORPUS_FILES))
def test_corpus_names_survive_byte_for_byte(path: str) -> None:
    raw = json.loads((CORPUS / path).read_text(encoding="utf-8"))
    plan, _ = imported(CORPUS / path)
    back, _ = load_text(to_yaml(plan), "plan.yaml")
    expected_events: list[str] = []
    expected_names: list[str] = []
    kind = CORPUS_FILES[path]
    if kind == "segment-public-api":
        for rule in raw["rules"]:
            schema = rule["jsonSchema"]
            expected_events.append(schema["eventMetadata"]["name"])
            expected_names += json_names(schema)
    else:
        for event in raw["rules"]["events"]:
            if event.get("eventType", "track") == "track":
                expected_events.append(event["name"])
            wrapped = event["rules"]["properties"]
            expected_names += json_names(wrapped.get("properties") or wrapped.get("traits"))
    for result in (plan, back):
        assert [e["name"] for e in result.get("events", [])] == expected_events
        assert sorted(plan_names(result)) == sorted(expected_names)


def test_hostile_corpus_names_are_kept() -> None:
    plan, _ = imported(CORPUS / "segment-protocols/typewriter-e2e.public-api.json")
    names = [e["name"] for e in plan["events"]]
    assert TERRIBLE_EVENT in names
    assert "Property Object Name Collision #1" in names  # the rule key drops the "#"
    assert "NoID type" in names  # eventMetadata.name, what Typewriter sends
    props = {name for name, _ in schemas(plan)}
    assert {"0000---terrible-property-name~!3", "jerry's memories", "Property Collided", "property_collided"} <= props


def test_public_and_config_api_exports_of_one_plan_agree() -> None:
    public, _ = imported(CORPUS / "segment-protocols/typewriter-e2e.public-api.json")
    config, _ = imported(CORPUS / "segment-protocols/typewriter-e2e.config-api.json")
    public_events = [e for e in public["events"] if e["name"] != "NoID type"]
    config_events = [{k: v for k, v in e.items() if k != "metadata"} for e in config["events"]]
    assert config_events == public_events
    assert config["events"][0]["metadata"] == {"labels": {"area": "account", "type": "contacts"}}
    assert all("metadata" not in e for e in config["events"][1:])  # empty labels are left out


def events_by_name(plan: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {e["name"]: e for e in plan["events"]}


def test_required_arrays_become_required_properties() -> None:
    plan, _ = imported(CORPUS / "segment-protocols/typewriter-e2e.public-api.json")
    events = events_by_name(plan)
    required = events["Every Required Type"]["properties"]
    assert all(schema.get("required") is True for schema in required.values())
    nested = required["required object with properties"]["properties"]
    assert all(schema.get("required") is True for schema in nested.values())
    optional = events["Every Nullable Optional Type"]["properties"]
    assert all("required" not in schema for _, schema in schemas({"events": [{"properties": optional}]}))
    assert optional["optional int"]["type"] == ["integer", "null"]
    assert events["Union Type"]["properties"]["universe_name"] == {
        "type": ["string", "null", "integer"],
        "required": True,
    }
    deep = events["Nested Objects"]["properties"]["garage"]["properties"]["tunnel"]["properties"]["subterranean lab"]
    assert deep["required"] is True
    assert set(deep["properties"]) == {"jerry's memories", "morty's memories", "summer's contingency plan"}
    arrays = events["Nested Arrays"]["properties"]["universeCharacters"]
    assert arrays["items"]["items"]["properties"]["name"] == {
        "description": "The character's name.",
        "type": "string",
        "required": True,
    }


def test_objects_without_properties_stay_open() -> None:
    plan, _ = imported(CORPUS / "segment-protocols/typewriter-e2e.config-api.json")
    optional = events_by_name(plan)["Every Nullable Optional Type"]["properties"]["optional object"]
    assert optional == {"description": "Optional object property", "type": ["object", "null"]}  # properties: {} dropped


def test_events_are_open_unless_closed() -> None:
    for path in (
        "segment-protocols/typewriter-e2e.public-api.json",
        "segment-protocols/typewriter-e2e.config-api.json",
    ):
        plan, _ = imported(CORPUS / path)
        empty = events_by_name(plan)["Empty Event"]
        assert empty["additionalProperties"] is True and "properties" not in empty
        assert all(e["additionalProperties"] is True for e in plan["events"])
    rudder, _ = imported(CORPUS / "rudderstack/ruddertyper-example.json")
    assert rudder["events"][0]["additionalProperties"] is False
    assert rudder["identify"]["additionalProperties"] is False
    assert rudder["group"]["additionalProperties"] is False
    assert rudder["pages"][0]["additionalProperties"] is False


def test_rudderstack_calls() -> None:
    plan, diagnostics = imported(CORPUS / "rudderstack/ruddertyper-example.json")
    assert plan["name"] == "Sample tracking plan 1"
    assert plan["identify"] == {
        "description": "Sample Identify event",
        "additionalProperties": False,
        "traits": {"Sample property 1": {}},
    }
    assert plan["group"]["traits"] == {"Sample property 1": {}}
    assert [p["name"] for p in plan["pages"]] == ["Page"]
    assert [s["name"] for s in plan["screens"]] == ["Screen"]
    assert plan["events"] == [
        {
            "name": "Sample event 1",
            "description": "Sample event 1",
            "additionalProperties": False,
            "properties": {"Sample property 1": {"description": "Sample property 1"}},
        }
    ]


def test_labels_and_formats() -> None:
    plan, _ = imported(CORPUS / "segment-protocols/typewriter-telemetry.public-api.json")
    events = events_by_name(plan)
    assert events["Command Init"]["metadata"] == {"labels": {"init": "initialize"}}
    assert events["KitchenSink"]["properties"]["aDate"] == {"type": "string", "format": "date-time"}
    assert events["KitchenSink"]["properties"]["anything"] == {}
    assert events["Command Build"]["properties"]["mode"]["enum"] == ["dev", "prod"]


def test_non_standard_keywords_are_dropped() -> None:
    for path in CORPUS_FILES:
        plan, _ = imported(CORPUS / path)
        for _, schema in schemas(plan):
            assert not {"id", "$id", "$schema", "key", "labels", "eventMetadata"} & set(schema), schema
    # ... but a property named "id" is a name, not a keyword.
    plan, _ = imported(CORPUS / "segment-protocols/typewriter-telemetry.public-api.json")
    items = events_by_name(plan)["Command Build"]["properties"]["config"]["properties"]["trackingPlans"]["items"]
    assert items["properties"]["id"] == {"description": "Tracking Plan ID", "type": "string"}


# -- fixtures: every rule type, definitions, versions ------------------------------------


def test_every_rule_type_matches_expected_yaml() -> None:
    path = FIXTURES / "every-rule.public-api.json"
    plan, diagnostics = imported(path)
    expected = (FIXTURES / "every-rule.expected.yaml").read_text(encoding="utf-8")
    assert to_yaml(plan) == expected
    plan_model(plan)
    rendered = [d.render() for d in sorted(diagnostics, key=lambda d: d.sort_key)]
    assert rendered == [
        f"{path.as_posix()}:6:5: info[TG604]: the COMMON rule constrains context (app) of every message; a trackgen "
        "plan has no rules common to all calls, so it is not imported (declare shared properties on the calls "
        "that send them, or in $defs)",
        f'{path.as_posix()}:40:58: info[TG607]: keyword "x-unit" (event "Order Completed", property "total") does '
        "not constrain types and is not imported",
        f"{path.as_posix()}:134:5: warning[TG605]: the SCREEN rule has no name (it applies to every screen call); "
        'imported as screen "Screen", which is the name generated code sends: rename it to the screen name your '
        "app sends",
    ]


def test_versions_deprecation_and_definitions() -> None:
    plan, _ = imported(FIXTURES / "every-rule.public-api.json")
    v1, v2 = plan["events"]
    assert (v1["name"], v1["version"], v1.get("deprecated")) == ("Order Completed", 1, True)
    assert (v2["name"], v2["version"], v2.get("deprecated")) == ("Order Completed", 2, None)
    assert v1["metadata"] == {"labels": {"team": "revenue"}}
    assert v2["additionalProperties"] is False
    assert v2["properties"]["products"]["items"] == {"$ref": "#/$defs/product"}
    assert v2["properties"]["discount"] == {"type": "number", "exclusiveMinimum": 0}  # draft 4 flag
    assert list(plan["$defs"]) == ["product", "category"]
    assert plan["$defs"]["product"]["properties"]["category"] == {"$ref": "#/$defs/category"}
    assert plan["$defs"]["category"]["enum"] == ["books", "music", "yes", "no", "1.0"]
    assert plan["identify"]["traits"]["email"] == {"type": "string", "format": "email", "required": True}
    assert plan["group"]["additionalProperties"] is False
    assert plan["pages"][0]["name"] == "Pricing"


def rule(key: str, props: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """A wrapped Public API TRACK rule."""
    schema = {"type": "object", "properties": {"properties": {"type": "object", "properties": props}}}
    schema.update(extra.pop("schema", {}))
    return {"type": "TRACK", "key": key, "version": extra.pop("version", 1), "jsonSchema": schema, **extra}


def test_ref_cycle_is_kept_for_lowering_to_report() -> None:
    node = {
        "type": "object",
        "properties": {"children": {"type": "array", "items": {"$ref": "#/definitions/node"}}},
    }
    loop = {"$ref": "#/definitions/loop"}
    data = {
        "name": "Cycles",
        "rules": [
            rule(
                "Tree Viewed",
                {"root": {"$ref": "#/definitions/node"}, "x": loop},
                schema={"definitions": {"node": node, "loop": loop}},
            )
        ],
    }
    text = json.dumps(data, indent=2)
    loaded, _ = load_text(text, "cycles.json")
    plan, diagnostics = to_native(loaded, "cycles.json")
    assert errors_and_warnings(diagnostics) == []
    assert plan["$defs"]["node"]["properties"]["children"]["items"] == {"$ref": "#/$defs/node"}
    assert plan["$defs"]["loop"] == {"$ref": "#/$defs/loop"}
    back, _ = load_text(to_yaml(plan), "plan.yaml")
    assert back == plan
    from trackgen.lower import lower

    _, lowered = lower(plan_model(plan), "cycles.json")
    cycles = [d for d in lowered if d.code == "TG109"]
    assert cycles and all(
        d.location is not None and d.location.file == "cycles.json" and d.location.line > 1 for d in cycles
    )


def test_definitions_of_different_rules_with_one_name() -> None:
    address = {"type": "object", "properties": {"city": {"type": "string"}}}
    other = {"type": "object", "properties": {"zip": {"type": "string"}}}
    data = {
        "name": "Definitions",
        "rules": [
            rule("A", {"home": {"$ref": "#/definitions/address"}}, schema={"definitions": {"address": address}}),
            rule(
                "B",
                {"work": {"$ref": "#/definitions/address"}},
                schema={"definitions": {"address": {**address, "id": "/b"}}},
            ),
            rule("C", {"post": {"$ref": "#/$defs/address"}}, schema={"$defs": {"address": other}}),
            rule(
                "D",
                {"deep": {"$ref": "#/properties/properties/properties/city%20name"}, "city name": {"type": "string"}},
            ),
        ],
    }
    plan, diagnostics = import_data(data, "defs.json")
    assert list(plan["$defs"]) == ["address", "address_2", "city name"]
    events = events_by_name(plan)
    assert events["A"]["properties"]["home"] == events["B"]["properties"]["work"] == {"$ref": "#/$defs/address"}
    assert events["C"]["properties"]["post"] == {"$ref": "#/$defs/address_2"}
    assert events["D"]["properties"]["deep"] == {"$ref": "#/$defs/city name"}
    assert [d.code for d in diagnostics if d.code == "TG610"] == ["TG610"]
    plan_model(plan)


def test_unwrapped_rules_and_their_names() -> None:
    meta = lambda name: {"name": name, "type": "TRACK"}  # noqa: E731
    data = {
        "name": "Unwrapped",
        "rules": [
            {"type": "TRACK", "key": "Coupon 1", "version": 1,
             "jsonSchema": {"eventMetadata": meta("Coupon #1"), "properties": {"code": {"type": "string"}}, "required": ["properties"]}},
            {"type": "TRACK", "key": "Other Key", "version": 1,
             "jsonSchema": {"eventMetadata": meta("Real Name"), "properties": {"properties": {"type": "string"}}, "required": ["properties"]}},
        ],
    }  # fmt: skip
    plan, diagnostics = import_data(data, "unwrapped.json")
    first, second = plan["events"]
    assert first["name"] == "Coupon #1" and first["properties"] == {"code": {"type": "string"}}  # leftover required
    assert second["name"] == "Real Name" and second["properties"]["properties"]["required"] is True
    assert [d.code for d in errors_and_warnings(diagnostics)] == ["TG605"]  # "Other Key" only: "#" is Typewriter's


def test_config_api_identify_group_global_and_versions() -> None:
    traits = {
        "type": "object",
        "properties": {"traits": {"type": "object", "properties": {"email": {"type": "string"}}}},
    }
    data = {
        "display_name": "Config",
        "rules": {
            "global": {"type": "object", "properties": {"context": {"required": ["ip"]}}},
            "events": [
                {"name": "Signed In", "version": 1, "rules": {"properties": {"properties": {"type": "object"}}}},
                {"name": "Signed In", "version": 2, "rules": {"properties": {"properties": {"type": "object", "properties": {"method": {"enum": ["sso"]}}}}}},
                {"name": "Signed In", "version": 2, "rules": {}},
            ],
            "identify": traits,
            "group": {"type": "object", "properties": {"name": {"type": "string"}}},
            "identify_traits": [],
            "group_traits": [{"name": "plan"}],
        },
    }  # fmt: skip
    plan, diagnostics = import_data(data, "config.json")
    assert [(e["name"], e["version"]) for e in plan["events"]] == [("Signed In", 1), ("Signed In", 2), ("Signed In", 2)]
    assert plan["identify"]["traits"] == {"email": {"type": "string"}}
    assert plan["group"]["traits"] == {"name": {"type": "string"}}  # a traits schema given directly
    codes = sorted(d.code for d in diagnostics)
    assert codes == ["TG603", "TG604", "TG611"]  # group_traits, global, duplicate version
    duplicate = next(d for d in diagnostics if d.code == "TG611")
    assert duplicate.severity is Severity.ERROR and 'duplicate event "Signed In" version 2' in duplicate.message


def test_several_identify_rules_keep_the_newest() -> None:
    def identify(version: int, trait: str) -> dict[str, Any]:
        return {
            "type": "IDENTIFY",
            "version": version,
            "jsonSchema": {"properties": {"traits": {"type": "object", "properties": {trait: {}}}}},
        }

    plan, diagnostics = import_data({"name": "Ids", "rules": [identify(2, "new"), identify(1, "old")]}, "ids.json")
    assert plan["identify"]["traits"] == {"new": {}}
    assert [d.code for d in diagnostics] == ["TG606"]
    assert "version 2 is imported, version 1 is not" in diagnostics[0].message


# -- unsupported keywords ------------------------------------------------------------------


def test_unsupported_keywords_are_located_errors_and_kept() -> None:
    path = FIXTURES / "unsupported.config-api.json"
    plan, diagnostics = imported(path)
    file = path.as_posix()
    rendered = [d.render() for d in sorted(diagnostics, key=lambda d: d.sort_key)]
    assert rendered == [
        f"{file}:5:5: info[TG604]: the global rule constrains context of every message; a trackgen plan has no rules "
        "common to all calls, so it is not imported (declare shared properties on the calls that send them, or in $defs)",
        f'{file}:20:27: error[TG601]: event "Signed Up", property "plan": JSON Schema keyword "allOf" is not supported: '
        "merge the schemas into one, or use $ref to a shared definition",
        f'{file}:21:49: error[TG601]: event "Signed Up", property "referrer": JSON Schema keyword "not" is not supported: '
        "list the allowed values with enum, or describe the rule in the description",
        f'{file}:22:51: error[TG601]: event "Signed Up", property "attributes": "additionalProperties" as a schema is not '
        "supported: declare the properties, or allow any with additionalProperties: true",
        f'{file}:23:45: error[TG601]: event "Signed Up", property "tags": JSON Schema keyword "patternProperties" is not '
        "supported: declare the properties, or allow any with additionalProperties: true",
        f'{file}:24:44: error[TG601]: event "Signed Up", property "pair": "items" as a list (a tuple) is not supported: '
        "use an array of one item type, or an object",
        f'{file}:25:37: error[TG602]: event "Signed Up", property "remote": $ref "https://example.com/schemas/address.json" '
        "points outside the export; copy the schema into the plan's $defs",
        f'{file}:26:38: error[TG602]: event "Signed Up", property "missing": $ref "#/definitions/nothing" points at '
        "nothing in this rule's schema",
        f'{file}:27:46: info[TG607]: keyword "x-sensitivity" (event "Signed Up", property "score") does not constrain '
        "types and is not imported",
        f'{file}:27:70: info[TG607]: keyword "readOnly" (event "Signed Up", property "score") does not constrain types '
        "and is not imported",
        f'{file}:29:36: warning[TG608]: event "Signed Up": "required" names "ghost", which is not declared; imported as '
        "a required property of any type",
        f'{file}:30:15: error[TG601]: event "Signed Up": JSON Schema keyword "if" is not supported: conditional schemas '
        "cannot be typed; use anyOf of the alternatives",
        f'{file}:31:15: error[TG601]: event "Signed Up": JSON Schema keyword "then" is not supported: conditional '
        "schemas cannot be typed; use anyOf of the alternatives",
    ]
    event = plan["events"][0]
    props = event["properties"]
    assert props["plan"]["allOf"] == [{"type": "string"}, {"minLength": 1}]  # kept as written, not widened
    assert props["attributes"]["additionalProperties"] == {"type": "string"}
    assert props["remote"] == {"$ref": "https://example.com/schemas/address.json"}
    assert props["ghost"] == {"required": True}
    assert "if" in event and "then" in event
    back, read = load_text(to_yaml(plan), "plan.yaml")
    assert read == [] and back == plan
    with pytest.raises(PlanError):
        plan_model(plan)


@pytest.mark.parametrize(
    ("schema", "message"),
    [
        ({"type": "object", "minProperties": 1}, 'JSON Schema keyword "minProperties" is not supported'),
        ({"type": "string", "if": {"minLength": 2}}, 'JSON Schema keyword "if" is not supported'),
        ({"type": "array", "contains": {"type": "string"}}, 'JSON Schema keyword "contains" is not supported'),
        ({"type": "object", "dependencies": {"a": ["b"]}}, 'JSON Schema keyword "dependencies" is not supported'),
        ({"type": "date"}, "not a JSON type"),
        ({"$ref": "#/definitions/nowhere"}, "points at nothing in this rule's schema"),
        ({"enum": [{"a": 1}]}, "enum values that are objects or arrays cannot be typed"),
        (False, "the schema false (no value is valid) cannot be typed"),
    ],
)
def test_unsupported_schema_gives_located_error(schema: Any, message: str) -> None:
    text = json.dumps({"name": "P", "rules": [rule("E", {"p": schema})]}, indent=2)
    data, _ = load_text(text, "p.json")
    plan, diagnostics = import_data(data, "p.json")
    assert plan is not None
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    assert len(errors) == 1 and message in errors[0].message, [d.render() for d in diagnostics]
    assert 'event "E", property "p"' in errors[0].message
    assert errors[0].location is not None and errors[0].location.file == "p.json" and errors[0].location.line > 1


def test_required_on_a_non_object_is_reported() -> None:
    plan, diagnostics = import_data(
        {"name": "P", "rules": [rule("E", {"p": {"type": "string", "required": ["x"]}})]}, "p.json"
    )
    assert plan["events"][0]["properties"]["p"] == {"type": "string"}
    assert [d.code for d in diagnostics] == ["TG603"] and "applies to objects" in diagnostics[0].message


def test_unknown_input() -> None:
    plan, diagnostics = import_data({"name": "x"}, "x.json")
    assert plan is None and [d.code for d in diagnostics] == ["TG600"]
    plan, diagnostics = import_file(FIXTURES / "does-not-exist.json")
    assert plan is None and [d.code for d in diagnostics] == ["TG000"]


def test_to_native_passes_native_and_unknown_data_through() -> None:
    native = load(REPO / "examples" / "ecommerce" / "plan.yaml")
    assert to_native(native, "plan.yaml") == (native, [])
    assert to_native(native, "plan.yaml")[0] is native
    odd = {"name": "only a name"}
    assert to_native(odd, "odd.yaml")[0] is odd


def test_to_native_output_is_located_in_the_export() -> None:
    path = CORPUS / "segment-protocols/typewriter-telemetry.public-api.json"
    data = load(path)
    plan, _ = to_native(data, path.as_posix())
    assert isinstance(plan, Map)
    model = plan_model(plan)
    event = model.events[0]
    assert event.loc is not None and event.loc.file == path.as_posix()
    assert event.loc.line == 15  # "Command Build": where eventMetadata names it
    config = event.properties["config"]
    assert config.loc is not None and config.loc.line == 19


# -- the YAML writer -----------------------------------------------------------------------

HOSTILE = [
    "yes", "no", "Yes", "NO", "on", "off", "y", "n", "true", "False", "TRUE", "null", "Null", "NULL", "~", "",
    "1", "-1", "+1", "1.0", "1.", ".5", "1e5", "1E+5", "-1e-5", "0o17", "0x1F", "0b101", "017", "1_000", "12:30",
    "2001-12-14", ".inf", "-.inf", ".NaN", "nan", "inf", " leading", "trailing ", "a: b", "a:b", "key:", "a #b",
    "#hash", "- dash", "-", "--", "---", "...", "* star", "&anchor", "!tag", "%percent", "@at", "`tick",
    "'single'", '"double"', "it's", 'say "hi"', "back\\slash", "multi\nline", "trailing newline\n", "\nleading",
    "tab\there", "\ttab", "\u2028sep", "é", "日本語", "emoji 🎉", "?question", "[bracket]", "{brace}", ",comma",
    "|pipe", ">gt", "<<", "=", "a, b", "x]", "\x7f", "\u00a0nbsp", "\ufeffbom", "*/", '"""', "{{ name }}",
    TERRIBLE_EVENT, "0000---terrible-property-name~!3", "Property Object Name Collision #1",
]  # fmt: skip


def key(text: str) -> str:
    """trackgen's reader takes any key "<<" (even quoted) for a merge key: not a name it can read."""
    return "<< " if text == "<<" else text


def test_yaml_round_trips_hostile_strings() -> None:
    plan = {
        "trackgen": 1,
        "name": "Hostile",
        "description": "multi\nline\n  indented\n",
        "events": [
            {
                "name": text or "empty",
                "description": text,
                "additionalProperties": False,
                "properties": {key(text): {"type": "string", "enum": [text, "x"], "description": text}},
                "metadata": {"labels": {key(text): text}},
            }
            for text in HOSTILE
        ],
        "$defs": {key(text): {"const": text} for text in HOSTILE},
    }
    text = to_yaml(plan)
    back, diagnostics = load_text(text, "plan.yaml")
    assert diagnostics == []
    assert same(back, plan)
    plan_model(back)
    for word in ("yes", "no", "null", "1.0", "1e5", "0o17", "~"):
        assert f'name: "{word}"' in text
    assert "  - name: Property Object Name Collision #1" not in text  # " #" would start a comment


def test_yaml_keeps_scalar_types() -> None:
    plan = {
        "trackgen": 1,
        "name": "Scalars",
        "events": [
            {
                "name": "E",
                "properties": {
                    "p": {"enum": [1, 1.0, "1", True, "true", None, "null", 1e17, -0.5, 10**20]},
                    "q": {
                        "type": "number",
                        "minimum": 0.1,
                        "maximum": 1e-7,
                        "default": None,
                        "examples": [{"a": [1, "b"]}],
                    },
                },
            }
        ],
    }
    back, diagnostics = load_text(to_yaml(plan), "plan.yaml")
    assert diagnostics == [] and same(back, plan)


def test_yaml_key_order_and_layout() -> None:
    plan = {
        "$defs": {"d": {"type": "string"}},
        "events": [
            {"properties": {"b": {"required": True, "type": "string", "description": "B"}, "a": {}}, "version": 2, "description": "D", "name": "E"},
            {"name": "F"},
        ],
        "name": "Order",
        "trackgen": 1,
    }  # fmt: skip
    assert to_yaml(plan, header="Imported from x.json.") == (
        "# Imported from x.json.\n"
        "trackgen: 1\n"
        "name: Order\n"
        "\n"
        "events:\n"
        "  - name: E\n"
        "    description: D\n"
        "    version: 2\n"
        "    properties:\n"
        "      b:\n"
        "        description: B\n"
        "        type: string\n"
        "        required: true\n"
        "      a: {}\n"
        "\n"
        "  - name: F\n"
        "\n"
        "$defs:\n"
        "  d:\n"
        "    type: string\n"
    )


def test_yaml_of_a_validated_plan() -> None:
    plan, _ = imported(CORPUS / "segment-protocols/typewriter-telemetry.public-api.json")
    before = to_yaml(plan)
    plan_model(plan)  # the model may leave its locations in the data
    assert to_yaml(plan) == before


def test_yaml_refuses_what_it_cannot_write() -> None:
    with pytest.raises(TypeError):
        to_yaml({"trackgen": 1, "name": "x", "events": [{"name": "E", "metadata": {"when": object()}}]})
    # A property named "<<" is written quoted, which YAML reads as a name, not a merge key.
    written = to_yaml({"trackgen": 1, "name": "x", "events": [{"name": "E", "properties": {"<<": {}}}]})
    assert load_text(written, "plan.yaml")[0]["events"][0]["properties"] == {"<<": {}}


# -- the command ---------------------------------------------------------------------------


def run(*args: str) -> Any:
    app = typer.Typer()
    app.command("import")(import_command)
    app.command("other")(lambda: None)  # a group, as in trackgen's CLI: "import" is a subcommand
    return CliRunner().invoke(app, ["import", *args])


def test_command_writes_the_plan(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    result = run(str(CORPUS / "rudderstack/ruddertyper-example.json"), "-o", str(out))
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Imported by trackgen ")
    assert "1 event, 1 page, 1 screen, identify traits, group traits from a rudderstack export" in result.stderr
    assert "warning[TG605]" in result.stderr
    data, diagnostics = load_text(text, "plan.yaml")
    assert diagnostics == [] and detect(data) == "native"
    plan_model(data)

    again = run(str(CORPUS / "rudderstack/ruddertyper-example.json"), "-o", str(out))
    assert again.exit_code == 2 and "exists; pass --force" in again.stderr
    forced = run(str(CORPUS / "rudderstack/ruddertyper-example.json"), "-o", str(out), "--force")
    assert forced.exit_code == 0


def test_command_prints_without_output() -> None:
    result = run(str(CORPUS / "segment-protocols/typewriter-telemetry.public-api.json"))
    assert result.exit_code == 0
    data, diagnostics = load_text(result.stdout, "stdout.yaml")
    assert diagnostics == [] and len(data["events"]) == 6


def test_command_with_errors_writes_the_plan_to_fix(tmp_path: Path) -> None:
    out = tmp_path / "plan.yaml"
    result = run(str(FIXTURES / "unsupported.config-api.json"), "-o", str(out))
    assert result.exit_code == 1
    assert "error[TG601]" in result.stderr and "error(s) to fix in" in result.stderr
    assert "allOf:" in out.read_text(encoding="utf-8")


def test_command_refuses_unknown_files(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x"}', encoding="utf-8")
    out = tmp_path / "plan.yaml"
    result = run(str(bad), "-o", str(out))
    assert result.exit_code == 1 and "error[TG600]" in result.stderr and not out.exists()
    broken = tmp_path / "broken.json"
    broken.write_text('{"name": ', encoding="utf-8")
    result = run(str(broken), "-o", str(out))
    assert result.exit_code == 1 and "error[TG001]" in result.stderr and not out.exists()


def test_command_keeps_a_property_named_like_a_merge_key(tmp_path: Path) -> None:
    export = tmp_path / "merge.json"  # JSON reads "<<" as a name; the YAML written must too
    export.write_text(json.dumps({"name": "P", "rules": [rule("E", {"<<": {"type": "object"}})]}), encoding="utf-8")
    out = tmp_path / "plan.yaml"
    result = run(str(export), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    assert "<<" in load_text(out.read_text(), "plan.yaml")[0]["events"][0]["properties"]


#: Keywords an import copies from the export's schemas as they are written.
_COPIED = {"type", "enum", "const", "description", "format", "pattern", "minimum", "maximum", "minLength", "maxLength",
           "minItems", "maxItems", "title", "examples", "default", "items", "$ref", "anyOf", "oneOf",
           "uniqueItems", "multipleOf"}


def _schemas(data: Any) -> Iterator[Map]:
    """Every property schema of an imported plan (of events, traits, definitions, nested)."""
    stack: list[tuple[Any, str]] = [(data, "")]
    while stack:
        node, kind = stack.pop()
        if isinstance(node, Map):
            if kind == "schema":
                yield node
            for key, value in node.items():
                if kind == "props":
                    child = "schema"
                elif key in ("properties", "traits", "$defs"):
                    child = "props"
                elif kind == "schema" and key == "items":
                    child = "schema"
                else:
                    child = "schemas" if kind == "schema" and key in ("anyOf", "oneOf") else ""
                stack.append((value, child))
        elif isinstance(node, list):
            stack.extend((item, "schema" if kind == "schemas" else "") for item in node)


@pytest.mark.parametrize("export", sorted(CORPUS.rglob("*.json")), ids=lambda p: p.name)
def test_copied_keywords_are_located_where_the_export_writes_them(export: Path) -> None:
    """The output's locations of copied keywords are worked out when asked (one at a
    time, or all of a mapping listed at once: the same), and point at the keyword and
    its value in the export's text."""
    text = export.read_text("utf-8-sig")
    lines = text.split("\n")

    def written(loc: Any) -> str:
        return lines[loc.line - 1][loc.column - 1 :]

    plan, _ = imported(export)
    listed, _ = imported(export)
    checked = 0
    for schema, same_schema in zip(_schemas(plan), _schemas(listed)):
        for key, value in schema.items():
            assert (schema.key_loc(key), schema.value_loc(key)) == (
                same_schema.key_locs[key],
                same_schema.value_locs[key],
            )
            if key in _COPIED:
                assert written(schema.key_loc(key)).startswith(json.dumps(key)), (key, schema.key_loc(key))
                if isinstance(value, (str, bool)) and key != "$ref":
                    assert written(schema.value_loc(key)).startswith(json.dumps(value, ensure_ascii=False))
                checked += 1
    assert checked > 0
