"""Golden tests of the generator: small plans and the exact files they generate.

Each folder of tests/golden/ is a case::

    tests/golden/<case>/plan.yaml        (or plan.json)
    tests/golden/<case>/options.toml     optional: the GenerateOptions (see case_options)
    tests/golden/<case>/expected/python/**       the files generate() returns, by
    tests/golden/<case>/expected/typescript/**   GeneratedFile.target and .path

``test_generated_files_match_expected`` generates every case in memory and compares
the list of files and their contents (a unified diff on mismatch). After a deliberate
change to the generator, rewrite the expected files and read the diff::

    .venv/bin/python -m pytest tests/test_golden.py --update-golden

(files that are no longer generated are deleted). The expected trees must stay good
code: mypy --strict and pyright strict over all Python trees at once, tsc 5 and tsc 7
over all TypeScript trees at once, and the pinned black, each with nothing to report.
The collisions, hostile-strings, hostile-quotes, reserved-names and every-type
packages are also imported and every track call made: the recorded event names and
property keys must be the plan's wire names.

A new case is a new folder with a plan; run with --update-golden once to create its
expected files, then review them.
"""

from __future__ import annotations

import difflib
import importlib
import inspect
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import REPO, CheckResult, run_mypy, run_pyright, run_tsc
from trackgen import GenerateOptions, generate, ir, load_plan
from trackgen.api import GeneratedFile, PythonOptions, TypeScriptOptions
from trackgen.targets.python.namer import PythonNamer

GOLDEN = REPO / "tests" / "golden"
TARGETS = ("python", "typescript")
PLAN_NAMES = ("plan.yaml", "plan.json")

#: The cases this suite is about; more may be added by creating folders.
REQUIRED_CASES = (
    "collisions",
    "definitions",
    "descriptions",
    "empty-plan",
    "every-type",
    "hostile-quotes",
    "hostile-strings",
    "long-names",
    "minimal",
    "no-properties",
    "node-sdk",
    "reserved-names",
)
#: Cases whose generated Python is imported and called (test_track_calls_send_wire_names):
#: collisions and the hostile names (hostile-strings, hostile-quotes), plus reserved-names
#: (renamed parameters) and every-type (every kind of value, which also checks the values
#: the test builds).
FUNCTIONAL_CASES = ("collisions", "hostile-strings", "hostile-quotes", "reserved-names", "every-type")


# --- cases -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    folder: Path

    @property
    def plan(self) -> Path:
        found = [self.folder / n for n in PLAN_NAMES if (self.folder / n).is_file()]
        if len(found) != 1:
            raise AssertionError(f"{self.folder}: needs exactly one of {', '.join(PLAN_NAMES)}, found {len(found)}")
        return found[0]

    @property
    def expected(self) -> Path:
        return self.folder / "expected"

    @property
    def package(self) -> str:
        """The Python package name the case's expected tree is checked under."""
        return "golden_" + re.sub(r"\W", "_", self.name)


def discover() -> list[Case]:
    return [
        Case(p.name, p)
        for p in sorted(GOLDEN.iterdir())
        if p.is_dir() and any((p / n).is_file() for n in PLAN_NAMES)
    ]


CASES = discover()


def case_by_name(name: str) -> Case:
    return next(c for c in CASES if c.name == name)


_PYTHON_KEYS = {"validation", "adapters"}
_TYPESCRIPT_KEYS = {"sdk", "validation"}


def case_options(case: Case) -> GenerateOptions:
    """options.toml: top-level ``sdk`` (TypeScriptOptions.sdk, the common one), and
    ``[python]`` / ``[typescript]`` tables with the other fields of PythonOptions and
    TypeScriptOptions. Both targets are always generated."""
    path = case.folder / "options.toml"
    data: dict[str, Any] = tomllib.loads(path.read_text("utf-8")) if path.is_file() else {}
    python: dict[str, Any] = dict(data.pop("python", {}))
    typescript: dict[str, Any] = dict(data.pop("typescript", {}))
    if "sdk" in data:
        typescript["sdk"] = data.pop("sdk")
    unknown = sorted(data) + sorted(f"python.{k}" for k in set(python) - _PYTHON_KEYS)
    unknown += sorted(f"typescript.{k}" for k in set(typescript) - _TYPESCRIPT_KEYS)
    if unknown:
        raise AssertionError(f"{path}: unknown options {', '.join(unknown)}")
    if "adapters" in python:
        python["adapters"] = tuple(python["adapters"])
    return GenerateOptions(python=PythonOptions(**python), typescript=TypeScriptOptions(**typescript))


