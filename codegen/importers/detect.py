"""Which kind of tracking plan a file holds, from its content (not its name)."""

from __future__ import annotations

from typing import Any

from . import rudderstack, segment_config, segment_public

NATIVE = "native"
SEGMENT_CONFIG_API = "segment-config-api"
SEGMENT_PUBLIC_API = "segment-public-api"
RUDDERSTACK = "rudderstack"
UNKNOWN = "unknown"

#: The formats ``import_data`` converts, as ``detect`` names them.
FORMATS = (SEGMENT_CONFIG_API, SEGMENT_PUBLIC_API, RUDDERSTACK)


def detect(data: Any) -> str:
    """``native``, ``segment-config-api``, ``segment-public-api``, ``rudderstack`` or ``unknown``.

    - native: a ``trackgen`` key, or a top-level ``events`` list;
    - Segment Public API: ``rules`` is a list of ``{type, key, version, jsonSchema}``
      (also inside an API response's ``data``);
    - RudderStack: ``rules.events`` whose entries have an ``eventType``;
    - Segment Config API: ``rules`` is a mapping with ``events`` (without ``eventType``).
    """
    if not isinstance(data, dict):
        return UNKNOWN
    if "trackgen" in data or isinstance(data.get("events"), list):
        return NATIVE
    if segment_public.looks_like(data):
        return SEGMENT_PUBLIC_API
    if rudderstack.looks_like(data):
        return RUDDERSTACK
    if segment_config.looks_like(data):
        return SEGMENT_CONFIG_API
    return UNKNOWN
