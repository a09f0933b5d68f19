"""Run-time validation: one table of cases (tests/validation/cases.json) run through
the generated Python and the generated TypeScript, in each mode."""

from __future__ import annotations

import importlib
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import NODE_MODULES, TSC, write_files
from trackgen import GenerateOptions, generate, load_plan
from trackgen.api import PythonOptions, TypeScriptOptions

HERE = Path(__file__).parent / "validation"
PLAN = HERE / "plan.yaml"
CASES: list[dict[str, Any]] = json.loads((HERE / "cases.json").read_text())
FUNCTIONS = {"Checked": ("track_checked", "trackChecked"), "Custom Violation Handler": ("track_custom_violation_handler", "trackCustomViolationHandler")}


def _python_package(tmp: Path, mode: str) -> Any:
    plan, _ = load_plan(PLAN, "plan.yaml")
    name = f"validation_{mode}"
    files = generate(plan, GenerateOptions(python=PythonOptions(validation=mode)))  # type: ignore[arg-type]
    write_files(files, {"python": tmp / name})
    sys.path.insert(0, str(tmp))
    try:
        return importlib.import_module(name)
    finally:
        sys.path.remove(str(tmp))


def _call(package: Any, case: dict[str, Any]) -> None:
    function = getattr(package, FUNCTIONS[case["event"]][0])
    function(**{k.replace(" ", "_"): v for k, v in case["properties"].items()}, user_id="u1")


