"""``trackgen check``: every exit code, the diff and the file list, every setting as a
flag, no terminal needed; and ``trackgen build --watch``.

The commands are registered here as cli.py registers them (``app.command()(check)``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from trackgen import cli
from trackgen.cli import check
from trackgen.api import GeneratedFile
from trackgen.check import Change, render_diff, stale_files
from trackgen.diagnostics import Diagnostic, PlanError, Severity
from trackgen.watch import build_watch, watch
from trackgen.writer import MANIFEST, write_outputs

PLAN = """\
trackgen: 1
name: Shop
events:
  - name: Order Completed
    description: A customer paid for an order.
    properties:
      total:
        description: What the customer paid, in US dollars.
        type: number
        required: true
"""

CONFIG = """\
plan = "plan.yaml"

[python]
out = "gen/shop_analytics"

[typescript]
out = "gen/ts"
"""

#: The commands as the CLI will have them, runnable in a subprocess.
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
    app.command()(check)
    app.command("other")(lambda: None)  # a group, as in trackgen's CLI: "check" is a subcommand
    return CliRunner().invoke(app, ["check", *args])


def build(*args: str) -> None:
    result = CliRunner().invoke(cli.app, ["build", *args])
    assert result.exit_code == 0, result.output


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A built project (plan, config, generated code); the working directory."""
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "trackgen.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    build()
    return tmp_path


# -- exit codes -----------------------------------------------------------------------


def test_a_plan_outside_the_configs_folder_is_named_as_build_names_it(project: Path) -> None:
    """check runs build's pipeline (trackgen.pipeline): the plan's name in the headers
    is the same for both, also when the plan is not in the config file's folder."""
    (project / "sub").mkdir()
    (project / "sub" / "trackgen.toml").write_text(
        CONFIG.replace('"plan.yaml"', '"../plan.yaml"').replace('"gen/', '"../gen/'), encoding="utf-8"
    )
    built = CliRunner().invoke(cli.app, ["build", "--config", "sub/trackgen.toml"])
    assert built.exit_code == 0, built.output
    result = invoke("--config", "sub/trackgen.toml")
    assert result.exit_code == 0, result.output


def test_up_to_date_exits_0(project: Path) -> None:
    result = invoke()
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert re.fullmatch(r"trackgen: the generated code is up to date \(\d+ files\)\n", result.stderr)


def test_a_changed_file_exits_1_with_a_unified_diff(project: Path) -> None:
    index = project / "gen" / "ts" / "index.ts"
    index.write_text(index.read_text(encoding="utf-8") + "// edited by hand\n", encoding="utf-8")
    result = invoke()
    assert result.exit_code == 1
    assert result.stdout.startswith(
        "diff --git a/gen/ts/index.ts b/gen/ts/index.ts\n--- a/gen/ts/index.ts\n+++ b/gen/ts/index.ts\n@@ "
    )
    assert "\n-// edited by hand\n" in result.stdout
    assert result.stderr == "trackgen: 1 file out of date with the plan; run trackgen build\n"


def test_name_only_lists_the_files(project: Path) -> None:
    (project / "gen" / "shop_analytics" / "py.typed").unlink()
    index = project / "gen" / "ts" / "index.ts"
    index.write_text("// stale\n", encoding="utf-8")
    result = invoke("--name-only")
    assert result.exit_code == 1
    assert result.stdout == "gen/shop_analytics/py.typed\ngen/ts/index.ts\n"


def test_a_plan_change_makes_the_code_stale(project: Path) -> None:
    (project / "plan.yaml").write_text(PLAN.replace("Order Completed", "Order Refunded"), encoding="utf-8")
    result = invoke("--name-only")
    assert result.exit_code == 1
    assert "gen/shop_analytics/events/calls.py" in result.stdout.splitlines()


def test_files_the_build_would_remove_are_stale(project: Path) -> None:
    root = project / "gen" / "ts"
    (root / "old.ts").write_text("// Generated by trackgen 0.0.1 from plan.yaml. Do not edit.\n", encoding="utf-8")
    (root / MANIFEST).write_text((root / MANIFEST).read_text(encoding="utf-8") + "old.ts\n", encoding="utf-8")
    result = invoke()
    assert result.exit_code == 1
    assert (
        "diff --git a/gen/ts/old.ts b/gen/ts/old.ts\ndeleted file mode 100644\n--- a/gen/ts/old.ts\n+++ /dev/null\n"
        in result.stdout
    )
    # the manifest a build writes no longer lists it
    assert "diff --git a/gen/ts/.trackgen-manifest b/gen/ts/.trackgen-manifest\n" in result.stdout


