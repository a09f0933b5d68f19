"""A stand-in for the PostHog, Mixpanel and Amplitude ingestion APIs, for
tests/test_adapters.py.

``Recorder`` is a threaded HTTP server on 127.0.0.1 (a free port). It answers a POST
to one of the paths it was given with that path's JSON reply, and records the
request: its path, headers and body, decoded from gzip, JSON or a form (Mixpanel
posts ``data=<JSON>``; that JSON is the request's ``json``). Any other request is
answered 404 and recorded as a failure, which every wait reports. Every wait has a
timeout; ``close()`` stops the server and its thread.
"""

from __future__ import annotations

import gzip
import json
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Received:
    """One request: its path, headers (lower-case names), form fields (for a form
    body) and JSON body (for a form, its ``data`` field)."""

    path: str
    headers: dict[str, str]
    form: dict[str, str]
    json: Any


class Recorder:
    """The server; ``routes`` maps each path it accepts to the JSON it answers."""

    def __init__(self, routes: dict[str, Any]) -> None:
        self._routes = dict(routes)
        self._requests: list[Received] = []
        self._failures: list[str] = []
        self._changed = threading.Condition()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, name="adapter-recorder", daemon=True
        )
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def requests(self) -> list[Received]:
        with self._changed:
            return list(self._requests)

    @property
    def failures(self) -> list[str]:
        with self._changed:
            return list(self._failures)

    def wait_until(
        self, done: Callable[[list[Received]], bool], what: str, timeout: float = 10.0
    ) -> list[Received]:
        """The requests once ``done(requests)`` holds; TimeoutError after ``timeout`` s,
        AssertionError as soon as a request was refused."""
        with self._changed:
            ok = self._changed.wait_for(lambda: done(self._requests) or bool(self._failures), timeout)
            if self._failures:
                raise AssertionError(f"the server refused requests: {self._failures}")
            if not ok:
                shown = [(r.path, r.json) for r in self._requests]
                raise TimeoutError(f"no {what} within {timeout}s; received: {shown!r}"[:4000])
            return list(self._requests)

    def close(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=10)

    def __enter__(self) -> Recorder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _record(self, request: Received | None, failure: str | None = None) -> None:
        with self._changed:
            if request is not None:
                self._requests.append(request)
            if failure is not None:
                self._failures.append(failure)
            self._changed.notify_all()

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            server_version = "adapter-recorder"

            def log_message(self, format: str, *args: Any) -> None:  # quiet
                pass

            def _reply(self, status: int, body: Any) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_POST(self) -> None:
                path = urllib.parse.urlsplit(self.path).path
                if path not in recorder._routes:
                    recorder._record(None, f"POST {self.path}")
                    self._reply(404, {"error": f"no {path}"})
                    return
                try:
                    raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                    if self.headers.get("Content-Encoding", "").lower() == "gzip":
                        raw = gzip.decompress(raw)
                    text = raw.decode("utf-8")
                    form: dict[str, str] = {}
                    if self.headers.get("Content-Type", "").startswith("application/x-www-form-urlencoded"):
                        form = dict(urllib.parse.parse_qsl(text, keep_blank_values=True, strict_parsing=True))
                        body = json.loads(form["data"])
                    else:
                        body = json.loads(text)
                except Exception as error:  # reported to the test, answered 400
                    recorder._record(None, f"POST {self.path}: {error!r}")
                    self._reply(400, {"error": str(error)})
                    return
                headers = {k.lower(): v for k, v in self.headers.items()}
                recorder._record(Received(path, headers, form, body))
                self._reply(200, recorder._routes[path])

            def do_GET(self) -> None:
                recorder._record(None, f"GET {self.path}")
                self._reply(404, {"error": "only POST"})

        return Handler
