"""Runtime support of the generated calls: configuration, validation, sending.

Copied into every generated package (with its header, and ``VALIDATION`` set to the
mode chosen when the code was generated); the names a generated module uses are
here, from this module or the private ones beside it."""

from __future__ import annotations

import contextlib as _contextlib
import contextvars as _contextvars
import dataclasses as _dataclasses
import datetime as _dt
import functools as _functools
import logging as _logging
import typing as _t

from ._clients import AnalyticsClient, RecordedCall, RecordingClient
from ._rules import Rule as Rule
from ._rules import check as _check
from ._rules import definitions as definitions
from ._rules import rules as rules
from ._values import (
    OMIT,
    EmptyObject,
    JsonValue,
    Omit,
    ValidationError,
    Violation,
    ViolationHandler,
)
from ._values import deprecated as deprecated

__all__ = [
    "OMIT",
    "AnalyticsClient",
    "EmptyObject",
    "JsonValue",
    "Omit",
    "RecordedCall",
    "RecordingClient",
    "ValidationError",
    "Violation",
    "ViolationHandler",
    "alias",
    "configure",
    "using",
]

_log = _logging.getLogger(__name__)

VALIDATION: _t.Literal["off", "warn", "raise"] = "warn"
"""Run-time validation, chosen when the code was generated: off, warn or raise."""


def _log_violation(violation: Violation) -> None:
    _log.warning("trackgen: %s", violation)


@_dataclasses.dataclass
class _State:
    client: AnalyticsClient | None = None
    on_violation: ViolationHandler = _log_violation


_state = _State()
_scoped: _contextvars.ContextVar[_State | None] = _contextvars.ContextVar(
    "trackgen_state", default=None
)


def _current() -> _State:
    return _scoped.get() or _state


def configure(
    *, client: AnalyticsClient, on_violation: ViolationHandler | None = None
) -> None:
    """Set the client every generated call sends through, and who hears of values
    that break the plan (by default they are logged)."""
    _state.client = client
    _state.on_violation = on_violation if on_violation is not None else _log_violation


@_contextlib.contextmanager
def using(
    *, client: AnalyticsClient, on_violation: ViolationHandler | None = None
) -> _t.Generator[None, None, None]:
    """Send the calls made inside the ``with`` block (in this thread or task) through
    another client: a second write key, or a ``RecordingClient`` in a test."""
    token = _scoped.set(_State(client, on_violation or _log_violation))
    try:
        yield
    finally:
        _scoped.reset(token)


def _validate(call: str, rule: Rule | None, payload: dict[str, _t.Any]) -> None:
    """Check a payload; never raises unless VALIDATION is "raise"."""
    if rule is None or VALIDATION == "off":
        return
    problems: list[tuple[str, str]] = []
    try:
        _check(rule, payload, "", problems)
    except Exception:
        if VALIDATION == "raise":
            raise
        _log.exception("trackgen: could not validate %s", call)
        return
    violations = [Violation(call, path, message) for path, message in problems]
    for violation in violations:
        try:
            _current().on_violation(violation)
        except Exception:
            if VALIDATION == "raise":
                raise
            _log.exception("trackgen: the violation handler failed")
    if violations and VALIDATION == "raise":
        raise ValidationError(violations)


def _client(what: str) -> AnalyticsClient | None:
    client = _current().client
    if client is None:
        _log.warning("trackgen: %s not sent: call configure(client=...) first", what)
    return client


def _json(value: object) -> object:
    """Dates and times as ISO 8601 text; everything else as it is."""
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        items = _t.cast("dict[str, object]", value)
        return {k: _json(v) for k, v in items.items()}
    if isinstance(value, (list, tuple)):
        return [_json(v) for v in _t.cast("_t.Sequence[object]", value)]
    return value


def _payload(
    values: dict[str, object], extra: _t.Mapping[str, JsonValue] | None = None
) -> dict[str, _t.Any]:
    """The properties or traits to send: omitted ones left out, the plan's first."""
    payload: dict[str, _t.Any] = (
        {k: _json(v) for k, v in extra.items()} if extra else {}
    )
    payload.update((k, _json(v)) for k, v in values.items() if v is not OMIT)
    return payload


def _context(
    context: _t.Mapping[str, JsonValue] | None, version: int | None
) -> dict[str, _t.Any] | None:
    """The call's context, with the plan version it was generated from."""
    merged: dict[str, _t.Any] = dict(context) if context is not None else {}
    if version is not None:
        protocols = merged.get("protocols")
        base = (
            _t.cast("dict[str, _t.Any]", protocols)
            if isinstance(protocols, dict)
            else {}
        )
        merged["protocols"] = {**base, "event_version": version}
    return merged or None


def _plain(mapping: _t.Mapping[str, JsonValue] | None) -> dict[str, _t.Any] | None:
    return dict(mapping) if mapping is not None else None


_P = _t.ParamSpec("_P")


def _guarded(send: _t.Callable[_P, None]) -> _t.Callable[_P, None]:
    """Nothing but ValidationError leaves a call, and only when VALIDATION is "raise":
    odd values (a recursive list, a Mapping whose items() fails, a 5,000-digit int)
    and a failing violation handler are logged in "warn" and "off"."""

    @_functools.wraps(send)
    def guarded(*args: _P.args, **kwargs: _P.kwargs) -> None:
        try:
            send(*args, **kwargs)
        except ValidationError:
            raise
        except Exception as exc:
            if VALIDATION == "raise":
                message = f"the values could not be checked ({type(exc).__name__})"
                raise ValidationError([Violation(send.__name__, "", message)]) from None
            _log_failure(send.__name__, exc)

    return guarded


