"""``trackgen schema``: the JSON Schema of the plan format accepts every example plan,
rejects misspelled keys, shows no internal field, and agrees with the plan reader."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import typer
from typer.testing import CliRunner

from conftest import REPO
from trackgen import schema_command
from trackgen.plan.load import parse_plan
from trackgen.schema_export import plan_json_schema
from trackgen.source import load_text
from trackgen.starter import plan_text

SCRIPT = (
    "import typer\n"
    "from trackgen.cli import check\n"
    "from trackgen.init_command import init\n"
    "from trackgen.plandiff.command import diff\n"
    "from trackgen.schema_command import schema\n"
    "app = typer.Typer()\n"
    "for f in (check, diff, init, schema):\n"
    "    app.command()(f)\n"
    "app(prog_name='trackgen')\n"
)

EXAMPLES = sorted((REPO / "examples").glob("*/plan.yaml"))
VALIDATORS = [jsonschema.Draft202012Validator, jsonschema.Draft7Validator]


def data_of(text: str) -> Any:
    """Plan text as plain JSON data, read the way trackgen reads it (YAML 1.2)."""
    data, problems = load_text(text, "plan.yaml")
    assert not problems, problems
    return json.loads(json.dumps(data))


@pytest.fixture(scope="module")
def schema() -> dict[str, Any]:
    return plan_json_schema()


def errors(schema: dict[str, Any], data: Any, validator: Any = jsonschema.Draft202012Validator) -> list[str]:
    return sorted(e.message for e in validator(schema).iter_errors(data))


@pytest.mark.parametrize("validator", VALIDATORS, ids=["2020-12", "draft-07"])
def test_the_schema_is_a_valid_schema(schema: dict[str, Any], validator: Any) -> None:
    validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["title"] == "trackgen tracking plan"


@pytest.mark.parametrize("validator", VALIDATORS, ids=["2020-12", "draft-07"])
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.parent.name for p in EXAMPLES])
def test_every_example_plan_validates(schema: dict[str, Any], path: Path, validator: Any) -> None:
    assert errors(schema, data_of(path.read_text(encoding="utf-8")), validator) == []


def test_the_starter_plan_validates(schema: dict[str, Any]) -> None:
    assert errors(schema, data_of(plan_text("Starter"))) == []


MISSPELLED = [
    ("top level", "name: P\nevnets: []\n", "evnets"),
    ("event", "name: P\nevents:\n  - name: A B\n    descripton: d\n", "descripton"),
    ("property", "name: P\nevents:\n  - name: A B\n    properties:\n      x: {type: string, enm: [a]}\n", "enm"),
    (
        "nested",
        "name: P\nevents:\n  - name: A B\n    properties:\n      x:\n        type: array\n        items: {type: object, properties: {y: {requried: true}}}\n",
        "requried",
    ),
    ("traits", "name: P\nidentify:\n  trait: {}\n", "trait"),
    ("definition", "name: P\n$defs:\n  d: {type: string, maxLenght: 3}\n", "maxLenght"),
    ("lint exception", "name: P\nevents:\n  - name: A B\n    lint: {ignore: [TG401], reson: legacy}\n", "reson"),
]


@pytest.mark.parametrize("validator", VALIDATORS, ids=["2020-12", "draft-07"])
@pytest.mark.parametrize(("text", "key"), [m[1:] for m in MISSPELLED], ids=[m[0] for m in MISSPELLED])
def test_a_misspelled_key_is_rejected(schema: dict[str, Any], text: str, key: str, validator: Any) -> None:
    found = [e for e in validator(schema).iter_errors(data_of(text))]
    assert found, "the schema accepted a misspelled key"
    assert key in json.dumps([e.message for e in found] + [str(e.context) for e in found])


def test_every_object_of_the_format_is_closed(schema: dict[str, Any]) -> None:
    assert schema["additionalProperties"] is False
    for name, definition in schema["$defs"].items():
        assert definition["additionalProperties"] is False, name


def test_no_internal_field_appears(schema: dict[str, Any]) -> None:
    text = json.dumps(schema)
    assert "\\u0000" not in text and '"loc"' not in text
    for definition in [schema, *schema["$defs"].values()]:
        assert not any(key.startswith("\0") or key == "loc" for key in definition["properties"])


def test_no_ref_has_siblings(schema: dict[str, Any]) -> None:
    """Draft-07 tools (VS Code's YAML extension) ignore a $ref's siblings."""

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                assert set(node) == {"$ref"}, node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(schema)


AGREEMENT = [
    "name: P\n",
    "name: P\nevents:\n  - name: A B\n    version: 0\n",
    "name: P\nevents:\n  - name: ''\n",
    "events: []\n",
    "name: P\ntrackgen: 2\n",
    "name: P\nevents:\n  - name: A B\n    properties:\n      x: {type: strin}\n",
    "name: P\nevents:\n  - name: A B\n    properties:\n      x: {type: [string, 'null'], minLength: -1}\n",
    "name: P\nevents:\n  - name: A B\n    properties:\n      x: {$ref: '#/$defs/d', required: true}\n$defs:\n  d: {type: string}\n",
    "name: P\npages:\n  - name: Home\n    category: Main\n    properties: {q: {type: string}}\n",
    "name: P\nevents:\n  - name: A B\n    properties:\n      x: {anyOf: [{type: string}, {type: integer}], nullable: true}\n",
    "name: P\nevents:\n  - name: A B\n    properties:\n      x: {allOf: [{type: string}]}\n",
    "name: P\ngroup:\n  traits: {plan: {enum: [a, b]}}\n  additionalProperties: true\n",
]


@pytest.mark.parametrize("text", AGREEMENT)
def test_the_schema_agrees_with_the_plan_reader(schema: dict[str, Any], text: str) -> None:
    model, _ = parse_plan(text, "plan.yaml")
    assert (model is not None) == (errors(schema, data_of(text)) == [])


def test_the_command_prints_the_schema() -> None:
    app = typer.Typer()
    app.command()(schema_command.schema)
    app.command("other")(lambda: None)
    result = CliRunner().invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == plan_json_schema()


def test_schema_runs_with_stdin_closed(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, "schema"],
        cwd=tmp_path,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "trackgen tracking plan"
    assert result.stdout.isascii()  # safe to redirect into a file on any platform
