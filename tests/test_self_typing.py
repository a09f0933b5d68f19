"""trackgen's own code passes mypy --strict (pyproject's [tool.mypy])."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_trackgen_passes_mypy_strict() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "codegen"], cwd=REPO, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
