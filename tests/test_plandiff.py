"""``trackgen diff``: a pair of plans for every kind of change and its class, the
formats, ``--fail-on breaking``, ``--base`` with git, and every exit code.

The command is registered here as cli.py registers it (``app.command()(diff)``).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from conftest import REPO
from trackgen.plandiff.command import diff
from trackgen.api import load_plan_text
from trackgen.diagnostics import PlanError
from trackgen.plandiff import Impact, PlanChange, diff_plans, read_plan_at, render_markdown, render_text, to_json

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


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command in a subprocess with stdin closed and no terminal, as in CI."""
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def invoke(*args: str) -> Any:
    app = typer.Typer()
    app.command()(diff)
    app.command("other")(lambda: None)  # a group, as in trackgen's CLI
    return CliRunner().invoke(app, ["diff", *args])


def plan(properties: str = "", *, event: str = "Order Completed", version: int = 1, rest: str = "") -> str:
    """A plan with one event; ``properties`` are YAML lines indented by 6."""
    body = f"    properties:\n{properties}" if properties else ""
    return (
        "trackgen: 1\nname: Shop\nevents:\n"
        f"  - name: {event}\n    version: {version}\n    description: A customer paid for an order.\n{body}{rest}"
    )


TOTAL = "      total: {type: number, required: true, description: The amount paid.}\n"


def changes(old: str, new: str) -> list[tuple[str, str, str]]:
    before, _ = load_plan_text(old, "old.yaml")
    after, _ = load_plan_text(new, "new.yaml")
    return [(c.impact.value, c.code, c.property_path) for c in diff_plans(before, after)]


CALLERS, CONSUMERS, SAFE = "breaking-for-callers", "breaking-for-consumers", "safe"

