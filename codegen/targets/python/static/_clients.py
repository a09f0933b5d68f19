"""What the generated calls need of an analytics client, and a client that records
the calls instead of sending them, for tests."""

from __future__ import annotations

import dataclasses as _dataclasses
import datetime as _dt
import typing as _t


class AnalyticsClient(_t.Protocol):
    """What the generated calls need of a client.

    segment-analytics-python's ``Client`` and its module-level ``segment.analytics``
    have this shape, as does RudderStack's Python SDK; so can your own.
    """

    def track(
        self,
        *,
        user_id: str | None,
        event: str,
        properties: dict[str, _t.Any],
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        anonymous_id: str | None,
        integrations: dict[str, _t.Any] | None,
    ) -> object: ...

    def identify(
        self,
        *,
        user_id: str | None,
        traits: dict[str, _t.Any],
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        anonymous_id: str | None,
        integrations: dict[str, _t.Any] | None,
    ) -> object: ...

    def group(
        self,
        *,
        user_id: str | None,
        group_id: str,
        traits: dict[str, _t.Any],
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        anonymous_id: str | None,
        integrations: dict[str, _t.Any] | None,
    ) -> object: ...

    def page(
        self,
        *,
        user_id: str | None,
        category: str | None,
        name: str | None,
        properties: dict[str, _t.Any],
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        anonymous_id: str | None,
        integrations: dict[str, _t.Any] | None,
    ) -> object: ...

    def screen(
        self,
        *,
        user_id: str | None,
        category: str | None,
        name: str | None,
        properties: dict[str, _t.Any],
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        anonymous_id: str | None,
        integrations: dict[str, _t.Any] | None,
    ) -> object: ...

    def alias(
        self,
        *,
        previous_id: str,
        user_id: str,
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        integrations: dict[str, _t.Any] | None,
    ) -> object: ...


@_dataclasses.dataclass(frozen=True)
class RecordedCall:
    """One call a ``RecordingClient`` received: the method and its keyword arguments."""

    method: str
    arguments: dict[str, _t.Any]


class RecordingClient:
    """A client that records calls instead of sending them, for tests."""

    def __init__(self) -> None:
        self.calls: list[RecordedCall] = []

    def _record(self, method: str, arguments: dict[str, _t.Any]) -> None:
        self.calls.append(RecordedCall(method, arguments))

    def track(
        self,
        *,
        user_id: str | None,
        event: str,
        properties: dict[str, _t.Any],
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        anonymous_id: str | None,
        integrations: dict[str, _t.Any] | None,
    ) -> None:
        self._record(
            "track",
            {
                "event": event,
                "properties": properties,
                **_common(user_id, anonymous_id, context, timestamp, integrations),
            },
        )

    def identify(
        self,
        *,
        user_id: str | None,
        traits: dict[str, _t.Any],
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        anonymous_id: str | None,
        integrations: dict[str, _t.Any] | None,
    ) -> None:
        self._record(
            "identify",
            {
                "traits": traits,
                **_common(user_id, anonymous_id, context, timestamp, integrations),
            },
        )

    def group(
        self,
        *,
        user_id: str | None,
        group_id: str,
        traits: dict[str, _t.Any],
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        anonymous_id: str | None,
        integrations: dict[str, _t.Any] | None,
    ) -> None:
        self._record(
            "group",
            {
                "group_id": group_id,
                "traits": traits,
                **_common(user_id, anonymous_id, context, timestamp, integrations),
            },
        )

    def page(
        self,
        *,
        user_id: str | None,
        category: str | None,
        name: str | None,
        properties: dict[str, _t.Any],
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        anonymous_id: str | None,
        integrations: dict[str, _t.Any] | None,
    ) -> None:
        self._record(
            "page",
            {
                "name": name,
                "category": category,
                "properties": properties,
                **_common(user_id, anonymous_id, context, timestamp, integrations),
            },
        )

    def screen(
        self,
        *,
        user_id: str | None,
        category: str | None,
        name: str | None,
        properties: dict[str, _t.Any],
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        anonymous_id: str | None,
        integrations: dict[str, _t.Any] | None,
    ) -> None:
        self._record(
            "screen",
            {
                "name": name,
                "category": category,
                "properties": properties,
                **_common(user_id, anonymous_id, context, timestamp, integrations),
            },
        )

    def alias(
        self,
        *,
        previous_id: str,
        user_id: str,
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        integrations: dict[str, _t.Any] | None,
    ) -> None:
        self._record(
            "alias",
            {
                "previous_id": previous_id,
                "user_id": user_id,
                "context": context,
                "timestamp": timestamp,
                "integrations": integrations,
            },
        )


def _common(
    user_id: str | None,
    anonymous_id: str | None,
    context: dict[str, _t.Any] | None,
    timestamp: _dt.datetime | None,
    integrations: dict[str, _t.Any] | None,
) -> dict[str, _t.Any]:
    return {
        "user_id": user_id,
        "anonymous_id": anonymous_id,
        "context": context,
        "timestamp": timestamp,
        "integrations": integrations,
    }