def load_case(case: Case) -> ir.Plan:
    plan, _warnings = load_plan(case.plan, case.plan.name)
    return plan


def generate_case(case: Case) -> list[GeneratedFile]:
    return generate(load_case(case), case_options(case))


def as_tree(files: list[GeneratedFile]) -> dict[str, str]:
    """Generated files by their path under expected/ ("python/events/calls.py")."""
    tree: dict[str, str] = {}
    for f in files:
        assert f.target in TARGETS, f"unknown target {f.target!r} of {f.path}"
        key = f"{f.target}/{f.path}"
        assert key not in tree, f"{key} is generated twice"
        tree[key] = f.content
    return tree


def read_tree(root: Path) -> dict[str, str]:
    """Files under ``root`` by POSIX path, read as bytes (no newline translation)."""
    if not root.is_dir():
        return {}
    return {
        p.relative_to(root).as_posix(): p.read_bytes().decode("utf-8") for p in sorted(root.rglob("*")) if p.is_file()
    }


def write_tree(root: Path, tree: dict[str, str]) -> None:
    """Make ``root`` hold exactly ``tree``: write what differs, delete what is not generated."""
    current = read_tree(root)
    for rel, content in tree.items():
        path = root / rel
        if current.get(rel) != content:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content.encode("utf-8"))
    for rel in set(current) - set(tree):
        (root / rel).unlink()
    for folder in sorted((p for p in root.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()


def _diff(rel: str, expected: str, actual: str, limit: int = 300) -> str:
    lines = list(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            f"expected/{rel}",
            f"generated/{rel}",
        )
    )
    if len(lines) > limit:
        lines = lines[:limit] + [f"... {len(lines) - limit} more diff lines\n"]
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in lines)


def tree_problems(expected: dict[str, str], actual: dict[str, str]) -> list[str]:
    problems = []
    for rel in sorted(set(expected) - set(actual)):
        problems.append(f"expected but not generated: {rel}")
    for rel in sorted(set(actual) - set(expected)):
        problems.append(f"generated but not expected: {rel}")
    for rel in sorted(set(expected) & set(actual)):
        if expected[rel] != actual[rel]:
            problems.append(f"differs: {rel}\n{_diff(rel, expected[rel], actual[rel])}")
    return problems


# --- 1. the generated files are the expected ones ---------------------------------------


def test_the_cases_are_there() -> None:
    names = {c.name for c in CASES}
    assert set(REQUIRED_CASES) <= names, f"missing golden cases: {sorted(set(REQUIRED_CASES) - names)}"
    packages = [c.package for c in CASES]
    assert len(set(packages)) == len(packages), "two cases make the same package name"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_generated_files_match_expected(case: Case, request: pytest.FixtureRequest) -> None:
    actual = as_tree(generate_case(case))
    if request.config.getoption("--update-golden"):
        write_tree(case.expected, actual)
    expected = read_tree(case.expected)
    assert expected, f"{case.expected} is empty: run pytest tests/test_golden.py --update-golden"
    problems = tree_problems(expected, actual)
    if problems:
        pytest.fail(
            f"golden case {case.name}: the generator's output differs from {case.expected.relative_to(REPO)} "
            "(after a deliberate change: pytest tests/test_golden.py --update-golden, then review the diff)\n\n"
            + "\n".join(problems),
            pytrace=False,
        )


# --- 2. the expected trees are good code -------------------------------------------------


