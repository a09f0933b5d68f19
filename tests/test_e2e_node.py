"""End to end, TypeScript: the generated code of tests/e2e/plan.yaml, compiled with
tsc 5.9 (the suite's strict flags) to ES modules together with a small driver that
makes every call of tests/e2e/expectations.json.

- analytics-node: the driver sends through a real ``Analytics`` pointed at a local
  collector; what the collector receives must be what the table says.
- analytics-next: the driver calls the generated code with a stub ``analytics``
  that records its calls (no browser); the arguments must be what the table says.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from conftest import NODE_MODULES, TSC, TSC_FLAGS, build_plan
from trackgen import load_plan
from trackgen.targets.typescript.namer import TypeScriptNamer

def _load_server() -> ModuleType:
    """tests/e2e/server.py (tests/e2e is no package), loaded once for both e2e modules."""
    name = "trackgen_e2e_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, Path(__file__).parent / "e2e" / "server.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


e2e: Any = _load_server()

CASES: list[dict[str, Any]] = e2e.load_cases()
IDS = [c["id"] for c in CASES]
NODE_SDK = "@segment/analytics-node"
NODE_SDK_VERSION = json.loads((NODE_MODULES / NODE_SDK / "package.json").read_text())["version"]
TIMEOUT = 60  # seconds, for each node process

# What the two drivers share: the table, read at run time, with {"$datetime": T} as a Date.
_COMMON = """\
import { readFileSync } from "node:fs";

type Loose = any; // the table's values are JSON; the generated functions check them at run time

export interface Call {
  readonly kind: "track" | "identify" | "group" | "page" | "screen" | "alias";
  readonly name?: string;
  readonly args?: { readonly [key: string]: unknown };
  readonly userId?: string;
  readonly anonymousId?: string;
  readonly groupId?: string;
  readonly previousId?: string;
  readonly timestamp?: unknown;
  readonly context?: unknown;
}

export function native(value: unknown): Loose {
  if (Array.isArray(value)) return value.map(native);
  if (typeof value === "object" && value !== null) {
    const record = value as { readonly [key: string]: unknown };
    const when = record["$datetime"];
    if (typeof when === "string" && Object.keys(record).length === 1) return new Date(when);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, native(v)]));
  }
  return value;
}

export function cases(path: string): readonly { readonly id: string; readonly call: Call }[] {
  return JSON.parse(readFileSync(path, "utf8")).cases;
}

/** The generated function of each (kind, name) of the plan, written by the test. */
export function generated(functions: { readonly [key: string]: Loose }, call: Call): Loose {
  const key = JSON.stringify([call.kind, call.kind === "identify" || call.kind === "group" ? "" : call.name ?? ""]);
  const fn = functions[key];
  if (fn === undefined) throw new Error(`no generated function for ${key}`);
  return fn;
}

export function safety(seconds: number): void {
  setTimeout(() => {
    console.error(`driver: gave up after ${seconds}s`);
    process.exit(3);
  }, seconds * 1000).unref();
}
"""

_NODE_DRIVER = """\
import { Analytics } from "@segment/analytics-node";
import * as gen from "./ts/index.js";
import { cases, generated, native, safety, type Call } from "../common.js";

const FUNCTIONS = {
__FUNCTIONS__
};

const [table, host] = process.argv.slice(2);
if (table === undefined || host === undefined) throw new Error("usage: driver.js TABLE HOST");
safety(__TIMEOUT__);

const analytics = new Analytics({
  writeKey: "test",
  host,
  path: "/v1/batch",
  flushAt: 1,
  maxRetries: 0,
  httpRequestTimeout: 5000,
});
const violations: unknown[] = [];
gen.configure({ analytics, onViolation: (v) => violations.push(v) });

