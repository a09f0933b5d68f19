"""A plan file as it was at a git revision."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ..diagnostics import Diagnostic, Location, PlanError, Severity


def read_plan_at(revision: str, path: Path, timeout: float = 60) -> str | None:
    """The text of the plan file ``path`` at git ``revision`` (``git show REV:path``),
    or ``None`` when the file did not exist at that revision. Raises ``PlanError`` when
    git is missing, the folder is not in a repository or the revision is unknown."""
    display = f"{revision}:{path.as_posix()}"
    if not revision or revision.startswith("-"):
        raise PlanError([Diagnostic("TG500", Severity.ERROR, f'"{revision}" is not a git revision')])
    folder = path.resolve().parent
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C", LANGUAGE="C")

    def git(*args: str) -> subprocess.CompletedProcess[bytes]:
        try:
            return subprocess.run(
                ["git", *args], cwd=folder, env=env, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout
            )
        except FileNotFoundError:
            raise PlanError([Diagnostic("TG500", Severity.ERROR, "git is not installed; --base needs it")]) from None
        except subprocess.TimeoutExpired:
            raise PlanError([Diagnostic("TG500", Severity.ERROR, f"git did not answer in {timeout:g}s")]) from None
        except OSError as exc:
            raise PlanError([Diagnostic("TG500", Severity.ERROR, f"cannot run git: {exc}")]) from None

    verify = git("rev-parse", "--verify", "--quiet", f"{revision}^{{commit}}")
    if verify.returncode != 0:
        problem = _git_error(verify.stderr) or f'unknown revision "{revision}"'
        raise PlanError([Diagnostic("TG500", Severity.ERROR, f"git: {problem}")])
    shown = git("show", f"{revision}:./{path.name}")
    if shown.returncode != 0:
        problem = _git_error(shown.stderr)
        if "does not exist in" in problem or "exists on disk, but not in" in problem:
            return None
        raise PlanError([Diagnostic("TG500", Severity.ERROR, f"git: {problem or 'git show failed'}")])
    try:
        return shown.stdout.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = shown.stdout[: exc.start].count(b"\n") + 1
        raise PlanError(
            [Diagnostic("TG001", Severity.ERROR, "the plan is not valid UTF-8", Location(display, line, 1))]
        ) from None


def _git_error(stderr: bytes) -> str:
    text = stderr.decode("utf-8", "replace").strip()
    lines = [line.removeprefix("fatal: ").removeprefix("error: ") for line in text.splitlines() if line.strip()]
    return lines[0] if lines else ""
