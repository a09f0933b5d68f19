"""The JSON Schema vocabulary of an import: what the plan holds, what it cannot hold,
and what is noise.

The plan keeps type lists, enums, constraints, nested objects and unions; keywords
that mean nothing for types (Typewriter's ``id``, ``$schema``, ``x-...``) are dropped;
those the plan cannot hold (``allOf``, ``not``, ...) are reported, with what to do
instead, and stay in the output as written.
"""

from __future__ import annotations

from ..plan.load import UNSUPPORTED_KEYWORDS as _PLAN_UNSUPPORTED

TYPE_NAMES = frozenset({"string", "integer", "number", "boolean", "null", "array", "object"})

#: Keywords with meaning for validation that the plan cannot hold, and what to do instead.
UNSUPPORTED: dict[str, str] = {
    **{k: v for k, v in _PLAN_UNSUPPORTED.items() if k != "$id"},
    "dependencies": "make the properties required, or describe the rule in the description",
    "minProperties": "describe the rule in the description",
    "maxProperties": "describe the rule in the description",
    "additionalItems": "use an array of one item type, or an object",
    "unevaluatedProperties": "declare the properties, or allow any with additionalProperties: true",
    "unevaluatedItems": "use items",
    "minContains": "use items",
    "maxContains": "use items",
    "$dynamicRef": 'refer to shared definitions with $ref: "#/$defs/NAME"',
    "$recursiveRef": 'refer to shared definitions with $ref: "#/$defs/NAME"',
    "$dynamicAnchor": 'refer to shared definitions with $ref: "#/$defs/NAME"',
    "$recursiveAnchor": 'refer to shared definitions with $ref: "#/$defs/NAME"',
}

#: Non-standard or bookkeeping keywords of real exports: dropped without a word.
NOISE = frozenset(
    {
        "$schema", "$id", "id", "$comment", "$anchor", "key", "labels", "eventMetadata",
        "createdAt", "updatedAt", "deprecatedAt", "create_time", "update_time",
    }
)  # fmt: skip

_STRINGS = ("format", "pattern", "title")
_NUMBERS = ("minimum", "maximum", "multipleOf")
_COUNTS = ("minLength", "maxLength", "minItems", "maxItems")
_FLAGS = ("uniqueItems", "deprecated", "nullable")
_SCALAR = (str, int, float, bool, type(None))
_DEFINITIONS = ("$defs", "definitions")
_DRAFT4_FLAG = {"minimum": "exclusiveMinimum", "maximum": "exclusiveMaximum"}
_DRAFT4_BOUND = {v: k for k, v in _DRAFT4_FLAG.items()}
