"""Deterministic synthetic tracking plans, for benchmarks and scale tests.

``synth_plan(n)`` returns a plan (plain data, the native plan format) with ``n``
events that look like a real plan: "Widget 123 Exported" with 3 to 10 properties
each (strings, some with a format or a length limit, integers and numbers with
bounds, booleans, enums of 2 to 6 values, nullable values, arrays of strings, a
nested object in some events, an array of objects in others), about half of them
required, descriptions on every event and on most properties.

The same ``n`` always gives the same plan (a seeded ``random.Random``, no hash
order); event names carry their number and property names are unique within
their event, so no two generated identifiers collide.

    python bench/synth.py 5000 /tmp/plan.yaml     # or .json
    python bench/synth.py --wide 50000 /tmp/wide.yaml   # one event of 50,000 properties
"""

from __future__ import annotations

import copy
import json
import random
import sys
from pathlib import Path
from typing import Any

SEED = 20240611

NOUNS = (
    "widget", "order", "cart", "product", "invoice", "report", "dashboard", "project",
    "workspace", "member", "team", "ticket", "comment", "document", "file", "folder",
    "message", "channel", "video", "playlist", "article", "subscription", "coupon",
    "payment", "shipment", "review", "survey", "campaign", "segment", "integration",
    "webhook", "token", "session", "device", "notification", "experiment", "feature",
    "query", "chart", "alert",
)
VERBS = (
    "Created", "Updated", "Deleted", "Viewed", "Exported", "Imported", "Shared", "Archived",
    "Restored", "Opened", "Closed", "Completed", "Started", "Failed", "Approved", "Rejected",
    "Renamed", "Moved", "Duplicated", "Published", "Scheduled", "Downloaded", "Uploaded",
    "Searched", "Filtered", "Sorted", "Clicked", "Selected", "Submitted", "Cancelled",
)
#: Attribute words by kind of property; a property is ``<noun>_<attribute>``.
ATTRIBUTES = {
    "string": ("name", "label", "title", "slug", "id", "source", "reference", "locale", "note", "path"),
    "format": ("url", "email", "created_at", "updated_at", "owner_email", "link"),
    "integer": ("count", "size", "position", "duration_ms", "retries", "page", "items_total", "rank"),
    "number": ("amount", "price", "ratio", "score", "latency", "weight", "discount", "tax"),
    "boolean": ("is_public", "is_new", "has_errors", "was_edited", "is_pinned", "is_default"),
    "enum": ("status", "tier", "kind", "channel_type", "visibility", "priority", "mode", "region"),
    "nullable": ("parent_id", "previous_name", "error_code", "expires_at", "assignee", "coupon_code"),
    "strings": ("tags", "labels", "ids", "recipients", "fields", "categories"),
    "object": ("details", "settings", "context_info", "summary", "origin", "target"),
    "objects": ("line_items", "entries", "changes", "attachments", "steps", "rows"),
}
FORMATS = {
    "url": "uri", "link": "uri", "email": "email", "owner_email": "email",
    "created_at": "date-time", "updated_at": "date-time",
}
ENUM_WORDS = (
    "basic", "standard", "premium", "enterprise", "draft", "active", "paused", "archived",
    "low", "medium", "high", "urgent", "public", "private", "internal", "web", "ios",
    "android", "desktop", "api", "north", "south", "east", "west", "manual", "automatic",
)
#: Fields of nested objects (and of the items of arrays of objects): name -> schema.
FIELDS: dict[str, dict[str, Any]] = {
    "id": {"type": "string"},
    "name": {"type": "string", "maxLength": 200},
    "quantity": {"type": "integer", "minimum": 0},
    "price": {"type": "number", "minimum": 0},
    "enabled": {"type": "boolean"},
    "currency": {"enum": ["USD", "EUR", "GBP", "JPY"]},
    "url": {"type": "string", "format": "uri"},
    "note": {"type": ["string", "null"]},
}
SENTENCES = (
    "Sent when the user {verb} a {noun} from the {place}.",
    "Fired once per {noun}, after the server confirmed the change.",
    "The {noun} was {verb} by a member of the workspace; used in the {place} funnel.",
    "Tracks how often people {verb} a {noun}. Owned by the {team} team.",
    "A {noun} was {verb}. Helps the {team} team see which {place} flows are used the most.",
)
PLACES = ("sidebar", "editor", "settings page", "command palette", "mobile app", "public API", "onboarding checklist")
TEAMS = ("growth", "product", "platform", "billing", "support", "data")


def _words(name: str) -> str:
    return name.replace("_", " ")


def _description(rng: random.Random, noun: str, verb: str) -> str:
    return rng.choice(SENTENCES).format(
        noun=noun, verb=verb.lower(), place=rng.choice(PLACES), team=rng.choice(TEAMS)
    )


def _enum(rng: random.Random) -> list[str]:
    return rng.sample(ENUM_WORDS, rng.randint(2, 6))


def _object(rng: random.Random) -> dict[str, Any]:
    names = rng.sample(sorted(FIELDS), rng.randint(2, 4))
    props: dict[str, Any] = {}
    for i, name in enumerate(names):
        schema = copy.deepcopy(FIELDS[name])  # no shared lists: YAML would anchor them
        if i == 0 or rng.random() < 0.4:
            schema["required"] = True
        if rng.random() < 0.6:
            schema["description"] = f"The {_words(name)} of the entry."
        props[name] = schema
    return {"type": "object", "properties": props}