@pytest.fixture(scope="module")
def py_warn(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _python_package(tmp_path_factory.mktemp("warn"), "warn")


@pytest.fixture(scope="module")
def py_raise(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _python_package(tmp_path_factory.mktemp("raise"), "raise")


@pytest.fixture(scope="module")
def py_off(tmp_path_factory: pytest.TempPathFactory) -> Any:
    return _python_package(tmp_path_factory.mktemp("off"), "off")


@pytest.mark.parametrize("case", CASES, ids=lambda c: json.dumps(c["properties"])[:60])
def test_python_warn_reports_and_still_sends(py_warn: Any, case: dict[str, Any]) -> None:
    client, seen = py_warn.RecordingClient(), []
    py_warn.configure(client=client, on_violation=seen.append)
    _call(py_warn, case)
    assert [[v.path, v.message] for v in seen] == case["violations"]
    assert all(v.call == f"track {case['event']!r}" for v in seen)
    assert len(client.calls) == 1


@pytest.mark.parametrize("case", CASES, ids=lambda c: json.dumps(c["properties"])[:60])
def test_python_raise_raises_and_does_not_send(py_raise: Any, case: dict[str, Any]) -> None:
    client = py_raise.RecordingClient()
    py_raise.configure(client=client, on_violation=lambda v: None)
    if case["violations"]:
        with pytest.raises(py_raise.ValidationError) as raised:
            _call(py_raise, case)
        assert [[v.path, v.message] for v in raised.value.violations] == case["violations"]
        assert client.calls == []
    else:
        _call(py_raise, case)
        assert len(client.calls) == 1


def test_python_off_checks_nothing(py_off: Any) -> None:
    client, seen = py_off.RecordingClient(), []
    py_off.configure(client=client, on_violation=seen.append)
    for case in CASES:
        _call(py_off, case)
    assert seen == [] and len(client.calls) == len(CASES)
    assert "_RULES" not in (Path(py_off.__file__).parent / "events" / "calls.py").read_text()


def test_python_failing_handler_never_reaches_the_caller_in_warn_mode(py_warn: Any, caplog: pytest.LogCaptureFixture) -> None:
    def handler(violation: Any) -> None:
        raise RuntimeError("handler bug")

    client = py_warn.RecordingClient()
    py_warn.configure(client=client, on_violation=handler)
    py_warn.track_checked(tier="gold", user_id="u1")
    assert len(client.calls) == 1
    assert "the violation handler failed" in caplog.text


def test_python_default_handler_logs(py_warn: Any, caplog: pytest.LogCaptureFixture) -> None:
    """The corpus's "Default Violation Handler": a violation with no handler is logged."""
    py_warn.configure(client=py_warn.RecordingClient())
    py_warn.track_custom_violation_handler(regex_property="Rick", user_id="u1")
    assert "does not match the pattern Lawyer Morty|Evil Morty" in caplog.text


def test_python_missing_client_does_not_raise(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    package = _python_package(tmp_path, "warn")
    importlib.reload(package.runtime)  # a fresh state: no client configured
    package.track_checked(tier="free", user_id="u1")
    assert "not sent: call configure" in caplog.text


DRIVER = """
import { readFileSync } from "node:fs";
import * as analytics from "./ts/index.js";

const cases = JSON.parse(readFileSync(process.argv[2], "utf8"));
const names = JSON.parse(process.argv[3]);
const sent = [];
const stub = {
  track: (...args) => sent.push(args), identify: () => {}, group: () => {},
  page: () => {}, screen: () => {}, alias: () => {},
};
const results = [];
for (const c of cases) {
  const seen = [];
  analytics.configure({ analytics: stub, onViolation: (v) => seen.push([v.path, v.message]) });
  const before = sent.length;
  let threw = null;
  try {
    analytics[names[c.event]](c.properties);
  } catch (error) {
    threw = error instanceof analytics.ValidationError ? error.violations.map((v) => [v.path, v.message]) : String(error);
  }
  results.push({ seen, threw, sent: sent.length - before });
}
analytics.configure({ analytics: stub, onViolation: () => { throw new Error("handler bug"); } });
let handlerLeaked = false;
try { analytics[names["Checked"]]({ tier: "gold" }); } catch { handlerLeaked = true; }
process.stdout.write(JSON.stringify({ results, handlerLeaked, mode: analytics.VALIDATION }));
"""


def _run_typescript(tmp: Path, mode: str) -> dict[str, Any]:
    plan, _ = load_plan(PLAN, "plan.yaml")
    files = generate(plan, GenerateOptions(typescript=TypeScriptOptions(validation=mode)))  # type: ignore[arg-type]
    write_files(files, {"typescript": tmp / "src" / "ts"})
    (tmp / "package.json").write_text('{"type": "module", "private": true}\n')
    compiled = subprocess.run(
        ["node", str(TSC["5"]), "--strict", "--target", "es2022", "--module", "nodenext", "--moduleResolution", "nodenext",
         "--types", "node", "--typeRoots", str(NODE_MODULES / "@types"), "--outDir", str(tmp / "out" / "ts"),
         str(tmp / "src" / "ts" / "index.ts")],
        capture_output=True, text=True,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (tmp / "out" / "driver.mjs").write_text(DRIVER)
    names = {event: ts for event, (_, ts) in FUNCTIONS.items()}
    run = subprocess.run(
        ["node", str(tmp / "out" / "driver.mjs"), str(HERE / "cases.json"), json.dumps(names)],
        capture_output=True, text=True, timeout=120,
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.parametrize("mode", ["warn", "raise", "off"])
def test_typescript_modes(tmp_path: Path, mode: str) -> None:
    out = _run_typescript(tmp_path, mode)
    assert out["mode"] == mode
    for case, result in zip(CASES, out["results"]):
        expected = case["violations"]
        if mode == "off":
            assert result == {"seen": [], "threw": None, "sent": 1}
        elif mode == "warn":
            assert result == {"seen": expected, "threw": None, "sent": 1}, case
        else:
            assert result == {"seen": expected, "threw": expected or None, "sent": 0 if expected else 1}, case
    # A failing handler reaches the caller only in raise mode.
    assert out["handlerLeaked"] is (mode == "raise")


class _FailingClient:
    """An analytics client whose every method raises, as one with its network down."""

    def __getattr__(self, name: str) -> Any:
        def fail(*args: Any, **kwargs: Any) -> None:
            raise ConnectionError("down")

        return fail


class _BadMapping(dict):  # type: ignore[type-arg]
    def items(self) -> Any:
        raise RuntimeError("items() fails")


class _BadStr:
    def __str__(self) -> str:
        raise RuntimeError("__str__ fails")

    __repr__ = __str__

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ fails")

    __hash__ = object.__hash__


def _odd_calls(package: Any) -> list[Any]:
    recursive: list[Any] = []
    recursive.append(recursive)
    looped: dict[str, Any] = {}
    looped["self"] = looped
    return [
        lambda: package.track_checked(tier="free", tags=recursive, user_id="u1"),
        lambda: package.track_checked(tier="free", owner=looped, user_id="u1"),
        lambda: package.track_checked(tier="free", step=10**400, user_id="u1"),
        lambda: package.track_checked(tier="free", count=10**5000 - 1, user_id="u1"),
        lambda: package.track_checked(tier=_BadStr(), user_id="u1"),
        lambda: package.track_checked(tier="free", context=5, user_id="u1"),
        lambda: package.track_checked(tier="free", integrations=5, user_id="u1"),
        lambda: package.track_checked(tier="free", context=_BadMapping(a=1), user_id="u1"),
    ]


@pytest.mark.parametrize("mode", ["warn", "off"])
def test_python_warn_and_off_never_raise_into_the_caller(mode: str, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    package = _python_package(tmp_path, mode)
    package.configure(client=package.RecordingClient())
    for call in _odd_calls(package):
        call()  # must not raise
    package.configure(client=_FailingClient())
    package.track_checked(tier="free", user_id="u1")
    assert "the analytics client failed: ConnectionError" in caplog.text


def test_python_raise_mode_raises_only_validation_errors(tmp_path: Path) -> None:
    package = _python_package(tmp_path, "raise")
    package.configure(client=package.RecordingClient(), on_violation=lambda v: None)
    for call in _odd_calls(package):
        try:
            call()
        except package.ValidationError:
            pass
    def handler(violation: Any) -> None:
        raise RuntimeError("handler bug")

    package.configure(client=package.RecordingClient(), on_violation=handler)
    with pytest.raises(package.ValidationError):
        package.track_checked(tier="gold", user_id="u1")
    package.configure(client=_FailingClient())
    package.track_checked(tier="free", user_id="u1")  # the client's failure is logged, not raised
