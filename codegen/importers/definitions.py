"""The definitions of an export, named once for the plan's ``$defs``.

Definitions (``$defs``, ``definitions``) of every rule become the plan's ``$defs``;
internal ``$ref`` s are rewritten to ``#/$defs/NAME`` and never resolved, so a cycle
reaches the lowering step, which reports it. ``SchemaConverter`` converts the
definitions this module names and queues.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote

from ..diagnostics import Location
from .keywords import _DEFINITIONS, NOISE
from .report import BAD_REF, MALFORMED, RENAMED_DEFINITION, Report, key_loc, new_map, put


@dataclass(frozen=True)
class Document:
    """One JSON Schema document of the export (a rule's schema): ``$ref`` s resolve in it."""

    index: int
    root: Any
    owner: str


_MISSING = object()
_NAME_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})


def _canonical(node: Any, names: bool = False) -> Any:
    """A schema without its noise (Typewriter's ``id`` s differ between equal schemas);
    ``names``: ``node`` maps names to schemas, and its keys are kept whatever they are."""
    if isinstance(node, dict):
        return {
            k: _canonical(v, names=not names and k in _NAME_MAPS) for k, v in node.items() if names or k not in NOISE
        }
    if isinstance(node, list):
        return [_canonical(v) for v in node]
    return node


class Definitions:
    """The definitions of one export: each named once, as found, and queued to be converted."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.defs = new_map(None)
        self._documents = 0
        self._names: dict[tuple[int, tuple[str, ...]], str] = {}
        self._taken: dict[str, str | None] = {}  # name -> canonical JSON when shareable
        #: Definitions named but not converted yet: document, name, schema, location.
        self.queue: list[tuple[Document, str, Any, Location | None]] = []

    def document(self, root: Any, owner: str) -> Document:
        """Start a rule's schema; its top-level definitions are imported, used or not."""
        self._documents += 1
        doc = Document(self._documents, root, owner)
        if isinstance(root, dict):
            for container in _DEFINITIONS:
                defs = root.get(container)
                if isinstance(defs, dict):
                    for name, target in defs.items():
                        self.definition(doc, (container, name), target, key_loc(defs, name))
                elif defs is not None:
                    self.report.error(
                        MALFORMED, f'{owner}: "{container}" must be a mapping of schemas', key_loc(root, container)
                    )
        return doc

    def definition(self, doc: Document, pointer: tuple[str, ...], target: Any, where: Location | None) -> str:
        known = self._names.get((doc.index, pointer))
        if known is not None:
            return known
        base = (pointer[-1] if pointer else "root").replace("/", "_") or "definition"
        raw = json.dumps(_canonical(target), sort_keys=True, default=str)
        shareable = None if '"$ref"' in raw else raw
        name, n = base, 1
        while name in self._taken:
            if shareable is not None and self._taken[name] == shareable:
                self._names[(doc.index, pointer)] = name
                return name
            n += 1
            name = f"{base}_{n}"
        if n > 1:
            self.report.info(
                RENAMED_DEFINITION,
                f'{doc.owner}: definition "{base}" is imported as "{name}": another rule defines a different "{base}"',
                where,
            )
        self._taken[name] = shareable
        self._names[(doc.index, pointer)] = name
        put(self.defs, name, None, where)  # keeps the order definitions were found in
        self.queue.append((doc, name, target, where))
        return name

    def ref(self, ref: Any, doc: Document, context: str, where: Location | None) -> Any:
        if not isinstance(ref, str):
            self.report.error(BAD_REF, f"{context}: $ref must be a string", where)
            return ref
        if not ref.startswith("#"):
            self.report.error(
                BAD_REF,
                f'{context}: $ref "{ref}" points outside the export; copy the schema into the plan\'s $defs',
                where,
            )
            return ref
        fragment = unquote(ref[1:])
        if fragment and not fragment.startswith("/"):
            self.report.error(
                BAD_REF,
                f'{context}: $ref "{ref}" names an anchor; use a JSON pointer such as "#/definitions/NAME"',
                where,
            )
            return ref
        tokens = tuple(t.replace("~1", "/").replace("~0", "~") for t in fragment.split("/")[1:]) if fragment else ()
        node: Any = doc.root
        for token in tokens:
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                node = _MISSING
                break
        if node is _MISSING:
            self.report.error(BAD_REF, f'{context}: $ref "{ref}" points at nothing in this rule\'s schema', where)
            return ref
        return "#/$defs/" + self.definition(doc, tokens, node, where)