def _deliver(method: _t.Callable[..., object], **fields: _t.Any) -> None:
    """Hand a call to the analytics client; its failures are logged, never raised."""
    try:
        method(**fields)
    except Exception as exc:
        _log_failure("the analytics client", exc)


def _log_failure(what: str, exc: BaseException) -> None:
    try:
        _log.error("trackgen: %s failed: %s", what, type(exc).__name__, exc_info=exc)
    except Exception:  # pragma: no cover - logging reports its own handler failures
        pass


@_guarded
def track(
    *,
    event: str,
    version: int,
    properties: dict[str, object],
    extra: _t.Mapping[str, JsonValue] | None = None,
    user_id: str | None,
    anonymous_id: str | None,
    timestamp: _dt.datetime | None,
    context: _t.Mapping[str, JsonValue] | None,
    integrations: _t.Mapping[str, JsonValue] | None,
    rules: Rule | None = None,
) -> None:
    payload = _payload(properties, extra)
    _validate(f"track {event!r}", rules, payload)
    client = _client(repr(event))
    if client is not None:
        _deliver(
            client.track,
            user_id=user_id,
            event=event,
            properties=payload,
            context=_context(context, version),
            timestamp=timestamp,
            anonymous_id=anonymous_id,
            integrations=_plain(integrations),
        )


@_guarded
def identify(
    *,
    traits: dict[str, object],
    extra: _t.Mapping[str, JsonValue] | None = None,
    user_id: str | None,
    anonymous_id: str | None,
    timestamp: _dt.datetime | None,
    context: _t.Mapping[str, JsonValue] | None,
    integrations: _t.Mapping[str, JsonValue] | None,
    rules: Rule | None = None,
) -> None:
    payload = _payload(traits, extra)
    _validate("identify", rules, payload)
    client = _client("identify")
    if client is not None:
        _deliver(
            client.identify,
            user_id=user_id,
            traits=payload,
            context=_context(context, None),
            timestamp=timestamp,
            anonymous_id=anonymous_id,
            integrations=_plain(integrations),
        )


@_guarded
def group(
    *,
    group_id: str,
    traits: dict[str, object],
    extra: _t.Mapping[str, JsonValue] | None = None,
    user_id: str | None,
    anonymous_id: str | None,
    timestamp: _dt.datetime | None,
    context: _t.Mapping[str, JsonValue] | None,
    integrations: _t.Mapping[str, JsonValue] | None,
    rules: Rule | None = None,
) -> None:
    payload = _payload(traits, extra)
    _validate("group", rules, payload)
    client = _client("group")
    if client is not None:
        _deliver(
            client.group,
            user_id=user_id,
            group_id=group_id,
            traits=payload,
            context=_context(context, None),
            timestamp=timestamp,
            anonymous_id=anonymous_id,
            integrations=_plain(integrations),
        )


@_guarded
def page(
    *,
    name: str,
    category: str | None,
    version: int,
    properties: dict[str, object],
    extra: _t.Mapping[str, JsonValue] | None = None,
    user_id: str | None,
    anonymous_id: str | None,
    timestamp: _dt.datetime | None,
    context: _t.Mapping[str, JsonValue] | None,
    integrations: _t.Mapping[str, JsonValue] | None,
    rules: Rule | None = None,
) -> None:
    payload = _payload(properties, extra)
    _validate(f"page {name!r}", rules, payload)
    client = _client("page " + repr(name))
    if client is not None:
        _deliver(
            client.page,
            user_id=user_id,
            category=category,
            name=name,
            properties=payload,
            context=_context(context, version),
            timestamp=timestamp,
            anonymous_id=anonymous_id,
            integrations=_plain(integrations),
        )


@_guarded
def screen(
    *,
    name: str,
    category: str | None,
    version: int,
    properties: dict[str, object],
    extra: _t.Mapping[str, JsonValue] | None = None,
    user_id: str | None,
    anonymous_id: str | None,
    timestamp: _dt.datetime | None,
    context: _t.Mapping[str, JsonValue] | None,
    integrations: _t.Mapping[str, JsonValue] | None,
    rules: Rule | None = None,
) -> None:
    payload = _payload(properties, extra)
    _validate(f"screen {name!r}", rules, payload)
    client = _client("screen " + repr(name))
    if client is not None:
        _deliver(
            client.screen,
            user_id=user_id,
            category=category,
            name=name,
            properties=payload,
            context=_context(context, version),
            timestamp=timestamp,
            anonymous_id=anonymous_id,
            integrations=_plain(integrations),
        )


@_guarded
def alias(
    *,
    previous_id: str,
    user_id: str,
    timestamp: _dt.datetime | None = None,
    context: _t.Mapping[str, JsonValue] | None = None,
    integrations: _t.Mapping[str, JsonValue] | None = None,
) -> None:
    """Tell the destinations that ``previous_id`` and ``user_id`` are one person."""
    client = _client("alias")
    if client is not None:
        _deliver(
            client.alias,
            previous_id=previous_id,
            user_id=user_id,
            context=_context(context, None),
            timestamp=timestamp,
            integrations=_plain(integrations),
        )