def _property(rng: random.Random, kind: str, attr: str, noun: str) -> dict[str, Any]:
    if kind == "string":
        schema: dict[str, Any] = {"type": "string"}
        if rng.random() < 0.3:
            schema["maxLength"] = rng.choice((64, 100, 255))
    elif kind == "format":
        schema = {"type": "string", "format": FORMATS[attr]}
    elif kind == "integer":
        schema = {"type": "integer", "minimum": 0}
        if rng.random() < 0.3:
            schema["maximum"] = rng.choice((100, 1000, 86400000))
    elif kind == "number":
        schema = {"type": "number"}
        if rng.random() < 0.5:
            schema["minimum"] = 0
    elif kind == "boolean":
        schema = {"type": "boolean"}
    elif kind == "enum":
        schema = {"enum": _enum(rng)}
    elif kind == "nullable":
        if rng.random() < 0.5:
            schema = {"type": ["string", "null"]}
        else:
            schema = {"type": "integer", "nullable": True}
    elif kind == "strings":
        schema = {"type": "array", "items": {"type": "string"}}
        if rng.random() < 0.4:
            schema["maxItems"] = rng.choice((10, 50))
    elif kind == "object":
        schema = _object(rng)
    else:
        assert kind == "objects"
        schema = {"type": "array", "items": _object(rng)}
    if rng.random() < 0.85:
        schema = {"description": f"The {_words(attr)} of the {noun}.", **schema}
    if rng.random() < 0.5:
        schema["required"] = True
    return schema


_SIMPLE = ("string", "format", "integer", "number", "boolean", "enum", "nullable", "strings")
_WEIGHTS = (5, 1, 3, 2, 2, 3, 1, 1)


def _event(rng: random.Random, number: int) -> dict[str, Any]:
    noun = rng.choice(NOUNS)
    verb = rng.choice(VERBS)
    kinds = rng.choices(_SIMPLE, _WEIGHTS, k=rng.randint(3, 10))
    if rng.random() < 0.3:
        kinds[rng.randrange(len(kinds))] = "object"
    if rng.random() < 0.15:
        kinds[rng.randrange(len(kinds))] = "objects"
    props: dict[str, Any] = {}
    for kind in kinds:
        # A few tries for a fresh name; attributes of other nouns give room to spare.
        for _ in range(20):
            prefix = noun if rng.random() < 0.7 else rng.choice(NOUNS)
            attr = rng.choice(ATTRIBUTES[kind])
            name = f"{prefix}_{attr}"
            if name not in props:
                break
        else:
            name = f"{noun}_{attr}_{len(props)}"
        props[name] = _property(rng, kind, attr, noun)
    return {
        "name": f"{noun.capitalize()} {number} {verb}",
        "description": _description(rng, noun, verb),
        "properties": props,
    }


def synth_plan(n_events: int) -> dict[str, Any]:
    """A plan with ``n_events`` events; the same ``n_events`` gives the same plan."""
    rng = random.Random(SEED)
    return {
        "trackgen": 1,
        "name": f"Synthetic {n_events}",
        "description": f"A generated plan with {n_events} events, for benchmarks and scale tests.",
        "events": [_event(rng, i + 1) for i in range(n_events)],
    }


def wide_plan(n_properties: int) -> dict[str, Any]:
    """A plan with one event of ``n_properties`` properties, ``field_1`` to ``field_<n>``,
    as a form builder exports a form: the kinds of property of ``synth_plan``, nested
    objects included, one numbered family of keys (each one a TG406 finding)."""
    rng = random.Random(SEED)
    kinds = rng.choices(_SIMPLE + ("object", "objects"), _WEIGHTS + (1, 1), k=n_properties)
    props = {f"field_{i + 1}": _property(rng, kind, rng.choice(ATTRIBUTES[kind]), "form") for i, kind in enumerate(kinds)}
    return {
        "trackgen": 1,
        "name": f"Wide {n_properties}",
        "description": f"One event with {n_properties} properties, for benchmarks.",
        "events": [{"name": "Form Submitted", "description": "A user submitted the form.", "properties": props}],
    }


def write_plan(n_events: int, path: str | Path, wide: bool = False) -> Path:
    """Write ``synth_plan(n_events)`` (or ``wide_plan(n)``) to ``path``: JSON for
    ``.json``, else YAML."""
    path = Path(path)
    plan = wide_plan(n_events) if wide else synth_plan(n_events)
    if path.suffix == ".json":
        text = json.dumps(plan, indent=2, ensure_ascii=False) + "\n"
    else:
        import yaml

        text = yaml.safe_dump(plan, sort_keys=False, allow_unicode=True, width=100)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


if __name__ == "__main__":
    wide = sys.argv[1:2] == ["--wide"]
    args = sys.argv[2:] if wide else sys.argv[1:]
    if len(args) != 2:
        sys.exit("usage: synth.py [--wide] N PLAN.yaml|PLAN.json   (N events, or with --wide one event of N properties)")
    print(write_plan(int(args[0]), args[1], wide))
