"""The Amplitude adapter (amplitude-analytics); it imports ``amplitude`` when first used."""

from __future__ import annotations

import datetime as _dt
import importlib as _importlib
import typing as _t

from ._adapt import person_id, ip_address, log, page_properties


class AmplitudeClient(_t.Protocol):
    """What ``AmplitudeAdapter`` needs: an ``amplitude.Amplitude`` client
    (amplitude-analytics)."""

    def track(self, event: _t.Any, /) -> object: ...

    def identify(self, identify_obj: _t.Any, event_options: _t.Any, /) -> object: ...

    def set_group(
        self, group_type: str, group_name: str, event_options: _t.Any, /
    ) -> object: ...

    def group_identify(
        self,
        group_type: str,
        group_name: str,
        identify_obj: _t.Any,
        event_options: _t.Any,
        /,
    ) -> object: ...


class _AmplitudeIdentify(_t.Protocol):
    def set(self, key: str, value: _t.Any, /) -> object: ...


class _AmplitudeModule(_t.Protocol):
    BaseEvent: _t.Callable[..., _t.Any]
    EventOptions: _t.Callable[..., _t.Any]
    Identify: _t.Callable[[], _AmplitudeIdentify]


class AmplitudeAdapter:
    """Sends the generated calls through an ``amplitude.Amplitude`` client.

    - track: ``track(BaseEvent(event_type=event, event_properties=properties))``.
    - page and screen: ``track`` of the event ``page_event`` or ``screen_event``
      (``{}`` is the name: "Viewed Pricing Page"), or "Loaded a Page" / "Loaded a
      Screen" for a call without a name.
    - identify: ``identify(Identify().set(trait, value) ...)``: each trait is a
      ``$set`` of a user property. A call without traits sends nothing.
    - group: ``set_group(group_type, group_id)`` puts the user in the group, then
      ``group_identify`` sets the traits as group properties (when there are
      traits). ``group_type`` is chosen when the adapter is made.
    - alias: not sent (the SDK has no alias call), only logged as a warning.
      Amplitude links a device to a user when one event carries both ids.

    ``user_id`` is Amplitude's user id and ``anonymous_id`` its device id; both are
    sent when both are given. A call with neither is logged and not sent (Amplitude
    refuses it; it also refuses ids shorter than 5 characters unless the client's
    ``Config(min_id_length=...)`` says otherwise). ``context["ip"]`` is the event's
    ``ip`` and ``timestamp`` its ``time``. The SDK itself leaves out properties
    whose value is ``None``, cuts text longer than 1024 characters, and drops the
    properties of an event that holds arrays of arrays. Events are batched: call
    the client's ``flush()`` or ``shutdown()`` before the process ends.
    """

    def __init__(
        self,
        client: AmplitudeClient,
        *,
        group_type: str = "company",
        page_event: str = "Viewed {} Page",
        screen_event: str = "Viewed {} Screen",
    ) -> None:
        self.client = client
        self.group_type = group_type
        self.page_event = page_event
        self.screen_event = screen_event

    @staticmethod
    def _sdk() -> _AmplitudeModule:
        """The ``amplitude`` package, imported on first use."""
        return _t.cast(_AmplitudeModule, _importlib.import_module("amplitude"))

    def _options(
        self,
        what: str,
        user_id: str | None,
        anonymous_id: str | None,
        context: dict[str, _t.Any] | None,
        timestamp: _dt.datetime | None,
    ) -> dict[str, _t.Any] | None:
        """The event's ids, time and IP address; None (logged) without an id."""
        if person_id(user_id, anonymous_id) is None:
            log.warning(
                "trackgen: %s not sent to Amplitude: no user_id or anonymous_id", what
            )
            return None
        return {
            "user_id": user_id or None,
            "device_id": anonymous_id or None,
            "time": None if timestamp is None else round(timestamp.timestamp() * 1000),
            "ip": ip_address(context),
        }

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
        options = self._options(what, user_id, anonymous_id, context, timestamp)
        if options is not None:
            event_object = self._sdk().BaseEvent(
                event_type=event, event_properties=properties, **options
            )
            self.client.track(event_object)

    def _identify(self, traits: dict[str, _t.Any]) -> _AmplitudeIdentify:
        identify = self._sdk().Identify()
        for key, value in traits.items():
            identify.set(key, value)
        return identify

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
        options = self._options("identify", user_id, anonymous_id, context, timestamp)
        if options is not None and traits:
            sdk = self._sdk()
            self.client.identify(self._identify(traits), sdk.EventOptions(**options))

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
        options = self._options("group", user_id, anonymous_id, context, timestamp)
        if options is None:
            return
        sdk = self._sdk()
        self.client.set_group(self.group_type, group_id, sdk.EventOptions(**options))
        if traits:
            self.client.group_identify(
                self.group_type,
                group_id,
                self._identify(traits),
                sdk.EventOptions(**options),
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
        log.warning(
            "trackgen: alias not sent: the Amplitude SDK has no alias call; an event"
            " with both user_id and anonymous_id links them"
        )
