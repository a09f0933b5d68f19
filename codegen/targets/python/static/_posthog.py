"""The PostHog adapter (posthog 6 or later)."""

from __future__ import annotations

import datetime as _dt
import typing as _t

from ._adapt import person_id, ip_address, page_properties


class PostHogClient(_t.Protocol):
    """What ``PostHogAdapter`` needs: a ``posthog.Posthog`` client (posthog 6 or
    later, whose person properties are set with ``set``)."""

    def capture(
        self,
        event: str,
        /,
        *,
        distinct_id: str | None,
        properties: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
    ) -> object: ...

    def set(
        self,
        *,
        distinct_id: str | None,
        properties: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
    ) -> object: ...

    def group_identify(
        self,
        group_type: str,
        group_key: str,
        /,
        *,
        properties: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        distinct_id: str | None,
    ) -> object: ...

    def alias(
        self,
        previous_id: str,
        distinct_id: str | None,
        /,
        *,
        timestamp: _dt.datetime | None,
    ) -> object: ...


#: Segment's page properties that PostHog knows under its own names.
_POSTHOG_PAGE_KEYS = (
    ("url", "$current_url"),
    ("path", "$pathname"),
    ("referrer", "$referrer"),
)


class PostHogAdapter:
    """Sends the generated calls through a ``posthog.Posthog`` client.

    - track: ``capture(event, properties=properties)``.
    - page: ``capture("$pageview")``; text properties ``url``, ``path`` and
      ``referrer`` are also sent as PostHog's ``$current_url``, ``$pathname`` and
      ``$referrer``.
    - screen: ``capture("$screen")`` with the name as ``$screen_name`` too.
    - identify: ``set(properties=traits)``: the traits become person properties.
      The anonymous id is not merged into the user: call ``alias`` for that.
    - group: ``group_identify(group_type, group_id, properties=traits)``.
      ``group_type`` is chosen when the adapter is made. Events are not tied to
      the group (PostHog does that with ``groups=`` on each capture).
    - alias: ``alias(previous_id, user_id)``.

    Without either id, PostHog uses the distinct id of its context, or sends a
    personless event (and ``set`` sends nothing). ``context["ip"]`` is sent as
    ``$ip`` on captured events (PostHog locates it only for a client made with
    ``disable_geoip=False``) and ``timestamp`` as the event's time. Events are
    batched: call the client's ``flush()`` or ``shutdown()`` before the process
    ends.
    """

    def __init__(self, client: PostHogClient, *, group_type: str = "company") -> None:
        self.client = client
        self.group_type = group_type

    def _capture(
        self,
        event: str,
        properties: dict[str, _t.Any],
        user_id: str | None,
        anonymous_id: str | None,
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
    ) -> None:
        ip = ip_address(context)
        self.client.capture(
            event,
            distinct_id=person_id(user_id, anonymous_id),
            properties=properties if ip is None else {**properties, "$ip": ip},
            timestamp=timestamp,
        )

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
        self._capture(event, properties, user_id, anonymous_id, context, timestamp)

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
        self.client.set(
            distinct_id=person_id(user_id, anonymous_id),
            properties=traits,
            timestamp=timestamp,
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
        self.client.group_identify(
            self.group_type,
            group_id,
            properties=traits,
            timestamp=timestamp,
            distinct_id=person_id(user_id, anonymous_id),
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
        sent = page_properties(name, category, properties)
        for key, posthog_key in _POSTHOG_PAGE_KEYS:
            value = properties.get(key)
            if isinstance(value, str) and posthog_key not in sent:
                sent[posthog_key] = value
        self._capture("$pageview", sent, user_id, anonymous_id, context, timestamp)

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
        sent = page_properties(name, category, properties)
        if name is not None and "$screen_name" not in sent:
            sent["$screen_name"] = name
        self._capture("$screen", sent, user_id, anonymous_id, context, timestamp)

    def alias(
        self,
        *,
        previous_id: str,
        user_id: str,
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
        integrations: dict[str, _t.Any] | None,
    ) -> None:
        self.client.alias(previous_id, user_id, timestamp=timestamp)
