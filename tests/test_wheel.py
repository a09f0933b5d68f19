"""The wheel, installed as users install it: built from the repository, installed with
its dependencies from PyPI into a fresh virtual environment, and run from a folder
outside the repository; it must work from what it holds, not from the source tree.

One virtual environment for the whole module (building and installing take most of
the time); the tests only read it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import REPO
from trackgen import __version__

B2B = REPO / "examples" / "b2b-saas" / "plan.yaml"
#: What the wheel is built from: the package's sources and the files pyproject.toml names.
SOURCES = ["pyproject.toml", "README.md", "codegen", "templates"]


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    bin: Path
    work: Path
    """A working directory outside the repository."""


def _env() -> dict[str, str]:
    """The environment without anything that would point Python at the repository."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PIP_REQUIRE"))}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def _run(cmd: list[str | Path], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [str(c) for c in cmd],
        cwd=cwd,
        env=_env(),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    assert not root.resolve().is_relative_to(REPO.resolve())
    # A copy of the sources, so that the build neither writes build/ or *.egg-info into
    # the repository nor packs modules left in a stale build/ folder.
    source = root / "source"
    source.mkdir()
    for name in SOURCES:
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(src, source / name)
    dist = root / "dist"
    proc = _run([sys.executable, "-m", "pip", "wheel", ".", "--no-deps", "-w", dist], cwd=source)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    (wheel,) = dist.glob("trackgen-*.whl")

    env_dir = root / "venv"
    venv.EnvBuilder(with_pip=True, clear=True).create(env_dir)
    bin_dir = env_dir / "bin"
    proc = _run([bin_dir / "python", "-m", "pip", "install", "--quiet", wheel], cwd=root)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    work = root / "work"
    work.mkdir()
    return Installed(wheel, env_dir, bin_dir, work)


def test_the_wheel_holds_the_package_and_its_templates(installed: Installed) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    tops = {name.split("/", 1)[0] for name in names}
    assert tops == {"trackgen", f"trackgen-{__version__}.dist-info"}  # no codegen/, no templates/

    for target in ("python", "typescript"):
        templates = {f"trackgen/templates/{target}/{p.name}" for p in (REPO / "templates" / target).glob("*.jinja")}
        assert templates and templates <= names, templates - names
    # Every module of codegen/ is in the wheel (pyproject.toml lists the packages by name).
    modules = {"trackgen/" + p.relative_to(REPO / "codegen").as_posix() for p in (REPO / "codegen").rglob("*.py")}
    assert modules <= names, sorted(modules - names)
    assert {"trackgen/py.typed", "trackgen/templates/__init__.py"} <= names
    entry_points = zipfile.ZipFile(installed.wheel).read(f"trackgen-{__version__}.dist-info/entry_points.txt").decode()
    assert "trackgen = trackgen.entry:run" in entry_points


def test_the_installed_package_runs_from_the_virtual_environment(installed: Installed) -> None:
    script = (
        "import trackgen, trackgen.template_folders as r\n"
        "print(trackgen.__file__)\n"
        "print(r.builtin_templates())\n"
    )
    proc = _run([installed.bin / "python", "-c", script], cwd=installed.work)
    assert proc.returncode == 0, proc.stderr
    module, templates = (Path(line).resolve() for line in proc.stdout.splitlines())
    venv_dir = installed.venv.resolve()
    for path in (module, templates):
        assert path.is_relative_to(venv_dir), path
        assert not path.is_relative_to(REPO.resolve()), path
    assert sorted(p.name for p in (templates / "python").glob("*.jinja")) == sorted(
        p.name for p in (REPO / "templates" / "python").glob("*.jinja")
    )
    assert sorted(p.name for p in (templates / "typescript").glob("*.jinja")) == sorted(
        p.name for p in (REPO / "templates" / "typescript").glob("*.jinja")
    )


def test_version_and_help(installed: Installed) -> None:
    proc = _run([installed.bin / "python", "-m", "trackgen", "--version"], cwd=installed.work)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"trackgen {__version__}\n", "")
    proc = _run([installed.bin / "trackgen", "--help"], cwd=installed.work)
    assert proc.returncode == 0, proc.stderr
    for command in ("build", "lint", "import"):
        assert command in proc.stdout


def test_the_console_script_builds_the_example(installed: Installed, tmp_path: Path) -> None:
    work = installed.work / "b2b"
    work.mkdir()
    shutil.copy(B2B, work / "plan.yaml")
    args = ["build", "--plan", "plan.yaml", "--python-out", "out/b2b", "--typescript-out", "out/ts"]
    proc = _run([installed.bin / "trackgen", *args], cwd=work)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.startswith("python: 8 files in out/b2b\ntypescript: 5 files in out/ts\n13 written,")
    out = work / "out"
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == [
        "b2b/.trackgen-manifest",
        "b2b/__init__.py",
        "b2b/_clients.py",
        "b2b/_rules.py",
        "b2b/_values.py",
        "b2b/events/__init__.py",
        "b2b/events/calls.py",
        "b2b/py.typed",
        "b2b/runtime.py",
        "ts/.trackgen-manifest",
        "ts/client.ts",
        "ts/events/calls.ts",
        "ts/index.ts",
        "ts/validation.ts",
        "ts/values.ts",
    ]
    # The same files, byte for byte, as trackgen from the source tree writes.
    reference = tmp_path / "reference"
    reference.mkdir()
    shutil.copy(B2B, reference / "plan.yaml")
    trackgen = Path(sys.executable).with_name("trackgen")
    proc = subprocess.run([str(trackgen), *args], cwd=reference, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    for name in files:
        assert (out / name).read_bytes() == (reference / "out" / name).read_bytes(), name
    # Built again, nothing changed: the installed package's cache answers.
    proc = _run([installed.bin / "trackgen", *args], cwd=work)
    assert proc.returncode == 0 and proc.stdout.rstrip().endswith("(cached: nothing changed)"), proc.stdout

    # The generated package imports in the wheel's environment.
    proc = _run([installed.bin / "python", "-c", "import b2b, b2b.events.calls"], cwd=out)
    assert proc.returncode == 0, proc.stderr


def test_the_installed_status_scans_both_languages(installed: Installed) -> None:
    """trackgen status runs its TypeScript scanner (scan.mjs, package data) from the
    wheel: a wheel without it would find no TypeScript call."""
    work = installed.work / "status"
    work.mkdir()
    shutil.copy(B2B, work / "plan.yaml")
    (work / "node_modules").symlink_to(REPO / "node_modules", target_is_directory=True)
    args = ["--plan", "plan.yaml", "--python-out", "out/b2b", "--typescript-out", "web/analytics"]
    assert _run([installed.bin / "trackgen", "build", *args], cwd=work).returncode == 0
    (work / "app.py").write_text("from out.b2b import track_user_signed_up\n\ntrack_user_signed_up\n")
    (work / "main.ts").write_text('import { trackUserInvited } from "./web/analytics/index.js";\n\ntrackUserInvited;\n')
    proc = _run([installed.bin / "trackgen", "status", *args, "--format", "json"], cwd=work)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "app.py" in proc.stdout and "main.ts" in proc.stdout, proc.stdout