/** Resolves once analytics-node reports the call delivered (it emits its type). */
function delivered(kind: Call["kind"], id: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${id}: not delivered within 10s`)), 10_000);
    const settle = (): void => {
      clearTimeout(timer);
      analytics.off(kind, ok);
      analytics.off("error", failed);
    };
    const ok = (): void => {
      settle();
      resolve();
    };
    const failed = (error: unknown): void => {
      settle();
      reject(new Error(`${id}: ${JSON.stringify(error)}`));
    };
    analytics.on(kind, ok);
    analytics.on("error", failed);
  });
}

function send(call: Call): void {
  const options = {
    ...(call.userId === undefined ? {} : { userId: call.userId }),
    ...(call.anonymousId === undefined ? {} : { anonymousId: call.anonymousId }),
    ...(call.timestamp === undefined ? {} : { timestamp: native(call.timestamp) }),
    ...(call.context === undefined ? {} : { context: native(call.context) }),
  };
  const args = native(call.args ?? {});
  switch (call.kind) {
    case "alias":
      gen.alias(call.userId ?? "", call.previousId ?? "");
      return;
    case "group":
      generated(FUNCTIONS, call)(call.groupId, args, options);
      return;
    default:
      generated(FUNCTIONS, call)(args, options);
  }
}

// One call at a time, each delivered before the next: the collector sees the table's order.
for (const { id, call } of cases(table)) {
  const done = delivered(call.kind, id);
  send(call);
  await done;
}
await analytics.closeAndFlush({ timeout: 10_000 });
console.log(JSON.stringify({ violations }));
"""

_BROWSER_DRIVER = """\
import * as gen from "./ts/index.js";
import type { AnalyticsLike } from "./ts/index.js";
import { cases, generated, native, safety, type Call } from "../common.js";

const FUNCTIONS = {
__FUNCTIONS__
};

const [table] = process.argv.slice(2);
if (table === undefined) throw new Error("usage: driver.js TABLE");
safety(__TIMEOUT__);

/** Each call the generated code made, with its arguments as JSON at the time of the call. */
const calls: { method: string; args: unknown }[] = [];
function recorder(method: string): (...args: unknown[]) => void {
  return (...args) => {
    calls.push({ method, args: JSON.parse(JSON.stringify(args, (_k, v: unknown) => (v === undefined ? "$undefined" : v))) });
  };
}
const stub: AnalyticsLike = {
  track: recorder("track"),
  identify: recorder("identify"),
  group: recorder("group"),
  page: recorder("page"),
  screen: recorder("screen"),
  alias: recorder("alias"),
};
const violations: unknown[] = [];
gen.configure({ analytics: stub, onViolation: (v) => violations.push(v) });

function send(call: Call): void {
  // The browser's options: no userId (the browser knows its user) but on identify.
  const options = {
    ...(call.userId !== undefined && call.kind === "identify" ? { userId: call.userId } : {}),
    ...(call.anonymousId === undefined ? {} : { anonymousId: call.anonymousId }),
    ...(call.timestamp === undefined ? {} : { timestamp: native(call.timestamp) }),
    ...(call.context === undefined ? {} : { context: native(call.context) }),
  };
  const given = Object.keys(options).length > 0 ? options : undefined;
  const args = native(call.args ?? {});
  switch (call.kind) {
    case "alias":
      gen.alias(call.userId ?? "", call.previousId ?? "");
      return;
    case "group":
      generated(FUNCTIONS, call)(call.groupId, args, given);
      return;
    default:
      generated(FUNCTIONS, call)(args, given);
  }
}

const made: { id: string; calls: unknown[] }[] = [];
for (const { id, call } of cases(table)) {
  const before = calls.length;
  send(call);
  made.push({ id, calls: calls.slice(before) });
}
console.log(JSON.stringify({ made, violations }));
"""


@dataclass(frozen=True)
class Compiled:
    root: Path
    seconds: float


def _functions() -> str:
    """The driver's table of generated functions, named as the generator names them."""
    plan, _ = load_plan(e2e.PLAN, "plan.yaml")
    namer = TypeScriptNamer(plan)
    lines = []
    for call in plan.calls:
        name = "" if call.kind.value in ("identify", "group") else call.name
        key = json.dumps([call.kind.value, name], ensure_ascii=False, separators=(",", ":"))
        lines.append(f"  {json.dumps(key, ensure_ascii=False)}: gen.{namer.function(call)},")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Compiled:
    """Both flavours generated and compiled, with their drivers, in one tsc run."""
    root = tmp_path_factory.mktemp("e2e-node")
    (root / "package.json").write_text('{"type": "module", "private": true}\n')
    (root / "node_modules").symlink_to(NODE_MODULES, target_is_directory=True)
    (root / "common.ts").write_text(_COMMON)
    for flavour, sdk, driver in (("node", "analytics-node", _NODE_DRIVER), ("browser", "analytics-next", _BROWSER_DRIVER)):
        build_plan(e2e.PLAN, root / flavour, package="unused_python", sdk=sdk)
        text = driver.replace("__FUNCTIONS__", _functions()).replace("__TIMEOUT__", str(TIMEOUT))
        (root / flavour / "driver.ts").write_text(text, encoding="utf-8")
    sources = sorted(str(p) for p in root.rglob("*.ts") if "node_modules" not in p.parts)
    flags = [f for f in TSC_FLAGS if f != "--noEmit"]
    started = time.monotonic()
    proc = subprocess.run(
        ["node", str(TSC["5"]), *flags, *sources], cwd=root, capture_output=True, text=True, timeout=600
    )
    seconds = time.monotonic() - started
    assert proc.returncode == 0, f"tsc failed:\n{proc.stdout}{proc.stderr}"
    return Compiled(root, seconds)


def _node(script: Path, *args: str) -> dict[str, Any]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NODE_OPTIONS")}
    env["NODE_PATH"] = str(NODE_MODULES)
    proc = subprocess.run(
        ["node", str(script), *args], cwd=script.parent, capture_output=True, text=True, timeout=TIMEOUT + 30, env=env
    )
    assert proc.returncode == 0, f"{script.name} failed ({proc.returncode}):\n{proc.stdout}{proc.stderr}"
    assert proc.stderr == "", f"{script.name} warned (the generated code or the SDK):\n{proc.stderr}"
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


# -- analytics-node, through a real collector -----------------------------------------


@pytest.fixture(scope="module")
def collector() -> Iterator[Any]:
    server = e2e.Collector()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def node_run(compiled: Compiled, collector: Any) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Run the node driver once: the messages the collector received, in table order."""
    collector.clear()
    out = _node(compiled.root / "node" / "driver.js", str(e2e.EXPECTATIONS), collector.url)
    messages = collector.wait_for(len(CASES), timeout=10)
    return messages, out


@pytest.mark.parametrize("index", range(len(CASES)), ids=IDS)
def test_node_sends_what_the_table_says(index: int, node_run: tuple[list[dict[str, Any]], dict[str, Any]], collector: Any) -> None:
    messages, out = node_run
    case = CASES[index]
    assert out["violations"] == [], f"the table's calls broke the plan: {out['violations']}"
    assert len(collector.messages) == len(CASES), "one message per call, no more"
    message = messages[index]
    problems = e2e.wire_mismatches(case, message, NODE_SDK)
    assert not problems, "\n".join([f"{case['id']}: the collector received something else:", *problems]) + (
        "\nreceived: " + json.dumps(message, indent=1, ensure_ascii=False)
    )
    assert message["context"]["library"] == {"name": NODE_SDK, "version": NODE_SDK_VERSION}
    assert isinstance(message["messageId"], str) and message["messageId"]
    assert all(r.path == "/v1/batch" and r.body.get("batch") for r in collector.requests)


# -- analytics-next, against a stub ---------------------------------------------------


@pytest.fixture(scope="module")
def browser_run(compiled: Compiled) -> dict[str, Any]:
    return _node(compiled.root / "browser" / "driver.js", str(e2e.EXPECTATIONS))


def _browser_expected(case: dict[str, Any]) -> tuple[str, list[Any]]:
    """The analytics-next call the case must make: method and arguments."""
    call, expect = case["call"], case["expect"]
    options: dict[str, Any] = {}
    if "anonymousId" in call:
        options["anonymousId"] = call["anonymousId"]
    if "timestamp" in expect:
        options["timestamp"] = expect["timestamp"]
    if expect["context"]:
        options["context"] = expect["context"]
    kind = call["kind"]
    if kind == "track":
        return kind, [expect["event"], expect["properties"], options]
    if kind == "identify":
        return kind, [call.get("userId"), expect["traits"], options]
    if kind == "group":
        return kind, [expect["groupId"], expect["traits"], options]
    if kind in ("page", "screen"):
        return kind, [expect["category"], expect["name"], expect["properties"], options]
    assert kind == "alias"
    return kind, [expect["userId"], expect["previousId"], options]


@pytest.mark.parametrize("index", range(len(CASES)), ids=IDS)
def test_browser_calls_what_the_table_says(index: int, browser_run: dict[str, Any]) -> None:
    case = CASES[index]
    assert browser_run["violations"] == [], f"the table's calls broke the plan: {browser_run['violations']}"
    made = browser_run["made"][index]
    assert made["id"] == case["id"]
    method, args = _browser_expected(case)
    assert [c["method"] for c in made["calls"]] == [method], f"expected one {method} call, got {made['calls']}"
    problems = e2e.mismatches(args, made["calls"][0]["args"], method)
    assert not problems, "\n".join([f"{case['id']}: analytics-next was called otherwise:", *problems]) + (
        "\ncalled with: " + json.dumps(made["calls"][0]["args"], indent=1, ensure_ascii=False)
    )
