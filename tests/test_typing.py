"""Negative typing tests: the type checkers reject every invalid call, and only those.

tests/typing/plan.yaml is built into a temporary folder; the call files of
tests/typing/ are copied next to the generated code and checked with mypy --strict,
pyright (strict) and tsc 5 and 7 (TSC_FLAGS), for both TypeScript SDK flavours.

Every wrong line of an ``invalid`` file names, in a trailing comment, the errors each
checker must report on it::

    track_order_placed(status="cancelled")  # expect: mypy[arg-type] pyright[reportArgumentType]
    trackOrderPlaced({ status: "cancelled" }); // expect: TS2322
    trackOrderPlaced({}); // expect: ts5[TS2345] ts7[TS2741]

(a bare TypeScript code holds for both compilers). The test compares the set of
(file, line, code) a checker reports with the set the comments give, both ways: an
error that is missing and an error nobody expected both fail, and so does any error
in a ``valid`` file or in the generated code.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import tokenize
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conftest import NODE_MODULES, REPO, CheckResult, build_plan, run_mypy, run_pyright, run_tsc

TYPING = REPO / "tests" / "typing"
PLAN = TYPING / "plan.yaml"
PACKAGE = "typed_analytics"  # the Python package's name; the call files import it

PY_VALID, PY_INVALID = "valid_calls.py", "invalid_calls.py"
TS_VALID, TS_INVALID = "valid.ts", "invalid.ts"
PY_CHECKERS = ("mypy", "pyright")
TS_COMPILERS = ("5", "7")
TS_SDKS = ("analytics-next", "analytics-node")


# --- what the call files expect ---------------------------------------------------------

_BRACKETED = re.compile(r"(?P<who>[A-Za-z0-9_]+)\[(?P<codes>[^\]]*)\]")
_TS_CODE = re.compile(r"TS\d+")
_TS_TRAILING_EXPECT = re.compile(r"^(?P<code>\s*\S.*?);?\s*//\s*expect:(?P<spec>.*)$")


@dataclass(frozen=True)
class Diagnostic:
    file: str  # relative to the build folder, "/" separated
    line: int
    code: str
    message: str = ""


def _bracketed(spec: str, allowed: Iterable[str], where: str) -> dict[str, set[str]]:
    """``who[code,code] who[code]`` -> {who: codes}; anything else in ``spec`` is an error."""
    found: dict[str, set[str]] = {}
    for match in _BRACKETED.finditer(spec):
        who = match["who"]
        if who not in allowed:
            raise AssertionError(f"{where}: unknown checker {who!r} in expect comment (known: {', '.join(allowed)})")
        codes = {c.strip() for c in match["codes"].split(",") if c.strip()}
        if not codes:
            raise AssertionError(f"{where}: {who}[] names no error code")
        found.setdefault(who, set()).update(codes)
    return found


def python_expectations(path: Path) -> dict[str, set[tuple[int, str]]]:
    """{checker: {(line, code)}} from the ``# expect:`` comments that end code lines.

    Comments are found with ``tokenize``, so text in docstrings is never mistaken for
    an expectation; an expect comment on a line of its own is an error, as is an
    invalid line that does not name both checkers.
    """
    expected: dict[str, set[tuple[int, str]]] = {checker: set() for checker in PY_CHECKERS}
    code_lines: set[int] = set()
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING}
    tokens = list(tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline))
    for tok in tokens:
        if tok.type not in skip:
            code_lines.update(range(tok.start[0], tok.end[0] + 1))
    for tok in tokens:
        if tok.type != tokenize.COMMENT:
            continue
        text = tok.string.lstrip("#").strip()
        if not text.startswith("expect:"):
            continue
        line = tok.start[0]
        where = f"{path.name}:{line}"
        if line not in code_lines:
            raise AssertionError(f"{where}: an expect comment must end the line it is about")
        spec = text.removeprefix("expect:")
        found = _bracketed(spec, PY_CHECKERS, where)
        if _BRACKETED.sub("", spec).strip():
            raise AssertionError(
                f"{where}: cannot read {spec.strip()!r}; write e.g. mypy[arg-type] pyright[reportArgumentType]"
            )
        missing = [checker for checker in PY_CHECKERS if checker not in found]
        if missing:
            raise AssertionError(f"{where}: an invalid call must be rejected by every checker; no codes for {missing}")
        for checker, codes in found.items():
            expected[checker].update((line, code) for code in codes)
    return expected


def typescript_expectations(path: Path) -> dict[str, set[tuple[int, str]]]:
    """{compiler: {(line, code)}} from ``// expect:`` comments that end code lines.

    ``TS2322`` holds for every compiler, ``ts5[TS2345]`` / ``ts7[TS2741]`` for one.
    """
    expected: dict[str, set[tuple[int, str]]] = {version: set() for version in TS_COMPILERS}
    compilers = [f"ts{v}" for v in TS_COMPILERS]
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if text.lstrip().startswith("//") or "expect:" not in text:
            continue
        where = f"{path.name}:{number}"
        match = _TS_TRAILING_EXPECT.match(text)
        if match is None:
            raise AssertionError(f"{where}: an expect comment must read `// expect: TS1234` at the end of a code line")
        spec = match["spec"]
        specific = _bracketed(spec, compilers, where)
        shared = set(_TS_CODE.findall(_BRACKETED.sub("", spec)))
        if _TS_CODE.sub("", _BRACKETED.sub("", spec)).strip():
            raise AssertionError(f"{where}: cannot read {spec.strip()!r}; write e.g. TS2322 or ts5[TS2345] ts7[TS2741]")
        for version in TS_COMPILERS:
            codes = shared | specific.get(f"ts{version}", set())
            if not codes:
                raise AssertionError(f"{where}: no error code for TypeScript {version}")
            bad = [c for c in codes if not _TS_CODE.fullmatch(c)]
            if bad:
                raise AssertionError(f"{where}: not TypeScript error codes: {bad}")
            expected[version].update((number, code) for code in codes)
    return expected


def test_valid_files_expect_nothing() -> None:
    """A valid file with an expect comment would be a test that checks nothing."""
    assert python_expectations(TYPING / "python" / PY_VALID) == {c: set() for c in PY_CHECKERS}
    for sdk in TS_SDKS:
        assert typescript_expectations(TYPING / "typescript" / sdk / TS_VALID) == {v: set() for v in TS_COMPILERS}


# --- what the checkers report --------------------------------------------------------------

_MYPY_LINE = re.compile(
    r"^(?P<file>[^\s:][^:]*):(?P<line>\d+):(?:\d+:)? (?P<sev>error|warning): (?P<msg>.*?)(?:  \[(?P<code>[a-z0-9-]+)\])?$"
)
_PYRIGHT_HEAD = re.compile(
    r"^\s+(?P<file>/.*?):(?P<line>\d+):(?P<col>\d+) - (?P<sev>error|warning|information): (?P<msg>.*)$"
)
_PYRIGHT_RULE = re.compile(r"\((?P<rule>report[A-Za-z]+)\)\s*$")
_TSC_LINE = re.compile(
    r"^(?P<file>[^\s(][^(]*)\((?P<line>\d+),(?P<col>\d+)\): (?P<sev>error|warning) (?P<code>TS\d+): (?P<msg>.*)$"
)
_TSC_GLOBAL = re.compile(r"^(?P<sev>error|warning) (?P<code>TS\d+): (?P<msg>.*)$")


def _relative(file: str, root: Path) -> str:
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.resolve().relative_to(root.resolve())
        except ValueError:
            return path.as_posix()
    return path.as_posix()


def _checked(result: CheckResult, diagnostics: list[Diagnostic], what: str) -> list[Diagnostic]:
    """The diagnostics, unless the checker failed in a way its output does not explain
    (a crash, a configuration error, an output this module cannot parse)."""
    if result.returncode not in (0, 1) or (result.returncode == 1 and not diagnostics):
        raise AssertionError(
            f"{what} exited with {result.returncode} and {len(diagnostics)} parsed errors:\n{result.output}"
        )
    return diagnostics


def parse_mypy(result: CheckResult, root: Path) -> list[Diagnostic]:
    out = []
    for line in result.output.splitlines():
        match = _MYPY_LINE.match(line)
        if match:
            out.append(
                Diagnostic(_relative(match["file"], root), int(match["line"]), match["code"] or "?", match["msg"])
            )
        elif ": error:" in line:  # an error in a shape this parser does not know must still fail
            out.append(Diagnostic("?", 0, "?", line))
    return _checked(result, out, "mypy")


def parse_pyright(result: CheckResult, root: Path) -> list[Diagnostic]:
    """Pyright's text output: a diagnostic's message may go on over indented lines; its
    rule, in parentheses, ends the last of them."""
    entries: list[tuple[str, int, str, list[str]]] = []  # file, line, severity, message lines
    open_message: list[str] | None = None
    for line in result.output.splitlines():
        head = _PYRIGHT_HEAD.match(line)
        if head:
            open_message = [head["msg"]]
            entries.append((_relative(head["file"], root), int(head["line"]), head["sev"], open_message))
        elif open_message is not None and line.startswith("  "):  # then non-breaking spaces
            open_message.append(line.strip())
        else:  # a file name or the summary ends a message
            open_message = None
            if " - error: " in line:  # an error in a shape this parser does not know must still fail
                entries.append(("?", 0, "error", [line.strip()]))
    out = []
    for file, number, severity, message in entries:
        if severity == "information":
            continue
        rule = _PYRIGHT_RULE.search(message[-1])
        out.append(Diagnostic(file, number, rule["rule"] if rule else "?", " ".join(message)))
    return _checked(result, out, "pyright")


def parse_tsc(result: CheckResult, root: Path) -> list[Diagnostic]:
    out = []
    for line in result.output.splitlines():
        match = _TSC_LINE.match(line)
        if match:
            out.append(Diagnostic(_relative(match["file"], root), int(match["line"]), match["code"], match["msg"]))
            continue
        match = _TSC_GLOBAL.match(line)
        if match:
            out.append(Diagnostic("", 0, match["code"], match["msg"]))
    # tsc 5 exits with 2 when it reports errors and emits nothing (--noEmit); tsc 7 with 1
    if result.returncode == 2 and out:
        return out
    return _checked(result, out, "tsc")


# --- comparing them ------------------------------------------------------------------------


def compare(
    checker: str,
    root: Path,
    reported: list[Diagnostic],
    expected: dict[str, set[tuple[int, str]]],
) -> list[str]:
    """Problems, as readable lines: per file, the errors missing and the errors unexpected.

    ``expected`` maps a file (relative to ``root``) to its (line, code) pairs; errors in
    any other file (a valid file, the generated code) are all unexpected.
    """
    got: dict[str, dict[tuple[int, str], list[str]]] = {}
    for d in reported:
        got.setdefault(d.file, {}).setdefault((d.line, d.code), []).append(d.message)
    problems: list[str] = []
    for file in sorted(set(got) | set(expected)):
        want = expected.get(file, set())
        have = got.get(file, {})
        missing = sorted(want - set(have))
        extra = sorted(set(have) - want)
        if not missing and not extra:
            continue
        source = root / file
        lines = source.read_text(encoding="utf-8").splitlines() if source.is_file() else []

        def show(line: int) -> str:
            return lines[line - 1].strip() if 0 < line <= len(lines) else ""

        problems.append(f"{checker} on {file or '(no file)'}:")
        for line, code in missing:
            problems.append(f"  MISSING   line {line} [{code}]: {show(line)}")
        for line, code in extra:
            for message in have[(line, code)]:
                problems.append(f"  UNEXPECTED line {line} [{code}]: {show(line)}\n      {checker}: {message}")
    return problems


# --- Python --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def python_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("typing-python")
    build_plan(PLAN, root, package=PACKAGE)
    for name in (PY_VALID, PY_INVALID, "mypy.ini"):
        shutil.copyfile(TYPING / "python" / name, root / name)
    return root


@pytest.mark.parametrize("checker", PY_CHECKERS)
def test_python_checkers_pin_invalid_calls(python_build: Path, checker: str) -> None:
    root = python_build
    files = [Path(PY_VALID), Path(PY_INVALID)]
    if checker == "mypy":
        reported = parse_mypy(run_mypy(files, cwd=root), root)
    else:
        reported = parse_pyright(run_pyright([root / f for f in files], cwd=root), root)
    expected = {PY_VALID: set(), PY_INVALID: python_expectations(TYPING / "python" / PY_INVALID)[checker]}
    problems = compare(checker, root, reported, expected)
    assert not problems, "\n" + "\n".join(problems)


def test_python_valid_calls_run_without_violations(python_build: Path) -> None:
    """The valid calls also pass the generated run-time validation (it logs a warning
    for every violation), so the static and run-time views of the plan agree."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    proc = subprocess.run(
        [sys.executable, PY_VALID],
        cwd=python_build,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert proc.returncode == 0 and not proc.stderr.strip(), proc.stdout + proc.stderr


