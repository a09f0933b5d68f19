"""Assemble a native plan from the rules of an export, whatever its format.

Each format module reads its own shape and hands over ``Rule`` s: a call kind, a name,
a version, and the JSON Schema of the call's properties (or traits). This module
unwraps message schemas (``properties.properties``, ``properties.traits``), converts
the schemas, and builds the plan with the export's locations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Location
from ..source import Map, Seq
from .report import (
    DUPLICATE,
    MALFORMED,
    NAME_CHOSEN,
    NOT_IMPORTED,
    SEVERAL_TRAITS,
    Report,
    append,
    is_empty,
    key_loc,
    loc_of,
    new_map,
    new_seq,
    put,
    value_loc,
)
from .definitions import Document
from .keywords import NOISE, UNSUPPORTED
from .schema import SchemaConverter

#: Top-level fields of a Segment message (what a "wrapped" rule schema describes).
MESSAGE_FIELDS = frozenset(
    {
        "context", "properties", "traits", "integrations", "userId", "anonymousId", "event",
        "name", "category", "timestamp", "messageId", "type", "groupId", "previousId",
        "sentAt", "receivedAt", "originalTimestamp", "channel", "version", "_metadata",
    }
)  # fmt: skip

#: Where a call's data sits in its message.
PAYLOAD = {"track": "properties", "page": "properties", "screen": "properties", "identify": "traits", "group": "traits"}

#: Names given to page and screen rules that apply to every page (screen): no name.
DEFAULT_VIEW_NAMES = {"page": "Page", "screen": "Screen"}


@dataclass
class Rule:
    """One call of the export, read by a format module."""

    kind: str  # track, identify, group, page, screen
    name: Any
    schema: Any  # the call's properties (traits) schema, already unwrapped; None: any
    doc: Document
    where: Location | None
    name_at: Location | None = None
    version: Any = None  # None: the export has no versions
    version_at: Location | None = None
    description: Any = None
    labels: Any = None
    deprecated: bool = False
    ignore_required: frozenset[str] = field(default_factory=frozenset)


def owner_of(kind: str, name: Any, version: Any = None) -> str:
    """How messages name a call: ``event "X" version 2``, ``identify traits``."""
    if kind in ("identify", "group"):
        return f"{kind} traits"
    word = {"track": "event"}.get(kind, kind)
    suffix = f" version {version}" if version not in (None, 1) else ""
    return f'{word} "{name}"{suffix}'


def _trivial(node: Any) -> bool:
    """A message field schema that allows anything of its kind: ``{}``, ``{type: object}``."""
    if node is None or node is True:
        return True
    if not isinstance(node, dict):
        return False
    for key, value in node.items():
        if key in NOISE or key in ("description", "title"):
            continue
        if key == "type" and value in ("object", ["object"], ["object", "null"], ["null", "object"]):
            continue
        if key in ("properties", "required") and is_empty(value):
            continue
        return False
    return True


def is_wrapped(schema: Any, payload_key: str) -> bool:
    """Whether a rule's schema describes the whole message (``properties.properties``)
    rather than the call's properties directly (Typewriter's unwrapped form)."""
    if not isinstance(schema, dict) or "eventMetadata" in schema:
        return False
    props = schema.get("properties")
    if not isinstance(props, dict) or not props or not set(props) <= MESSAGE_FIELDS:
        return False
    if payload_key in props:
        return isinstance(props[payload_key], dict) or props[payload_key] is True
    return "context" in props


def constrained_fields(message: Any, skip: str | None = None) -> list[str]:
    """What a message schema constrains besides ``skip``: ``context``, ``required userId``..."""
    if not isinstance(message, dict):
        return []
    parts: list[str] = []
    props = message.get("properties")
    if isinstance(props, dict):
        for name, schema in props.items():
            if name != skip and not _trivial(schema):
                inner = schema.get("properties") if isinstance(schema, dict) else None
                listed = f" ({', '.join(map(str, inner))})" if isinstance(inner, dict) and inner else ""
                parts.append(f"{name}{listed}")
    required = message.get("required")
    if isinstance(required, list):
        parts += [f"required {name}" for name in required if name != skip]
    for key in message:
        if (
            key not in ("properties", "required", "type", "description", "title", "$defs", "definitions")
            and key not in NOISE
        ):
            parts.append(f'"{key}"')
    return parts


def split_message(message: Any, kind: str, owner: str, report: Report) -> Any:
    """The call's properties (traits) schema of a message schema; reports the rest."""
    payload_key = PAYLOAD[kind]
    unsupported = [k for k in message if k in UNSUPPORTED] if isinstance(message, dict) else []
    for key in unsupported:
        report.error(
            "TG601",
            f'{owner}: JSON Schema keyword "{key}" on the message is not supported: {UNSUPPORTED[key]}',
            key_loc(message, key),
        )
    rest = [p for p in constrained_fields(message, skip=payload_key) if p.strip('"') not in unsupported]
    if rest:
        report.info(
            NOT_IMPORTED,
            f"{owner}: the rule also constrains {', '.join(rest)} of the message; a trackgen plan "
            f"describes the {payload_key} of each call, so these are not imported",
            loc_of(message),
        )
    props = message.get("properties") if isinstance(message, dict) else None
    return props.get(payload_key) if isinstance(props, dict) else None


