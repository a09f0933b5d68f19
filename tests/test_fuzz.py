"""A fuzzer of hostile plans (hypothesis): whatever the plan, the build either succeeds
or reports located errors, the generated code compiles, imports and sends the plan's
names byte for byte, and nothing in the plan ever runs.

Plans are drawn as data trees (tests/fuzz/plans.py) with hostile names, descriptions,
enum values, patterns and ``$ref``s, written as YAML (every scalar style, anchors and
aliases, merge keys, duplicate keys, BOM, CRLF) or JSON (escapes, lone surrogates),
and sometimes broken on purpose: mutated trees, the repository's own plans and
exports mutated, truncated or corrupted bytes.

Two settings profiles: ``trackgen-fuzz`` (the default; bounded, derandomized, no
example database, so ``make test`` and CI run the same examples in well under a
minute) and ``trackgen-fuzz-long`` (``TRACKGEN_FUZZ=long``, as ``make fuzz`` runs it:
100,000 cases in all, with a fresh random seed each run; a failure prints the
``@reproduce_failure`` blob that replays it). The profiles are registered but not
loaded: the settings objects below are built from them, so other tests that use
hypothesis keep its defaults.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from conftest import NODE_MODULES, run_mypy, run_pyright, run_tsc
from fuzz import harness, plans, render
from fuzz import text as tx
from fuzz.plans import ExpectedCall
from trackgen.api import GenerateOptions, PythonOptions, TypeScriptOptions

# --- profiles -------------------------------------------------------------------------------

# No deadline: a build's time depends on whether black must relayout a long line (a
# few ms to a few hundred); timing is bench/'s job. The health checks stay on.
settings.register_profile("trackgen-fuzz", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("trackgen-fuzz-long", derandomize=False, database=None, deadline=None, print_blob=True)
LONG = os.environ.get("TRACKGEN_FUZZ") == "long"
BASE = settings.get_profile("trackgen-fuzz-long" if LONG else "trackgen-fuzz")

#: Examples per test. The long profile's add up to 100,000 cases.
LONG_BUDGET = {"plans": 50_000, "broken": 49_500, "cli": 460, "typecheck": 40}
assert sum(LONG_BUDGET.values()) == 100_000
#: ``TRACKGEN_FUZZ_CASES`` scales the long profile (``make fuzz FUZZ_CASES=20000``).
SCALE = int(os.environ.get("TRACKGEN_FUZZ_CASES", "100000")) / 100_000
BUDGET = (
    {name: max(1, round(count * SCALE)) for name, count in LONG_BUDGET.items()}
    if LONG
    else {"plans": 160, "broken": 300, "cli": 6, "typecheck": 1}
)


# --- cases ------------------------------------------------------------------------------------


@dataclass
class Case:
    """A plan file and the options to build it with; ``expected`` is what the plan
    means (None when it is not known exactly), ``duplicate`` whether it has a
    duplicate key (so it must fail)."""

    data: bytes
    name: str = "plan.yaml"
    expected: list[ExpectedCall] | None = None
    duplicate: bool = False
    validation: str = "warn"
    sdk: str = "analytics-next"
    ts_validation: str = "warn"
    text: str = field(default="", repr=False)

    def options(self) -> GenerateOptions:
        return harness.options_for(self.validation, self.sdk, self.ts_validation)


def _native(tree: Any) -> bool:
    try:
        data = plans.resolve(tree)
    except plans.Unknown:
        return False
    return isinstance(data, dict) and ("trackgen" in data or isinstance(data.get("events"), list))


def _pairs_joined(text: str) -> str:
    """JSON reads ``"\\ud800\\udfff"`` as one character (U+103FF), a surrogate pair,
    however the escapes were meant; lone surrogates stay as they are."""
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "surrogatepass")


def _as_json_reads(calls: list[ExpectedCall]) -> list[ExpectedCall] | None:
    joined = [
        ExpectedCall(
            c.kind,
            _pairs_joined(c.name),
            tuple(_pairs_joined(p) for p in c.properties),
            None if c.category is None else _pairs_joined(c.category),
        )
        for c in calls
    ]
    # Names that differ in the tree may be one name once read: then the plan is not
    # what the tree says (a duplicate), and only the build's own checks apply.
    if len({(c.kind, c.name) for c in joined}) != len(joined):
        return None
    return sorted(joined, key=lambda c: (c.kind, c.name))


@st.composite
def cases(draw: st.DrawFn, broken: bool) -> Case:
    fmt = draw(st.sampled_from(["yaml", "json"]))
    surrogates = fmt == "json" and draw(st.booleans())
    tree = draw(plans.broken_plans(surrogates) if broken else plans.plans(surrogates))
    rnd = draw(st.randoms(use_true_random=False))
    text = render.to_yaml(tree, rnd) if fmt == "yaml" else render.to_json(tree, rnd)
    data = render.file_bytes(text, rnd)
    corrupted = broken and rnd.random() < 0.3
    if corrupted:
        data = render.corrupt(data, rnd)
    exact = not corrupted and _native(tree)
    expected = plans.expected_calls(tree) if exact else None
    if expected is not None and fmt == "json":
        expected = _as_json_reads(expected)
    return Case(
        data=data,
        name=f"plan.{fmt}",
        expected=expected,
        duplicate=not corrupted and plans.has_duplicate_key(tree),
        validation=draw(st.sampled_from(["warn", "warn", "off", "raise"])),
        sdk=draw(st.sampled_from(["analytics-next", "analytics-node"])),
        ts_validation=draw(st.sampled_from(["warn", "off", "raise"])),
        text=text,
    )


@pytest.fixture(scope="module")
def fuzz_dirs(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    work = tmp_path_factory.mktemp("fuzz-work")
    site = tmp_path_factory.mktemp("fuzz-site")
    sys.path.insert(0, str(site))
    tx.MARKER.unlink(missing_ok=True)
    try:
        yield work, site
    finally:
        sys.path.remove(str(site))


def check_case(case: Case, work: Path, site: Path) -> harness.Outcome:
    """Properties 1 to 3 for one plan file, in this process."""
    outcome = harness.build(case.data, work, case.name, case.options())
    if case.duplicate:
        assert outcome.error is not None, "a duplicate key must be an error"
        codes = {d.code for d in outcome.error.diagnostics}
        # A syntax error stops the parser before it may reach the duplicate.
        assert "TG003" in codes or "TG001" in codes, f"a duplicate key must be reported: {outcome.error}"
    if outcome.error is None:
        harness.check_files(outcome.files)
        assert outcome.loaded is not None
        if case.expected is not None:
            harness.check_calls_match(outcome.loaded.plan, case.expected)
        harness.exercise(outcome, site, case.validation)
    harness.assert_nothing_ran()
    return outcome


# --- 1-3 in this process -------------------------------------------------------------------------


@settings(BASE, max_examples=BUDGET["plans"])
@given(case=cases(broken=False))
def test_hostile_plans_build_and_send_their_names(case: Case, fuzz_dirs: tuple[Path, Path]) -> None:
    check_case(case, *fuzz_dirs)


@settings(BASE, max_examples=BUDGET["broken"])
@given(case=cases(broken=True))
def test_broken_plans_fail_with_located_errors(case: Case, fuzz_dirs: tuple[Path, Path]) -> None:
    check_case(case, *fuzz_dirs)


# --- 1 through the CLI ------------------------------------------------------------------------------

LOCATED = re.compile(r"plan\.(yaml|json):[0-9]+:[0-9]+: (error|warning|info)\[TG[0-9]{3}\]: ")
#: Lines of the CLI's own: counts of lint findings beyond the first few, summaries.
SUMMARY = re.compile(r"trackgen: ")


@settings(BASE, max_examples=BUDGET["cli"])
@given(case=st.one_of(cases(broken=False), cases(broken=True)))
def test_cli_exits_1_with_located_errors_or_writes_what_the_library_generates(
    case: Case, fuzz_dirs: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    work, _ = fuzz_dirs
    # The CLI's options: development mode, both targets, validation "warn".
    case = Case(case.data, case.name)
    outcome = harness.build(case.data, work, case.name, case.options())
    folder = tmp_path_factory.mktemp("fuzz-cli")
    (folder / case.name).write_bytes(case.data)
    args = ["build", "--plan", case.name, "--python-out", "out/py/pk", "--typescript-out", "out/ts"]
    env = {k: v for k, v in os.environ.items() if k not in ("TRACKGEN_NO_FORK", "PYTHONWARNINGS")}
    proc = subprocess.run(
        [sys.executable, "-m", "trackgen", *args], cwd=folder, capture_output=True, text=True, timeout=300, env=env
    )
    output = proc.stdout + proc.stderr
    assert "Traceback" not in output, output
    lines = proc.stderr.splitlines()
    if outcome.error is not None:
        assert proc.returncode == 1, output
        assert lines and lines[-1].startswith("trackgen: build failed with ") and lines[-1].endswith("nothing was written")
        assert not (folder / "out").exists()
        body = lines[:-1]
    else:
        assert proc.returncode == 0, output
        for f in outcome.files:
            root = folder / "out" / ("py/pk" if f.target == "python" else "ts")
            assert (root / f.path).read_bytes() == f.content.encode("utf-8"), f"{f.target}/{f.path} differs"
        body = lines
    for line in body:
        assert LOCATED.match(line) or SUMMARY.match(line), f"not a located diagnostic: {line!r}\n{proc.stderr}"
    harness.assert_nothing_ran()
    shutil.rmtree(folder)


# --- 4: a sample through the type checkers -----------------------------------------------------------


@settings(BASE, max_examples=BUDGET["typecheck"])
@given(batch=st.lists(cases(broken=False), min_size=4, max_size=4), sdk=st.sampled_from(["analytics-next", "analytics-node"]))
def test_sample_passes_mypy_pyright_and_tsc_strict(
    batch: list[Case], sdk: str, fuzz_dirs: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    work, _ = fuzz_dirs
    root = tmp_path_factory.mktemp("fuzz-typecheck")
    (root / "package.json").write_text('{"type": "module", "private": true}\n')
    (root / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    packages: list[Path] = []
    ts_files: list[Path] = []
    for i, case in enumerate(batch):
        options = GenerateOptions(python=PythonOptions(validation="warn"), typescript=TypeScriptOptions(sdk=sdk))  # type: ignore[arg-type]
        outcome = harness.build(case.data, work, case.name, options)
        if outcome.error is not None:
            continue
        for f in outcome.files:
            base = root / (f"fuzz_pkg_{i}" if f.target == "python" else f"ts_{i}")
            path = base / f.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f.content, encoding="utf-8")
            if f.target == "typescript" and f.path.endswith(".ts"):
                ts_files.append(path)
        packages.append(root / f"fuzz_pkg_{i}")
    assume(len(packages) >= 2)
    problems = []
    for what, result in (
        ("mypy --strict", run_mypy(packages, cwd=root)),
        ("pyright (strict)", run_pyright(packages, cwd=root)),
        ("tsc 5 --strict", run_tsc(ts_files, version="5", cwd=root)),
        ("tsc 7 --strict", run_tsc(ts_files, version="7", cwd=root)),
    ):
        if result.returncode != 0:
            problems.append(f"{what} exited with {result.returncode}:\n{result.output[-5000:]}")
    assert not problems, "\n".join(problems)
    harness.assert_nothing_ran()
    shutil.rmtree(root)


# --- regressions: what the fuzzer found, each as a plain test ---------------------------------------

_HUGE = "9" * 5000


@pytest.mark.parametrize(
    "text",
    [
        # Python converts at most 4,300 digits: the loader raised ValueError.
        f"name: P\nevents:\n  - name: A\n    properties:\n      a: {{enum: [{_HUGE}]}}\n",
        f'{{"name": "P", "events": [{{"name": "A", "version": {_HUGE}}}]}}',
        f"name: P\nevents:\n  - name: A\n    properties:\n      a: {{type: integer, maximum: -{_HUGE}}}\n",
        # No double holds these either, as none holds 1e400 (JS would read Infinity).
        "name: P\nevents:\n  - name: A\n    properties:\n      a: {enum: [1" + "0" * 400 + "]}\n",
        '{"name": "P", "events": [{"name": "A", "properties": {"a": {"const": 1' + "0" * 400 + "}}}]}",
        "name: P\nevents:\n  - name: A\n    properties:\n      a: {enum: [0x" + "f" * 300 + "]}\n",
    ],
    ids=["yaml-5000-digits", "json-5000-digits", "yaml-negative-5000-digits", "yaml-401-digits", "json-401-digits", "yaml-hex"],
)
def test_an_integer_no_double_holds_is_a_located_error(text: str, fuzz_dirs: tuple[Path, Path]) -> None:
    work, _ = fuzz_dirs
    name = "plan.json" if text.startswith("{") else "plan.yaml"
    outcome = harness.build(text.encode(), work, name, harness.options_for("warn", "analytics-next", "warn"))
    assert outcome.error is not None
    [d] = outcome.error.diagnostics
    assert (d.code, d.location.line if d.location else 0) == ("TG002", 1 if name == "plan.json" else 5)
    assert "is not a number a JSON payload can hold" in d.message and len(d.message) < 200, d.message


def test_the_largest_integer_a_double_holds_still_builds(fuzz_dirs: tuple[Path, Path]) -> None:
    work, site = fuzz_dirs
    big = int(sys.float_info.max)
    text = f"name: P\nevents:\n  - name: A\n    properties:\n      a: {{enum: [{big}, -{big}], required: true}}\n"
    check_case(Case(text.encode(), expected=[ExpectedCall("track", "A", ("a",))]), work, site)


def test_definitions_that_refer_to_later_ones_import(fuzz_dirs: tuple[Path, Path]) -> None:
    """defs.py declared definitions in plan order: one that refers to a later one
    (an alias, a union member, a TypedDict field) raised NameError on import."""
    work, site = fuzz_dirs
    text = """\