CASES = [
    # -- breaking for callers: code that makes the call must change
    ("event-removed", plan(TOTAL) + "  - name: Cart Viewed\n", plan(TOTAL), [(CALLERS, "event-removed", "")]),
    ("event-renamed", plan(TOTAL), plan(TOTAL, event="Order Finished"), [(CALLERS, "event-renamed", "")]),
    (
        "property-removed",
        plan(TOTAL + "      coupon: {type: string}\n"),
        plan(TOTAL),
        [(CALLERS, "property-removed", "coupon")],
    ),
    (
        "optional-to-required",
        plan(TOTAL + "      coupon: {type: string}\n"),
        plan(TOTAL + "      coupon: {type: string, required: true}\n"),
        [(CALLERS, "property-required", "coupon")],
    ),
    (
        "required-property-added",
        plan(TOTAL),
        plan(TOTAL + "      currency: {type: string, required: true}\n"),
        [(CALLERS, "required-property-added", "currency")],
    ),
    ("type-narrowed", plan(TOTAL), plan(TOTAL.replace("number", "integer")), [(CALLERS, "type-narrowed", "total")]),
    (
        "range-narrowed",
        plan("      seats: {type: integer, minimum: 0}\n"),
        plan("      seats: {type: integer, minimum: 1}\n"),
        [(CALLERS, "type-narrowed", "seats")],
    ),
    (
        "format-added",
        plan("      email: {type: string}\n"),
        plan("      email: {type: string, format: email}\n"),
        [(CALLERS, "type-narrowed", "email")],
    ),
    (
        "array-items-narrowed",
        plan("      tags: {type: array, items: {type: string}}\n"),
        plan("      tags: {type: array, items: {type: string}, maxItems: 5}\n"),
        [(CALLERS, "type-narrowed", "tags")],
    ),
    (
        "union-narrowed",
        plan("      ref: {type: [string, integer]}\n"),
        plan("      ref: {type: string}\n"),
        [(CALLERS, "type-narrowed", "ref")],
    ),
    (
        "enum-value-removed",
        plan("      tier: {enum: [free, team, business]}\n"),
        plan("      tier: {enum: [free, business]}\n"),
        [(CALLERS, "enum-value-removed", "tier")],
    ),
    (
        "nullable-to-not-nullable",
        plan("      coupon: {type: string, nullable: true}\n"),
        plan("      coupon: {type: string}\n"),
        [(CALLERS, "nullable-removed", "coupon")],
    ),
    (
        "object-closed",
        plan("      extra: {type: object, properties: {a: {type: string}}, additionalProperties: true}\n"),
        plan("      extra: {type: object, properties: {a: {type: string}}}\n"),
        [(CALLERS, "object-closed", "extra")],
    ),
    (
        "nested-property-removed",
        plan(
            "      products:\n        type: array\n        items: {type: object, properties: {sku: {type: string}, name: {type: string}}}\n"
        ),
        plan(
            "      products:\n        type: array\n        items: {type: object, properties: {sku: {type: string}}}\n"
        ),
        [(CALLERS, "property-removed", "products[].name")],
    ),
    (
        "traits-removed",
        plan(TOTAL) + "identify:\n  traits:\n    email: {type: string}\n",
        plan(TOTAL),
        [(CALLERS, "traits-removed", "")],
    ),
    ("version-removed", plan(TOTAL, version=2), plan(TOTAL), [(CALLERS, "version-removed", "")]),
    # -- breaking for data consumers: the data changes shape
    (
        "type-changed",
        plan("      ref: {type: string}\n"),
        plan("      ref: {type: integer}\n"),
        [(CONSUMERS, "type-changed", "ref")],
    ),
    (
        "length-widened",
        plan("      name: {type: string, maxLength: 50}\n"),
        plan("      name: {type: string, maxLength: 100}\n"),
        [(CONSUMERS, "type-widened", "name")],
    ),
    (
        "enum-to-string",
        plan("      tier: {enum: [free, team]}\n"),
        plan("      tier: {type: string}\n"),
        [(CONSUMERS, "type-widened", "tier")],
    ),
    ("type-widened", plan(TOTAL.replace("number", "integer")), plan(TOTAL), [(CONSUMERS, "type-widened", "total")]),
    (
        "enum-value-added",
        plan("      tier: {enum: [free, team]}\n"),
        plan("      tier: {enum: [free, team, business]}\n"),
        [(CONSUMERS, "enum-value-added", "tier")],
    ),
    (
        "property-renamed",
        plan("      couponCode: {type: string, description: The code the customer entered.}\n"),
        plan("      coupon_code: {type: string, description: The code the customer entered.}\n"),
        [(CONSUMERS, "property-renamed", "coupon_code")],
    ),
    (
        "required-to-optional",
        plan(TOTAL),
        plan(TOTAL.replace("required: true", "required: false")),
        [(CONSUMERS, "property-optional", "total")],
    ),
    (
        "not-nullable-to-nullable",
        plan("      coupon: {type: string}\n"),
        plan('      coupon: {type: [string, "null"]}\n'),
        [(CONSUMERS, "nullable-added", "coupon")],
    ),
    (
        "object-opened",
        plan("      extra: {type: object, properties: {a: {type: string}}}\n"),
        plan("      extra: {type: object, properties: {a: {type: string}}, additionalProperties: true}\n"),
        [(CONSUMERS, "object-opened", "extra")],
    ),
    (
        "category-changed",
        plan(TOTAL) + "pages:\n  - name: Pricing\n    category: Marketing\n",
        plan(TOTAL) + "pages:\n  - name: Pricing\n    category: Sales\n",
        [(CONSUMERS, "category-changed", "")],
    ),
    (
        "definition-changed-where-used",
        plan('      product: {$ref: "#/$defs/product"}\n')
        + "$defs:\n  product: {type: object, properties: {sku: {type: string}}}\n",
        plan('      product: {$ref: "#/$defs/product"}\n')
        + "$defs:\n  product: {type: object, properties: {sku: {type: integer}}}\n",
        [(CONSUMERS, "type-changed", "product.sku")],
    ),
    # -- safe
    ("event-added", plan(TOTAL), plan(TOTAL) + "  - name: Cart Viewed\n", [(SAFE, "event-added", "")]),
    (
        "optional-property-added",
        plan(TOTAL),
        plan(TOTAL + "      coupon: {type: string}\n"),
        [(SAFE, "property-added", "coupon")],
    ),
    (
        "description-changed",
        plan(TOTAL),
        plan(TOTAL.replace("The amount paid.", "What the customer paid.")).replace("paid for an order", "paid"),
        [(SAFE, "description-changed", ""), (SAFE, "description-changed", "total")],
    ),
    (
        "deprecated",
        plan(TOTAL),
        plan(TOTAL.replace("required: true", "required: true, deprecated: true")),
        [(SAFE, "deprecation-changed", "total")],
    ),
    ("new-version", plan(TOTAL), plan(TOTAL, version=2), [(SAFE, "version-added", "")]),
    (
        "traits-added",
        plan(TOTAL),
        plan(TOTAL) + "group:\n  traits:\n    plan: {type: string}\n",
        [(SAFE, "traits-added", "")],
    ),
    (
        "same-values-written-differently",
        plan("      ref: {type: [string, integer]}\n"),
        plan("      ref: {anyOf: [{type: integer}, {type: string}]}\n"),
        [],
    ),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_each_change_and_its_class(old: str, new: str, expected: list[tuple[str, str, str]]) -> None:
    assert changes(old, new) == expected


def test_events_without_properties_are_not_taken_for_renames() -> None:
    old = plan(TOTAL) + "  - name: Cart Viewed\n"
    new = plan(TOTAL) + "  - name: Search Run\n"
    assert changes(old, new) == [(CALLERS, "event-removed", ""), (SAFE, "event-added", "")]


def test_every_example_plan_against_itself_has_no_changes() -> None:
    for path in sorted((REPO / "examples").glob("*/plan.yaml")):
        text = path.read_text(encoding="utf-8")
        assert changes(text, text) == [], path


# -- rendering ------------------------------------------------------------------------

OLD = plan(TOTAL + "      coupon: {type: string}\n")
NEW = plan(TOTAL + "      coupon: {type: string, required: true}\n      note: {type: string}\n")


def diff_of(old: str, new: str) -> list[PlanChange]:
    return diff_plans(load_plan_text(old, "old.yaml")[0], load_plan_text(new, "new.yaml")[0])


def test_text_output() -> None:
    assert render_text(diff_of(OLD, NEW)) == (
        'new.yaml:9:7: breaking for callers: event "Order Completed", property "coupon": optional → required\n'
        'new.yaml:10:7: safe: event "Order Completed", property "note": added (optional)\n'
    )


def test_json_output() -> None:
    data = to_json(diff_of(OLD, NEW))
    assert data["summary"] == {CALLERS: 1, CONSUMERS: 0, SAFE: 1, "blocking": 1}
    assert data["changes"][0] == {  # type: ignore[index]
        "impact": CALLERS,
        "code": "property-required",
        "call": {"type": "track", "name": "Order Completed", "version": 1},
        "property": ["coupon"],
        "message": "optional → required",
        "versioned": False,
        "location": {"file": "new.yaml", "line": 9, "column": 7},
    }


def test_markdown_groups_by_class() -> None:
    text = render_markdown(diff_of(OLD, NEW))
    assert text.startswith(
        "<!-- trackgen diff -->\n\n### Tracking plan changes\n\n2 changes: 1 breaking for callers, 1 safe.\n"
    )
    assert "**1 breaking change is not made in a new event version.**" in text
    assert "#### Breaking for callers (1)" in text and "#### Safe (1)" in text
    assert "| event `Order Completed` | `coupon` | optional → required |" in text
    assert render_markdown([]).endswith("No changes to the tracking plan.\n")


def test_markdown_escapes_what_comes_from_the_plan() -> None:
    name = "Order | <b>Paid</b> `now` @team"
    old = plan("      tier: {enum: [free]}\n", event=json.dumps(name))
    new = plan(
        '      tier: {enum: [free, "<img src=x onerror=alert(1)>", "@team", "[x](http://e.com) #1"]}\n',
        event=json.dumps(name),
    )
    text = render_markdown(diff_of(old, new))
    rows = [line for line in text.splitlines() if line.startswith("| event")]
    assert len(rows) == 3
    for row in rows:  # the plan's pipes cannot add columns
        assert len(re.findall(r"(?<!\\)\|", row)) == 4, row
        assert row.startswith("| event ``Order \\| <b>Paid</b> `now` @team`` | `tier` | ")
    body = "\n".join(row.split(" | ", 2)[2] for row in rows)
    assert re.search(r"(?<!\\)[<>]", body) is None and "\\<img" in body  # no HTML
    assert "@team" not in body and "@\u200bteam" in body
    assert "\\[x\\](http://e.com) #\u200b1" in body


def test_breaking_changes_in_a_new_version_are_not_blocking() -> None:
    found = diff_of(plan(TOTAL), plan(TOTAL.replace("number", "integer"), version=2))
    assert [(c.code, c.versioned, c.blocking) for c in found] == [
        ("type-narrowed", True, False),
        ("version-added", False, False),
    ]
    assert 'breaking for callers (in a new event version): event "Order Completed" v2' in render_text(found)


# -- the command: exit codes ----------------------------------------------------------


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "old.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "new.yaml").write_text(NEW, encoding="utf-8")
    (tmp_path / "v2.yaml").write_text(
        plan(TOTAL + "      coupon: {type: string, required: true}\n", version=2), encoding="utf-8"
    )
    return tmp_path


def test_exit_0_lists_the_changes(pair: Path) -> None:
    result = invoke("old.yaml", "new.yaml")
    assert result.exit_code == 0
    assert result.stdout == render_text(diff_of(OLD, NEW))
    assert result.stderr == "2 changes: 1 breaking for callers, 1 safe\n"


def test_exit_0_without_changes_even_with_fail_on(pair: Path) -> None:
    result = invoke("old.yaml", "old.yaml", "--fail-on", "breaking")
    assert result.exit_code == 0 and result.stdout == "" and result.stderr == "no changes\n"


def test_exit_1_on_a_breaking_change_without_a_new_version(pair: Path) -> None:
    result = invoke("old.yaml", "new.yaml", "--fail-on", "breaking")
    assert result.exit_code == 1
    assert result.stderr.endswith("trackgen: 1 breaking change not made in a new event version\n")


def test_exit_0_when_the_breaking_change_comes_with_a_new_version(pair: Path) -> None:
    result = invoke("old.yaml", "v2.yaml", "--fail-on", "breaking")
    assert result.exit_code == 0, result.output
    assert "(in a new event version)" in result.stdout


@pytest.mark.parametrize("fmt", ["markdown", "json"])
def test_formats_exit_the_same_way(pair: Path, fmt: str) -> None:
    result = invoke("old.yaml", "new.yaml", "--format", fmt, "--fail-on", "breaking")
    assert result.exit_code == 1
    if fmt == "json":
        assert json.loads(result.stdout)["summary"]["blocking"] == 1
    else:
        assert result.stdout.startswith("<!-- trackgen diff -->")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["old.yaml"], "give two plan files"),
        (["old.yaml", "missing.yaml"], "missing.yaml:1:1: error[TG000]: cannot read plan"),
        (["old.yaml", "new.yaml", "--format", "html"], '--format "html"'),
        (["old.yaml", "new.yaml", "--fail-on", "everything"], '--fail-on "everything"'),
        (["old.yaml", "new.yaml", "--base", "HEAD"], "with --base, give one plan file at most"),
    ],
    ids=["one-file", "missing-file", "format", "fail-on", "base-and-two-files"],
)
def test_exit_2_on_errors(pair: Path, args: list[str], message: str) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stdout == ""


