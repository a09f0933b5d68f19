"""The PostHog, Mixpanel and Amplitude adapters (``PythonOptions(adapters=...)``).

tests/adapters/plan.yaml is generated with all three adapters (and with each alone);
the packages must pass mypy --strict and pyright strict, import no SDK, and be
black-clean. Then each SDK's real client, pointed at a local server
(tests/adapters/server.py), gets the same calls through the generated functions and
its adapter, is flushed, and what it sent must be exactly what the adapter's
docstring promises: event names byte for byte, properties, ids, times.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.util
import logging
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import mixpanel
import pytest
from amplitude import Amplitude, Config
from amplitude.constants import SDK_LIBRARY as AMPLITUDE_LIBRARY
from amplitude.constants import SDK_VERSION as AMPLITUDE_VERSION
from black import format_str
from black.mode import Mode, TargetVersion
from posthog import Posthog
from posthog.version import VERSION as POSTHOG_VERSION

from conftest import run_mypy, run_pyright, write_files
from trackgen import GenerateOptions, generate, load_plan
from trackgen.api import PythonOptions
from trackgen.targets.python import ADAPTERS, adapter_views
from trackgen.render import environment
from trackgen.targets.python import _filters

HERE = Path(__file__).resolve().parent / "adapters"
PLAN = HERE / "plan.yaml"
PACKAGE = "trackgen_adapters_analytics"
ALL = ("posthog", "mixpanel", "amplitude")
SDK_MODULES = {"posthog", "mixpanel", "amplitude"}


def _load_server() -> ModuleType:
    """tests/adapters/server.py (tests/adapters is no package)."""
    name = "trackgen_adapters_server"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "server.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module  # dataclasses look their module up
        spec.loader.exec_module(module)
    return sys.modules[name]


server: Any = _load_server()

#: What the adapters are made from in usage.py, which is type-checked and never run.
USAGE = f'''"""Type-checked, never run: each adapter takes its SDK's real client."""

from __future__ import annotations

import mixpanel  # type: ignore[import-untyped]
from amplitude import Amplitude  # type: ignore[import-untyped]
from posthog import Posthog

import {PACKAGE} as analytics


def setup() -> None:
    analytics.configure(client=analytics.PostHogAdapter(Posthog("key")))
    analytics.configure(
        client=analytics.MixpanelAdapter(mixpanel.Mixpanel("token"), group_key="team")
    )
    with analytics.using(
        client=analytics.AmplitudeAdapter(Amplitude("key"), page_event="Viewed {{}}")
    ):
        analytics.page_pricing(url="https://example.com/", path="/")
