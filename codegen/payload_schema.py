"""The JSON Schema (draft 2020-12) of every call's payload as it goes on the wire.

``payload_schemas(plan)`` is pure: the IR in, files in memory out (one schema per
event version and an ``index.json``), for ``trackgen schema --events`` and for the
pydantic target, which generates its models from these schemas.

A schema describes the Segment message the generated clients send, not the plan:
``type`` (a const), ``event`` (track) or ``name`` and ``category`` (page, screen),
``properties`` (track, page, screen) or ``traits`` (identify, group), ``groupId``
(group) and ``context.protocols.event_version``, which the generated clients set on
track, page and screen calls (never on identify and group). The other keys of a
message (``messageId``, ``timestamp``, ``context.library``, ...) belong to the SDK and
are left open. The properties or traits are as closed as the plan says, with one
exception: on pages, the keys the Segment SDKs add themselves (analytics-node copies
the category into the properties; analytics-next adds ``name``, ``path``,
``referrer``, ``search``, ``title`` and ``url``) are allowed unless the plan declares
them.

Shared definitions stay ``$defs`` with ``$ref``; each file holds the ones it reaches.
A definition key that is not a plain identifier is renamed (its name is kept as the
``title``): definition names never reach the wire, and tools that turn schemas into
code read percent-encoded JSON pointers poorly. File names come from the wire names,
lower-case ASCII words joined by ``-``: never a path separator or ``..``, and names that
give the same file name are numbered by sort order (``-2``), whatever the plan's order.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from . import ir
from .naming import resolve, split_words
from .options import GeneratedFile
from .version import __version__

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TARGET = "payload-schema"
INDEX = "index.json"

#: What the Segment SDKs add to a page's properties by themselves.
PAGE_SDK_KEYS = ("path", "referrer", "search", "title", "url")
#: Calls whose generated code sends ``context.protocols.event_version``.
VERSIONED = frozenset({ir.CallKind.TRACK, ir.CallKind.PAGE, ir.CallKind.SCREEN})
_KIND_ORDER = {kind: i for i, kind in enumerate(ir.CallKind)}
#: File names Windows refuses whatever the extension.
_DEVICE_NAMES = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
_MAX_STEM = 80
_SAFE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_C_KEYS = (
    ("pattern", "pattern"),
    ("minimum", "minimum"),
    ("maximum", "maximum"),
    ("exclusive_minimum", "exclusiveMinimum"),
    ("exclusive_maximum", "exclusiveMaximum"),
    ("multiple_of", "multipleOf"),
    ("min_length", "minLength"),
    ("max_length", "maxLength"),
    ("min_items", "minItems"),
    ("max_items", "maxItems"),
    ("unique_items", "uniqueItems"),
)


@dataclass(frozen=True, slots=True)
class EventSchema:
    """One call's payload schema, and where it goes."""

    event: ir.Event
    stem: str
    """The file stem without the version: ``order-completed``, unique within the kind."""
    path: str
    """The file's path in the output folder: ``track/order-completed.v2.json``."""
    schema: dict[str, Any]


def payload_schemas(plan: ir.Plan) -> list[GeneratedFile]:
    """The schema files of every call of ``plan`` and ``index.json``, in path order."""
    schemas = event_schemas(plan)
    files = [GeneratedFile(TARGET, s.path, dump(s.schema)) for s in schemas]
    files.append(GeneratedFile(TARGET, INDEX, dump(index(plan, schemas))))
    return sorted(files, key=lambda f: f.path)


def dump(document: object) -> str:
    """JSON as trackgen writes it: two-space indents, UTF-8 text, a trailing newline."""
    return json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def event_schemas(plan: ir.Plan) -> list[EventSchema]:
    """Every call's schema, ordered by kind (track, identify, group, page, screen), then name."""
    stems = file_stems(plan)
    keys = definition_keys(plan)
    out = []
    for event in sorted(plan.calls, key=_order):
        stem = stems[(event.kind.value, event.name)]
        if event.kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP):
            path = f"{event.kind.value}.json"
        else:
            path = f"{event.kind.value}/{stem}.v{event.version}.json"
        out.append(EventSchema(event, stem, path, _Builder(plan, keys).envelope(event)))
    return out


