"""Read YAML or JSON text into plain data that remembers where each node was written.

PyYAML's composer builds a node graph that is several times slower than the C parser
underneath it, and its constructor silently keeps the last of two duplicate keys.
The reader walks libyaml's event stream directly: mappings become ``Map`` (a dict
with the location of the mapping, of each key and of each value), sequences become
``Seq``, scalars are resolved with the YAML 1.2 core schema (so ``no`` stays a
string, the Norway problem), and duplicate keys are reported, not dropped.

One job a module: ``source_nodes`` holds the located ``Map`` and ``Seq``,
``source_scalars`` the core schema's scalars, ``source_json`` plain JSON's fast path
and ``source_yaml`` the YAML reader; this module chooses between the two readers and
is the name the rest of trackgen imports them by.
"""

from __future__ import annotations

from typing import Any

from .diagnostics import Diagnostic
from .source_json import _NOT_JSON, _load_json
from .source_nodes import Map, Seq

__all__ = ["Map", "Seq", "load_text"]


def load_text(text: str, file: str) -> tuple[Any, list[Diagnostic]]:
    """Parse YAML (or JSON, a subset of it) into located data.

    Returns the data (``None`` for an empty document) and the diagnostics found:
    syntax errors, duplicate keys, unsupported tags and recursive aliases. Plain JSON
    takes a faster path; anything it cannot take (a duplicate key, a syntax error)
    goes through the YAML parser, which reports it with its location.
    """
    if text.lstrip()[:1] in ("{", "["):
        data = _load_json(text, file)
        if data is not _NOT_JSON:
            return data, []
    from .source_yaml import _load_yaml  # libyaml: not imported for a JSON plan

    return _load_yaml(text, file)