name: P
events:
  - name: A
    properties:
      a: {$ref: "#/$defs/x", required: true}
      b: {$ref: "#/$defs/z"}
$defs:
  x: {anyOf: [{$ref: "#/$defs/y"}, {type: integer}]}
  y: {enum: [a, b]}
  z: {type: object, properties: {p: {$ref: "#/$defs/w"}, q: {type: array, items: {$ref: "#/$defs/x"}}}}
  w: {$ref: "#/$defs/y"}
"""
    check_case(Case(text.encode(), expected=[ExpectedCall("track", "A", ("a", "b"))]), work, site)


def test_unions_with_any_json_value_import(fuzz_dirs: tuple[Path, Path]) -> None:
    """JsonValue is a string at run time (a recursive alias): ``_rt.JsonValue | int`` in
    defs.py or a TypedDict field, which Python evaluates, raised TypeError on import.
    A union with a member that takes any JSON value takes any JSON value."""
    work, site = fuzz_dirs
    text = """\
name: P
events:
  - name: A
    properties:
      a: {anyOf: [{}, {type: integer}], required: true}
      o:
        type: object
        properties:
          p: {anyOf: [{}, {type: integer}]}
          q: {$ref: "#/$defs/any", nullable: true}
          r: {anyOf: [{$ref: "#/$defs/alias"}, {type: string}]}
