"""Output folders are never half written: a build killed at any step, or two builds at
once, leave each folder as the old complete tree or the new one; the next build cleans
up what a killed one left, and ``trackgen check`` reports it.

Kills use the writer's fault hook (``trackgen.outtree.FAULT``) in a real process and a
real SIGKILL, so each step is hit every time; one test also kills at random moments.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_cli import PLAN, PLAN_WITH_DEFS, invoke

#: trackgen's CLI in a process that kills itself (SIGKILL) at the writer's step $KILL_AT;
#: with $NO_EXCHANGE the kernel's directory exchange is taken away (the portable path).
SCRIPT = """\
import os, signal, sys
from trackgen import cli, outtree
step = os.environ.get("KILL_AT")
if step:
    outtree.FAULT = lambda s: os.kill(os.getpid(), signal.SIGKILL) if s == step else None
if os.environ.get("NO_EXCHANGE"):
    outtree._renameat2 = lambda: None
sys.argv = ["trackgen", *sys.argv[1:]]
cli.main()
"""
BUILD = ("build", "--plan", "plan.yaml", "--python-out", "out/shop", "--typescript-out", "out/ts")
CHECK = ("check", "--plan", "plan.yaml", "--python-out", "out/shop", "--typescript-out", "out/ts")
USER_FILES = {"shop/NOTES.md": b"mine\n", "ts/keep/me.txt": b"also mine\n"}


def run(cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if k not in ("KILL_AT", "NO_EXCHANGE")} | env
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, *args], cwd=cwd, env=environ, capture_output=True, text=True, timeout=120
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def tree(root: Path) -> dict[str, bytes]:
    """Every file under ``root`` (symlinks as their target), by relative path."""
    found: dict[str, bytes] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if path.is_symlink():
            found[rel] = b"-> " + os.readlink(path).encode()
        elif path.is_file():
            found[rel] = path.read_bytes()
    return found


def folders(out: Path) -> dict[str, dict[str, bytes] | None]:
    """Each output folder's files, ``None`` when the folder is missing."""
    return {name: tree(out / name) if (out / name).is_dir() else None for name in ("shop", "ts")}


def leftovers(base: Path) -> list[str]:
    return sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if p.name.endswith((".trackgen-new", ".trackgen-old", ".trackgen-tmp")))


@pytest.fixture(scope="module")
def expected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, dict[str, bytes] | None]]:
    """The folders a complete build of PLAN ("old") and of PLAN_WITH_DEFS ("new") leave,
    with the user's files beside the generated ones."""
    trees = {}
    for name, plan in (("old", PLAN), ("new", PLAN_WITH_DEFS)):
        base = tmp_path_factory.mktemp(name)
        (base / "plan.yaml").write_text(plan, encoding="utf-8")
        assert run(base, *BUILD).returncode == 0
        for rel, data in USER_FILES.items():
            (base / "out" / rel).parent.mkdir(parents=True, exist_ok=True)
            (base / "out" / rel).write_bytes(data)
        trees[name] = folders(base / "out")
    assert trees["old"] != trees["new"]
    return trees


def old_project(base: Path) -> Path:
    """``base`` with the old plan built into out/, the user's files added, and the new
    plan in place for the next build."""
    (base / "plan.yaml").write_text(PLAN, encoding="utf-8")
    assert run(base, *BUILD).returncode == 0
    for rel, data in USER_FILES.items():
        (base / "out" / rel).parent.mkdir(parents=True, exist_ok=True)
        (base / "out" / rel).write_bytes(data)
    (base / "plan.yaml").write_text(PLAN_WITH_DEFS, encoding="utf-8")
    return base


@pytest.mark.parametrize(
    "step, exchange, after",
    [
        ("staging", True, ("old", "old")),
        ("staged", True, ("old", "old")),
        ("swapped", True, ("new", "old")),
        ("staging", False, ("old", "old")),
        ("moved-aside", False, (None, "old")),
    ],
)
def test_a_build_killed_at_any_step_leaves_whole_trees_and_is_cleaned_up(
    step: str, exchange: bool, after: tuple[str | None, str], tmp_path: Path, expected: dict[str, dict[str, dict[str, bytes] | None]]
) -> None:
    base = old_project(tmp_path)
    env = {"KILL_AT": step} | ({} if exchange else {"NO_EXCHANGE": "1"})
    killed = run(base, *BUILD, **env)
    assert killed.returncode == -signal.SIGKILL

    # The first folder is the one killed in the middle of its swap; the second was not reached.
    now = folders(base / "out")
    for name, which in zip(("shop", "ts"), after):
        assert now[name] == (expected[which][name] if which else None), name
    assert leftovers(base)

    checked = run(base, *CHECK)
    assert checked.returncode == 1
    assert "left by an interrupted build (trackgen build removes it)" in checked.stderr
    assert "out/.shop.trackgen-" in checked.stderr

    rebuilt = run(base, *BUILD)
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert "left by an interrupted build" in rebuilt.stdout
    assert folders(base / "out") == expected["new"]
    assert leftovers(base) == []
    assert run(base, *CHECK).returncode == 0


