"""The progress line of a long build: on a terminal only, erased at the end."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import synth_module

TRACKGEN = Path(sys.executable).with_name("trackgen")


def _on_a_terminal(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    """Run the console script with stdout and stderr on a pseudo-terminal; its output."""
    leader, follower = pty.openpty()
    proc = subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.DEVNULL, stdout=follower, stderr=follower)
    os.close(follower)
    chunks = []
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        if not ready:
            break
        try:
            data = os.read(leader, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    assert proc.wait(timeout=120) == 0
    os.close(leader)
    return b"".join(chunks).decode("utf-8", "replace")


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    path: Path = synth_module().write_plan(300, tmp_path / "plan.yaml")
    return path


def _env(**more: str) -> dict[str, str]:
    return {**os.environ, "TRACKGEN_NO_CACHE": "1", **more}


def test_a_long_build_on_a_terminal_shows_its_phase_then_erases_it(plan: Path) -> None:
    args = [str(TRACKGEN), "build", "--plan", plan.name, "--python-out", "out/pk", "--typescript-out", "out/ts"]
    shown = _on_a_terminal(args, plan.parent, _env(TRACKGEN_PROGRESS_AFTER="0.001"))
    assert "\r\x1b[Ktrackgen: building: " in shown, shown[:500]
    last = shown.rindex("trackgen: building: ")
    assert "\r\x1b[K" in shown[last:], "the line is erased before the build's own output"
    assert re.fullmatch(r"\d+ written, \d+ unchanged, \d+ removed in \d+\.\d\ds", shown.rstrip().splitlines()[-1])


def test_no_progress_line_without_a_terminal_or_for_a_quick_build(plan: Path) -> None:
    args = [str(TRACKGEN), "build", "--plan", plan.name, "--python-out", "out/pk", "--typescript-out", "out/ts"]
    proc = subprocess.run(args, cwd=plan.parent, env=_env(TRACKGEN_PROGRESS_AFTER="0.001"), capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "\x1b" not in proc.stderr + proc.stdout
    quick = _on_a_terminal(args, plan.parent, _env(TRACKGEN_PROGRESS_AFTER="600"))
    assert "trackgen: building" not in quick
