"""Segment Protocols, Public API shape ("v2"): ``{name, rules: [{type, key, version, jsonSchema}]}``.

A rule's ``jsonSchema`` either describes the whole message (the call's data at
``properties.properties`` or ``properties.traits``), or is already "unwrapped" the
way Typewriter stores it: the call's properties at the top, beside a non-standard
``eventMetadata: {name, type}``. Typewriter sends ``eventMetadata.name`` on the wire
(its ``key`` has the first ``#`` removed), so that is the name imported.
"""

from __future__ import annotations

from typing import Any

from ..source import Map
from .builder import PAYLOAD, PlanBuilder, Rule, is_wrapped, owner_of, plan_name, report_common, split_message
from .report import MALFORMED, NAME_CHOSEN, NOT_IMPORTED, UNKNOWN_FORMAT, Report, key_loc, loc_of, value_loc

KINDS = {"TRACK": "track", "IDENTIFY": "identify", "GROUP": "group", "PAGE": "page", "SCREEN": "screen"}
RULE_TYPES = frozenset({*KINDS, "COMMON", "ALIAS"})
NOT_DEPRECATED = "0001-01-01"


def envelope(data: Any) -> tuple[Any, Any]:
    """The plan (name, description) and the rules, also from an API response
    (``{data: {trackingPlan: {...}, rules: [...]}}``)."""
    if isinstance(data, dict) and "rules" not in data and isinstance(data.get("data"), dict):
        inner = data["data"]
        plan = inner.get("trackingPlan") if isinstance(inner.get("trackingPlan"), dict) else inner
        rules = inner.get("rules", plan.get("rules") if isinstance(plan, dict) else None)
        return plan, rules
    return data, data.get("rules") if isinstance(data, dict) else None


def looks_like(data: Any) -> bool:
    _, rules = envelope(data)
    if not isinstance(rules, list):
        return False
    dicts = [r for r in rules if isinstance(r, dict)]
    return not rules or any(
        (isinstance(r.get("type"), str) and r["type"].upper() in RULE_TYPES) or "jsonSchema" in r for r in dicts
    )


def import_public_api(data: Any, file: str, report: Report) -> Map | None:
    plan, rules = envelope(data)
    if not isinstance(rules, list):
        report.error(UNKNOWN_FORMAT, "a Public API export needs a list of rules", loc_of(data))
        return None
    builder = PlanBuilder(report)
    for i, rule in enumerate(rules):
        _rule(builder, rule, value_loc(rules, i), report)
    name, name_at = plan_name(plan, ("name",), file, report)
    return builder.plan(name, plan.get("description") if isinstance(plan, dict) else None, loc_of(data), name_at)


def _rule(builder: PlanBuilder, rule: Any, where: Any, report: Report) -> None:
    if not isinstance(rule, dict):
        report.warning(MALFORMED, "a rule must be a mapping; not imported", where)
        return
    raw_type = rule.get("type")
    rule_type = raw_type.upper() if isinstance(raw_type, str) else None
    key = rule.get("key")
    schema = rule.get("jsonSchema")
    if schema is not None and not isinstance(schema, dict):
        report.error(
            MALFORMED, f'rule "{key}": "jsonSchema" must be a mapping; not imported', value_loc(rule, "jsonSchema")
        )
        return
    if rule_type == "COMMON":
        report_common(schema, "the COMMON rule", where, report)
        return
    if rule_type == "ALIAS":
        report.info(
            NOT_IMPORTED, "the ALIAS rule is not imported: alias calls take no properties in a trackgen plan", where
        )
        return
    if rule_type not in KINDS:
        report.warning(
            MALFORMED,
            f"rule of type {raw_type!r} is not imported (known: {', '.join(sorted(RULE_TYPES))})",
            value_loc(rule, "type"),
        )
        return
    kind = KINDS[rule_type]
    schema = schema if schema is not None else {}
    meta = schema.get("eventMetadata")
    meta_name = meta.get("name") if isinstance(meta, dict) else None
    wrapped = is_wrapped(schema, PAYLOAD[kind])

    name: Any = key
    name_at = value_loc(rule, "key") if "key" in rule else where
    if isinstance(meta_name, str) and meta_name and not wrapped:
        if isinstance(key, str) and key not in (meta_name, meta_name.replace("#", "", 1)):
            report.warning(
                NAME_CHOSEN,
                f'rule key "{key}" differs from its eventMetadata.name "{meta_name}"; imported as '
                f'"{meta_name}", the name Typewriter sends on the wire',
                name_at,
            )
        name, name_at = meta_name, value_loc(meta, "name")
    if kind in ("page", "screen") and not (isinstance(name, str) and name):
        name = builder.view_name(kind, where, f"the {rule_type} rule")

    version = rule.get("version")
    owner = owner_of(kind, name, version)
    doc = builder.document(schema, owner)
    payload = split_message(schema, kind, owner, report) if wrapped else schema
    deprecated_at = rule.get("deprecatedAt")
    labels = rule.get("labels")
    if labels in (None, {}, []):
        labels = schema.get("labels")
    builder.add(
        Rule(
            kind=kind,
            name=name,
            schema=payload,
            doc=doc,
            where=where,
            name_at=name_at,
            version=version,
            version_at=value_loc(rule, "version") if "version" in rule else key_loc(rule, "type"),
            description=schema.get("description"),
            labels=labels,
            deprecated=isinstance(deprecated_at, str)
            and bool(deprecated_at)
            and not deprecated_at.startswith(NOT_DEPRECATED),
            # Typewriter's unwrapping keeps the message's required: ["properties"] when the
            # properties schema has no required list of its own.
            ignore_required=frozenset({"properties"}) if "eventMetadata" in schema else frozenset(),
        )
    )