$defs:
  x: {anyOf: [{type: integer}, {}]}
  any: {}
  alias: {$ref: "#/$defs/any"}
  y: {oneOf: [{$ref: "#/$defs/alias"}, {type: boolean}], nullable: true}
"""
    check_case(Case(text.encode(), expected=[ExpectedCall("track", "A", ("a", "o"))]), work, site)


def test_a_pattern_python_warns_about_is_a_located_warning_not_a_python_warning(fuzz_dirs: tuple[Path, Path]) -> None:
    """re.compile's FutureWarning ("Possible set intersection") went to stderr as a
    Python warning with a source line of lower.py, not as a located diagnostic."""
    import warnings

    work, _ = fuzz_dirs
    text = 'name: P\nevents:\n  - name: A\n    properties:\n      b: {type: string, pattern: "[a&&b]"}\n'
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        outcome = harness.build(text.encode(), work, "plan.yaml", harness.options_for("warn", "analytics-next", "warn"))
    assert [str(w.message) for w in caught] == []
    assert outcome.error is None and outcome.loaded is not None
    [d] = [d for d in outcome.loaded.warnings if d.code == "TG106"]
    assert (d.severity.value, d.location.line if d.location else 0) == ("warning", 5)
    assert "Possible set intersection" in d.message


def test_the_detectors_see_a_payload_that_runs(fuzz_dirs: tuple[Path, Path]) -> None:
    """Property 3 is only as good as its detectors: running two payloads trips both."""
    import builtins

    exec(tx.PAYLOADS[0], {})  # os.system("touch MARKER")
    with pytest.raises(AssertionError, match="was created"):
        harness.assert_nothing_ran()
    tx.MARKER.unlink()
    exec(tx.PAYLOADS[1], {})  # builtins flag
    with pytest.raises(AssertionError, match="flag in builtins"):
        harness.assert_nothing_ran()
    del builtins.__dict__[tx.PWNED_FLAG]
    harness.assert_nothing_ran()


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_constants_are_numbers_json_cannot_hold_not_strings(constant: str, fuzz_dirs: tuple[Path, Path]) -> None:
    """JSON text with NaN is read by the YAML parser, which took the bare word as the
    string "NaN": an enum of [NaN, Infinity] built with two strings, silently."""
    work, _ = fuzz_dirs
    text = '{"name": "P", "events": [{"name": "A", "properties": {"a": {"enum": [1, %s]}}}]}' % constant
    outcome = harness.build(text.encode(), work, "plan.json", harness.options_for("warn", "analytics-next", "warn"))
    assert outcome.error is not None
    [d] = outcome.error.diagnostics
    assert (d.code, d.location.line if d.location else 0, d.location.column if d.location else 0) == ("TG002", 1, text.index(constant) + 1)
    assert d.message == f"{constant} is not a number a JSON payload can hold (plans hold JSON values)"


@pytest.mark.parametrize(
    "text, line, column",
    [("\0{}", 1, 1), ("name: P\nevents:\n  - name: A\x07B\n", 3, 12), ("name: P\r\ndescription: \x1b[31m\r\n", 2, 14)],
    ids=["nul-first", "bell-in-name", "escape-crlf"],
)
def test_a_character_yaml_does_not_allow_is_one_located_line(text: str, line: int, column: int, fuzz_dirs: tuple[Path, Path]) -> None:
    """PyYAML's reader error has no mark: it was reported at 1:1 with a second line
    ('  in "<unicode string>", position 0') that no diagnostic reader can place."""
    work, _ = fuzz_dirs
    outcome = harness.build(text.encode(), work, "plan.yaml", harness.options_for("warn", "analytics-next", "warn"))
    assert outcome.error is not None
    [d] = outcome.error.diagnostics
    assert d.location is not None and (d.code, d.location.line, d.location.column) == ("TG001", line, column)
    assert "\n" not in d.message and d.message.startswith("syntax error: unacceptable character #x00"), d.message


def test_a_duplicated_key_that_is_invalid_itself_is_reported_as_invalid(fuzz_dirs: tuple[Path, Path]) -> None:
    """Found by the long profile: the oracle wanted TG003 for two keys "\\0b"; both are
    reported as keys that cannot start with NUL (TG002), which is the error to fix."""
    work, _ = fuzz_dirs
    text = 'name: P\nevents:\n  - name: A\n    properties:\n      "\\0b": {type: string}\n      "\\0b": {type: string}\n'
    outcome = harness.build(text.encode(), work, "plan.yaml", harness.options_for("warn", "analytics-next", "warn"))
    assert outcome.error is not None
    assert [(d.code, d.location.line if d.location else 0) for d in outcome.error.diagnostics] == [("TG002", 5), ("TG002", 6)]
    assert not plans.has_duplicate_key(plans.Pairs([("\0b", 1), ("\0b", 2)]))


def test_arrays_nested_deep_enough_to_need_relayout_build(fuzz_dirs: tuple[Path, Path]) -> None:
    """Found by the long profile: at 21 levels of arrays the Python layout code met a
    closing bracket whose pair was cut off (StopIteration out of generate)."""
    work, site = fuzz_dirs
    t = '{"type": "string"}'
    for _ in range(21):
        t = '{"type": "array", "items": %s}' % t
    text = '{name: "P", events: [{name: "A B", description: Something happened., properties: {n: %s}}]}' % t
    check_case(Case(text.encode(), expected=[ExpectedCall("track", "A B", ("n",))]), work, site)


def test_a_name_with_line_breaks_is_quoted_on_one_line() -> None:
    """Found by the long profile: lint messages quote event names, and a name holding a
    newline split one diagnostic over three lines."""
    from trackgen.diagnostics import Diagnostic, Location, Severity

    d = Diagnostic("TG414", Severity.WARNING, 'event "\nA\u2028B\x1b[31m" has no description', Location("p.yaml", 1, 2))
    assert d.render() == 'p.yaml:1:2: warning[TG414]: event "\\nA\\u2028B\\x1b[31m" has no description'


def test_an_escaped_surrogate_pair_in_json_is_one_character(fuzz_dirs: tuple[Path, Path]) -> None:
    """Found by the long profile: the oracle expected two lone surrogates where JSON
    (and trackgen) read the pair \\ud800\\udfff as U+103FF."""
    work, site = fuzz_dirs
    text = '{"name":"P","events":[{"name":"\\ud800\\udfff","additionalProperties":false}]}'
    [expected] = _as_json_reads([ExpectedCall("track", "\ud800\udfff", ())]) or []
    assert expected.name == "\U000103ff"
    check_case(Case(text.encode(), name="plan.json", expected=[expected]), work, site)


def test_a_definition_that_is_a_union_with_one_named_member_gets_two_names(fuzz_dirs: tuple[Path, Path]) -> None:
    """Found by the long profile: the enum member of a definition "Error" that is an
    anyOf took the definition's own name, declared twice in defs.py and defs.ts."""
    work, site = fuzz_dirs
    text = (
        '{"name": "P", "trackgen": 1, "events": [{"name": "A B", "properties": {"e": {"$ref": "#/$defs/Error"}}}],'
        ' "$defs": {"Error": {"anyOf": [{"enum": ["a", 5]}, {"$ref": "#/$defs/k"}]}, "k": {"const": "z"}}}'
    )
    outcome = check_case(Case(text.encode(), name="plan.json", expected=[ExpectedCall("track", "A B", ("e",))]), work, site)
    [defs] = [f.content for f in outcome.files if f.target == "python" and f.path == "defs.py"]
    assert "ErrorOption1: _t.TypeAlias" in defs and "Error: _t.TypeAlias = ErrorOption1 | K" in defs