'''


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan generated with all adapters (``PACKAGE``) and with each alone
    (``PACKAGE_posthog`` ...), and usage.py."""
    out = tmp_path_factory.mktemp("adapters")
    plan, _ = load_plan(PLAN, "plan.yaml")
    for name, adapters in [(PACKAGE, ALL), *((f"{PACKAGE}_{a}", (a,)) for a in ALL)]:
        files = generate(plan, GenerateOptions(python=PythonOptions(adapters=adapters)))
        write_files(files, {"python": out / name})
    (out / "usage.py").write_text(USAGE, encoding="utf-8")
    return out


@pytest.fixture(scope="module")
def package(root: Path) -> Iterator[ModuleType]:
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


# -- the generated code ------------------------------------------------------------


def test_adapters_pass_strict_type_checkers(root: Path) -> None:
    """mypy --strict and pyright strict: the packages (whichever adapters they have)
    and a module that gives each adapter its SDK's real client."""
    paths = [root / PACKAGE, *(root / f"{PACKAGE}_{a}" for a in ALL), root / "usage.py"]
    mypy = run_mypy(paths, cwd=root)
    assert mypy.returncode == 0, mypy.output
    pyright = run_pyright(paths, cwd=root)
    assert pyright.returncode == 0, pyright.output
    assert "0 errors" in pyright.output, pyright.output


def test_adapters_need_only_the_standard_library(root: Path) -> None:
    """No SDK is imported by the module, by making an adapter, nor by a call
    whose adapter needs none (Amplitude's imports ``amplitude`` on first use)."""
    for name in [PACKAGE, *(f"{PACKAGE}_{a}" for a in ALL)]:
        for module in ["adapters.py", "_adapt.py", *(f"_{a}.py" for a in ALL if (root / name / f"_{a}.py").exists())]:
            source = (root / name / module).read_text(encoding="utf-8")
            imports = {i for i in re.findall(r"^\s*(?:import|from) (\S+)", source, flags=re.M) if not i.startswith(".")}
            assert imports <= {"__future__", "datetime", "importlib", "logging", "typing"}, (module, imports)
    probe = (
        f"import sys, {PACKAGE} as p\n"
        "p.PostHogAdapter(None); p.MixpanelAdapter(None); p.AmplitudeAdapter(None)\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {sorted(SDK_MODULES)!r}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]", result.stdout


def test_adapters_only_those_asked_for(root: Path) -> None:
    for adapter in ALL:
        package = root / f"{PACKAGE}_{adapter}"
        source = (package / "adapters.py").read_text(encoding="utf-8")
        init = (package / "__init__.py").read_text(encoding="utf-8")
        for other, cls in ADAPTERS.items():
            assert (package / f"_{other}.py").exists() == (other == adapter), (adapter, other)
            assert (f"import {cls}," in source) == (other == adapter), (adapter, cls)
            assert (f'"{cls}"' in init) == (other == adapter), (adapter, cls)
        assert ("import importlib" in (package / f"_{adapter}.py").read_text(encoding="utf-8")) == (adapter == "amplitude")


@pytest.mark.parametrize(
    "adapters", [ALL, *((a,) for a in ALL)], ids=["all", *ALL]
)
def test_adapters_template_is_black_clean(adapters: tuple[str, ...]) -> None:
    """The template itself prints what black prints (before trackgen's own black
    pass, which only runs on modules with long lines), no line over 88."""
    header = "# Generated by trackgen from plan.yaml. Do not edit."
    keys = sorted(adapters)
    text = environment("python", _filters()).get_template("adapters.py.jinja").render(
        header=header, adapters=adapter_views(keys), adapter_keys=keys
    )
    mode = Mode(target_versions={TargetVersion.PY311}, line_length=88)
    assert format_str(text, mode=mode) == text
    assert max(len(line) for line in text.splitlines()) <= 88


class _Fake:
    """Records every method call made on it: (name, args, kwargs)."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Any:
        return lambda *args, **kwargs: self.calls.append((name, args, kwargs))


def test_adapters_without_ids_and_with_other_names(
    package: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    """A call with neither id: PostHog gets distinct_id None (its own rules apply),
    Mixpanel and Amplitude get nothing and a warning says so. Page and screen event
    names and the group type or key are the adapter's options."""
    posthog, mixpanel_client, amplitude_client = _Fake(), _Fake(), _Fake()
    adapters = [
        package.PostHogAdapter(posthog, group_type="team"),
        package.MixpanelAdapter(mixpanel_client, page_event="Page: {}", group_key="team"),
        package.AmplitudeAdapter(amplitude_client, screen_event="Screen {}", group_type="team"),
    ]
    with caplog.at_level(logging.WARNING, logger=f"{PACKAGE}.adapters"):
        for adapter in adapters:
            with package.using(client=adapter):
                package.track_42_terrible_event_name_3(class_="x")
                package.group(group_id="g-1", name="G")
    assert posthog.calls == [
        ("capture", (HOSTILE,), {"distinct_id": None, "properties": {"class": "x"}, "timestamp": None}),
        (
            "group_identify",
            ("team", "g-1"),
            {"properties": {"name": "G"}, "timestamp": None, "distinct_id": None},
        ),
    ]
    assert mixpanel_client.calls == [] and amplitude_client.calls == []
    assert [r.message for r in caplog.records if r.name == f"{PACKAGE}.adapters"] == [
        f"trackgen: {HOSTILE!r} not sent to Mixpanel: no user_id or anonymous_id",
        "trackgen: group not sent to Mixpanel: no user_id or anonymous_id",
        f"trackgen: {HOSTILE!r} not sent to Amplitude: no user_id or anonymous_id",
        "trackgen: group not sent to Amplitude: no user_id or anonymous_id",
    ]
    with package.using(client=adapters[1]):
        package.page_pricing(url="u", path="p", anonymous_id="anon-1")
        package.group(group_id="g-1", name="G", anonymous_id="anon-1")
    assert [c[:2] for c in mixpanel_client.calls] == [
        ("track", ("anon-1", "Page: Pricing", {"name": "Pricing", "category": "Marketing", "url": "u", "path": "p"})),
        ("group_set", ("team", "g-1", {"name": "G"}, {})),
        ("people_union", ("anon-1", {"team": ["g-1"]}, {})),
    ]
    with package.using(client=adapters[2]):
        package.screen_home_screen(tab="feed", user_id=USER)
    [(method, (event,), _)] = amplitude_client.calls
    assert method == "track" and event.event_type == "Screen Home Screen"
    assert event.event_properties == {"name": "Home Screen", "tab": "feed"}


# -- the calls, and what each SDK sends ------------------------------------------------

WHEN = dt.datetime(2024, 5, 6, 7, 8, 9, 123000, tzinfo=dt.timezone.utc)
HOSTILE = "42_--terrible==\"event'++name~!3 ✓"
USER = "user-123"
ANONYMOUS = "anon-456"
IP = "203.0.113.9"
ORDER = {
    "order_id": "o-1",
    "total": 99.5,
    "status": "paid",
    "shipping": {"city": "Berlin", "postal code": "10115"},
    "skus": ["a-1", "b-2"],
}
TRAITS = {"email": "ada@example.com", "plan": "pro", "logins": 3}
GROUP_TRAITS = {"name": "Acme", "employees": 12}
PAGE = {"url": "https://example.com/pricing", "path": "/pricing"}


def _make_calls(package: ModuleType) -> None:
    """Every kind of call; the first with both ids, a time and an IP address, the
    second with only an anonymous id (and no coupon: left out, not null)."""
    package.track_order_completed(
        order_id="o-1",
        total=99.5,
        status="paid",
        shipping={"city": "Berlin", "postal code": "10115"},
        skus=["a-1", "b-2"],
        user_id=USER,
        anonymous_id=ANONYMOUS,
        timestamp=WHEN,
        context={"ip": IP, "locale": "de-DE"},
        integrations={"All": False},
    )
    package.track_42_terrible_event_name_3(class_="x", unicode_key=True, anonymous_id=ANONYMOUS)
    package.identify(email="ada@example.com", plan="pro", logins=3, user_id=USER)
    package.group(group_id="acme-1", name="Acme", employees=12, user_id=USER)
    package.page_pricing(url=PAGE["url"], path=PAGE["path"], user_id=USER)
    package.screen_home_screen(tab="feed", user_id=USER)
    package.alias(previous_id=ANONYMOUS, user_id=USER)


def _send(package: ModuleType, adapter: object) -> None:
    violations: list[Any] = []
    with package.using(client=adapter, on_violation=violations.append):
        _make_calls(package)
    assert not violations, violations


def _now_ish(seconds: float) -> bool:
    """A time the SDK stamped itself: within five minutes of now."""
    return abs(seconds - time.time()) < 300


def _same_bytes(actual: str, expected: str) -> None:
    assert actual.encode("utf-8") == expected.encode("utf-8"), (actual, expected)


#: What posthog-python adds to every message's properties, and (by name only: the
#: values are the machine's) to captured events.
POSTHOG_ADDS = {
    "$lib": "posthog-python",
    "$lib_version": POSTHOG_VERSION,
    "$geoip_disable": True,
    "$is_server": True,
}
POSTHOG_MACHINE = {"$python_runtime", "$python_version", "$os", "$os_version", "$os_distro"}


def _posthog_properties(message: dict[str, Any], captured: bool) -> dict[str, Any]:
    properties = dict(message["properties"])
    for key, value in POSTHOG_ADDS.items():
        assert properties.pop(key) == value, (message["event"], key)
    machine = {k for k in properties if k in POSTHOG_MACHINE}
    if captured:
        assert {"$python_runtime", "$python_version", "$os"} <= machine, message
    else:
        assert not machine, message
    return {k: v for k, v in properties.items() if k not in machine}


def test_posthog_adapter_sends_through_posthog(package: ModuleType) -> None:
    with server.Recorder({"/batch/": {"status": 1}}) as recorder:
        client = Posthog(
            "phc_test", host=recorder.url, max_retries=0, timeout=5, capture_mode="v0"
        )
        try:
            _send(package, package.PostHogAdapter(client))
            client.flush(timeout_seconds=10)
        finally:
            client.shutdown()
        requests = recorder.wait_until(
            lambda rs: sum(len(r.json["batch"]) for r in rs) >= 7, "7 PostHog messages"
        )
    assert {r.path for r in requests} == {"/batch/"}
    assert all(r.json["api_key"] == "phc_test" for r in requests)
    messages = [m for r in requests for m in r.json["batch"]]
    assert len(messages) == 7, messages
    expected: list[tuple[str, str, dict[str, Any], bool]] = [
        ("Order Completed", USER, {**ORDER, "$ip": IP}, True),
        (HOSTILE, ANONYMOUS, {"class": "x", "ünïcode key ✓": True}, True),
        ("$set", USER, {}, False),
        (
            "$groupidentify",
            USER,
            {"$group_type": "company", "$group_key": "acme-1", "$group_set": GROUP_TRAITS},
            False,
        ),
        (
            "$pageview",
            USER,
            {
                "name": "Pricing",
                "category": "Marketing",
                **PAGE,
                "$current_url": PAGE["url"],
                "$pathname": PAGE["path"],
            },
            True,
        ),
        ("$screen", USER, {"name": "Home Screen", "tab": "feed", "$screen_name": "Home Screen"}, True),
        ("$create_alias", ANONYMOUS, {"distinct_id": ANONYMOUS, "alias": USER}, False),
    ]
    for message, (event, distinct_id, properties, captured) in zip(messages, expected):
        _same_bytes(message["event"], event)
        assert message["distinct_id"] == distinct_id, message
        assert _posthog_properties(message, captured) == properties, message
        extra = {"$set"} if event == "$set" else set()
        assert set(message) == {"event", "distinct_id", "properties", "timestamp", "uuid"} | extra
        assert re.fullmatch(r"[0-9a-f-]{36}", message["uuid"]), message
        sent_at = dt.datetime.fromisoformat(message["timestamp"])
        if message is messages[0]:
            assert sent_at == WHEN
        else:
            assert _now_ish(sent_at.timestamp()), message
    assert messages[2]["$set"] == TRAITS


MIXPANEL_OK = {"status": 1, "error": None}


def test_mixpanel_adapter_sends_through_mixpanel(
    package: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    with server.Recorder(
        {"/track": MIXPANEL_OK, "/engage": MIXPANEL_OK, "/groups": MIXPANEL_OK}
    ) as recorder:
        urls = {
            "events_url": recorder.url + "/track",
            "people_url": recorder.url + "/engage",
            "groups_url": recorder.url + "/groups",
            "import_url": recorder.url + "/import",
            "request_timeout": 5,
            "retry_limit": 0,
        }
        consumer = mixpanel.BufferedConsumer(50, **urls)
        # Mixpanel.alias ignores the client's consumer and posts at once with a new
        # mixpanel.Consumer() to api.mixpanel.com: point that one here too.
        local = mixpanel.Consumer(**urls)
        monkeypatch.setattr(mixpanel, "Consumer", lambda *args, **kwargs: local)
        _send(package, package.MixpanelAdapter(mixpanel.Mixpanel("mp-token", consumer=consumer)))
        consumer.flush()
        requests = recorder.wait_until(lambda rs: len(rs) >= 4, "4 Mixpanel requests")
    assert all(r.form["verbose"] == "1" for r in requests)
    by_path: dict[str, list[Any]] = {}
    for r in requests:
        by_path.setdefault(r.path, []).append(r.json)
    assert set(by_path) == {"/track", "/engage", "/groups"}

    # alias: one event, sent at once, before the buffered ones.
    alias, events = by_path["/track"]
    assert alias == {
        "event": "$create_alias",
        "properties": {"distinct_id": ANONYMOUS, "alias": USER, "token": "mp-token"},
    }
    expected_events: list[tuple[str, str, dict[str, Any]]] = [
        ("Order Completed", USER, {**ORDER, "$user_id": USER, "$device_id": ANONYMOUS, "ip": IP}),
        (HOSTILE, ANONYMOUS, {"class": "x", "ünïcode key ✓": True}),
        ("Viewed Pricing Page", USER, {"name": "Pricing", "category": "Marketing", **PAGE}),
        ("Viewed Home Screen Screen", USER, {"name": "Home Screen", "tab": "feed"}),
    ]
    assert len(events) == len(expected_events), events
    for event, (name, distinct_id, properties) in zip(events, expected_events):
        _same_bytes(event["event"], name)
        assert set(event) == {"event", "properties"}
        sent = dict(event["properties"])
        assert sent.pop("token") == "mp-token"
        assert sent.pop("distinct_id") == distinct_id
        assert sent.pop("mp_lib") == "python"
        assert sent.pop("$lib_version") == mixpanel.__version__
        assert re.fullmatch(r"[0-9a-f]{32}", sent.pop("$insert_id"))
        stamped = sent.pop("time")
        if event is events[0]:
            assert stamped == WHEN.timestamp()
        else:
            assert _now_ish(stamped), event
        assert sent == properties, event

    profiles = [dict(p) for p in by_path["/engage"][0]]
    for profile in profiles:
        assert profile.pop("$token") == "mp-token"
        assert _now_ish(profile.pop("$time"))
    assert profiles == [
        {"$distinct_id": USER, "$set": TRAITS},
        {"$distinct_id": USER, "$union": {"company": ["acme-1"]}},
    ]
    [groups] = by_path["/groups"]
    [group] = [dict(g) for g in groups]
    assert group.pop("$token") == "mp-token"
    assert _now_ish(group.pop("$time"))
    assert group == {"$group_key": "company", "$group_id": "acme-1", "$set": GROUP_TRAITS}


AMPLITUDE_OK = {"code": 200, "events_ingested": 1, "payload_size_bytes": 1, "server_upload_time": 1}


def test_amplitude_adapter_sends_through_amplitude(
    package: ModuleType, caplog: pytest.LogCaptureFixture
) -> None:
    with server.Recorder({"/2/httpapi": AMPLITUDE_OK}) as recorder:
        # The SDK's consumer thread (not a daemon) sleeps flush_interval_millis
        # before it ends: keep that short, or the test run waits 10 s at exit.
        config = Config(
            server_url=recorder.url + "/2/httpapi", flush_max_retries=1, flush_interval_millis=200
        )
        client = Amplitude("amp-key", config)
        try:
            with caplog.at_level(logging.WARNING, logger=f"{PACKAGE}.adapters"):
                _send(package, package.AmplitudeAdapter(client))
            for future in client.flush():
                if future is not None:
                    future.result(timeout=15)
        finally:
            client.shutdown()
        requests = recorder.wait_until(
            lambda rs: sum(len(r.json["events"]) for r in rs) >= 7, "7 Amplitude events"
        )
    assert [r.message for r in caplog.records if r.name == f"{PACKAGE}.adapters"] == [
        "trackgen: alias not sent: the Amplitude SDK has no alias call; an event with"
        " both user_id and anonymous_id links them"
    ]
    assert all(r.json["api_key"] == "amp-key" for r in requests)
    events = [dict(e) for r in requests for e in r.json["events"]]
    user = {"user_id": USER}
    expected: list[dict[str, Any]] = [
        {
            "event_type": "Order Completed",
            "user_id": USER,
            "device_id": ANONYMOUS,
            "ip": IP,
            "event_properties": ORDER,
        },
        {
            "event_type": HOSTILE,
            "device_id": ANONYMOUS,
            "event_properties": {"class": "x", "ünïcode key ✓": True},
        },
        {"event_type": "$identify", **user, "user_properties": {"$set": TRAITS}},
        {
            "event_type": "$identify",
            **user,
            "groups": {"company": "acme-1"},
            "user_properties": {"$set": {"company": "acme-1"}},
        },
        {
            "event_type": "$groupidentify",
            **user,
            "groups": {"company": "acme-1"},
            "group_properties": {"$set": GROUP_TRAITS},
        },
        {
            "event_type": "Viewed Pricing Page",
            **user,
            "event_properties": {"name": "Pricing", "category": "Marketing", **PAGE},
        },
        {
            "event_type": "Viewed Home Screen Screen",
            **user,
            "event_properties": {"name": "Home Screen", "tab": "feed"},
        },
    ]
    assert len(events) == len(expected), events
    # Batches may be sent by more than one thread: put the events in call order.
    order = [(e["event_type"], "groups" in e, "user_properties" in e) for e in expected]
    events.sort(key=lambda e: order.index((e["event_type"], "groups" in e, "user_properties" in e)))
    for event, want in zip(events, expected):
        _same_bytes(event["event_type"], want["event_type"])
        assert event.pop("library") == f"{AMPLITUDE_LIBRARY}/{AMPLITUDE_VERSION}"
        assert re.fullmatch(r"[0-9a-f-]{36}", event.pop("insert_id")), event
        stamped = event.pop("time")
        assert isinstance(stamped, int)
        if want["event_type"] == "Order Completed":
            assert stamped == 1714979289123
        else:
            assert _now_ish(stamped / 1000)
        assert event == want
