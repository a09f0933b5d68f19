"""The generated TypeScript never throws into the app in "warn" and "off", and throws
nothing but its ValidationError in "raise", whatever the client and the values.

tests/ts_guards/plan.yaml (every call type) is generated for both SDK flavours in each
mode, compiled with tsc 5.9 (the suite's strict flags; tsc 7 type-checks the same trees)
and run by tests/ts_guards/driver.mjs, which calls the generated functions with an
analytics client that throws or returns a rejected promise, options, context and
properties with throwing getters or that are Proxies, circular values, BigInts and
violation handlers that throw, and prints what came out of each call.
"""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import NODE_MODULES, TSC, TSC_FLAGS, run_tsc, write_files
from trackgen import GenerateOptions, generate, load_plan
from trackgen.api import TypeScriptOptions

HERE = Path(__file__).parent / "ts_guards"
SDKS = ("analytics-next", "analytics-node")
MODES = ("warn", "raise", "off")
FLAVOURS = [(sdk, mode) for sdk in SDKS for mode in MODES]
KINDS = ("track", "identify", "group", "page", "screen", "alias")
HOSTILE = (
    "options with a throwing getter",
    "options that are a Proxy",
    "context with a throwing getter",
    "context that is a Proxy",
    "identify options that are a Proxy",
    "properties that are a Proxy",
    "traits that are a Proxy",
    "a property with a throwing getter",
    "a circular enum value",
    "a BigInt enum value",
    "a circular array item",
    "a BigInt array item",
)
# A handler that throws is already logged in warn mode (tests/test_validation.py); one
# whose error cannot even be printed was not.
HANDLERS = [
    ("warn", "a handler that throws an unprintable error"),
    ("raise", "a handler that throws"),
    ("raise", "a handler that throws an unprintable error"),
]

VERSIONED = {"protocols": {"event_version": 1}}
ORDER = {"tier": "free", "tags": ["a"]}
#: The arguments each well-formed call of the driver must hand the client, exactly.
EXPECTED: dict[str, dict[str, list[Any]]] = {
    "analytics-next": {
        "track": ["Order Placed", ORDER, {"anonymousId": "a1", "context": VERSIONED}],
        "identify": [None, {"email": "jane@example.com"}, {"anonymousId": "a1"}],
        "group": ["g1", {"plan": "team"}, {"anonymousId": "a1"}],
        "page": ["Marketing", "Pricing", {"referrer": None}, {"anonymousId": "a1", "context": VERSIONED}],
        "screen": [None, "Home", {}, {"anonymousId": "a1", "context": VERSIONED}],
        "alias": ["u1", "a1", {}],
    },
    "analytics-node": {
        "track": [{"anonymousId": "a1", "context": VERSIONED, "event": "Order Placed", "properties": ORDER}],
        "identify": [{"anonymousId": "a1", "traits": {"email": "jane@example.com"}}],
        "group": [{"anonymousId": "a1", "groupId": "g1", "traits": {"plan": "team"}}],
        "page": [
            {"anonymousId": "a1", "context": VERSIONED, "name": "Pricing", "properties": {"referrer": None},
             "category": "Marketing"}
        ],
        "screen": [{"anonymousId": "a1", "context": VERSIONED, "name": "Home", "properties": {}}],
        "alias": [{"userId": "u1", "previousId": "a1"}],
    },
}


def _gold(sdk: str) -> list[Any]:
    """The handler scenarios' call, trackOrderPlaced({ tier: "gold" }), as the client gets it."""
    if sdk == "analytics-next":
        return ["Order Placed", {"tier": "gold"}, {"anonymousId": "a1", "context": VERSIONED}]
    return [{"anonymousId": "a1", "context": VERSIONED, "event": "Order Placed", "properties": {"tier": "gold"}}]