def report_common(message: Any, owner: str, where: Location | None, report: Report) -> None:
    """A rule for every message (Public API COMMON, Config API global): reported, not imported."""
    parts = constrained_fields(message)
    what = ", ".join(parts) if parts else "nothing"
    report.info(
        NOT_IMPORTED,
        f"{owner} constrains {what} of every message; a trackgen plan has no rules common to all "
        "calls, so it is not imported (declare shared properties on the calls that send them, "
        "or in $defs)",
        where,
    )


class PlanBuilder:
    """Collects the calls of an export into a native plan."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.schemas = SchemaConverter(report)
        self.lists: dict[str, Seq] = {"track": new_seq(None), "page": new_seq(None), "screen": new_seq(None)}
        self.traits: dict[str, tuple[Map, Any, Location | None]] = {}
        self._seen: dict[tuple[str, str, Any], Location | None] = {}
        self._unnamed: dict[str, int] = {}

    def document(self, root: Any, owner: str) -> Document:
        return self.schemas.document(root, owner)

    def view_name(self, kind: str, where: Location | None, described: str) -> str:
        """A name for a page (screen) rule without one; says which it chose."""
        count = self._unnamed.get(kind, 0) + 1
        self._unnamed[kind] = count
        name = DEFAULT_VIEW_NAMES[kind] + (f" {count}" if count > 1 else "")
        self.report.warning(
            NAME_CHOSEN,
            f'{described} has no name (it applies to every {kind} call); imported as {kind} "{name}", '
            f"which is the name generated code sends: rename it to the {kind} name your app sends",
            where,
        )
        return name

    def add(self, rule: Rule) -> None:
        report = self.report
        if rule.kind in ("track", "page", "screen") and not (isinstance(rule.name, str) and rule.name):
            report.error(MALFORMED, f"a {rule.kind} rule without a name is not imported", rule.name_at or rule.where)
            return
        version = rule.version
        if version is not None and (isinstance(version, bool) or not isinstance(version, int) or version < 1):
            report.error(
                MALFORMED,
                f"{owner_of(rule.kind, rule.name)}: version {version!r} is not a whole number from 1",
                rule.version_at,
            )
        owner = owner_of(rule.kind, rule.name, version)
        props, additional, extras = self.schemas.call_properties(rule.schema, rule.doc, owner, rule.ignore_required)
        out = new_map(rule.where, rule.name_at)
        if rule.kind in ("identify", "group"):
            self._add_traits(rule, out, props, additional, extras)
            return
        put(out, "name", rule.name, rule.name_at)
        self._common(rule, out)
        if version is not None:
            put(out, "version", version, rule.version_at)
        if rule.deprecated:
            put(out, "deprecated", True)
        self._metadata(rule, out)
        put(out, "additionalProperties", additional)
        if props:
            put(out, "properties", props)
        for key, value, at in extras:
            put(out, key, value, at)
        ident = (rule.kind, rule.name, 1 if version is None else version if isinstance(version, int) else repr(version))
        if ident in self._seen:
            first = self._seen[ident]
            earlier = f" (first defined at {first.line}:{first.column})" if first else ""
            report.error(
                DUPLICATE,
                f"duplicate {owner_of(rule.kind, rule.name, ident[2])}{earlier}: "
                "give one of them another version, or remove it",
                rule.name_at or rule.where,
            )
        else:
            self._seen[ident] = rule.name_at or rule.where
        append(self.lists[rule.kind], out, rule.where)

    def _common(self, rule: Rule, out: Map) -> None:
        if isinstance(rule.description, str) and rule.description:
            put(out, "description", rule.description)
        elif not is_empty(rule.description):
            self.report.warning(
                MALFORMED,
                f"{owner_of(rule.kind, rule.name, rule.version)}: the description is not a string; ignored",
                rule.where,
            )

    def _metadata(self, rule: Rule, out: Map) -> None:
        if not is_empty(rule.labels):
            metadata = new_map(loc_of(rule.labels))
            put(metadata, "labels", rule.labels)
            put(out, "metadata", metadata)

    def _add_traits(
        self, rule: Rule, out: Map, props: Map, additional: Any, extras: list[tuple[str, Any, Location | None]]
    ) -> None:
        self._common(rule, out)
        self._metadata(rule, out)
        put(out, "additionalProperties", additional)
        if props:
            put(out, "traits", props)
        for key, value, at in extras:
            put(out, key, value, at)
        version = 1 if rule.version is None else rule.version
        previous = self.traits.get(rule.kind)
        if previous is not None:
            _, old_version, old_where = previous
            newer = isinstance(version, int) and isinstance(old_version, int) and version >= old_version
            kept, dropped = (version, old_version) if newer else (old_version, version)
            where = f" (the other at {old_where.line}:{old_where.column})" if old_where else ""
            self.report.warning(
                SEVERAL_TRAITS,
                f"several {rule.kind} rules{where}: a trackgen plan has one set of {rule.kind} traits; "
                f"version {kept} is imported, version {dropped} is not",
                rule.where,
            )
            if not newer:
                return
        self.traits[rule.kind] = (out, version, rule.where)

    def plan(self, name: Any, description: Any, where: Location | None, name_at: Location | None = None) -> Map:
        """The native plan, with every rule added so far."""
        out = new_map(where)
        put(out, "trackgen", 1)
        put(out, "name", name, name_at)
        if isinstance(description, str) and description:
            put(out, "description", description)
        if self.lists["track"]:
            put(out, "events", self.lists["track"])
        for kind in ("identify", "group"):
            if kind in self.traits:
                put(out, kind, self.traits[kind][0])
        if self.lists["page"]:
            put(out, "pages", self.lists["page"])
        if self.lists["screen"]:
            put(out, "screens", self.lists["screen"])
        defs = self.schemas.finish()
        if defs:
            put(out, "$defs", defs)
        return out


def plan_name(data: Any, keys: tuple[str, ...], file: str, report: Report) -> tuple[str, Location | None]:
    """The plan's name from the first of ``keys`` that holds one, else from the file name."""
    for key in keys:
        value = data.get(key) if isinstance(data, dict) else None
        if isinstance(value, str) and value.strip():
            return value, value_loc(data, key)
    from pathlib import PurePath

    stem = PurePath(file).stem or "Imported plan"
    report.info(MALFORMED, f'the export has no plan name; the plan is named "{stem}" after the file', loc_of(data))
    return stem, None
