"""``trackgen check``, CI's command, with its flags given plainly runs without typer
(``trackgen.check_command``, from ``trackgen.entry``): it imports neither typer nor
pydantic, knows every flag the typer command declares, and prints and exits as the
typer command does, byte for byte: diffs of files holding escapes included."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import get_args, get_type_hints

import pytest
from typer.main import get_command

from trackgen import cli
from trackgen.build_command import plain_flags
from trackgen.check_command import CHECK_LIST_FLAGS, CHECK_PATH_FLAGS, CHECK_SWITCHES, CHECK_VALUE_FLAGS
from trackgen.flags import path_flag

from test_build_command import CONFIG, TYPER_CLI, project
from test_cache import NOISY, heavy_modules
from test_cli import PLAN, run


def built(root: Path) -> Path:
    assert run("build", "--no-cache", cwd=root).returncode == 0
    return root


def test_a_plain_check_imports_neither_typer_nor_pydantic(tmp_path: Path) -> None:
    root = built(project(tmp_path / "p"))
    heavy = heavy_modules(root, "check", "--no-cache")
    assert not {"typer", "pydantic"} & set(heavy), heavy
    heavy = heavy_modules(root, "check", "--no-cache", "--name-only", "--pin", "Order Completed=1")
    assert not {"typer", "pydantic"} & set(heavy), heavy


def plain_check(argv: list[str]) -> dict[str, object] | None:
    return plain_flags(argv, CHECK_VALUE_FLAGS, CHECK_SWITCHES, CHECK_PATH_FLAGS, CHECK_LIST_FLAGS)


def test_the_plain_parse_knows_every_flag_the_typer_command_declares() -> None:
    command = get_command(cli.app).commands["check"]  # type: ignore[attr-defined]
    declared = {param.opts[0]: param for param in command.params}
    assert set(declared) == {*CHECK_VALUE_FLAGS, *CHECK_SWITCHES}
    for flag, name in {**CHECK_VALUE_FLAGS, **CHECK_SWITCHES}.items():
        assert declared[flag].name == name
        assert declared[flag].is_flag is (flag in CHECK_SWITCHES)
        assert declared[flag].multiple is (flag in CHECK_LIST_FLAGS)
    hints = get_type_hints(cli.check, include_extras=True)
    paths = {flag for flag, param in declared.items() if Path in get_args(get_args(hints[param.name])[0])}
    assert paths == CHECK_PATH_FLAGS
    for flag in CHECK_PATH_FLAGS:
        assert get_args(hints[declared[flag].name])[1].parser is path_flag


def test_the_plain_parse_reads_repeated_flags_as_typer_does() -> None:
    assert plain_check(["--pin", "A=1", "--adapter=posthog", "--pin", "B=2", "--name-only", "--plan", "p.yaml"]) == {
        "pin": ["A=1", "B=2"],
        "adapter": ["posthog"],
        "name_only": True,
        "plan": Path("p.yaml"),
    }
    for argv in (["--help"], ["--pin"], ["--force"], ["--watch"], ["--name-only=1"], ["p.yaml"]):
        assert plain_check(argv) is None, argv


#: Each case: how the project is set up (a function of its folder), then the flags.
def _stale(root: Path) -> None:
    calls = root / "out" / "pk" / "events" / "calls.py"
    calls.write_text(calls.read_text() + "# \x1b[31medited\x1b[0m by hand\n")  # a diff quotes it


def _leftover(root: Path) -> None:
    (root / "out" / ".pk.trackgen-new").mkdir()  # what a killed build left


def _missing(root: Path) -> None:
    (root / "out" / "ts" / "index.ts").unlink()


CASES = {
    "up-to-date": (None, ()),
    "stale-diff": (_stale, ()),
    "stale-names": (_stale, ("--name-only",)),
    "missing": (_missing, ("--name-only",)),
    "leftover": (_leftover, ()),
    "pinned": (None, ("--pin", "Order Completed=9")),
    "bad-choice": (None, ("--mode", "prod")),
    "no-plan": (None, ("--plan", "missing.yaml")),
    "noisy": (lambda root: (root / "plan.yaml").write_text(NOISY), ()),
    "plan-error": (lambda root: (root / "plan.yaml").write_text(PLAN.replace("trackgen: 1", "trackgen: 1\nbogus: 2")), ()),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_plain_check_prints_and_exits_as_the_typer_command(tmp_path: Path, case: str) -> None:
    setup, args = CASES[case]
    roots = []
    for name in ("plain", "typer"):
        root = built(project(tmp_path / name, PLAN, CONFIG))
        if setup is not None:
            setup(root)
        roots.append(root)
    plain = run("check", "--no-cache", *args, cwd=roots[0])
    typed = subprocess.run(
        [sys.executable, "-c", TYPER_CLI, "check", "--no-cache", *args],
        cwd=roots[1],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert (plain.returncode, plain.stdout, plain.stderr) == (typed.returncode, typed.stdout, typed.stderr)
    exits = {"up-to-date": 0, "noisy": 1, "stale-diff": 1, "stale-names": 1, "missing": 1, "leftover": 1}
    assert plain.returncode == exits.get(case, 2), plain.stderr
    if case == "stale-diff":
        assert "\x1b" not in plain.stdout and "-# edited by hand" in plain.stdout
