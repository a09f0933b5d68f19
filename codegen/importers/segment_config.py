"""Segment Protocols, Config API shape ("v1"):
``{display_name, rules: {events: [{name, description, version, rules}], global, identify, group}}``.

Each event's ``rules`` is a JSON Schema of the whole message; the event's properties
sit at ``properties.properties``. ``global`` constrains every message and is reported,
not imported (a trackgen plan has no common rules).
"""

from __future__ import annotations

from typing import Any

from ..source import Map
from .builder import PlanBuilder, Rule, is_wrapped, owner_of, plan_name, report_common, split_message
from .report import MALFORMED, UNKNOWN_FORMAT, Report, key_loc, loc_of, value_loc


def looks_like(data: Any) -> bool:
    rules = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(rules, dict):
        return False
    events = rules.get("events")
    if isinstance(events, list):
        return not any(isinstance(e, dict) and "eventType" in e for e in events)
    return bool({"global", "identify", "group", "identify_traits", "group_traits"} & set(rules))


def import_config_api(data: Any, file: str, report: Report) -> Map | None:
    rules = data.get("rules") if isinstance(data, dict) else None
    if not isinstance(rules, dict):
        report.error(UNKNOWN_FORMAT, 'a Config API export needs "rules" with "events"', loc_of(data))
        return None
    builder = PlanBuilder(report)
    events = rules.get("events", [])
    if isinstance(events, list):
        for i, event in enumerate(events):
            _event(builder, event, value_loc(events, i), report)
    else:
        report.error(MALFORMED, '"rules.events" must be a list; no events imported', value_loc(rules, "events"))
    if rules.get("global") not in (None, {}):
        report_common(rules["global"], "the global rule", key_loc(rules, "global"), report)
    for kind in ("identify", "group"):
        schema = rules.get(kind)
        if isinstance(schema, dict):
            owner = owner_of(kind, None)
            doc = builder.document(schema, owner)
            payload = split_message(schema, kind, owner, report) if is_wrapped(schema, "traits") else schema
            builder.add(
                Rule(
                    kind=kind,
                    name=None,
                    schema=payload,
                    doc=doc,
                    where=key_loc(rules, kind),
                    description=schema.get("description"),
                    labels=schema.get("labels"),
                )
            )
        elif schema is not None:
            report.error(MALFORMED, f'"rules.{kind}" must be a JSON Schema', value_loc(rules, kind))
        listed = rules.get(f"{kind}_traits")
        if listed not in (None, []):
            report.warning(
                MALFORMED,
                f'"rules.{kind}_traits" is not imported: its shape is not documented; describe the traits '
                f"in the plan's {kind} section",
                key_loc(rules, f"{kind}_traits"),
            )
    name, name_at = plan_name(data, ("display_name", "name"), file, report)
    return builder.plan(name, data.get("description"), loc_of(data), name_at)


def _event(builder: PlanBuilder, event: Any, where: Any, report: Report) -> None:
    if not isinstance(event, dict):
        report.warning(MALFORMED, "an event must be a mapping; not imported", where)
        return
    name = event.get("name")
    version = event.get("version")
    owner = owner_of("track", name, version)
    schema = event.get("rules")
    if schema is not None and not isinstance(schema, dict):
        report.error(MALFORMED, f'{owner}: "rules" must be a JSON Schema; not imported', value_loc(event, "rules"))
        return
    schema = schema if schema is not None else {}
    doc = builder.document(schema, owner)
    payload = split_message(schema, "track", owner, report) if is_wrapped(schema, "properties") else schema
    description = event.get("description")
    if description in (None, ""):
        description = schema.get("description")
    builder.add(
        Rule(
            kind="track",
            name=name,
            schema=payload,
            doc=doc,
            where=where,
            name_at=value_loc(event, "name") if "name" in event else where,
            version=version,
            version_at=value_loc(event, "version") if "version" in event else None,
            description=description,
            labels=event.get("labels") if event.get("labels") not in (None, {}, []) else schema.get("labels"),
            deprecated=event.get("deprecated") is True,
        )
    )