def test_arrays_nested_to_the_limit_build_and_past_it_are_a_located_error(fuzz_dirs: tuple[Path, Path]) -> None:
    """Arrays of arrays 200 deep made ``_t.Sequence[`` 200 times in one annotation:
    "too many nested parentheses", a module that does not compile (the long profile's
    find at 187ceef). At the limit (32) the package builds and imports; past it, TG111."""
    from trackgen.lower import MAX_ARRAY_DEPTH

    work, site = fuzz_dirs

    def plan(depth: int) -> str:
        nested = "{type: array, items: " * depth + "{type: string}" + "}" * depth
        return f"name: P\nevents:\n  - name: A\n    properties:\n      g: {{anyOf: [{nested}, {{type: integer}}], required: true}}\n"

    check_case(Case(plan(MAX_ARRAY_DEPTH).encode(), expected=[ExpectedCall("track", "A", ("g",))]), work, site)
    (work / "deep.yaml").write_text(plan(200), encoding="utf-8")
    from trackgen import load_plan
    from trackgen.diagnostics import PlanError

    with pytest.raises(PlanError) as raised:
        load_plan(work / "deep.yaml", "deep.yaml")
    found = [(d.code, d.location.line if d.location else None) for d in raised.value.diagnostics]
    assert found == [("TG111", 5)], raised.value.diagnostics


