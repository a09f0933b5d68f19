"""A stand-in for Segment's collector, and the expectation table the end-to-end
tests hold what it received against.

``Collector`` is a threaded HTTP server on 127.0.0.1 (a free port) that accepts
Segment's batch endpoint, ``POST /v1/batch`` (plain or gzip-encoded JSON, with a
Content-Length or chunked), answers ``{}``, and records every request and every
message of every batch. Anything else is answered 404 and recorded as a failure.
Every wait has a timeout; ``close()`` stops the server and its thread.

The second half reads ``expectations.json`` and compares a received value with an
expected one (with two markers, ``{"$datetime": ...}`` in arguments and
``{"$iso8601": ...}`` in expectations, for date-times, whose exact text is the
language's and the SDK's business).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
PLAN = HERE / "plan.yaml"
EXPECTATIONS = HERE / "expectations.json"
BATCH_PATH = "/v1/batch"


@dataclass(frozen=True)
class Request:
    """One request to the batch endpoint: its headers and its decoded JSON body."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]


@dataclass
class _Record:
    requests: list[Request] = field(default_factory=list)
    messages: list[dict[str, Any]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


class Collector:
    """The collector; use as a context manager or call ``close()``."""

    def __init__(self) -> None:
        self._record = _Record()
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="e2e-collector", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        """The host to give the SDKs: ``http://127.0.0.1:PORT`` (they add ``/v1/batch``)."""
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- what was received -------------------------------------------------------

    @property
    def requests(self) -> list[Request]:
        with self._changed:
            return list(self._record.requests)

    @property
    def messages(self) -> list[dict[str, Any]]:
        with self._changed:
            return list(self._record.messages)

    @property
    def failures(self) -> list[str]:
        """Requests the collector refused: wrong method or path, unreadable body."""
        with self._changed:
            return list(self._record.failures)

    def clear(self) -> None:
        with self._changed:
            self._record = _Record()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[dict[str, Any]]:
        """The first ``count`` messages, once they are all in; TimeoutError after ``timeout`` s."""
        with self._changed:
            done = self._changed.wait_for(
                lambda: len(self._record.messages) >= count or bool(self._record.failures), timeout
            )
            record = self._record
            if record.failures:
                raise AssertionError(f"the collector refused requests: {record.failures}")
            if not done:
                raise TimeoutError(
                    f"expected {count} message(s) within {timeout}s, got {len(record.messages)}: "
                    + json.dumps(record.messages, indent=1, ensure_ascii=False)[:4000]
                )
            return list(record.messages[:count])

    # -- lifecycle ---------------------------------------------------------------

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> Collector:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- the HTTP side -----------------------------------------------------------

    def _received(self, request: Request | None, failure: str | None = None) -> None:
        with self._changed:
            if failure is not None:
                self._record.failures.append(failure)
            if request is not None:
                self._record.requests.append(request)
                self._record.messages.extend(request.body.get("batch", []))
            self._changed.notify_all()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        collector = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "e2e-collector"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _reply(self, status: int, body: dict[str, Any]) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(data)
                self.close_connection = True

            def _body(self) -> bytes:
                if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
                    chunks = []
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip(), 16)
                        if size == 0:
                            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                                pass
                            break
                        chunks.append(self.rfile.read(size))
                        self.rfile.readline()
                    raw = b"".join(chunks)
                else:
                    raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                if self.headers.get("Content-Encoding", "").lower() == "gzip":
                    raw = gzip.decompress(raw)
                return raw

            def do_POST(self) -> None:
                if self.path != BATCH_PATH:
                    collector._received(None, f"POST {self.path}")
                    self._reply(404, {"code": "not_found", "message": f"no {self.path}"})
                    return
                try:
                    body = json.loads(self._body().decode("utf-8"))
                    if not isinstance(body, dict) or not isinstance(body.get("batch"), list):
                        raise ValueError("the body is not an object with a batch list")
                except Exception as error:  # reported to the test, answered 400
                    collector._received(None, f"POST {self.path}: {error!r}")
                    self._reply(400, {"code": "bad_request", "message": str(error)})
                    return
                headers = {k.lower(): v for k, v in self.headers.items()}
                collector._received(Request(self.path, headers, body))
                self._reply(200, {})

            def do_GET(self) -> None:
                collector._received(None, f"GET {self.path}")
                self._reply(404, {"code": "not_found", "message": "only POST /v1/batch"})

        return Handler


