"""``trackgen build`` from the command line: exit codes, located error messages, what
is (not) written to disk, settings from config files and flags.

Exit codes: 0 built; 1 the plan has errors (or the output cannot be written); 2 the
command line, the config or the plan file itself cannot be used, as for typer's own
usage errors. Tests marked "console script" run the installed ``trackgen`` in a
subprocess with stdin closed and no terminal, as CI does; the others call the typer
app in process (CliRunner), in a temporary working directory.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from conftest import REPO
from trackgen.cli import app
from trackgen.writer import MANIFEST

TRACKGEN = Path(sys.executable).with_name("trackgen")
B2B = REPO / "examples" / "b2b-saas" / "plan.yaml"

#: A diagnostic line: ``file:line:col: error[CODE]: message``.
LINE = re.compile(r"(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<severity>error|warning|info)\[(?P<code>TG\d{3})\]: (?P<message>.+)")
SUMMARY = re.compile(r"(\d+) written, (\d+) unchanged, (\d+) removed in \d+\.\d\ds")

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
  - name: Cart Viewed
    description: A customer looked at the cart.
"""

#: PLAN with a shared definition: a build of it writes defs.py and defs.ts as well.
PLAN_WITH_DEFS = PLAN + """\
  - name: Product Viewed
    description: A customer looked at a product.
    properties:
      product:
        $ref: "#/$defs/product"
        description: The product.
        required: true
$defs:
  product:
    type: object
    description: A product of the shop.
    properties:
      sku: {type: string, required: true, description: The stock keeping unit.}
"""

#: Every file a build of PLAN writes with ``--python-out out/shop --typescript-out out/ts``.
FILES = [
    "shop/.trackgen-manifest",
    "shop/__init__.py",
    "shop/_clients.py",
    "shop/_rules.py",
    "shop/_values.py",
    "shop/events/__init__.py",
    "shop/events/calls.py",
    "shop/py.typed",
    "shop/runtime.py",
    "ts/.trackgen-manifest",
    "ts/client.ts",
    "ts/events/calls.ts",
    "ts/index.ts",
    "ts/validation.ts",
    "ts/values.ts",
]
BUILD = ("build", "--plan", "plan.yaml", "--python-out", "out/shop", "--typescript-out", "out/ts")
PAST = 1_000_000_000 * 10**9  # 2001, in nanoseconds: any rewrite of a file shows in its mtime


def _closed_stdin() -> None:
    os.close(0)


def run(*args: str, cwd: Path, close_stdin: bool = False) -> subprocess.CompletedProcess[str]:
    """The console script, as CI runs it: no terminal; stdin /dev/null, or closed."""
    assert TRACKGEN.is_file(), f"{TRACKGEN} is missing: install trackgen in the virtual environment"
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "FORCE_COLOR")}
    proc = subprocess.run(
        [str(TRACKGEN), *args],
        cwd=cwd,
        env=env,
        stdin=None if close_stdin else subprocess.DEVNULL,
        preexec_fn=_closed_stdin if close_stdin else None,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in proc.stdout + proc.stderr, proc.stderr
    return proc


def invoke(*args: str) -> Any:
    """The typer app in process, in the working directory."""
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A working directory holding plan.yaml (PLAN)."""
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def snapshot(root: Path) -> dict[str, tuple[bytes, int] | None]:
    """Every file under ``root`` with its bytes and mtime; folders as None."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns) if p.is_file() else None
        for p in sorted(root.rglob("*"))
    }


def age(root: Path) -> None:
    for p in root.rglob("*"):
        if p.is_file():
            os.utime(p, ns=(PAST, PAST))


def counts(stdout: str) -> tuple[int, int, int]:
    match = SUMMARY.search(stdout)
    assert match, stdout
    written, unchanged, removed = map(int, match.groups())
    return written, unchanged, removed


# -- exit codes -----------------------------------------------------------------------