def test_unions_with_a_null_definition_import(fuzz_dirs: tuple[Path, Path]) -> None:
    """A definition that is null is None at run time: ``_d.Nothing | None`` in a TypedDict
    field or a definition's alias was ``None | None``, a TypeError on import (the long
    profile's find at 1a73f58)."""
    work, site = fuzz_dirs
    text = """\
name: P
events:
  - name: A
    properties:
      o:
        type: object
        required: true
        properties:
          p: {oneOf: [{type: "null"}, {$ref: "#/$defs/nothing"}]}
          q: {anyOf: [{$ref: "#/$defs/nothing"}, {$ref: "#/$defs/also"}]}
$defs:
  nothing: {type: "null"}
  also: {$ref: "#/$defs/nothing"}
  both: {anyOf: [{$ref: "#/$defs/also"}, {type: "null"}]}
"""
    check_case(Case(text.encode(), expected=[ExpectedCall("track", "A", ("o",))]), work, site)


@pytest.mark.parametrize(
    "event",
    [
        {"name": "A", "properties": [[]]},
        {"name": "A", "properties": ["a"]},
        {"name": "A", "properties": "a"},
        {"name": 1},
        {"name": None},
        {"name": "A", "category": 1},
    ],
)
def test_the_oracle_does_not_claim_to_know_a_broken_plan(event: object) -> None:
    """The long profile's first failures at 1a73f58 were the oracle's: broken plans
    whose properties were a list, or whose event name was a number or null, had
    expected calls (AttributeError in the test, not in trackgen)."""
    tree = {"trackgen": 1, "name": "P", "events": [event]}
    assert plans.expected_calls(tree) is None