# --- TypeScript ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def typescript_builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    builds = {}
    for sdk in TS_SDKS:
        root = tmp_path_factory.mktemp(f"typing-{sdk}")
        build_plan(PLAN, root, package=PACKAGE, sdk=sdk)
        # The call files import the SDKs (to configure real instances): let module
        # resolution find the repository's node_modules from the temporary folder.
        (root / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
        for name in (TS_VALID, TS_INVALID):
            shutil.copyfile(TYPING / "typescript" / sdk / name, root / name)
        builds[sdk] = root
    return builds


@pytest.mark.parametrize("version", TS_COMPILERS, ids=lambda v: f"tsc{v}")
@pytest.mark.parametrize("sdk", TS_SDKS)
def test_typescript_compilers_pin_invalid_calls(typescript_builds: dict[str, Path], sdk: str, version: str) -> None:
    root = typescript_builds[sdk]
    reported = parse_tsc(run_tsc([Path(TS_VALID), Path(TS_INVALID)], version=version, cwd=root), root)
    expected = {TS_VALID: set(), TS_INVALID: typescript_expectations(TYPING / "typescript" / sdk / TS_INVALID)[version]}
    problems = compare(f"tsc {version} ({sdk})", root, reported, expected)
    assert not problems, "\n" + "\n".join(problems)
