"""Shared helpers of the test suite: the repository's paths, the type checkers the
suite runs (installed by `make test`: mypy in the virtual environment, pyright and
both TypeScript compilers from package-lock.json), and a way to build a plan into a
temporary folder."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

import pytest

from trackgen import GenerateOptions, generate, load_plan
from trackgen.api import GeneratedFile, PythonOptions, TypeScriptOptions

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO.parent / "shared" / "corpus"
NODE_MODULES = REPO / "node_modules"
TSC = {
    "5": NODE_MODULES / "typescript" / "bin" / "tsc",
    "7": NODE_MODULES / "typescript7" / "bin" / "tsc",
}
PYRIGHT = NODE_MODULES / "pyright" / "index.js"


@pytest.fixture(scope="session", autouse=True)
def _build_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """The build cache (trackgen.cache) stays on through the suite, in a folder of its
    own: every test that runs the command twice also checks that the cache never
    answers for a run whose inputs or outputs changed."""
    os.environ["TRACKGEN_CACHE_DIR"] = str(tmp_path_factory.mktemp("trackgen-cache"))
    os.environ.pop("TRACKGEN_NO_CACHE", None)

#: The strictest settings users are likely to have; generated code must pass them.
TSC_FLAGS = [
    "--noEmit",
    "--strict",
    "--exactOptionalPropertyTypes",
    "--noUncheckedIndexedAccess",
    "--noImplicitOverride",
    "--noPropertyAccessFromIndexSignature",
    "--isolatedModules",
    "--verbatimModuleSyntax",
    "--target",
    "es2022",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--types",
    "node",
    "--typeRoots",
    str(NODE_MODULES / "@types"),
]


@dataclass(frozen=True)
class CheckResult:
    returncode: int
    output: str


def _run(cmd: list[str], cwd: Path | None = None, timeout: float = 1800) -> CheckResult:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, timeout=timeout)
    return CheckResult(proc.returncode, proc.stdout + proc.stderr)


def _require(path: Path) -> None:
    if not path.exists():
        raise AssertionError(f"{path} is missing: run `make test` (it installs the type checkers)")


def run_tsc(files: list[Path], version: str = "5", cwd: Path | None = None) -> CheckResult:
    """tsc --strict (and more) over ``files``; ``cwd`` needs a package.json with type: module."""
    _require(TSC[version])
    return _run(["node", str(TSC[version]), *TSC_FLAGS, *map(str, files)], cwd=cwd)


def run_mypy(paths: list[Path], cwd: Path) -> CheckResult:
    return _run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--show-error-codes", "--no-error-summary",
         "--python-version", "3.11", *map(str, paths)],
        cwd=cwd,
    )


def run_pyright(paths: list[Path], cwd: Path) -> CheckResult:
    _require(PYRIGHT)
    config = cwd / "pyrightconfig.json"
    # Relative to the config: pyright ignores absolute "include" entries and checks the
    # whole folder instead.
    include = [os.path.relpath(p, cwd) for p in paths]
    config.write_text(json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.11", "include": include}))
    return _run(["node", str(PYRIGHT), "--pythonpath", sys.executable, "-p", str(config)], cwd=cwd)


def write_files(files: list[GeneratedFile], roots: dict[str, Path]) -> None:
    for f in files:
        path = roots[f.target] / f.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f.content, encoding="utf-8")


@dataclass(frozen=True)
class Built:
    root: Path
    python: Path
    typescript: Path


def build_plan(plan: Path, root: Path, package: str = "analytics", sdk: str = "analytics-next") -> Built:
    """Generate both targets of ``plan`` under ``root`` (``root/package``, ``root/ts``)."""
    ir_plan, _ = load_plan(plan, plan.name)
    files = generate(ir_plan, GenerateOptions(python=PythonOptions(), typescript=TypeScriptOptions(sdk=sdk)))  # type: ignore[arg-type]
    built = Built(root, root / package, root / "ts")
    write_files(files, {"python": built.python, "typescript": built.typescript})
    (root / "package.json").write_text('{"type": "module", "private": true}\n')
    return built


@pytest.fixture
def env_without_hashseed() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONHASHSEED", None)
    return env


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*/expected/ from the generator's output (deleting files no longer generated)",
    )


def synth_module() -> ModuleType:
    """bench/synth.py, the benchmark's plan generator (not a package: loaded by path)."""
    spec = importlib.util.spec_from_file_location("trackgen_bench_synth", REPO / "bench" / "synth.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
