"""``trackgen lint``: every finding printed, exit codes, formats, --strict and --fix.

The command is registered here as cli.py will register it (``app.command()(lint)``).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from conftest import CORPUS, REPO
from trackgen.lint.command import lint

GOLDEN = REPO / "tests" / "lint" / "golden"


def run(*args: str) -> Any:
    app = typer.Typer()
    app.command()(lint)
    app.command("other")(lambda: None)  # a group, as in trackgen's CLI: "lint" is a subcommand
    return CliRunner().invoke(app, ["lint", *args])


def test_a_clean_plan_exits_0() -> None:
    result = run(str(REPO / "examples" / "ecommerce" / "plan.yaml"))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.endswith(": 0 errors, 0 warnings, 0 info\n")


def test_every_finding_is_printed_and_errors_exit_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(GOLDEN / "guide-mistakes" / "plan.yaml", tmp_path / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    result = run("plan.yaml")
    assert result.exit_code == 1
    assert result.stdout == (GOLDEN / "guide-mistakes" / "expected.txt").read_text(encoding="utf-8")
    assert result.stderr == "plan.yaml: 4 errors, 13 warnings, 1 info\n"


def test_warnings_exit_1_only_with_strict(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("name: P\nevents:\n  - name: Signup\n    description: d\n", encoding="utf-8")
    assert run(str(plan)).exit_code == 0
    assert run(str(plan), "--strict").exit_code == 1


@pytest.mark.parametrize("fmt", ["json", "sarif", "github"])
def test_formats(fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(GOLDEN / "guide-mistakes" / "plan.yaml", tmp_path / "plan.yaml")
    monkeypatch.chdir(tmp_path)
    result = run("plan.yaml", "--format", fmt)
    assert result.exit_code == 1 and result.stderr == ""
    if fmt == "json":
        assert len(json.loads(result.stdout)["diagnostics"]) == 18
    elif fmt == "sarif":
        assert len(json.loads(result.stdout)["runs"][0]["results"]) == 18
    else:
        assert result.stdout.startswith("::error file=plan.yaml,line=7,col=5,title=TG404 dynamic-event-name::")


def test_a_plan_that_does_not_parse_gives_its_errors(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("name: P\nevents:\n  - name: [\n", encoding="utf-8")
    result = run(str(plan), "--format", "sarif")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["runs"][0]["results"][0]["ruleId"] == "TG001"


def test_plan_and_settings_from_the_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("plan.yaml", "trackgen.toml"):
        shutil.copy(GOLDEN / "conventions" / name, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 1  # object-action is an error in this config
    assert result.stdout == (GOLDEN / "conventions" / "expected.txt").read_text(encoding="utf-8")


def test_fix_rewrites_the_plan_in_place(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    shutil.copy(REPO / "tests" / "lint" / "fix" / "casing.yaml", plan)
    result = run(str(plan), "--fix", "--strict")
    assert result.exit_code == 0, result.output
    assert plan.read_text(encoding="utf-8") == (REPO / "tests" / "lint" / "fix" / "casing.fixed.yaml").read_text(encoding="utf-8")
    assert "fixed 11 name(s)" in result.stderr
    assert run(str(plan), "--fix").stderr.startswith("trackgen lint: fixed 0 name(s)")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], 'error[TG200]: unknown format "xml"; use text, json, sarif, github'),
        ([], "error[TG200]: no plan given"),
        (["missing.yaml"], "error[TG000]: cannot read plan"),
    ],
)
def test_usage_errors_exit_2(args: list[str], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_config_errors_exit_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "trackgen.toml").write_text('[lint]\ncolour = "blue"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run("plan.yaml")
    assert result.exit_code == 2
    assert result.stderr == 'trackgen.toml:2:1: error[TG301]: unknown setting "lint.colour"\n'


def test_the_config_is_read_as_a_build_reads_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One reader of the config (trackgen.config.read_config): a setting that would
    stop a build stops lint too, located the same way."""
    (tmp_path / "trackgen.toml").write_text('plan = "plan.yaml"\n[python]\noutt = "gen"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run()
    assert result.exit_code == 2
    assert result.stderr == 'trackgen.toml:3:1: error[TG301]: unknown setting "python.outt"\n'


def test_an_export_is_linted_as_imported() -> None:
    export = CORPUS / "rudderstack" / "ruddertyper-example.json"
    result = run(str(export), "--format", "json")
    assert result.exit_code == 1  # "Sample event 1" has a value in its name
    codes = [d["code"] for d in json.loads(result.stdout)["diagnostics"]]
    assert "TG605" in codes  # the importer's notes come first-hand
    assert set(codes) - {"TG605"} == {"TG402", "TG403", "TG404", "TG406", "TG415"}


def test_fix_refuses_to_rewrite_an_export(tmp_path: Path) -> None:
    export = tmp_path / "export.json"
    shutil.copy(CORPUS / "rudderstack" / "ruddertyper-example.json", export)
    before = export.read_text(encoding="utf-8")
    result = run(str(export), "--fix")
    assert export.read_text(encoding="utf-8") == before
    assert "--fix rewrites native trackgen plans" in result.stderr