Run = Callable[[str, str], dict[str, Any]]


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Every flavour and mode generated and compiled in one tsc run; the driver run once each."""
    root = tmp_path_factory.mktemp("ts-guards")
    (root / "package.json").write_text('{"type": "module", "private": true}\n')
    plan, _ = load_plan(HERE / "plan.yaml", "plan.yaml")
    for sdk, mode in FLAVOURS:
        files = generate(plan, GenerateOptions(typescript=TypeScriptOptions(sdk=sdk, validation=mode)))  # type: ignore[arg-type]
        write_files(files, {"typescript": root / f"{sdk}-{mode}"})
    sources = [root / f"{sdk}-{mode}" / "index.ts" for sdk, mode in FLAVOURS]
    flags = [f for f in TSC_FLAGS if f != "--noEmit"]
    compiled = subprocess.run(
        ["node", str(TSC["5"]), *flags, *map(str, sources)], cwd=root, capture_output=True, text=True, timeout=600
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    checked = run_tsc(sources, version="7", cwd=root)
    assert checked.returncode == 0, checked.output
    env = {k: v for k, v in os.environ.items() if not k.startswith("NODE_OPTIONS")}
    cache: dict[tuple[str, str], dict[str, Any]] = {}

    def results(sdk: str, mode: str) -> dict[str, Any]:
        if (sdk, mode) not in cache:
            proc = subprocess.run(
                ["node", str(HERE / "driver.mjs"), str(root / f"{sdk}-{mode}")],
                capture_output=True, text=True, timeout=120, env=env,
            )
            assert proc.returncode == 0 and proc.stderr == "", f"the driver failed:\n{proc.stdout}{proc.stderr}"
            cache[(sdk, mode)] = json.loads(proc.stdout)
            assert cache[(sdk, mode)]["mode"] == mode
        return cache[(sdk, mode)]

    assert NODE_MODULES.exists()
    return results


def _first_lines(logged: list[str]) -> list[str]:
    return [entry.splitlines()[0] for entry in logged]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("sdk, mode", FLAVOURS)
def test_a_throwing_client_is_logged_not_passed_on(run: Run, sdk: str, mode: str, kind: str) -> None:
    result = run(sdk, mode)["throwing"][kind]
    assert result["threw"] is None
    assert result["calls"] == [{"method": kind, "args": EXPECTED[sdk][kind]}]
    assert _first_lines(result["errors"]) == [f"trackgen: the analytics client failed Error: {kind}: offline"]


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("sdk, mode", FLAVOURS)
def test_a_rejected_promise_of_the_client_is_logged_not_left_unhandled(run: Run, sdk: str, mode: str, kind: str) -> None:
    result = run(sdk, mode)["rejecting"][kind]
    assert result["threw"] is None
    assert result["unhandled"] == []
    assert result["calls"] == [{"method": kind, "args": EXPECTED[sdk][kind]}]
    assert _first_lines(result["errors"]) == [f"trackgen: the analytics client failed Error: {kind}: offline"]


@pytest.mark.parametrize("case", HOSTILE)
@pytest.mark.parametrize("sdk, mode", FLAVOURS)
def test_hostile_values_are_logged_in_warn_and_off_and_a_validation_error_in_raise(
    run: Run, sdk: str, mode: str, case: str
) -> None:
    result = run(sdk, mode)["hostile"][case]
    assert result["unhandled"] == []
    if mode == "raise":
        assert result["threw"] == "ValidationError"
        assert result["calls"] == []
    else:
        assert result["threw"] is None
        assert result["errors"] and all(e.startswith("trackgen: ") for e in result["errors"]), result["errors"]


@pytest.mark.parametrize("mode, case", HANDLERS)
@pytest.mark.parametrize("sdk", SDKS)
def test_a_failing_violation_handler_never_passes_anything_but_a_validation_error(
    run: Run, sdk: str, mode: str, case: str
) -> None:
    result = run(sdk, mode)["handlers"][case]
    if mode == "raise":
        assert result["threw"] == "ValidationError"
        assert result["calls"] == []
    else:
        assert result["threw"] is None
        assert result["calls"] == [{"method": "track", "args": _gold(sdk)}]
