"""``--fix``: casing problems rewritten in place, keeping everything else as written; the
fixed plan lints clean and builds into code that type-checks."""

from __future__ import annotations

import json
import os
from pathlib import Path

from conftest import CORPUS, REPO, build_plan, run_mypy, run_tsc
from trackgen.lint import LintConfig, lint_text
from trackgen.lint.fix import fix_text

HERE = REPO / "tests" / "lint" / "fix"
UPDATE = os.environ.get("TRACKGEN_UPDATE_GOLDEN") == "1"


def test_fix_rewrites_only_the_names() -> None:
    before = (HERE / "casing.yaml").read_text(encoding="utf-8")
    assert {d.code for d in lint_text(before, "casing.yaml")} == {"TG401", "TG402", "TG412"}
    result = fix_text(before, "casing.yaml")
    expected = HERE / "casing.fixed.yaml"
    if UPDATE:
        expected.write_text(result.text, encoding="utf-8")
    assert result.text == expected.read_text(encoding="utf-8")
    assert result.skipped == []
    assert [(r.old, r.new) for r in result.applied][:3] == [
        ("workspace created", "Workspace Created"), ("accountTier", "account_tier"), ("Workspace Name", "workspace_name")
    ]
    # Only the names changed: every other line is as it was, comments and quotes included.
    changed = [(a, b) for a, b in zip(before.splitlines(), result.text.splitlines()) if a != b]
    assert len(before.splitlines()) == len(result.text.splitlines())
    assert len(changed) == 11
    assert ("  - name: 'user_signed_up'", "  - name: 'User Signed Up'") in changed
    assert ("      signupMethod: *method", "      signup_method: *method") in changed


def test_the_fixed_plan_lints_clean_and_again_changes_nothing() -> None:
    fixed = (HERE / "casing.fixed.yaml").read_text(encoding="utf-8")
    assert lint_text(fixed, "casing.fixed.yaml") == []
    again = fix_text(fixed, "casing.fixed.yaml")
    assert (again.text, again.applied, again.skipped) == (fixed, [], [])


def test_the_fixed_plan_builds_and_type_checks(tmp_path: Path) -> None:
    built = build_plan(HERE / "casing.fixed.yaml", tmp_path)
    mypy = run_mypy([built.python], cwd=tmp_path)
    assert mypy.returncode == 0, mypy.output
    tsc = run_tsc(sorted(built.typescript.rglob("*.ts")), cwd=tmp_path)
    assert tsc.returncode == 0, tsc.output


def test_fixes_follow_the_configured_conventions() -> None:
    text = "name: P\nevents:\n  - name: Workspace Created\n    description: d\n    properties:\n      account_tier: {type: string, description: d}\n"
    config = LintConfig(event_case="snake_case", property_case="camelCase")
    result = fix_text(text, "p.yaml", config)
    assert result.text == text.replace("Workspace Created", "workspace_created").replace("account_tier", "accountTier")
    assert lint_text(result.text, "p.yaml", config) == []


def test_a_fix_that_would_collide_is_skipped_and_said() -> None:
    text = (
        "name: P\nevents:\n  - name: Order Completed\n    description: d\n"
        "  - name: Order completed\n    description: d\n    properties:\n"
        "      orderId: {type: string, description: d}\n      order_id: {type: string, description: d}\n"
    )
    result = fix_text(text, "p.yaml")
    assert result.text == text
    # The duplicates are TG407 errors, which no mechanical fix resolves.
    assert {d.code for d in lint_text(text, "p.yaml")} == {"TG407"}


def test_renames_that_collide_with_each_other_are_skipped() -> None:
    text = "name: P\nevents:\n  - name: order completed\n    description: d\n  - name: ORDER COMPLETED\n    description: d\n"
    result = fix_text(text, "p.yaml", LintConfig(rules={"TG407": "off"}))
    assert result.text == text.replace("order completed", "Order Completed")
    assert [d.message for d in result.skipped] == ['not fixed: "ORDER COMPLETED" -> "Order Completed": an event "Order Completed" exists already']


def test_names_that_need_quotes_get_them() -> None:
    text = 'name: P\nevents:\n  - name: "true"\n    description: d\n  - name: yes sir\n    description: d\n'
    result = fix_text(text, "p.yaml", LintConfig(rules={"object-action": "off"}))
    assert result.text == text.replace('"true"', '"True"').replace("yes sir", "Yes Sir")


def test_fix_works_on_json_plans() -> None:
    plan = {"name": "P", "events": [{"name": "workspace_created", "description": "d",
                                     "properties": {"accountTier": {"type": "string", "description": "d"}}}]}
    text = json.dumps(plan, indent=2)
    result = fix_text(text, "plan.json")
    assert json.loads(result.text)["events"][0]["name"] == "Workspace Created"
    assert list(json.loads(result.text)["events"][0]["properties"]) == ["account_tier"]
    assert result.text.count("\n") == text.count("\n")


def test_exports_are_not_rewritten() -> None:
    export = CORPUS / "segment-protocols" / "typewriter-telemetry.public-api.json"
    text = export.read_text(encoding="utf-8")
    result = fix_text(text, export.name)
    assert result.text == text and result.applied == []
