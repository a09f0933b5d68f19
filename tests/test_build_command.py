"""``trackgen build`` with its flags given plainly runs without typer
(``trackgen.build_command``, from ``trackgen.entry``): it imports neither typer nor
pydantic, knows every flag the typer command declares, and prints and exits as the
typer command does, byte for byte."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import get_args, get_type_hints

import pytest
from typer.main import get_command

from trackgen import cli
from trackgen.flags import path_flag
from trackgen.build_command import PATH_FLAGS, SWITCHES, VALUE_FLAGS, plain_flags

from test_cache import NOISY, heavy_modules
from test_cli import PLAN, run

#: Settings a config file holds, lint settings too: the plainly valid way.
CONFIG = """\
plan = "plan.yaml"
mode = "production"
[python]
out = "out/pk"
validation = "warn"
[typescript]
out = "out/ts"
sdk = "analytics-node"
[lint]
event_case = "Title Case"
max_properties = 12
[lint.rules]
TG415 = "off"
"""
TYPER_CLI = "import sys; sys.argv[0] = 'trackgen'; from trackgen.cli import main; main()"


def project(root: Path, plan: str = PLAN, config: str | None = CONFIG) -> Path:
    root.mkdir()
    (root / "plan.yaml").write_text(plan, encoding="utf-8")
    if config is not None:
        (root / "trackgen.toml").write_text(config, encoding="utf-8")
    return root


def test_a_plain_build_imports_neither_typer_nor_pydantic(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    assert "pydantic" not in heavy_modules(root, "build", "--no-cache")
    assert "typer" not in heavy_modules(root, "build", "--no-cache")
    assert (root / "out" / "pk" / "__init__.py").is_file()
    # A config that is not plainly valid is the pydantic models' to read (or refuse).
    (root / "trackgen.toml").write_text(CONFIG.replace("max_properties = 12", 'max_properties = "12"'))
    assert "pydantic" in heavy_modules(root, "build", "--no-cache")


def test_a_plain_build_of_a_json_plan_imports_no_yaml_reader_either(tmp_path: Path) -> None:
    from trackgen.source import load_text

    root = project(tmp_path / "p", config=None)
    data, _ = load_text(PLAN, "plan.yaml")
    (root / "plan.json").write_text(json.dumps(data), encoding="utf-8")
    heavy = heavy_modules(root, "build", "--no-cache", "--plan", "plan.json", "--typescript-out", "ts")
    assert not {"yaml", "typer", "pydantic"} & set(heavy), heavy
    assert (root / "ts" / "index.ts").is_file()


def test_the_plain_parse_knows_every_flag_the_typer_command_declares() -> None:
    command = get_command(cli.app).commands["build"]  # type: ignore[attr-defined]
    declared = {param.opts[0]: param for param in command.params}
    assert set(declared) == {*VALUE_FLAGS, *SWITCHES, "--watch"}
    for flag, name in {**VALUE_FLAGS, **SWITCHES}.items():
        assert declared[flag].name == name
        assert declared[flag].is_flag is (flag in SWITCHES)
    hints = get_type_hints(cli.build, include_extras=True)
    paths = {flag for flag, param in declared.items() if Path in get_args(get_args(hints[param.name])[0])}
    assert paths == PATH_FLAGS
    for flag in PATH_FLAGS:  # each refuses an empty path, which the plain parse leaves to typer
        assert get_args(hints[declared[flag].name])[1].parser is path_flag


def test_the_plain_parse_reads_what_typer_reads_and_leaves_the_rest_to_it() -> None:
    assert plain_flags(["--plan", "a.yaml", "--plan=b.yaml", "--force", "--typescript-sdk", "x"]) == {
        "plan": Path("b.yaml"),
        "force": True,
        "typescript_sdk": "x",  # a choice typer does not check: the build says what is wrong
    }
    assert plain_flags([]) == {}
    for argv in (["--help"], ["-h"], ["--watch"], ["--plan"], ["--plan", ""], ["--plan="], ["--force=1"],
                 ["plan.yaml"], ["--plan", "--force"], ["--pla", "x"], ["--no-cache", "extra"]):
        assert plain_flags(argv) is None, argv


CASES = {
    "config": ((), NOISY, CONFIG),
    "flags": (("--plan=plan.yaml", "--python-out", "out/pk", "--typescript-out", "out/ts", "--force"), PLAN, None),
    "bad-choice": (("--plan", "plan.yaml", "--typescript-out", "t", "--mode", "prod"), PLAN, None),
    "no-plan": (("--plan", "missing.yaml", "--python-out", "out/pk"), PLAN, None),
    "plan-error": ((), PLAN.replace("trackgen: 1", "trackgen: 1\nbogus: 2"), CONFIG),
    "lint-fails": ((), NOISY, CONFIG.replace("max_properties = 12", 'max_properties = 12\nfail_on = "warning"')),
    "bad-config": ((), PLAN, CONFIG.replace('mode = "production"', 'mode = "prod"')),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_plain_build_prints_and_exits_as_the_typer_command(tmp_path: Path, case: str) -> None:
    args, plan, config = CASES[case]
    plain = run("build", "--no-cache", *args, cwd=project(tmp_path / "plain", plan, config))
    typed = subprocess.run(
        [sys.executable, "-c", TYPER_CLI, "build", "--no-cache", *args],
        cwd=project(tmp_path / "typer", plan, config),
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    timing = re.compile(r" in \d+\.\d\ds$", re.MULTILINE)
    assert (plain.returncode, timing.sub("", plain.stdout), plain.stderr) == (
        typed.returncode,
        timing.sub("", typed.stdout),
        typed.stderr,
    )
    assert "Traceback" not in plain.stderr
    exits = {"config": 0, "flags": 0, "plan-error": 1, "lint-fails": 1}
    assert plain.returncode == exits.get(case, 2), plain.stderr
    assert plain.stderr or case == "flags"