def test_the_diff_applies_and_then_check_passes(project: Path) -> None:
    (project / "gen" / "shop_analytics" / "py.typed").unlink()
    (project / "gen" / "ts" / "client.ts").write_text("stale, no newline at the end", encoding="utf-8")
    (project / "plan.yaml").write_text(PLAN.replace("paid for an order", "paid"), encoding="utf-8")
    stale = invoke()
    assert stale.exit_code == 1
    assert "\\ No newline at end of file\n" in stale.stdout
    applied = subprocess.run(
        ["git", "apply", "-"], cwd=project, input=stale.stdout, capture_output=True, text=True
    )
    assert applied.returncode == 0, applied.stderr
    assert invoke().exit_code == 0


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        ("name: Shop\nevents:\n  - name: [\n", "plan.yaml:4:1: error[TG001]: syntax error"),
        (PLAN.replace("required: true", "requird: true"), 'unknown key "requird" (did you mean "required"?)'),
    ],
    ids=["yaml-error", "unknown-key"],
)
def test_plan_errors_exit_2(project: Path, plan: str, expected: str) -> None:
    (project / "plan.yaml").write_text(plan, encoding="utf-8")
    result = invoke()
    assert result.exit_code == 2
    assert result.stdout == ""
    assert expected in result.stderr
    assert result.stderr.endswith("trackgen: check failed with 1 error(s)\n")


def test_config_errors_exit_2(project: Path) -> None:
    (project / "trackgen.toml").write_text("colour = true\n" + CONFIG, encoding="utf-8")
    result = invoke()
    assert result.exit_code == 2
    assert 'error[TG301]: unknown setting "colour"' in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--mode", "fast"],
        ["--validation", "loud"],
        ["--adapter", "heap"],
        ["--pin", "Order Completed"],
        ["--typescript-sdk", "node"],
    ],
    ids=["mode", "validation", "adapter", "pin", "sdk"],
)
def test_bad_flags_exit_2(project: Path, args: list[str]) -> None:
    result = invoke(*args)
    assert result.exit_code == 2
    assert "error[TG200]" in result.stderr


def test_every_flag_problem_is_reported_at_once(project: Path) -> None:
    """As build does (both go through trackgen.runs.prepare_from_flags)."""
    result = invoke("--mode", "fast", "--adapter", "segment", "--pin", "Order Completed", "--python-out", "gen/shop-analytics")
    assert result.exit_code == 2
    assert result.stderr == (
        'error[TG200]: --adapter "segment": use one of posthog, mixpanel, amplitude\n'
        'error[TG200]: --mode "fast": use one of development, production\n'
        'error[TG200]: --pin "Order Completed": write EVENT=VERSION, such as "Order Completed=2"\n'
        "trackgen: check failed with 3 error(s)\n"
    )
    result = invoke("--mode", "fast", "--python-out", "gen/shop-analytics")
    assert result.stderr == (
        'error[TG200]: --mode "fast": use one of development, production\n'
        'error[TG201]: --python-out "gen/shop-analytics": "shop-analytics" is not an importable package name\n'
        "trackgen: check failed with 2 error(s)\n"
    )


def test_no_plan_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke()
    assert result.exit_code == 2
    assert "no plan given" in result.stderr


def test_lint_failures_that_fail_the_build_exit_2(project: Path) -> None:
    (project / "trackgen.toml").write_text(CONFIG + '\n[lint]\nfail_on = "warning"\n', encoding="utf-8")
    (project / "plan.yaml").write_text(PLAN.replace("Order Completed", "order_completed"), encoding="utf-8")
    result = invoke()
    assert result.exit_code == 2
    assert "warning[TG401]" in result.stderr


# -- every setting is a flag ------------------------------------------------------------


def test_flags_alone_without_a_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    flags = [
        "--plan",
        "plan.yaml",
        "--python-out",
        "py/shop",
        "--typescript-out",
        "ts",
        "--typescript-sdk",
        "analytics-node",
        "--mode",
        "production",
    ]
    build(*flags)
    assert invoke(*flags).exit_code == 0
    # each flag matters: a different value is a different output
    assert invoke(*flags[:-1], "development").exit_code == 1
    assert invoke(*flags[:7], "analytics-next", *flags[8:]).exit_code == 1


