"""The JSON Schema of the native plan format, for editors and other tools.

Derived from the pydantic plan models (``trackgen.plan.spec``), so it cannot drift
from what ``trackgen build`` accepts: every object is closed
(``additionalProperties: false``, a misspelled key is an error in the editor too),
and the internal fields the models carry (source locations) are left out.

The schema declares JSON Schema 2020-12, pydantic's dialect; it uses nothing that
draft-07 validators (VS Code's YAML extension) read differently: ``$ref`` only as a
JSON pointer into ``$defs``, never beside other keywords.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic.json_schema import GenerateJsonSchema

from .version import __version__
from .plan.spec import Plan

DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "trackgen tracking plan"


class _Generator(GenerateJsonSchema):
    def field_title_should_be_set(self, schema: Any) -> bool:
        # pydantic titles every field after its Python name ("Additionalproperties");
        # editors show titles on hover, where they add nothing but noise.
        return False


def plan_json_schema() -> dict[str, Any]:
    """The JSON Schema of a native plan file (YAML or JSON)."""
    body = Plan.model_json_schema(by_alias=True, schema_generator=_Generator)
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "title": TITLE,
        "description": f"A tracking plan in trackgen's native format (trackgen {__version__}).",
    }
    schema.update((k, v) for k, v in body.items() if k != "title")
    tidy: dict[str, Any] = _tidy(schema)
    return tidy


def _tidy(node: Any) -> Any:
    """Descriptions in Markdown (the models' docstrings use reStructuredText's double
    backticks), and ``$ref`` alone in its object (draft-07 ignores its siblings)."""
    if isinstance(node, list):
        return [_tidy(item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _tidy(value) for key, value in node.items()}
    description = out.get("description")
    if isinstance(description, str):
        out["description"] = re.sub(r"``([^`]+)``", r"`\1`", description)
    if "$ref" in out and isinstance(out["$ref"], str) and len(out) > 1:
        ref = out.pop("$ref")
        out["allOf"] = [{"$ref": ref}]
    return out