@dataclass(frozen=True)
class Trees:
    python_root: Path
    """One folder holding every case's expected Python as package ``case.package``."""
    typescript_root: Path
    """One folder with package.json (type: module) and every case's TypeScript in ``<case>/``."""
    packages: tuple[str, ...]
    """The Python packages in ``python_root``."""

    def python_files(self) -> list[Path]:
        return sorted(self.python_root.rglob("*.py"))

    def typescript_files(self) -> list[Path]:
        return sorted(p.relative_to(self.typescript_root) for p in self.typescript_root.rglob("*.ts"))


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> Trees:
    """Every expected tree there is; a case without one (its generation fails) is left
    out here and fails test_generated_files_match_expected instead."""
    python_root = tmp_path_factory.mktemp("golden-python")
    typescript_root = tmp_path_factory.mktemp("golden-typescript")
    packages = []
    for case in CASES:
        python = case.expected / "python"
        typescript = case.expected / "typescript"
        if python.is_dir():
            shutil.copytree(python, python_root / case.package)
            packages.append(case.package)
        if typescript.is_dir():
            shutil.copytree(typescript, typescript_root / case.name)
    assert packages, "no golden case has an expected tree: run pytest tests/test_golden.py --update-golden"
    (typescript_root / "package.json").write_text('{"type": "module", "private": true}\n')
    return Trees(python_root, typescript_root, tuple(packages))


def _report(what: str, result: CheckResult) -> str:
    return f"{what} exited with {result.returncode}:\n{result.output[:30000]}"


def test_expected_python_passes_mypy_strict(trees: Trees) -> None:
    result = run_mypy([Path(p) for p in trees.packages], cwd=trees.python_root)
    assert result.returncode == 0 and not result.output.strip(), _report("mypy --strict", result)


def test_expected_python_passes_pyright_strict(trees: Trees) -> None:
    # Relative paths: pyright ignores absolute ones in "include" (then checks the whole folder).
    result = run_pyright([Path(p) for p in trees.packages], cwd=trees.python_root)
    summary = re.search(r"(\d+) errors?, (\d+) warnings?, (\d+) informations?", result.output)
    assert result.returncode == 0 and summary is not None, _report("pyright", result)
    assert summary.groups() == ("0", "0", "0") and "Ignoring path" not in result.output, _report("pyright", result)


def test_expected_python_is_black_clean(trees: Trees) -> None:
    files = trees.python_files()
    assert files
    proc = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--diff", "--no-color", *map(str, files)],
        cwd=trees.python_root,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, _report("black --check", CheckResult(proc.returncode, proc.stdout + proc.stderr))


@pytest.mark.parametrize("version", ("5", "7"), ids=lambda v: f"tsc{v}")
def test_expected_typescript_compiles(trees: Trees, version: str) -> None:
    files = trees.typescript_files()
    assert any(f.name == "index.ts" for f in files)
    result = run_tsc(files, version=version, cwd=trees.typescript_root)
    assert result.returncode == 0 and not result.output.strip(), _report(f"tsc {version}", result)


# --- 3. the generated Python sends the plan's wire names ----------------------------------


class _NoValue(Exception):
    pass


_STRING_CANDIDATES = ("x", "value", "AAA", "0000", "alpha-1234", "a@example.com")
_NUMBER_CANDIDATES = (1.0, 2.0, 0.5, 0.25, 0.0, 10.0, 100.0, -1.0, 1.5)