def test_exit_2_on_a_broken_plan(pair: Path) -> None:
    (pair / "new.yaml").write_text(
        NEW.replace("required: true, description", "requird: true, description"), encoding="utf-8"
    )
    result = invoke("old.yaml", "new.yaml")
    assert result.exit_code == 2
    assert "new.yaml:8:" in result.stderr and 'unknown key "requird"' in result.stderr


# -- --base: the plan at a git revision -----------------------------------------------


def git(cwd: Path, *args: str) -> None:
    env = dict(
        os.environ,
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.com",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.com",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, stdin=subprocess.DEVNULL)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A git repository with the plan committed in plans/, then changed."""
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "plan.yaml").write_text(OLD, encoding="utf-8")
    (tmp_path / "trackgen.toml").write_text('plan = "plans/plan.yaml"\n[python]\nout = "gen/shop"\n', encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "plan")
    (tmp_path / "plans" / "plan.yaml").write_text(NEW, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_base_compares_with_the_revision(repo: Path) -> None:
    result = invoke("--base", "main", "plans/plan.yaml")
    assert result.exit_code == 0, result.output
    assert result.stdout == render_text(diff_of(OLD, NEW)).replace("new.yaml", "plans/plan.yaml")
    assert invoke("--base", "main", "plans/plan.yaml", "--fail-on", "breaking").exit_code == 1


def test_base_takes_the_plan_from_the_config(repo: Path) -> None:
    result = invoke("--base", "HEAD", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["summary"][CALLERS] == 1


def test_base_from_another_folder(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo / "plans")
    assert invoke("--base", "HEAD", "plan.yaml", "--fail-on", "breaking").exit_code == 1


def test_a_plan_new_in_this_branch_counts_as_added(repo: Path) -> None:
    (repo / "other.yaml").write_text(OLD, encoding="utf-8")
    result = invoke("--base", "HEAD", "other.yaml", "--fail-on", "breaking")
    assert result.exit_code == 0
    assert "other.yaml is not in HEAD; every call in it counts as added" in result.stderr
    assert 'safe: event "Order Completed": added' in result.stdout


@pytest.mark.parametrize("rev", ["no-such-branch", "--output=x"])
def test_exit_2_on_a_bad_revision(repo: Path, rev: str) -> None:
    result = invoke("--base", rev, "plans/plan.yaml")
    assert result.exit_code == 2
    assert "error[TG500]" in result.stderr
    assert not (repo / "x").exists()


def test_base_outside_a_repository(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(OLD, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        read_plan_at("HEAD", tmp_path / "plan.yaml")
    assert "not a git repository" in info.value.diagnostics[0].message


def test_an_old_revision_with_a_broken_plan_exits_2(repo: Path) -> None:
    (repo / "plans" / "plan.yaml").write_text("name: [\n", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "broken")
    (repo / "plans" / "plan.yaml").write_text(NEW, encoding="utf-8")
    result = invoke("--base", "HEAD", "plans/plan.yaml")
    assert result.exit_code == 2
    assert result.stderr.startswith("HEAD:plans/plan.yaml:2:1: error[TG001]")


# -- without a terminal ---------------------------------------------------------------


def test_diff_runs_with_stdin_closed(repo: Path) -> None:
    ok = run_cli("diff", "--base", "HEAD", cwd=repo)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith('plans/plan.yaml:9:7: breaking for callers: event "Order Completed"')
    failing = run_cli("diff", "--base", "HEAD", "--fail-on", "breaking", "--format", "markdown", cwd=repo)
    assert failing.returncode == 1
    assert failing.stdout.startswith("<!-- trackgen diff -->")
    assert run_cli("diff", "--base", "nope", cwd=repo).returncode == 2
    assert "\x1b[" not in ok.stdout + ok.stderr + failing.stdout + failing.stderr


def test_impact_labels() -> None:
    assert [i.label for i in Impact] == ["breaking for callers", "breaking for data consumers", "safe"]