# -- the expectation table -------------------------------------------------------


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(EXPECTATIONS.read_text(encoding="utf-8"))["cases"]
    ids = [c["id"] for c in cases]
    assert len(set(ids)) == len(ids), f"duplicate case ids in {EXPECTATIONS}"
    return cases


def parse_datetime(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


#: RFC 3339 date-time: ISO 8601 with a T, seconds, optional fraction, and an offset.
_ISO_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")


def mismatches(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Where ``actual`` differs from ``expected``: exact JSON equality (an object's
    keys included, so a left-out optional must be absent), except that
    ``{"$iso8601": T}`` matches ISO 8601 date-time text (with an offset) naming the
    instant T. Booleans never equal numbers, nor integers floats of another value."""
    where = path or "(top)"
    if isinstance(expected, dict) and set(expected) == {"$iso8601"}:
        if not isinstance(actual, str) or not _ISO_DATETIME.match(actual):
            return [f"{where}: expected ISO 8601 date-time text for {expected['$iso8601']}, got {actual!r}"]
        if parse_datetime(actual) != parse_datetime(expected["$iso8601"]):
            return [f"{where}: {actual!r} is not the instant {expected['$iso8601']}"]
        return []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {actual!r}"]
        out = [f"{where}: missing key {k!r}" for k in expected if k not in actual]
        out += [f"{where}: unexpected key {k!r} = {actual[k]!r}" for k in actual if k not in expected]
        for k in expected:
            if k in actual:
                out += mismatches(expected[k], actual[k], f"{path}.{k}" if path else k)
        return out
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{where}: expected an array, got {actual!r}"]
        if len(expected) != len(actual):
            return [f"{where}: expected {len(expected)} items, got {len(actual)}: {actual!r}"]
        return [m for i, (e, a) in enumerate(zip(expected, actual)) for m in mismatches(e, a, f"{path}[{i}]")]
    if type(expected) is not type(actual) and not (
        {type(expected), type(actual)} == {int, float} and expected == actual
    ):
        return [f"{where}: expected {expected!r}, got {actual!r}"]
    if expected != actual:
        return [f"{where}: expected {expected!r}, got {actual!r}"]
    return []


#: The top-level ids of a message; an expected null means "not sent" (null or absent:
#: analytics-python sends null, analytics-node leaves the key out).
ID_FIELDS = ("userId", "anonymousId", "groupId", "previousId")


def wire_mismatches(case: dict[str, Any], message: dict[str, Any], sdk: str) -> list[str]:
    """How a message the collector received differs from the case's expectation,
    for the SDK that sent it (``analytics-python`` or ``@segment/analytics-node``).

    Checks type, event/name/category, properties or traits (exactly, with what
    the SDK itself documents it adds, ``sdk_adds``), the ids, the timestamp when
    the case sets one, and the context: the SDK's ``library`` plus exactly the
    expected context (``protocols.event_version`` included)."""
    expect = case["expect"]
    out: list[str] = []
    for key in ("type", "event", "name", "category"):
        if key not in expect:
            continue
        if expect[key] is None:
            if message.get(key) is not None:
                out.append(f"{key}: expected none, got {message[key]!r}")
        elif key in ("event", "name") and isinstance(message.get(key), str):
            if message[key].encode("utf-8") != expect[key].encode("utf-8"):
                out.append(f"{key}: expected the bytes {expect[key]!r}, got {message[key]!r}")
        else:
            out += mismatches(expect[key], message.get(key), key)
    for key in ID_FIELDS:
        if key in expect and message.get(key) != expect[key]:
            out.append(f"{key}: expected {expect[key]!r}, got {message.get(key)!r}")
    adds = case.get("sdk_adds", {}).get(sdk, {})
    for key in ("properties", "traits"):
        if key in expect:
            if key not in message:
                out.append(f"{key}: missing")
            else:
                out += mismatches({**expect[key], **adds.get(key, {})}, message[key], key)
    if "timestamp" in expect:
        out += mismatches(expect["timestamp"], message.get("timestamp"), "timestamp")
    context = dict(message.get("context") or {})
    library = context.pop("library", None)
    out += mismatches(expect["context"], context, "context")
    if not isinstance(library, dict) or library.get("name") != sdk:
        out.append(f"context.library: expected the SDK's ({sdk}), got {library!r}")
    return out
