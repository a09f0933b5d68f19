"""Lint settings from pyproject.toml ([tool.trackgen.lint]) or trackgen.toml ([lint]),
with located errors for what is wrong in them; the build gate (fail_on)."""

from __future__ import annotations

from pathlib import Path

import pytest

from trackgen.diagnostics import Diagnostic, Location, PlanError, Severity
from trackgen.lint import LintConfig, fails, read_lint_settings


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_table(tmp_path: Path) -> None:
    path = write(tmp_path, "pyproject.toml", """\
[project]
name = "x"

[tool.trackgen]
plan = "plans/plan.yaml"

[tool.trackgen.lint]
event_case = "Sentence case"
property_case = "camelCase"
max_properties = 12
fail_on = "warning"

[tool.trackgen.lint.rules]
object-action = "error"
TG415 = "off"
""")
    settings = read_lint_settings(path)
    assert settings.plan == tmp_path / "plans" / "plan.yaml"
    config = settings.config
    assert (config.event_case, config.property_case, config.traits_case) == ("Sentence case", "camelCase", "camelCase")
    assert (config.max_properties, config.fail_on) == (12, "warning")
    assert config.rules == {"TG403": "error", "TG415": "off"}
    assert config.severity("TG403") is Severity.ERROR
    assert config.severity("TG415") is None
    assert config.severity("TG416") is Severity.INFO


def test_trackgen_toml_table(tmp_path: Path) -> None:
    path = write(tmp_path, "trackgen.toml", 'plan = "plan.yaml"\n\n[lint]\ntrait_case = "camelCase"\n')
    settings = read_lint_settings(path)
    assert settings.config == LintConfig(trait_case="camelCase")
    assert settings.config.traits_case == "camelCase" and settings.config.property_case == "snake_case"
    assert settings.plan == tmp_path / "plan.yaml"


def test_no_lint_table_means_the_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "trackgen.toml", 'plan = "plan.yaml"\n')
    assert read_lint_settings(path).config == LintConfig()


def errors(path: Path) -> list[Diagnostic]:
    with pytest.raises(PlanError) as info:
        read_lint_settings(path)
    return info.value.diagnostics


def test_unknown_settings_are_located_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "trackgen.toml", '[lint]\nevent_case = "Title Case"\nevent_cas = "x"\n')
    assert errors(path) == [
        Diagnostic("TG301", Severity.ERROR, 'unknown setting "lint.event_cas"', Location(path.as_posix(), 3, 1))
    ]


def test_unknown_rules_are_located_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "pyproject.toml", '[tool.trackgen.lint.rules]\nTG403 = "off"\nno-such-rule = "off"\n')
    [d] = errors(path)
    assert (d.code, d.location) == ("TG301", Location(path.as_posix(), 3, 1))
    assert d.message.startswith('unknown rule "no-such-rule" in "tool.trackgen.lint.rules"')


def test_wrong_values_are_located_errors(tmp_path: Path) -> None:
    path = write(tmp_path, "trackgen.toml", '[lint]\nevent_case = "Shouting"\nfail_on = "sometimes"\n\n[lint.rules]\nTG401 = "loud"\n')
    found = errors(path)
    assert [(d.code, d.location.line if d.location else 0) for d in found] == [("TG301", 2), ("TG301", 3), ("TG301", 6)]
    assert found[0].message.startswith('"lint.event_case": Input should be \'Title Case\'')


def test_invalid_toml(tmp_path: Path) -> None:
    [d] = errors(write(tmp_path, "trackgen.toml", "[lint\n"))
    assert d.code == "TG300" and d.message.startswith("invalid TOML")


@pytest.mark.parametrize(
    ("fail_on", "severities", "fail"),
    [
        ("never", [Severity.ERROR], False),
        ("error", [Severity.WARNING, Severity.INFO], False),
        ("error", [Severity.ERROR], True),
        ("warning", [Severity.WARNING], True),
        ("warning", [Severity.INFO], False),
    ],
)
def test_the_build_gate(fail_on: str, severities: list[Severity], fail: bool) -> None:
    assert fails([Diagnostic("TG401", s, "m") for s in severities], fail_on) is fail
