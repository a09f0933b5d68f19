"""Pinned lint output: the example plans lint clean, small mistake plans and the corpus
exports give the findings pinned beside them.

Set TRACKGEN_UPDATE_GOLDEN=1 to rewrite the expected files after a deliberate change,
then read the diff: every line is a finding a reviewer should agree with.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import CORPUS, REPO
from trackgen.lint import LintConfig, lint_path, lint_plan, read_lint_settings
from trackgen.lint.report import text
from trackgen.plan.load import plan_model

HERE = REPO / "tests" / "lint"
UPDATE = os.environ.get("TRACKGEN_UPDATE_GOLDEN") == "1"
EXAMPLES = sorted((REPO / "examples").glob("*/plan.yaml"))
CASES = sorted(p for p in (HERE / "golden").iterdir() if p.is_dir())
CORPUS_FILES = sorted(CORPUS.rglob("*.json"))


def check_golden(expected_file: Path, actual: str) -> None:
    if UPDATE:
        expected_file.write_text(actual, encoding="utf-8")
    assert expected_file.exists(), f"{expected_file} is missing: run with TRACKGEN_UPDATE_GOLDEN=1"
    assert actual == expected_file.read_text(encoding="utf-8")


@pytest.mark.parametrize("plan", EXAMPLES, ids=lambda p: p.parent.name)
def test_the_example_plans_lint_clean(plan: Path) -> None:
    config = read_lint_settings(plan.parent / "trackgen.toml").config
    assert lint_path(plan, plan.name, config) == []
    assert lint_path(plan, plan.name, LintConfig()) == []


@pytest.mark.parametrize("case", CASES, ids=lambda p: p.name)
def test_golden_cases(case: Path) -> None:
    settings = case / "trackgen.toml"
    config = read_lint_settings(settings).config if settings.exists() else LintConfig()
    diagnostics = lint_path(case / "plan.yaml", "plan.yaml", config)
    check_golden(case / "expected.txt", text(diagnostics))


def test_there_are_corpus_files() -> None:
    assert len(CORPUS_FILES) == 4


@pytest.mark.parametrize("export", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_findings(export: Path) -> None:
    from trackgen.importers import import_file

    display = export.relative_to(CORPUS).as_posix()
    data, problems = import_file(export, display)
    assert data is not None, problems
    diagnostics = lint_plan(plan_model(data))
    check_golden(HERE / "corpus" / f"{export.stem}.txt", text(diagnostics))