def test_killed_at_random_moments_every_folder_is_old_or_new(
    tmp_path: Path, expected: dict[str, dict[str, dict[str, bytes] | None]]
) -> None:
    rng = random.Random(7)
    base = old_project(tmp_path)
    for _ in range(4):
        proc = subprocess.Popen([sys.executable, "-c", SCRIPT, *BUILD], cwd=base, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.2, 0.6))  # start-up takes most of it; some kills land in the write
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for name, files in folders(base / "out").items():
            assert files in (expected["old"][name], expected["new"][name], None), (name, sorted(files or ()))
        # Back to the old tree for the next try (this also cleans up).
        (base / "plan.yaml").write_text(PLAN, encoding="utf-8")
        assert run(base, *BUILD).returncode == 0
        assert folders(base / "out") == expected["old"]
        (base / "plan.yaml").write_text(PLAN_WITH_DEFS, encoding="utf-8")


def test_two_builds_at_once_leave_one_of_them_complete(
    tmp_path: Path, expected: dict[str, dict[str, dict[str, bytes] | None]]
) -> None:
    base = old_project(tmp_path)
    for name, plan in (("old", PLAN), ("new", PLAN_WITH_DEFS)):
        (base / name).mkdir()
        (base / name / "plan.yaml").write_text(plan, encoding="utf-8")
    into = ("build", "--plan", "plan.yaml", "--python-out", "../out/shop", "--typescript-out", "../out/ts")
    for _ in range(3):
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", SCRIPT, *into], cwd=base / name, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            for name in ("old", "new")
        ]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        assert folders(base / "out") in (expected["old"], expected["new"])
        assert leftovers(base) == []


def test_the_swap_keeps_the_users_files_as_the_same_files(here: Path) -> None:
    assert invoke(*BUILD).exit_code == 0
    notes = here / "out" / "shop" / "NOTES.md"
    notes.write_text("mine\n", encoding="utf-8")
    (here / "out" / "shop" / "empty").mkdir()
    (here / "out" / "ts" / "link").symlink_to("client.ts")
    inode = notes.stat().st_ino
    runtime = (here / "out" / "shop" / "runtime.py").stat()

    (here / "plan.yaml").write_text(PLAN_WITH_DEFS, encoding="utf-8")
    result = invoke(*BUILD)
    assert result.exit_code == 0
    assert notes.stat().st_ino == inode and notes.read_text(encoding="utf-8") == "mine\n"
    assert (here / "out" / "shop" / "empty").is_dir()
    assert os.readlink(here / "out" / "ts" / "link") == "client.ts"
    # An unchanged generated file is the same file too: its mtime shows no rewrite.
    assert (here / "out" / "shop" / "runtime.py").stat().st_mtime_ns == runtime.st_mtime_ns
    assert (here / "out" / "shop" / "defs.py").is_file()

    # Nothing changed: the folder is not replaced at all.
    folder = (here / "out" / "shop").stat().st_ino
    assert invoke(*BUILD).exit_code == 0
    assert (here / "out" / "shop").stat().st_ino == folder


def test_a_folder_that_cannot_be_swapped_is_written_in_place_and_its_leftovers_cleaned(
    tmp_path: Path,
) -> None:
    """The working directory is the output folder: it is written file by file, and
    the temporary files of a build killed in the middle are found and removed."""
    base = tmp_path / "shop"
    base.mkdir()
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    here = ("--plan", "../plan.yaml", "--python-out", ".")
    assert run(base, "build", *here).returncode == 0
    folder = base.stat().st_ino
    (tmp_path / "plan.yaml").write_text(PLAN_WITH_DEFS, encoding="utf-8")
    assert run(base, "build", *here, KILL_AT="renaming").returncode == -signal.SIGKILL
    assert base.stat().st_ino == folder
    assert leftovers(base)

    checked = run(base, "check", *here)
    assert checked.returncode == 1 and ".trackgen-tmp: left by an interrupted build" in checked.stderr
    assert run(base, "build", *here).returncode == 0
    assert leftovers(base) == [] and (base / "defs.py").is_file()


def test_an_output_folder_that_is_a_file_is_an_error(here: Path) -> None:
    (here / "out").mkdir()
    (here / "out" / "ts").write_text("not a folder\n", encoding="utf-8")
    built = invoke(*BUILD)
    assert built.exit_code == 1
    assert "out/ts:1:1: error[TG311]: the output folder is a file" in built.stderr
    assert not (here / "out" / "shop").exists()
    checked = run(here, *CHECK)
    assert checked.returncode == 2
    assert "out/ts:1:1: error[TG311]: the output folder is a file" in checked.stderr


@pytest.fixture
def here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plan.yaml").write_text(PLAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.mark.parametrize("swap", [True, False])
def test_text_is_written_as_its_utf8_bytes_line_ends_and_all(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, swap: bool) -> None:
    """Contents stay text until written: each file holds exactly the UTF-8 of its
    content (CRLF, CR, non-ASCII and line separators as they are), in both ways of
    writing a folder, new and rewritten."""
    from trackgen import outtree
    from trackgen.api import GeneratedFile
    from trackgen.writer import write_outputs

    monkeypatch.setattr(outtree, "can_swap", lambda root: swap)
    content = "a\r\nb\rc\n\u00e9\u2028\U0001f600 \u00a0end"
    for round_ in range(2):
        files = [GeneratedFile("python", "x.py", content * (round_ + 1)), GeneratedFile("python", "sub/y.py", "ok\n")]
        write_outputs(files, {"python": tmp_path / "out"})
        assert (tmp_path / "out" / "x.py").read_bytes() == (content * (round_ + 1)).encode("utf-8")
        assert (tmp_path / "out" / "sub" / "y.py").read_bytes() == b"ok\n"
