"""Build a plan file the way the CLI does, in this process, and check the result:

1. the build succeeds or raises ``PlanError`` whose every diagnostic is located;
2. every generated file is UTF-8, every Python module compiles without warnings, the
   package imports, and each generated function, called with a ``RecordingClient``,
   sends the plan's names byte for byte;
3. nothing from the plan ran (``text.MARKER`` and ``text.PWNED_FLAG``).
"""

from __future__ import annotations

import builtins
import importlib
import logging
import shutil
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from trackgen.api import GenerateOptions, GeneratedFile, LoadedPlan, PythonOptions, TypeScriptOptions, generate, read_plan
from trackgen.diagnostics import Diagnostic, PlanError
from trackgen import ir
from trackgen.lint import LintConfig, lint_plan
from trackgen.targets.python.namer import PythonNamer

from . import text as tx
from .plans import ExpectedCall


@dataclass
class Outcome:
    name: str
    loaded: LoadedPlan | None = None
    error: PlanError | None = None
    files: list[GeneratedFile] = field(default_factory=list)
    findings: list[Diagnostic] = field(default_factory=list)


def located(d: Diagnostic, name: str) -> bool:
    loc = d.location
    return loc is not None and loc.file == name and loc.line >= 1 and loc.column >= 1


def build(data: bytes, workdir: Path, name: str, options: GenerateOptions) -> Outcome:
    """Read, lint and generate as ``trackgen build`` does (read_plan, lint_plan, generate)."""
    path = workdir / name
    path.write_bytes(data)
    outcome = Outcome(name)
    try:
        outcome.loaded = read_plan(path, name)
        outcome.findings = lint_plan(outcome.loaded.model, LintConfig())
        outcome.files = generate(outcome.loaded.plan, options)
    except PlanError as exc:
        outcome.error = exc
        assert exc.diagnostics, "a PlanError without diagnostics"
        unlocated = [d.render() for d in exc.diagnostics if not located(d, name)]
        assert not unlocated, f"diagnostics without a location in {name}: {unlocated}"
        return outcome
    unlocated = [d.render() for d in outcome.loaded.warnings + outcome.findings if not located(d, name)]
    assert not unlocated, f"warnings or lint findings without a location in {name}: {unlocated}"
    return outcome


def check_files(files: list[GeneratedFile]) -> None:
    """Every file is UTF-8 text (the writer writes it so), every module compiles."""
    for f in files:
        try:
            f.content.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise AssertionError(f"{f.target}/{f.path} cannot be written as UTF-8: {exc}") from None
        if f.target == "python" and f.path.endswith(".py"):
            with warnings.catch_warnings():
                warnings.simplefilter("error")  # an invalid escape is a SyntaxWarning
                compile(f.content, f"{f.path}", "exec", dont_inherit=True)


def assert_nothing_ran() -> None:
    assert not tx.MARKER.exists(), f"code from the plan ran: {tx.MARKER} was created"
    assert tx.PWNED_FLAG not in builtins.__dict__, "code from the plan ran: it set a flag in builtins"


