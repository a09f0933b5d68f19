"""End to end, Python: the generated package of tests/e2e/plan.yaml, configured with
a real segment-analytics-python ``Client`` (sync mode) pointed at a local collector,
makes every call of tests/e2e/expectations.json; what the collector receives must
be what the table says, field by field."""

from __future__ import annotations

import datetime as dt
import gzip
import importlib
import importlib.util
import json
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from segment.analytics.client import Client
from segment.analytics.version import VERSION as SEGMENT_VERSION

from conftest import build_plan
from trackgen import load_plan
from trackgen.targets.python.namer import PythonNamer

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
PACKAGE = "trackgen_e2e_analytics"
SDK = "analytics-python"


@pytest.fixture(scope="module")
def collector() -> Iterator[Any]:
    server = e2e.Collector()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    root = tmp_path_factory.mktemp("e2e-python")
    build_plan(e2e.PLAN, root, package=PACKAGE)
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def violations(generated: ModuleType, collector: Any) -> list[Any]:
    """Configure the generated package once with a real client; values that break
    the plan are collected (the table's calls must have none)."""
    found: list[Any] = []
    client = Client(write_key="test", host=collector.url, sync_mode=True, timeout=5, max_retries=0)
    generated.configure(client=client, on_violation=found.append)
    return found


def _native(value: Any) -> Any:
    """The table's arguments as Python values: {"$datetime": T} is an aware datetime."""
    if isinstance(value, dict):
        if set(value) == {"$datetime"}:
            return dt.datetime.fromisoformat(value["$datetime"].replace("Z", "+00:00"))
        return {k: _native(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_native(v) for v in value]
    return value


_IR, _ = load_plan(e2e.PLAN, "plan.yaml")
_NAMER = PythonNamer(_IR)


def _call(package: ModuleType, call: dict[str, Any]) -> None:
    """Make the table's call through the generated functions."""
    kind = call["kind"]
    metadata = {"userId": "user_id", "anonymousId": "anonymous_id", "timestamp": "timestamp", "context": "context"}
    kwargs = {py: _native(call[key]) for key, py in metadata.items() if key in call}
    if kind == "alias":
        package.alias(previous_id=call["previousId"], user_id=call["userId"])
        return
    matches = [c for c in _IR.calls if c.kind.value == kind and (kind in ("identify", "group") or c.name == call["name"])]
    assert len(matches) == 1, f"the plan has no single {kind} {call.get('name')!r}"
    event = matches[0]
    params = _NAMER.parameters(event)
    for wire, value in call["args"].items():
        kwargs[params[wire]] = _native(value)
    if kind == "group":
        kwargs["group_id"] = call["groupId"]
    getattr(package, _NAMER.function(event))(**kwargs)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_python_sends_what_the_table_says(
    case: dict[str, Any], generated: ModuleType, collector: Any, violations: list[Any]
) -> None:
    collector.clear()
    violations.clear()
    _call(generated, case["call"])
    [message] = collector.wait_for(1, timeout=10)
    assert not violations, f"the table's call broke the plan: {violations}"
    problems = e2e.wire_mismatches(case, message, SDK)
    assert not problems, "\n".join([f"{case['id']}: the collector received something else:", *problems]) + (
        "\nreceived: " + json.dumps(message, indent=1, ensure_ascii=False)
    )
    # What the collector got came from the real SDK, through its batch endpoint.
    assert message["context"]["library"] == {"name": SDK, "version": SEGMENT_VERSION}
    [request] = collector.requests
    assert request.path == "/v1/batch"
    assert request.body["writeKey"] == "test"
    assert request.headers["user-agent"] == f"analytics-python/{SEGMENT_VERSION}"
    assert isinstance(message["messageId"], str) and message["messageId"]
    assert len(collector.messages) == 1, "one call, one message"


def test_collector_reads_gzip_and_refuses_other_paths(collector: Any) -> None:
    """The stand-in itself: gzip-encoded batches are read; other endpoints are failures."""
    collector.clear()
    body = gzip.compress(json.dumps({"batch": [{"type": "track", "event": "Zipped"}]}).encode())
    request = urllib.request.Request(
        collector.url + "/v1/batch", data=body, method="POST",
        headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert response.status == 200
    assert collector.wait_for(1, timeout=5) == [{"type": "track", "event": "Zipped"}]
    collector.clear()
    with pytest.raises(urllib.error.HTTPError):
        urllib.request.urlopen(urllib.request.Request(collector.url + "/v1/track", data=b"{}", method="POST"), timeout=5)
    with pytest.raises(AssertionError, match="refused"):
        collector.wait_for(1, timeout=5)
    collector.clear()
