"""RudderStack tracking plans: ``{name, rules: {events: [{name, eventType, description, rules}]}}``.

Close to Segment's Config API: each rule's ``rules`` is a JSON Schema of the message,
``eventType`` says which call it is (track, identify, group, page, screen). Rules of
other calls than track have an empty name; an unnamed page or screen rule applies to
every page (screen) call and is given a name, with a warning that says which.
"""

from __future__ import annotations

from typing import Any

from ..source import Map
from .builder import PAYLOAD, PlanBuilder, Rule, is_wrapped, owner_of, plan_name, split_message
from .report import MALFORMED, NOT_IMPORTED, UNKNOWN_FORMAT, Report, loc_of, value_loc

KINDS = frozenset(PAYLOAD)


def looks_like(data: Any) -> bool:
    rules = data.get("rules") if isinstance(data, dict) else None
    events = rules.get("events") if isinstance(rules, dict) else None
    if not isinstance(events, list):
        return False
    if any(isinstance(e, dict) and "eventType" in e for e in events):
        return True
    return not events and ("creationType" in data or "workspaceId" in data)


def import_rudderstack(data: Any, file: str, report: Report) -> Map | None:
    rules = data.get("rules") if isinstance(data, dict) else None
    events = rules.get("events") if isinstance(rules, dict) else None
    if not isinstance(events, list):
        report.error(UNKNOWN_FORMAT, 'a RudderStack plan needs "rules" with a list of "events"', loc_of(data))
        return None
    builder = PlanBuilder(report)
    for i, event in enumerate(events):
        _event(builder, event, value_loc(events, i), i, report)
    name, name_at = plan_name(data, ("name",), file, report)
    return builder.plan(name, data.get("description"), loc_of(data), name_at)


def _event(builder: PlanBuilder, event: Any, where: Any, index: int, report: Report) -> None:
    if not isinstance(event, dict):
        report.warning(MALFORMED, "an event must be a mapping; not imported", where)
        return
    raw_kind = event.get("eventType", "track")
    kind = raw_kind.lower() if isinstance(raw_kind, str) else None
    if kind == "alias":
        report.info(
            NOT_IMPORTED, "the alias rule is not imported: alias calls take no properties in a trackgen plan", where
        )
        return
    if kind not in KINDS:
        report.warning(
            MALFORMED,
            f"event type {raw_kind!r} is not imported (known: {', '.join(sorted(KINDS))})",
            value_loc(event, "eventType"),
        )
        return
    name = event.get("name")
    if kind in ("page", "screen") and not (isinstance(name, str) and name):
        name = builder.view_name(kind, where, f"the {kind} rule (event #{index + 1})")
    version = event.get("version")
    owner = owner_of(kind, name, version)
    schema = event.get("rules")
    if schema is not None and not isinstance(schema, dict):
        report.error(MALFORMED, f'{owner}: "rules" must be a JSON Schema; not imported', value_loc(event, "rules"))
        return
    schema = schema if schema is not None else {}
    doc = builder.document(schema, owner)
    payload_key = PAYLOAD[kind]
    if is_wrapped(schema, payload_key):
        payload = _context_traits(schema) if kind in ("identify", "group") else None
        if payload is None:
            payload = split_message(schema, kind, owner, report)
    else:
        payload = schema
    description = event.get("description")
    if description in (None, ""):
        description = schema.get("description")
    builder.add(
        Rule(
            kind=kind,
            name=name,
            schema=payload,
            doc=doc,
            where=where,
            name_at=value_loc(event, "name") if "name" in event and kind not in ("identify", "group") else where,
            version=version,
            version_at=value_loc(event, "version") if "version" in event else None,
            description=description,
            labels=event.get("labels"),
        )
    )


def _context_traits(message: Any) -> Any:
    """Traits declared only at ``context.traits`` (RudderStack reads them there too)."""
    fields = message.get("properties")
    if not isinstance(fields, dict) or "traits" in fields:
        return None
    context = fields.get("context")
    props = context.get("properties") if isinstance(context, dict) else None
    return props.get("traits") if isinstance(props, dict) else None