class _Errors(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def sample_value(t: ir.Type, plan: ir.Plan) -> Any:
    """A value of type ``t`` (valid where that is easy; the checks may still object)."""
    if isinstance(t, ir.StringType):
        return {"date-time": "2020-01-02T03:04:05+00:00", "date": "2020-01-02"}.get(t.format or "", "s")
    if isinstance(t, ir.IntegerType):
        return 1
    if isinstance(t, ir.NumberType):
        return 1.5
    if isinstance(t, ir.BooleanType):
        return True
    if isinstance(t, (ir.NullType, ir.AnyType)):
        return None
    if isinstance(t, ir.EnumType):
        return t.values[0]
    if isinstance(t, ir.ArrayType):
        return [sample_value(t.items, plan)]
    if isinstance(t, ir.ObjectType):
        return {p.name: sample_value(p.type, plan) for p in t.properties}
    if isinstance(t, ir.RefType):
        return sample_value(plan.definition(t.name), plan)
    assert isinstance(t, ir.UnionType)
    return sample_value(t.members[0], plan)


#: A key of extra properties: hostile too, and never a declared property (NUL-led).
EXTRA_KEY = "\0extra \"'\u2028\\"


def check_calls_match(plan: ir.Plan, expected: list[ExpectedCall]) -> None:
    """The IR's calls are the tree's: names and property names byte for byte."""
    got = sorted(
        (
            ExpectedCall(
                c.kind.value,
                c.name,
                tuple(p.name for p in c.properties.properties),
                c.category if c.kind in (ir.CallKind.PAGE, ir.CallKind.SCREEN) else None,
            )
            for c in plan.calls
        ),
        key=lambda c: (c.kind, c.name),
    )
    assert got == expected, f"the plan says {expected}\nthe build made {got}"


def exercise(outcome: Outcome, site: Path, validation: str) -> None:
    """Import the generated package and make every call through a RecordingClient."""
    assert outcome.loaded is not None
    plan = outcome.loaded.plan
    # One name for every example (the module cache is emptied after each): an error in
    # generated code is then at the same place each time, as hypothesis needs to replay it.
    package = "trackgen_fuzz_pkg"
    root = site / package
    shutil.rmtree(root, ignore_errors=True)
    for f in outcome.files:
        if f.target == "python":
            path = root / f.path
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(f.content, encoding="utf-8")
    logger = logging.getLogger(package)
    errors = _Errors()
    logger.addHandler(errors)
    dont_write = sys.dont_write_bytecode
    sys.dont_write_bytecode = True
    importlib.invalidate_caches()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)  # deprecated calls warn when called
            module = importlib.import_module(package)
            _calls(module, plan, validation)
    finally:
        sys.dont_write_bytecode = dont_write
        logger.removeHandler(errors)
        for name in [n for n in sys.modules if n == package or n.startswith(package + ".")]:
            del sys.modules[name]
        shutil.rmtree(root, ignore_errors=True)
    assert not errors.records, "the generated code logged: " + "; ".join(r.getMessage() for r in errors.records)


def _calls(module: Any, plan: ir.Plan, validation: str) -> None:
    namer = PythonNamer(plan)
    client = module.RecordingClient()
    violations: list[Any] = []
    module.configure(client=client, on_violation=violations.append)
    for call in plan.calls:
        function = getattr(module, namer.function(call))
        params = namer.parameters(call)
        values = {p.name: sample_value(p.type, plan) for p in call.properties.properties}
        kwargs: dict[str, Any] = {params[wire]: value for wire, value in values.items()}
        extra = call.properties.additional
        if extra:
            kwargs["extra_properties"] = {EXTRA_KEY: 1}
        if call.kind is ir.CallKind.GROUP:
            kwargs["group_id"] = "g"
        before = len(client.calls)
        try:
            function(user_id="u", **kwargs)
        except module.ValidationError:
            assert validation == "raise", "only the raise mode raises"
            assert len(client.calls) == before, "a call that raised was sent"
            continue
        assert len(client.calls) == before + 1, f"{namer.function(call)} sent {len(client.calls) - before} calls"
        sent = client.calls[-1]
        assert sent.method == call.kind.value
        arguments = sent.arguments
        payload = arguments["traits" if call.kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP) else "properties"]
        want = ({EXTRA_KEY: 1} if extra else {}) | values
        assert list(payload) == list(want), f"sent the keys {list(payload)!r}, the plan has {list(want)!r}"
        assert payload == want, f"sent {payload!r}, called with {want!r}"
        if call.kind is ir.CallKind.TRACK:
            assert arguments["event"] == call.name and type(arguments["event"]) is str
        elif call.kind in (ir.CallKind.PAGE, ir.CallKind.SCREEN):
            assert arguments["name"] == call.name and arguments["category"] == call.category
        if call.kind is not ir.CallKind.IDENTIFY:
            assert arguments["user_id"] == "u"


def options_for(validation: str, sdk: str, ts_validation: str) -> GenerateOptions:
    return GenerateOptions(
        python=PythonOptions(validation=validation),  # type: ignore[arg-type]
        typescript=TypeScriptOptions(sdk=sdk, validation=ts_validation),  # type: ignore[arg-type]
    )