def test_console_script_builds_with_stdin_closed_and_exits_0(tmp_path: Path) -> None:
    shutil.copy(B2B, tmp_path / "plan.yaml")
    proc = run(*BUILD, cwd=tmp_path, close_stdin=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""
    assert re.fullmatch(
        r"python: 8 files in out/shop\ntypescript: 5 files in out/ts\n13 written, 0 unchanged, 0 removed in \d+\.\d\ds\n",
        proc.stdout,
    )
    assert sorted(snapshot(tmp_path / "out")) == sorted(["shop", "shop/events", "ts", "ts/events", *FILES])
    assert "\x1b[" not in proc.stdout  # no colour off a terminal


BAD_PLAN = PLAN.replace("        type: number\n", "        type: number\n        enm: [1, 2]\n")


@pytest.mark.parametrize(
    ("args", "code"),
    [
        pytest.param(("--version",), 0, id="version"),
        pytest.param(("--help",), 0, id="help"),
        pytest.param(("build", "--help"), 0, id="build-help"),
        pytest.param(BUILD, 0, id="built"),
        pytest.param(("build", "--plan", "bad.yaml", "--python-out", "out/shop"), 1, id="plan-error"),
        pytest.param((), 2, id="no-arguments"),
        pytest.param(("nope",), 2, id="unknown-command"),
        pytest.param(("build", "--bogus"), 2, id="unknown-option"),
        pytest.param(("build", "--plan"), 2, id="option-without-value"),
        pytest.param(("build",), 2, id="nothing-to-build"),
        pytest.param((*BUILD, "--mode", "fast"), 2, id="bad-choice"),
        pytest.param(("build", "--plan", "missing.yaml", "--python-out", "out/shop"), 2, id="no-plan-file"),
        pytest.param(("build", "--plan", "plan.yaml", "--python-out", "out/my-shop"), 2, id="bad-package-name"),
        pytest.param(("build", "--config", "missing.toml"), 2, id="no-config-file"),
    ],
)
def test_console_script_exit_codes(args: tuple[str, ...], code: int, tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (tmp_path / "bad.yaml").write_text(BAD_PLAN, encoding="utf-8")
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == code, proc.stdout + proc.stderr
    if code == 0 and args == ("--version",):
        assert re.fullmatch(r"trackgen \d+\.\d+\.\d+\S*\n", proc.stdout)
    if code != 0:
        assert proc.stdout == "" or args == ()  # no arguments: the help, on stdout or stderr
        assert not (tmp_path / "out").exists()


def test_error_lines_are_located_and_name_the_event_and_property(here: Path) -> None:
    (here / "plan.yaml").write_text(BAD_PLAN, encoding="utf-8")
    result = invoke("build", "--plan", "plan.yaml", "--python-out", "out/shop")
    assert result.exit_code == 1
    assert result.stdout == ""
    *lines, last = result.stderr.splitlines()
    assert last == "trackgen: build failed with 1 error(s); nothing was written"
    assert len(lines) == 1
    match = LINE.fullmatch(lines[0])
    assert match, lines[0]
    assert (match["file"], match["line"], match["col"], match["code"]) == ("plan.yaml", "10", "9", "TG101")
    assert match["message"] == 'event "Order Completed", property "total": unknown key "enm" (did you mean "enum"?)'


# -- a plan with several mistakes -------------------------------------------------------

MISTAKES = """\
trackgen: 1
name: Shop
events:
  - name: Order Completed
    description: A customer paid for an order.
    description: Paid.
    properties:
      total:
        description: What the customer paid, in US dollars.
        type: number
        minimum: zero
        enm: [1, 2]
      tier:
        description: The loyalty tier of the customer.
        enum: [gold, silver, 7]
        type: string
  - name: Order Completed
    description: The same event again.
  - name: Cart Viewed
    description: [A customer looked at the cart.
"""

FAILED = "trackgen: build failed with 2 error(s); nothing was written\n"


def test_console_script_reports_a_plan_with_several_mistakes_exactly(tmp_path: Path) -> None:
    """Every mistake is reported, as exactly these lines. What one mistake hides (the
    rest of a file YAML cannot parse; the meaning of a file that does not fit the
    plan's schema) is reported once it is fixed."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(MISTAKES, encoding="utf-8")
    args = ("build", "--plan", "plan.yaml", "--python-out", "out/shop")

    # YAML syntax error; a duplicate key before it.
    proc = run(*args, cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == (
        'plan.yaml:6:5: error[TG003]: duplicate key "description" (first defined at 5:5); '
        "YAML would silently keep only the last one\n"
        "plan.yaml:21:1: error[TG001]: syntax error: did not find expected ',' or ']'\n" + FAILED
    )

    # A value of the wrong type; an unknown key, with a suggestion.
    text = MISTAKES.replace("    description: Paid.\n", "").replace("[A customer", "A customer")
    plan.write_text(text, encoding="utf-8")
    proc = run(*args, cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == (
        'plan.yaml:10:18: error[TG101]: event "Order Completed", property "total": "minimum": '
        'input should be a valid number, not the string "zero"\n'
        'plan.yaml:11:9: error[TG101]: event "Order Completed", property "total": unknown key "enm" (did you mean "enum"?)\n'
        + FAILED
    )

    # An enum value of the wrong type; a duplicate event name.
    text = text.replace("minimum: zero", "minimum: 0").replace("enm:", "enum:")
    plan.write_text(text, encoding="utf-8")
    proc = run(*args, cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (1, "")
    assert proc.stderr == (
        'plan.yaml:14:30: error[TG105]: event "Order Completed", property "tier": enum value 7 is not of type string\n'  # the value
        'plan.yaml:16:5: error[TG102]: duplicate event "Order Completed" version 1 (first defined at 4:5)\n' + FAILED
    )
    assert not (tmp_path / "out").exists()

    text = text.replace("[gold, silver, 7]", "[gold, silver]").replace(
        "  - name: Order Completed\n    description: The same event again.\n", ""
    )
    plan.write_text(text, encoding="utf-8")
    proc = run(*args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == ""


def test_usage_errors_are_reported_at_once(here: Path) -> None:
    result = invoke("build", "--mode", "fast", "--validation", "loud", "--typescript-sdk", "deno")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        'error[TG200]: --mode "fast": use one of development, production\n'
        'error[TG200]: --typescript-sdk "deno": use one of analytics-next, analytics-node\n'
        'error[TG200]: --validation "loud": use one of off, warn, raise\n'
        "error[TG200]: no output given: pass --python-out, --typescript-out and/or --pydantic-out, or set them in the config\n"
        "error[TG200]: no plan given: pass --plan or set plan in trackgen.toml / [tool.trackgen]\n"
        "trackgen: build failed with 5 error(s); nothing was written\n"
    )


def test_errors_point_at_the_plan_from_the_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A config elsewhere: messages name the plan as the user can open it; generated
    headers name it relative to the config (the same wherever the build runs)."""
    project = tmp_path / "project"
    project.mkdir()
    (project / "plan.yaml").write_text(BAD_PLAN, encoding="utf-8")
    (project / "trackgen.toml").write_text('plan = "plan.yaml"\n[python]\nout = "gen/shop"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("build", "--config", "project/trackgen.toml")
    assert result.exit_code == 1
    assert result.stderr.startswith("project/plan.yaml:10:9: error[TG101]: ")

    (project / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert invoke("build", "--config", "project/trackgen.toml").exit_code == 0
    header = (project / "gen" / "shop" / "__init__.py").read_text(encoding="utf-8").splitlines()[0]
    assert header.endswith(" from plan.yaml. Do not edit.")


# -- what is written ------------------------------------------------------------------


def test_a_failed_build_leaves_the_output_as_it_was(here: Path) -> None:
    assert invoke(*BUILD).exit_code == 0
    out = here / "out"
    age(out)
    before = snapshot(out)

    # The plan has errors.
    (here / "plan.yaml").write_text(BAD_PLAN, encoding="utf-8")
    assert invoke(*BUILD).exit_code == 1
    assert snapshot(out) == before

    # The plan is fine and changes every target, but one file is in the way: nothing
    # is written, not even the files or folders of the other target.
    (here / "plan.yaml").write_text(PLAN_WITH_DEFS, encoding="utf-8")
    (out / "ts" / "defs.ts").write_text("// mine\n", encoding="utf-8")
    os.utime(out / "ts" / "defs.ts", ns=(PAST, PAST))
    before = snapshot(out)
    result = invoke(*BUILD)
    assert result.exit_code == 1
    assert result.stderr == (
        "out/ts/defs.ts:1:1: error[TG310]: not overwriting a file trackgen did not generate (use --force to replace it)\n"
        "trackgen: build failed with 1 error(s); nothing was written\n"
    )
    assert snapshot(out) == before


def test_a_rebuild_rewrites_only_what_changed(here: Path) -> None:
    result = invoke(*BUILD)
    assert result.exit_code == 0
    assert counts(result.stdout) == (13, 0, 0)
    out = here / "out"
    age(out)
    before = snapshot(out)

    result = invoke(*BUILD)
    assert result.exit_code == 0
    assert counts(result.stdout) == (0, 13, 0)
    assert snapshot(out) == before

    (here / "plan.yaml").write_text(PLAN.replace("looked at the cart", "opened the cart"), encoding="utf-8")
    result = invoke(*BUILD)
    assert result.exit_code == 0
    after = snapshot(out)
    changed = sorted(path for path in after if after[path] != before[path])
    assert counts(result.stdout) == (len(changed), 13 - len(changed), 0)
    assert "shop/events/calls.py" in changed and "ts/events/calls.ts" in changed
    for kept in ("shop/runtime.py", "shop/py.typed", "ts/client.ts", "shop/.trackgen-manifest", "ts/.trackgen-manifest"):
        assert after[kept] == before[kept]


def test_files_no_longer_generated_are_removed_and_foreign_files_kept(here: Path) -> None:
    (here / "plan.yaml").write_text(PLAN_WITH_DEFS, encoding="utf-8")
    assert invoke(*BUILD).exit_code == 0
    out = here / "out"
    assert (out / "shop" / "defs.py").is_file() and (out / "ts" / "defs.ts").is_file()
    assert "defs.py\n" in (out / "shop" / MANIFEST).read_text(encoding="utf-8")
    (out / "shop" / "notes.md").write_text("mine\n", encoding="utf-8")
    (out / "ts" / "extra").mkdir()
    (out / "ts" / "extra" / "helpers.ts").write_text("export {};\n", encoding="utf-8")
    age(out)

    (here / "plan.yaml").write_text(PLAN, encoding="utf-8")
    result = invoke(*BUILD)
    assert result.exit_code == 0, result.output
    assert counts(result.stdout)[2] == 2
    assert not (out / "shop" / "defs.py").exists() and not (out / "ts" / "defs.ts").exists()
    assert "defs.py" not in (out / "shop" / MANIFEST).read_text(encoding="utf-8")
    assert (out / "shop" / "notes.md").read_bytes() == b"mine\n"
    assert (out / "shop" / "notes.md").stat().st_mtime_ns == PAST
    assert (out / "ts" / "extra" / "helpers.ts").read_bytes() == b"export {};\n"
    assert sorted(p for p in snapshot(out) if not p.startswith(("shop/notes", "ts/extra"))) == sorted(
        ["shop", "shop/events", "ts", "ts/events", *FILES]
    )


def test_a_foreign_file_at_a_generated_path_needs_force(here: Path) -> None:
    (here / "out" / "ts").mkdir(parents=True)
    (here / "out" / "ts" / "index.ts").write_text("export const mine = 1;\n", encoding="utf-8")
    result = invoke(*BUILD)
    assert result.exit_code == 1
    assert result.stderr.startswith("out/ts/index.ts:1:1: error[TG310]: not overwriting a file trackgen did not generate")
    assert (here / "out" / "ts" / "index.ts").read_text(encoding="utf-8") == "export const mine = 1;\n"
    assert sorted(snapshot(here / "out")) == ["ts", "ts/index.ts"]  # no folder, no temporary file

    result = invoke(*BUILD, "--force")
    assert result.exit_code == 0, result.output
    assert (here / "out" / "ts" / "index.ts").read_text(encoding="utf-8").startswith("// Generated by trackgen")


def test_a_damaged_manifest_cannot_remove_files_outside_the_folder(here: Path) -> None:
    assert invoke(*BUILD).exit_code == 0
    victim = here / "victim.txt"
    victim.write_text("keep me\n", encoding="utf-8")
    manifest = here / "out" / "shop" / MANIFEST
    manifest.write_text(manifest.read_text(encoding="utf-8") + f"../../victim.txt\n{victim}\n", encoding="utf-8")
    assert invoke(*BUILD).exit_code == 0
    assert victim.read_text(encoding="utf-8") == "keep me\n"
    assert "victim" not in manifest.read_text(encoding="utf-8")

    manifest.write_bytes(b"\xff\xfe not UTF-8\n")
    result = invoke(*BUILD)
    assert result.exit_code == 0, result.output


def test_both_targets_in_one_folder(here: Path) -> None:
    """The same folder, spelled two ways: one manifest, and a rebuild removes nothing."""
    args = ("build", "--plan", "plan.yaml", "--python-out", "shop", "--typescript-out", str(here / "shop"))
    assert invoke(*args).exit_code == 0
    result = invoke(*args)
    assert result.exit_code == 0
    assert counts(result.stdout) == (0, 13, 0)
    manifest = (here / "shop" / MANIFEST).read_text(encoding="utf-8").splitlines()[1:]
    assert manifest == sorted(f.split("/", 1)[1] for f in FILES if not f.endswith(MANIFEST))


# -- settings -------------------------------------------------------------------------


def test_trackgen_toml_paths_are_relative_to_the_file(here: Path) -> None:
    project = here / "project"
    (project / "plans").mkdir(parents=True)
    (project / "plans" / "shop.yaml").write_text(PLAN, encoding="utf-8")
    (project / "trackgen.toml").write_text(
        'plan = "plans/shop.yaml"\n[python]\nout = "gen/shop"\n[typescript]\nout = "gen/ts"\n', encoding="utf-8"
    )
    result = invoke("build", "--config", "project/trackgen.toml")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("python: 8 files in project/gen/shop\ntypescript: 5 files in project/gen/ts\n")
    assert (project / "gen" / "shop" / "__init__.py").is_file() and (project / "gen" / "ts" / "index.ts").is_file()

    os.chdir(project)  # found in the working directory
    result = invoke("build")
    assert result.exit_code == 0, result.output
    assert counts(result.stdout) == (0, 13, 0)


def test_pyproject_tool_trackgen(here: Path) -> None:
    project = here / "project"
    project.mkdir()
    (project / "plan.yaml").write_text(PLAN, encoding="utf-8")
    (project / "pyproject.toml").write_text(
        '[project]\nname = "shop"\n\n[tool.trackgen]\nplan = "plan.yaml"\n\n[tool.trackgen.python]\nout = "src/shop_analytics"\n',
        encoding="utf-8",
    )
    result = invoke("build", "--config", "project/pyproject.toml")
    assert result.exit_code == 0, result.output
    assert (project / "src" / "shop_analytics" / "__init__.py").is_file()

    os.chdir(project)
    result = invoke("build")
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("python: 8 files in src/shop_analytics\n")


def test_a_pyproject_without_tool_trackgen_is_not_a_config(here: Path) -> None:
    (here / "pyproject.toml").write_text('[project]\nname = "shop"\n[tool.black]\nline-length = 100\n', encoding="utf-8")
    result = invoke("build", "--plan", "plan.yaml", "--python-out", "out/shop")
    assert result.exit_code == 0, result.output
    (here / "pyproject.toml").write_text("tool = 1\n", encoding="utf-8")
    assert invoke("build", "--plan", "plan.yaml", "--python-out", "out/shop").exit_code == 0


def test_flags_override_the_config(here: Path) -> None:
    (here / "trackgen.toml").write_text(
        'plan = "missing.yaml"\n[python]\nout = "gen/shop"\n[typescript]\nout = "gen/ts"\nsdk = "analytics-next"\n',
        encoding="utf-8",
    )
    result = invoke("build", "--plan", "plan.yaml", "--python-out", "flag/shop", "--typescript-sdk", "analytics-node")
    assert result.exit_code == 0, result.output
    assert (here / "flag" / "shop" / "__init__.py").is_file()
    assert not (here / "gen" / "shop").exists()
    assert "@segment/analytics-node" in (here / "gen" / "ts" / "client.ts").read_text(encoding="utf-8")


def test_unknown_config_keys_are_errors_with_file_and_line(here: Path) -> None:
    (here / "trackgen.toml").write_text(
        'plan = "plan.yaml"\nplna = "plan.yaml"\n\n[python]\nout = "gen/shop"\nadapters = ["posthog", "segment"]\n'
        '\n[typescript]\nsdk = "analytics-next"\nsdkk = "analytics-node"\n',
        encoding="utf-8",
    )
    result = invoke("build")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        'trackgen.toml:2:1: error[TG301]: unknown setting "plna"\n'
        "trackgen.toml:6:12: error[TG301]: \"python.adapters.1\": input should be 'posthog', 'mixpanel' or 'amplitude'\n"
        'trackgen.toml:10:1: error[TG301]: unknown setting "typescript.sdkk"\n'
        "trackgen: build failed with 3 error(s); nothing was written\n"
    )
    assert not (here / "gen").exists()


def test_the_config_is_read_once_and_all_its_problems_reported_at_once(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The build settings and the lint settings come from one reading of the file
    (trackgen.config.read_config): their problems in one run, the TOML parsed once."""
    import tomllib

    from trackgen import config

    parsed: list[str] = []
    real = tomllib.loads

    def loads(text: str) -> dict[str, Any]:
        parsed.append(text)
        return real(text)

    (here / "trackgen.toml").write_text(
        'plan = "plan.yaml"\nplna = "plan.yaml"\n\n[python]\nout = "gen/shop"\n\n[lint]\ncolour = "blue"\n', encoding="utf-8"
    )
    result = invoke("build")
    assert result.exit_code == 2
    assert result.stderr == (
        'trackgen.toml:2:1: error[TG301]: unknown setting "plna"\n'
        'trackgen.toml:8:1: error[TG301]: unknown setting "lint.colour"\n'
        "trackgen: build failed with 2 error(s); nothing was written\n"
    )
    (here / "trackgen.toml").write_text('plan = "plan.yaml"\n\n[python]\nout = "gen/shop"\n\n[lint]\nfail_on = "warning"\n', encoding="utf-8")
    monkeypatch.setattr(config.tomllib, "loads", loads)
    result = invoke("build")
    assert result.exit_code == 0, result.stderr
    assert len(parsed) == 1


def test_unknown_pyproject_keys_are_errors_in_their_table(here: Path) -> None:
    # "name" and "mode" are also keys of [project]: the line is the one in [tool.trackgen].
    (here / "pyproject.toml").write_text(
        '[project]\nname = "shop"\n\n[tool.trackgen]\nplan = "plan.yaml"\nname = "Shop"\n  mode = "fast"\n'
        '\n[tool.trackgen.python]\nout = "gen/shop"\nvalidaton = "warn"\n',
        encoding="utf-8",
    )
    result = invoke("build")
    assert result.exit_code == 2
    assert result.stderr == (
        "pyproject.toml:6:1: error[TG301]: unknown setting \"tool.trackgen.name\"\n"
        "pyproject.toml:7:10: error[TG301]: \"tool.trackgen.mode\": input should be 'development' or 'production'\n"
        'pyproject.toml:11:1: error[TG301]: unknown setting "tool.trackgen.python.validaton"\n'
        "trackgen: build failed with 3 error(s); nothing was written\n"
    )


def test_invalid_toml_is_located(here: Path) -> None:
    (here / "trackgen.toml").write_text('plan = "plan.yaml"\n[python\nout = "gen/shop"\n', encoding="utf-8")
    result = invoke("build")
    assert result.exit_code == 2
    assert result.stderr == (
        "trackgen.toml:2:8: error[TG300]: invalid TOML: Expected ']' at the end of a table declaration\n"
        "trackgen: build failed with 1 error(s); nothing was written\n"
    )


@pytest.mark.parametrize("folder", ["shop-analytics", "1shop", "class", "shop.analytics"])
def test_python_out_must_be_an_importable_name(folder: str, here: Path) -> None:
    result = invoke("build", "--plan", "plan.yaml", "--python-out", f"out/{folder}")
    assert result.exit_code == 2
    assert result.stderr == (
        f'error[TG201]: --python-out "out/{folder}": "{folder}" is not an importable package name\n'
        "trackgen: build failed with 1 error(s); nothing was written\n"
    )
    assert not (here / "out").exists()


def test_python_out_from_the_config_must_be_an_importable_name(here: Path) -> None:
    (here / "trackgen.toml").write_text('plan = "plan.yaml"\n[python]\nout = "gen/shop-analytics"\n', encoding="utf-8")
    result = invoke("build")
    assert result.exit_code == 2
    assert result.stderr == (
        'trackgen.toml:3:7: error[TG201]: python.out "gen/shop-analytics": "shop-analytics" is not an importable package name\n'
        "trackgen: build failed with 1 error(s); nothing was written\n"
    )
    (here / "trackgen.toml").unlink()
    (here / "pyproject.toml").write_text(
        '[project]\nname = "shop"\n\n[tool.trackgen]\nplan = "plan.yaml"\npython = { out = "gen/class" }\n', encoding="utf-8"
    )
    result = invoke("build")
    assert result.stderr.startswith('pyproject.toml:6:1: error[TG201]: python.out "gen/class": "class" is not')


# -- JSON plans -----------------------------------------------------------------------


def test_a_json_plan_builds_like_the_same_plan_in_yaml(here: Path) -> None:
    data = yaml.safe_load(B2B.read_text(encoding="utf-8"))
    (here / "plan.json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    shutil.copy(B2B, here / "plan.yaml")
    assert invoke("build", "--plan", "plan.yaml", "--python-out", "y/b2b", "--typescript-out", "y/ts").exit_code == 0
    result = invoke("build", "--plan", "plan.json", "--python-out", "j/b2b", "--typescript-out", "j/ts")
    assert result.exit_code == 0, result.output
    from_yaml = {p: v[0] for p, v in snapshot(here / "y").items() if v is not None}
    from_json = {p: v[0].replace(b"from plan.json.", b"from plan.yaml.") for p, v in snapshot(here / "j").items() if v is not None}
    assert from_json == from_yaml and len(from_json) == 15


def test_a_json_plan_reports_located_errors(here: Path) -> None:
    (here / "plan.json").write_text(
        '{\n  "trackgen": 1,\n  "name": "Shop",\n  "events": [\n'
        '    {"name": "Order Completed", "description": "Paid.",\n'
        '     "properties": {"total": {"type": "number", "enm": [1]}}}\n  ]\n}\n',
        encoding="utf-8",
    )
    result = invoke("build", "--plan", "plan.json", "--python-out", "out/shop")
    assert result.exit_code == 1
    assert result.stderr == (
        'plan.json:6:49: error[TG101]: event "Order Completed", property "total": unknown key "enm" (did you mean "enum"?)\n'
        "trackgen: build failed with 1 error(s); nothing was written\n"
    )


def test_a_config_with_a_byte_order_mark_is_read_like_a_plan_with_one(here: Path) -> None:
    (here / "trackgen.toml").write_text('\ufeffplan = "plan.yaml"\n[python]\nout = "gen/shop"\n', encoding="utf-8")
    result = invoke("build", "--config", "trackgen.toml")
    assert result.exit_code == 0, result.output
    assert (here / "gen" / "shop" / "__init__.py").is_file()


def test_a_plan_that_is_not_utf8_is_a_plan_error_not_a_usage_error(here: Path) -> None:
    (here / "plan.yaml").write_bytes(b"name: P\nevents:\n  - name: A \xff B\n")
    result = invoke(*BUILD)
    assert result.exit_code == 1
    assert result.stderr.startswith("plan.yaml:3:1: error[TG001]: the plan is not valid UTF-8\n")