def index(plan: ir.Plan, schemas: list[EventSchema]) -> dict[str, Any]:
    """``index.json``: each call's kind, wire name, version and file."""
    entries = []
    for s in schemas:
        entry: dict[str, Any] = {"type": s.event.kind.value}
        if s.event.kind not in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP):
            entry["name"] = s.event.name
        entry["version"] = s.event.version
        entry["file"] = s.path
        entries.append(entry)
    return {"$comment": _comment(plan), "plan": plan.name, "dialect": DIALECT, "events": entries}


def _order(event: ir.Event) -> tuple[int, str, int]:
    return (_KIND_ORDER[event.kind], event.name, event.version)


def _comment(plan: ir.Plan) -> str:
    return f"Generated by trackgen {__version__} from {plan.source}. Do not edit."


# -- names ------------------------------------------------------------------------------


def slug(name: str, fallback: str) -> str:
    """Lower-case ASCII words of ``name`` joined by ``-`` (``fallback`` when none)."""
    words = ["".join(c for c in w.lower() if c.isascii() and c.isalnum()) for w in split_words(name)]
    text = "-".join(w for w in words if w)[:_MAX_STEM].strip("-")
    if not text:
        return fallback
    return f"{text}-{fallback}" if text in _DEVICE_NAMES else text


def file_stems(plan: ir.Plan) -> dict[tuple[str, str], str]:
    """The file stem of each call, by (kind, wire name): unique within a kind, the first
    in sort order of wire names keeping a shared stem and the others numbered."""
    out: dict[tuple[str, str], str] = {}
    by_kind: dict[str, dict[str, str]] = {}
    for call in plan.calls:
        by_kind.setdefault(call.kind.value, {})[call.name] = slug(call.name, call.kind.value)
    for kind, wanted in by_kind.items():
        for name, stem in resolve(wanted, sep="-").items():
            out[(kind, name)] = stem
    return out


def definition_keys(plan: ir.Plan) -> dict[str, str]:
    """The ``$defs`` key of each definition: its name when a plain identifier, else
    its words joined by ``_`` (with a trailing ``_`` where a plain name has them),
    numbered on collision."""
    names = [name for name, _ in plan.definitions]
    plain = {n for n in names if _SAFE_KEY.match(n)}
    wanted = {}
    for n in names:
        if n in plain:
            continue
        key = "_".join(w for w in ("".join(c for c in w if c.isascii() and c.isalnum()) for w in split_words(n)) if w)
        key = key if key and _SAFE_KEY.match(key) else f"def_{key}" if key else "definition"
        while key in plain:  # resolve() hands out the first request's name as it is
            key += "_"
        wanted[n] = key
    keys = {n: n for n in plain}
    keys.update(resolve(wanted, taken=plain))
    return keys


# -- schemas ----------------------------------------------------------------------------


