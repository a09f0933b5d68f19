"""``trackgen init``: a starter project that builds, lints clean and is up to date
after one build; no questions off a terminal; never an overwritten file."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from trackgen import init_command
from trackgen.api import load_plan
from trackgen.diagnostics import PlanError
from trackgen.lint import lint_path
from trackgen.starter import init_project

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


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """A subprocess with stdin closed and no terminal, as in CI."""
    return subprocess.run(args, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)


def invoke(*args: str, input: str | None = None) -> Any:
    app = typer.Typer()
    app.command()(init_command.init)
    app.command("other")(lambda: None)
    return CliRunner().invoke(app, ["init", *args], input=input)


def test_init_then_build_then_check_with_stdin_closed(tmp_path: Path) -> None:
    project = tmp_path / "acme-web"
    made = run([sys.executable, "-c", SCRIPT, "init", str(project)], cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stderr == ""  # no prompt: nobody is at a terminal
    assert made.stdout == (
        "created acme-web/plan.yaml\ncreated acme-web/trackgen.toml\ncreated acme-web/NEXT_STEPS.md\n"
        "next: cd acme-web && trackgen build (NEXT_STEPS.md says what follows)\n"
    )
    built = run([sys.executable, "-m", "trackgen", "build"], cwd=project)
    assert built.returncode == 0, built.stdout + built.stderr
    assert (project / "analytics_events" / "__init__.py").is_file()
    assert (project / "src" / "analytics" / "index.ts").is_file()
    checked = run([sys.executable, "-c", SCRIPT, "check"], cwd=project)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_starter_plan_is_named_after_the_folder_and_lints_clean(tmp_path: Path) -> None:
    project = tmp_path / "acme_web"
    init_project(project, name=init_command._name_from(project))
    plan, warnings = load_plan(project / "plan.yaml")
    assert plan.name == "Acme Web" and warnings == []
    assert [e.name for e in plan.events] == ["User Signed Up", "Workspace Created", "Lead Captured"]
    assert lint_path(project / "plan.yaml", "plan.yaml") == []


def test_the_generated_python_is_what_next_steps_shows(tmp_path: Path) -> None:
    init_project(tmp_path)
    assert run([sys.executable, "-m", "trackgen", "build"], cwd=tmp_path).returncode == 0
    notes = (tmp_path / "NEXT_STEPS.md").read_text(encoding="utf-8")
    assert "from analytics_events import configure, track_workspace_created" in notes
    program = (
        "from analytics_events import RecordingClient, configure, track_workspace_created\n"
        "client = RecordingClient()\n"
        "configure(client=client)\n"
        "track_workspace_created(account_tier='team', user_id='u_42')\n"
        "print(len(client.calls))\n"
    )
    ran = run([sys.executable, "-c", program], cwd=tmp_path)
    assert ran.returncode == 0 and ran.stdout == "1\n", ran.stderr


@pytest.mark.parametrize("existing", ["plan.yaml", "trackgen.toml", "NEXT_STEPS.md"])
def test_init_never_overwrites(tmp_path: Path, existing: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / existing).write_text("mine\n", encoding="utf-8")
    result = invoke()
    assert result.exit_code == 2
    assert f"{existing}:1:1: error[TG501]: exists; init never overwrites a file" in result.stderr
    assert result.stderr.endswith("trackgen: init wrote nothing\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing]
    assert (tmp_path / existing).read_text(encoding="utf-8") == "mine\n"


def test_init_leaves_a_configured_project_alone(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.trackgen]\nplan = "events.yaml"\n', encoding="utf-8")
    with pytest.raises(PlanError) as info:
        init_project(tmp_path)
    assert "already has trackgen settings" in info.value.diagnostics[0].message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyproject.toml"]


def test_flags_choose_name_outputs_and_sdk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    name = 'Shop "EU": café # 2'
    result = invoke("--name", name, "--python-out", "app/shop_events", "--no-typescript")
    assert result.exit_code == 0, result.output
    plan, _ = load_plan(tmp_path / "plan.yaml")
    assert plan.name == name
    config = tomllib.loads((tmp_path / "trackgen.toml").read_text(encoding="utf-8"))
    assert config["python"]["out"] == "app/shop_events" and "typescript" not in config
    assert "import it as `shop_events`" in (tmp_path / "NEXT_STEPS.md").read_text(encoding="utf-8")


def test_node_sdk(tmp_path: Path) -> None:
    result = invoke(str(tmp_path), "--typescript-sdk", "analytics-node", "--no-python")
    assert result.exit_code == 0, result.output
    config = tomllib.loads((tmp_path / "trackgen.toml").read_text(encoding="utf-8"))
    assert config["typescript"]["sdk"] == "analytics-node" and "python" not in config


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--python-out", "app/my-events"], '"my-events" is not an importable package name'),
        (["--python-out", "/abs/events"], "give a path relative to the project folder"),
        (["--no-python", "--no-typescript"], "choose at least one output"),
        (["--name", " "], "the plan needs a name"),
        (["--typescript-sdk", "node"], '--typescript-sdk "node"'),
    ],
    ids=["package-name", "absolute", "no-output", "empty-name", "sdk"],
)
def test_bad_choices_exit_2_and_write_nothing(tmp_path: Path, args: list[str], message: str) -> None:
    result = invoke(str(tmp_path / "p"), *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "p").exists()


def test_asks_on_a_terminal_only_what_flags_leave_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init_command, "_interactive", lambda: True)
    result = invoke(str(tmp_path), "--typescript-out", "web/analytics", input="Acme\nsrc/acme_events\n")
    assert result.exit_code == 0, result.output
    assert "Plan name" in result.stdout and "Python package folder" in result.stdout
    assert "TypeScript folder" not in result.stdout
    config = tomllib.loads((tmp_path / "trackgen.toml").read_text(encoding="utf-8"))
    assert (config["python"]["out"], config["typescript"]["out"]) == ("src/acme_events", "web/analytics")
    assert load_plan(tmp_path / "plan.yaml")[0].name == "Acme"


def test_yes_asks_nothing_even_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init_command, "_interactive", lambda: True)
    result = invoke(str(tmp_path / "shop"), "--yes")
    assert result.exit_code == 0, result.output
    assert "Plan name" not in result.stdout
    assert load_plan(tmp_path / "shop" / "plan.yaml")[0].name == "Shop"


def test_a_terminal_answer_of_dash_skips_a_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(init_command, "_interactive", lambda: True)
    result = invoke(str(tmp_path), input="\n-\n\n")
    assert result.exit_code == 0, result.output
    config = tomllib.loads((tmp_path / "trackgen.toml").read_text(encoding="utf-8"))
    assert "python" not in config and config["typescript"]["out"] == "src/analytics"
