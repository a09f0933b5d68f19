"""Odd paths for the plan, the config and the outputs: each one a located error (or a
build), exit 1 or 2, never a traceback, never a hang, never a write somewhere else."""

from __future__ import annotations

import errno
import os
import threading
from pathlib import Path

import pytest

from test_cli import PLAN, invoke, run
from trackgen.plan import load

OUT = ("--python-out", "out/shop")


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_plan_that_is_a_symlink_loop(here: Path) -> None:
    (here / "a.yaml").symlink_to("b.yaml")
    (here / "b.yaml").symlink_to("a.yaml")
    for verb in ("build", "check"):
        proc = run(verb, "--plan", "a.yaml", *OUT, cwd=here)
        assert proc.stderr.startswith("a.yaml:1:1: error[TG001]: cannot read plan: Too many levels of symbolic links\n")
        assert proc.returncode == (1 if verb == "build" else 2)
    assert not (here / "out").exists()


def test_an_output_folder_that_is_a_symlink_loop(here: Path) -> None:
    (here / "loop").symlink_to("loop")
    proc = run("build", "--plan", "plan.yaml", "--python-out", "loop", cwd=here)
    assert proc.returncode == 1
    assert "loop:1:1: error[TG311]: the output folder cannot be used: Too many levels of symbolic links" in proc.stderr


def test_a_fifo_without_a_writer_is_an_empty_plan_not_a_hang(here: Path) -> None:
    os.mkfifo(here / "fifo.yaml")
    proc = run("build", "--plan", "fifo.yaml", *OUT, cwd=here)  # run() times out at 120 s
    assert proc.returncode == 1
    assert proc.stderr.startswith("fifo.yaml:1:1: error[TG100]: the plan file is empty\n")


def test_a_fifo_with_a_writer_is_read(here: Path) -> None:
    """As ``--plan <(curl ...)`` gives it."""
    os.mkfifo(here / "fifo.yaml")

    def write() -> None:
        with open(here / "fifo.yaml", "w", encoding="utf-8") as fifo:
            fifo.write(PLAN)

    writer = threading.Thread(target=write)
    writer.start()
    proc = run("build", "--plan", "fifo.yaml", *OUT, cwd=here)
    writer.join()
    assert proc.returncode == 0, proc.stderr
    assert (here / "out" / "shop" / "events" / "calls.py").is_file()


@pytest.mark.parametrize(
    "plan, message",
    [
        ("/dev/zero", "/dev/zero:1:1: error[TG001]: cannot read plan: it is larger than 64 MB\n"),
        (".", ".:1:1: error[TG001]: cannot read plan: it is a folder\n"),
    ],
)
def test_a_plan_that_is_no_file(plan: str, message: str, here: Path) -> None:
    proc = run("build", "--plan", plan, *OUT, cwd=here)
    assert proc.returncode == 1
    assert proc.stderr.startswith(message)


def test_an_unreadable_plan_is_a_located_error(here: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(Tests run as root here, where chmod 000 does not stop a read.)"""

    def refuse(path: Path) -> bytes:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(load, "read_input", refuse)
    result = invoke("build", "--plan", "plan.yaml", *OUT)
    assert result.exit_code == 1
    assert result.stderr.startswith("plan.yaml:1:1: error[TG001]: cannot read plan: Permission denied\n")


def test_an_empty_output_flag_is_refused_not_the_working_directory(here: Path) -> None:
    proc = run("build", "--plan", "plan.yaml", "--python-out", "", cwd=here)
    assert proc.returncode == 2
    assert "Invalid value for '--python-out': an empty path" in proc.stderr
    assert sorted(p.name for p in here.iterdir()) == ["plan.yaml"]


def test_empty_and_nul_paths_in_the_config_are_located(here: Path) -> None:
    (here / "trackgen.toml").write_text('plan = "a\\u0000b"\n[python]\nout = ""\n', encoding="utf-8")
    proc = run("build", cwd=here)
    assert proc.returncode == 2
    assert proc.stderr == (
        'trackgen.toml:1:8: error[TG301]: "plan": a path cannot hold a NUL byte\n'
        'trackgen.toml:3:7: error[TG301]: "python.out": an empty path: name a file or folder\n'
        "trackgen: build failed with 2 error(s); nothing was written\n"
    )
