"""The ``trackgen`` program (``trackgen.entry.run``): ``main``, then the process ends
without tearing down what it built. What it printed still arrives, through a pipe
too, its exit status is ``main``'s, and what a build leaves (``leave``) is never
freed; a program calling ``main`` or ``leave`` itself keeps its own objects' lives."""

from __future__ import annotations

import gc
import os
import re
import subprocess
import sys
import weakref
from pathlib import Path

import pytest

from trackgen import ending

from test_cli import PLAN


def program(script: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``script`` run with stdout a block-buffered pipe (no PYTHONUNBUFFERED), as a
    CI job or a ``| tee`` gives it."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    return subprocess.run(
        [sys.executable, "-c", script, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120
    )


def test_what_a_build_printed_reaches_a_pipe(tmp_path: Path) -> None:
    (tmp_path / "plan.yaml").write_text(PLAN)
    args = ("build", "--plan", "plan.yaml", "--python-out", "out/pk", "--typescript-out", "out/ts", "--no-cache")
    proc = program("import sys; from trackgen.entry import run; sys.argv = ['trackgen', *sys.argv[1:]]; run()", *args, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("python: ") and lines[1].startswith("typescript: ")
    assert re.fullmatch(r"\d+ written, 0 unchanged, 0 removed in \d+\.\d\ds", lines[-1]), lines


@pytest.mark.parametrize(
    ("end", "code", "stderr"),
    [
        ("pass", 0, ""),
        ("sys.exit()", 0, ""),
        ("sys.exit(3)", 3, ""),
        ("sys.exit('trackgen: no such thing')", 1, "trackgen: no such thing\n"),
    ],
)
def test_the_exit_status_is_mains(end: str, code: int, stderr: str, tmp_path: Path) -> None:
    script = (
        "import sys; from trackgen import entry\n"
        f"def main():\n    print('said', end='')\n    {end}\n"
        "entry.main = main\nentry.run()\n"
    )
    proc = program(script, cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (code, "said", stderr)


class _Value:
    pass


def test_what_the_program_leaves_is_never_freed(tmp_path: Path) -> None:
    script = (
        "from trackgen import ending, entry\n"
        "class Noisy:\n    def __del__(self):\n        print('freed', flush=True)\n"
        "def main():\n    ending.leave(Noisy())\n    Noisy()\n"
        "entry.main = main\nentry.run()\n"
    )
    proc = program(script, cwd=tmp_path)
    assert (proc.returncode, proc.stdout) == (0, "freed\n"), proc.stderr  # the one not left, only


def test_leave_keeps_nothing_outside_the_program() -> None:
    value = _Value()
    ref = weakref.ref(value)
    ending.leave(value)
    del value
    gc.collect()
    assert ref() is None
