"""The Mixpanel adapter (mixpanel)."""

from __future__ import annotations

import datetime as _dt
import typing as _t

from ._adapt import person_id, ip_address, log, page_properties


class MixpanelClient(_t.Protocol):
    """What ``MixpanelAdapter`` needs: a ``mixpanel.Mixpanel`` client."""

    def track(
        self, distinct_id: str, event_name: str, properties: dict[str, _t.Any], /
    ) -> object: ...

    def people_set(
        self,
        distinct_id: str,
        properties: dict[str, _t.Any],
        meta: dict[str, _t.Any],
        /,
    ) -> object: ...

    def people_union(
        self,
        distinct_id: str,
        properties: dict[str, _t.Any],
        meta: dict[str, _t.Any],
        /,
    ) -> object: ...

    def group_set(
        self,
        group_key: str,
        group_id: str,
        properties: dict[str, _t.Any],
        meta: dict[str, _t.Any],
        /,
    ) -> object: ...

    def alias(self, alias_id: str, original: str, /) -> object: ...


class MixpanelAdapter:
    """Sends the generated calls through a ``mixpanel.Mixpanel`` client.

    - track: ``track(distinct_id, event, properties)``.
    - page and screen: ``track`` of the event ``page_event`` or ``screen_event``
      (``{}`` is the name: "Viewed Pricing Page"), or "Loaded a Page" / "Loaded a
      Screen" for a call without a name.
    - identify: ``people_set(distinct_id, traits)``: the traits become profile
      properties under the plan's names (``email`` is not renamed ``$email``).
    - group: ``group_set(group_key, group_id, traits)``, then
      ``people_union(distinct_id, {group_key: [group_id]})`` puts the user in the
      group. ``group_key`` is chosen when the adapter is made.
    - alias: ``alias(user_id, previous_id)``. The SDK sends it at once to
      api.mixpanel.com, whatever consumer the client has.

    A call with both ids also sends ``$user_id`` and ``$device_id`` (the anonymous
    id), which Mixpanel's Simplified ID Merge uses to join the two. A call with
    neither id is logged and not sent. ``context["ip"]`` is sent as ``ip`` (``$ip``
    on profiles) and ``timestamp`` as ``time`` (``$time`` on profiles), in seconds;
    Mixpanel's /track refuses events older than five days. Errors of the client's
    consumer (``MixpanelException``) reach the caller: the default ``Consumer``
    sends each call at once, a ``BufferedConsumer`` needs ``flush()``.
    """

    def __init__(
        self,
        client: MixpanelClient,
        *,
        group_key: str = "company",
        page_event: str = "Viewed {} Page",
        screen_event: str = "Viewed {} Screen",
    ) -> None:
        self.client = client
        self.group_key = group_key
        self.page_event = page_event
        self.screen_event = screen_event

    @staticmethod
    def _person(what: str, user_id: str | None, anonymous_id: str | None) -> str | None:
        distinct_id = person_id(user_id, anonymous_id)
        if distinct_id is None:
            log.warning(
                "trackgen: %s not sent to Mixpanel: no user_id or anonymous_id", what
            )
        return distinct_id

    @staticmethod
    def _meta(
        context: dict[str, _t.Any] | None, timestamp: _dt.datetime | None
    ) -> dict[str, _t.Any]:
        meta: dict[str, _t.Any] = {}
        if timestamp is not None:
            meta["$time"] = timestamp.timestamp()
        ip = ip_address(context)
        if ip is not None:
            meta["$ip"] = ip
        return meta

    def _track(
        self,
        what: str,
        event: str,
        properties: dict[str, _t.Any],
        user_id: str | None,
        anonymous_id: str | None,
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
    ) -> None:
        distinct_id = self._person(what, user_id, anonymous_id)
        if distinct_id is None:
            return
        sent = dict(properties)
        if user_id and anonymous_id:
            sent["$user_id"] = user_id
            sent["$device_id"] = anonymous_id
        if timestamp is not None:
            sent["time"] = timestamp.timestamp()
        ip = ip_address(context)
        if ip is not None:
            sent["ip"] = ip
        self.client.track(distinct_id, event, sent)

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
        self._track(
            repr(event), event, properties, user_id, anonymous_id, context, timestamp
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
        distinct_id = self._person("identify", user_id, anonymous_id)
        if distinct_id is not None:
            self.client.people_set(distinct_id, traits, self._meta(context, timestamp))

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
        distinct_id = self._person("group", user_id, anonymous_id)
        if distinct_id is None:
            return
        meta = self._meta(context, timestamp)
        self.client.group_set(self.group_key, group_id, traits, dict(meta))
        self.client.people_union(distinct_id, {self.group_key: [group_id]}, meta)

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
        event = self.page_event.format(name) if name else "Loaded a Page"
        self._track(
            f"page {name!r}",
            event,
            page_properties(name, category, properties),
            user_id,
            anonymous_id,
            context,
            timestamp,
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
        event = self.screen_event.format(name) if name else "Loaded a Screen"
        self._track(
            f"screen {name!r}",
            event,
            page_properties(name, category, properties),
            user_id,
            anonymous_id,
            context,
            timestamp,
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
        self.client.alias(user_id, previous_id)
