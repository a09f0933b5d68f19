"""trackgen build runs the lint: findings are printed, and only fail the build
when the config says so (fail_on)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from trackgen.cli import app

PLAN = """\
trackgen: 1
name: Lint In Build
events:
  - name: signup
    description: Someone signed up.
    properties:
      Plan Tier:
        description: The tier.
        type: string
"""


def _build(tmp_path: Path, config: str) -> tuple[int, str]:
    (tmp_path / "plan.yaml").write_text(PLAN)
    (tmp_path / "trackgen.toml").write_text('plan = "plan.yaml"\n[python]\nout = "out/analytics"\n' + config)
    result = CliRunner().invoke(app, ["build", "--config", str(tmp_path / "trackgen.toml")])
    return result.exit_code, result.output


def test_build_prints_findings_and_still_generates(tmp_path: Path) -> None:
    code, output = _build(tmp_path, "")
    assert code == 0, output
    assert "warning[TG401]" in output and "warning[TG402]" in output
    assert (tmp_path / "out" / "analytics" / "__init__.py").exists()


def test_fail_on_warning_makes_findings_fail_the_build(tmp_path: Path) -> None:
    code, output = _build(tmp_path, '[lint]\nfail_on = "warning"\n')
    assert code == 1
    assert "warning[TG401]" in output and "nothing was written" in output
    assert not (tmp_path / "out").exists()


def test_rules_can_be_turned_off_for_the_build(tmp_path: Path) -> None:
    code, output = _build(tmp_path, '[lint]\nfail_on = "warning"\n[lint.rules]\nTG401 = "off"\nTG402 = "off"\nTG403 = "off"\n')
    assert code == 0, output


def test_build_summarises_many_findings_and_lint_lists_them_all(tmp_path: Path) -> None:
    """Thousands of findings do not bury the build's result: the first five, then one
    line of counts; ``trackgen lint`` prints every one."""
    events = "".join(
        f"  - name: Thing {i} Happened\n    description: A thing.\n    properties:\n      Bad Key {i}: {{type: string}}\n"
        for i in range(40)
    )
    (tmp_path / "plan.yaml").write_text("trackgen: 1\nname: Many\nevents:\n" + events)
    runner = CliRunner()
    built = runner.invoke(app, ["build", "--plan", str(tmp_path / "plan.yaml"), "--python-out", str(tmp_path / "out" / "many")])
    assert built.exit_code == 0, built.output
    findings = [line for line in built.stderr.splitlines() if "[TG4" in line]
    assert len(findings) == 5
    assert built.stderr.splitlines()[5] == (
        "trackgen: 160 lint findings (TG402 40, TG404 40, TG406 40, TG415 40); the first 5 are above;"
        " `trackgen lint` lists them all"
    )
    linted = runner.invoke(app, ["lint", str(tmp_path / "plan.yaml")])
    assert sum("[TG4" in line for line in linted.output.splitlines()) == 160