class _Builder:
    """Builds one call's schema; collects the definitions it reaches."""

    def __init__(self, plan: ir.Plan, keys: dict[str, str]) -> None:
        self.plan = plan
        self.keys = keys
        self.reached: set[str] = set()

    def envelope(self, event: ir.Event) -> dict[str, Any]:
        kind = event.kind
        props: dict[str, Any] = {"type": {"const": kind.value}}
        required = ["type"]
        if kind is ir.CallKind.TRACK:
            props["event"] = {"const": event.name}
            required.append("event")
        if kind in (ir.CallKind.PAGE, ir.CallKind.SCREEN):
            props["name"] = {"const": event.name}
            props["category"] = {"const": event.category} if event.category is not None else {"type": "null"}
            required.append("name")
        body = "traits" if kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP) else "properties"
        props[body] = self.object(event.properties, _sdk_keys(event))
        required.append(body)
        if kind is ir.CallKind.GROUP:
            props["groupId"] = {"type": "string"}
            required.append("groupId")
        props["userId"] = {"type": ["string", "null"]}
        props["anonymousId"] = {"type": ["string", "null"]}
        if kind in VERSIONED:
            props["context"] = {
                "type": "object",
                "properties": {
                    "protocols": {
                        "type": "object",
                        "properties": {"event_version": {"const": event.version}},
                        "required": ["event_version"],
                        "additionalProperties": True,
                    }
                },
                "required": ["protocols"],
                "additionalProperties": True,
            }
            required.append("context")
        else:
            props["context"] = {"type": "object"}
        schema: dict[str, Any] = {
            "$schema": DIALECT,
            "$comment": _comment(self.plan),
            "title": event.name if kind not in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP) else kind.value,
        }
        if event.description:
            schema["description"] = event.description
        if event.deprecated:
            schema["deprecated"] = True
        # Open, as the message is (the SDK's keys); said explicitly for code generators.
        schema.update(type="object", properties=props, required=required, additionalProperties=True)
        defs = self.definitions()
        if defs:
            schema["$defs"] = defs
        return schema

    def definitions(self) -> dict[str, Any]:
        """The definitions reached so far and the ones they reach, in plan order."""
        out: dict[str, Any] = {}
        done: set[str] = set()
        progress = True
        while progress:
            progress = False
            for name, t in self.plan.definitions:
                if name in self.reached and name not in done:
                    done.add(name)
                    out[name] = self.type(t)
                    progress = True
        ordered = {}
        for name, _ in self.plan.definitions:
            if name in out:
                node = out[name]
                key = self.keys[name]
                ordered[key] = {"title": name, **node} if key != name else node
        return ordered

    def object(self, t: ir.ObjectType, sdk: dict[str, Any] | None = None) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "object"}
        if not t.properties and t.additional and not sdk:
            return schema
        props = {p.name: self.property(p) for p in t.properties}
        if sdk and not t.additional:
            props.update((k, v) for k, v in sdk.items() if k not in props)
        schema["properties"] = props
        required = [p.name for p in t.properties if p.required]
        if required:
            schema["required"] = required
        schema["additionalProperties"] = t.additional
        return schema

    def property(self, p: ir.Property) -> dict[str, Any]:
        schema = self.type(p.type)
        extra: dict[str, Any] = {}
        if p.description:
            extra["description"] = p.description
        if p.deprecated:
            extra["deprecated"] = True
        if p.examples and _is_json(list(p.examples)):
            extra["examples"] = list(p.examples)
        return {**schema, **extra} if extra else schema

    def type(self, t: ir.Type) -> dict[str, Any]:
        if isinstance(t, ir.StringType):
            s: dict[str, Any] = {"type": "string"}
            if t.format is not None:
                s["format"] = t.format
            return _constraints(s, t.constraints)
        if isinstance(t, ir.IntegerType):
            return _constraints({"type": "integer"}, t.constraints)
        if isinstance(t, ir.NumberType):
            return _constraints({"type": "number"}, t.constraints)
        if isinstance(t, ir.BooleanType):
            return {"type": "boolean"}
        if isinstance(t, ir.NullType):
            return {"type": "null"}
        if isinstance(t, ir.AnyType):
            return {}
        if isinstance(t, ir.EnumType):
            if len(t.values) == 1:
                return {"const": t.values[0]}
            return {"enum": list(t.values)}
        if isinstance(t, ir.ArrayType):
            return _constraints({"type": "array", "items": self.type(t.items)}, t.constraints)
        if isinstance(t, ir.ObjectType):
            return self.object(t)
        if isinstance(t, ir.UnionType):
            members = [self.type(m) for m in t.members]
            if all(set(m) == {"type"} and isinstance(m["type"], str) for m in members):
                return {"type": list(dict.fromkeys(m["type"] for m in members))}
            return {"anyOf": members}
        if isinstance(t, ir.RefType):
            self.reached.add(t.name)
            return {"$ref": "#/$defs/" + self.keys[t.name]}
        raise TypeError(f"not an IR type: {t!r}")


def _sdk_keys(event: ir.Event) -> dict[str, Any] | None:
    """What the SDKs add to a page's properties (see the module's docstring)."""
    if event.kind is not ir.CallKind.PAGE:
        return None
    keys: dict[str, Any] = {"name": {"const": event.name}}
    if event.category is not None:
        keys["category"] = {"const": event.category}
    keys.update((k, {"type": "string"}) for k in PAGE_SDK_KEYS)
    return keys


def _constraints(schema: dict[str, Any], c: ir.Constraints) -> dict[str, Any]:
    for attr, key in _C_KEYS:
        value = getattr(c, attr)
        if value is not None and value is not False:
            schema[key] = int(value) if isinstance(value, float) and value.is_integer() else value
    return schema


def _is_json(value: object) -> bool:
    try:
        json.dumps(value, allow_nan=False)
    except (TypeError, ValueError):
        return False
    return True