def valid_value(t: ir.Type, plan: ir.Plan) -> Any:
    """A value of type ``t`` that also passes the plan's run-time checks; objects get
    every property (required and optional), under the plan's wire names."""
    if isinstance(t, ir.RefType):
        return valid_value(plan.definition(t.name), plan)
    if isinstance(t, ir.StringType):
        if t.format == "date-time":
            return "2024-05-06T07:08:09+00:00"
        if t.format == "date":
            return "2024-05-06"
        c = t.constraints
        for candidate in _STRING_CANDIDATES:
            if c.pattern is not None and re.search(c.pattern, candidate) is None:
                continue
            if c.min_length is not None and len(candidate) < c.min_length:
                continue
            if c.max_length is not None and len(candidate) > c.max_length:
                continue
            return candidate
        raise _NoValue(f"no candidate string fits {c}")
    if isinstance(t, (ir.IntegerType, ir.NumberType)):
        c = t.constraints
        for number in _NUMBER_CANDIDATES:
            if isinstance(t, ir.IntegerType) and not number.is_integer():
                continue
            if (
                (c.minimum is not None and number < c.minimum)
                or (c.maximum is not None and number > c.maximum)
                or (c.exclusive_minimum is not None and number <= c.exclusive_minimum)
                or (c.exclusive_maximum is not None and number >= c.exclusive_maximum)
                or (c.multiple_of and (number / c.multiple_of) % 1)
            ):
                continue
            return int(number) if isinstance(t, ir.IntegerType) else number
        raise _NoValue(f"no candidate number fits {c}")
    if isinstance(t, ir.BooleanType):
        return True
    if isinstance(t, ir.NullType):
        return None
    if isinstance(t, ir.AnyType):
        return {"any": [1, "two", None]}
    if isinstance(t, ir.EnumType):
        return t.values[0]
    if isinstance(t, ir.ArrayType):
        return [valid_value(t.items, plan)]
    if isinstance(t, ir.ObjectType):
        return {p.name: valid_value(p.type, plan) for p in t.properties}
    assert isinstance(t, ir.UnionType)
    return valid_value(t.members[0], plan)


@pytest.fixture
def imported(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[tuple[Case, ModuleType]]:
    case: Case = request.param
    if not (case.expected / "python").is_dir():
        pytest.fail(f"{case.name} has no expected Python tree (see test_generated_files_match_expected[{case.name}])")
    shutil.copytree(case.expected / "python", tmp_path / case.package)
    sys.path.insert(0, str(tmp_path))
    try:
        yield case, importlib.import_module(case.package)
    finally:
        sys.path.remove(str(tmp_path))
        for name in [n for n in sys.modules if n == case.package or n.startswith(case.package + ".")]:
            del sys.modules[name]


@pytest.mark.parametrize("imported", [case_by_name(n) for n in FUNCTIONAL_CASES], ids=FUNCTIONAL_CASES, indirect=True)
def test_track_calls_send_wire_names(imported: tuple[Case, ModuleType]) -> None:
    case, package = imported
    plan = load_case(case)
    namer = PythonNamer(plan)
    client = package.RecordingClient()
    violations: list[Any] = []
    package.configure(client=client, on_violation=violations.append)

    exported_calls = {n for n in package.__all__ if n.startswith("track_")}
    functions = {namer.function(e): e for e in plan.events}
    assert len(functions) == len(plan.events), "two events got the same function name"
    assert exported_calls == set(functions), "the package's track functions are not one per event"

    problems: list[str] = []
    for name, event in sorted(functions.items()):
        function = getattr(package, name)
        params = namer.parameters(event)
        accepted = set(inspect.signature(function).parameters)
        missing = set(params.values()) - accepted
        if missing:
            problems.append(f"{name}: no parameters {sorted(missing)}")
            continue
        every = {p.name: valid_value(p.type, plan) for p in event.properties.properties}
        required = {p.name: every[p.name] for p in event.properties.properties if p.required}
        for sent in (every, required):
            before = len(client.calls)
            arguments = {params[wire]: value for wire, value in sent.items()}
            if event.deprecated:
                with pytest.warns(DeprecationWarning):
                    function(**arguments, user_id="user-1")
            else:
                function(**arguments, user_id="user-1")
            calls = client.calls[before:]
            if len(calls) != 1 or calls[0].method != "track":
                problems.append(f"{name}: expected one track call, recorded {calls}")
                continue
            recorded = calls[0].arguments
            if recorded["event"].encode("utf-8", "surrogatepass") != event.name.encode("utf-8", "surrogatepass"):
                problems.append(f"{name}: sent event {recorded['event']!r}, the plan says {event.name!r}")
            keys = list(recorded["properties"])
            if sorted(k.encode("utf-8", "surrogatepass") for k in keys) != sorted(
                w.encode("utf-8", "surrogatepass") for w in sent
            ):
                problems.append(f"{name}: sent property keys {keys!r}, passed {list(sent)!r}")
            elif recorded["properties"] != sent:
                problems.append(f"{name}: sent properties {recorded['properties']!r}, passed {sent!r}")
    problems += [f"valid values reported as a violation: {v}" for v in violations]
    assert not problems, "\n".join(problems)