@pytest.mark.parametrize(
    "flags",
    [
        ["--adapter", "posthog"],
        ["--python-validation", "raise"],
        ["--typescript-validation", "off"],
        ["--validation", "off"],
        ["--mode", "production"],
    ],
    ids=["adapter", "python-validation", "typescript-validation", "validation", "mode"],
)
def test_settings_beyond_builds_flags(project: Path, flags: list[str]) -> None:
    result = invoke("--name-only", *flags)
    assert result.exit_code == 1, result.output


def test_pin_selects_an_event_version(project: Path) -> None:
    two = PLAN + """\
  - name: Order Completed
    version: 2
    description: A customer paid for an order.
    properties:
      total:
        description: What the customer paid, in US dollars.
        type: integer
        required: true
"""
    (project / "plan.yaml").write_text(two, encoding="utf-8")
    assert invoke("--name-only").exit_code == 1  # version 2 is the newest
    assert invoke("--pin", "Order Completed=1").exit_code == 0
    result = invoke("--pin", "Order Completed=3")
    assert result.exit_code == 2 and "TG103" in result.stderr


def test_config_flag_and_paths_relative_to_the_config(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = project / "sub"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert invoke("--config", "../trackgen.toml").exit_code == 0


# -- without a terminal ---------------------------------------------------------------


def test_check_runs_with_stdin_closed(project: Path) -> None:
    ok = run_cli("check", cwd=project)
    assert ok.returncode == 0, ok.stderr
    (project / "gen" / "ts" / "index.ts").write_text("// stale\n", encoding="utf-8")
    stale = run_cli("check", cwd=project)
    assert stale.returncode == 1
    assert stale.stdout.startswith("diff --git a/gen/ts/index.ts b/gen/ts/index.ts\n")
    assert "\x1b[" not in stale.stdout + stale.stderr  # no colour off a terminal
    (project / "plan.yaml").write_text("name: [\n", encoding="utf-8")
    assert run_cli("check", cwd=project).returncode == 2


# -- the library functions ------------------------------------------------------------


def test_stale_files_agrees_with_the_writer(tmp_path: Path) -> None:
    files = [
        GeneratedFile("python", "pkg/__init__.py", "# Generated by trackgen\n"),
        GeneratedFile("python", "pkg/py.typed", ""),
        GeneratedFile("typescript", "index.ts", "// Generated by trackgen\n"),
    ]
    roots = {"python": tmp_path / "py", "typescript": tmp_path / "ts"}
    assert [c.status for c in stale_files(files, roots)] == ["added"] * 5  # 3 files, 2 manifests
    write_outputs(files, roots)
    assert stale_files(files, roots) == []
    smaller = files[1:]
    write_outputs(files, roots)
    changes = stale_files(smaller, roots)
    assert [(c.path.relative_to(tmp_path).as_posix(), c.status) for c in changes] == [
        ("py/.trackgen-manifest", "modified"),
        ("py/pkg/__init__.py", "removed"),
    ]
    write_outputs(smaller, roots)
    assert stale_files(smaller, roots) == []


def test_render_diff_of_new_empty_and_removed_files(tmp_path: Path) -> None:
    changes = [
        Change(tmp_path / "a.py", "added", None, b"x = 1\n"),
        Change(tmp_path / "py.typed", "added", None, b""),
        Change(tmp_path / "b.py", "removed", b"y = 2", None),
    ]
    text = render_diff(changes, display=lambda p: p.name)
    assert text == (
        "diff --git a/a.py b/a.py\nnew file mode 100644\n--- /dev/null\n+++ b/a.py\n@@ -0,0 +1 @@\n+x = 1\n"
        "diff --git a/py.typed b/py.typed\nnew file mode 100644\n"
        "diff --git a/b.py b/b.py\ndeleted file mode 100644\n--- a/b.py\n+++ /dev/null\n@@ -1 +0,0 @@\n-y = 2\n"
        "\\ No newline at end of file\n"
    )


# -- build --watch --------------------------------------------------------------------

LINE = re.compile(r"\d\d:\d\d:\d\d built in \d+\.\d\ds: \d+ written, \d+ unchanged, \d+ removed")


def test_watch_rebuilds_and_survives_a_broken_plan() -> None:
    results: list[object] = ["1 written", PlanError([Diagnostic("TG101", Severity.ERROR, "broken")]), "2 written"]
    out: list[str] = []
    err: list[str] = []

    def build_once() -> str:
        result = results.pop(0)
        if isinstance(result, Exception):
            raise result
        assert isinstance(result, str)
        return result

    def wait(paths: list[Path]) -> list[set[Path]]:
        return [set(paths), set(paths)]  # two changes, then the watcher stops

    watch(build_once, [Path("plan.yaml")], out=out.append, err=err.append, wait=wait)
    assert re.fullmatch(r"\d\d:\d\d:\d\d built in \d+\.\d\ds: 1 written", out[0])
    assert out[1].startswith("watching ") and out[1].endswith("plan.yaml (Ctrl-C to stop)")
    assert re.fullmatch(
        r"\d\d:\d\d:\d\d build failed with 1 error\(s\); nothing was written; waiting for changes", out[2]
    )
    assert re.fullmatch(r"\d\d:\d\d:\d\d built in \d+\.\d\ds: 2 written", out[3])
    assert err == ["error[TG101]: broken"]


def test_watch_keeps_going_after_an_unexpected_error() -> None:
    calls: list[int] = []
    out: list[str] = []

    def build_once() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise KeyError("bug")
        return "ok"

    watch(build_once, [Path("p")], out=out.append, err=lambda _: None, wait=lambda paths: [set()])
    assert len(calls) == 2 and out[-1].endswith(": ok")


def test_watch_stops_on_ctrl_c() -> None:
    out: list[str] = []

    def wait(paths: list[Path]) -> Any:
        raise KeyboardInterrupt
        yield  # pragma: no cover

    watch(lambda: "ok", [Path("p")], out=out.append, err=lambda _: None, wait=wait)
    assert out[-1] == "stopped"


def test_build_watch_follows_the_plan(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = project / "plan.yaml"
    calls = project / "gen" / "shop_analytics" / "events" / "calls.py"

    def wait(paths: list[Path]) -> Any:
        assert plan.resolve() in paths and (project / "trackgen.toml").resolve() in paths
        plan.write_text("name: [\n", encoding="utf-8")
        yield {plan}
        plan.write_text(PLAN.replace("Order Completed", "Order Refunded"), encoding="utf-8")
        yield {plan}

    capsys.readouterr()
    build_watch(wait=wait)
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert LINE.fullmatch(lines[0]) and lines[0].endswith("0 written, 13 unchanged, 0 removed"), lines
    assert "build failed with 1 error(s)" in lines[2]
    assert LINE.fullmatch(lines[3]), lines
    assert "plan.yaml:" in err and "error[" in err
    assert "def track_order_refunded(" in calls.read_text(encoding="utf-8")


def test_build_watch_with_watchfiles(tmp_path: Path) -> None:
    """The real watcher: a save (a write, then an editor-style rename over the file)
    makes a rebuild; stopping returns."""
    import watchfiles  # noqa: F401  (a dependency of trackgen: this must not be skipped)

    plan = tmp_path / "plan.yaml"
    plan.write_text("one", encoding="utf-8")
    (tmp_path / "unrelated.txt").write_text("", encoding="utf-8")
    out: list[str] = []
    stop = threading.Event()
    thread = threading.Thread(
        target=watch,
        kwargs={
            "build_once": lambda: plan.read_text(encoding="utf-8"),
            "paths": [plan],
            "out": out.append,
            "err": out.append,
            "stop_event": stop,
            "debounce_ms": 50,
        },
        daemon=True,
    )
    thread.start()

    def wait_for(n: int) -> None:
        deadline = time.monotonic() + 30
        while sum(" built in " in line for line in out) < n and time.monotonic() < deadline:
            time.sleep(0.05)
        assert sum(" built in " in line for line in out) >= n, out

    try:
        wait_for(1)
        time.sleep(0.5)  # let the watcher start
        (tmp_path / "unrelated.txt").write_text("ignored", encoding="utf-8")
        plan.write_text("two", encoding="utf-8")
        wait_for(2)
        tmp = tmp_path / ".plan.yaml.swp"
        tmp.write_text("three", encoding="utf-8")
        shutil.move(tmp, plan)
        wait_for(3)
    finally:
        stop.set()
        thread.join(timeout=30)
    assert not thread.is_alive()
    builds = [line.rsplit(": ", 1)[1] for line in out if " built in " in line]
    assert builds[0] == "one" and "two" in builds and builds[-1] == "three"
