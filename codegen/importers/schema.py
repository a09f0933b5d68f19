"""JSON Schema, as Segment and RudderStack export it, to the plan's property schemas.

The plan's schemas are JSON Schema with ``required`` and ``nullable`` on the property.
This module turns ``required: [...]`` arrays into ``required: true`` on each property,
keeps what the plan can hold (type lists, enums, constraints, nested objects, unions),
drops keywords that mean nothing for types (Typewriter's ``id``, ``$schema``, ``x-...``),
and reports, with their location, the keywords the plan cannot hold (``allOf``,
``not``, an ``additionalProperties`` schema, ...), which stay in the output as written
so that nothing is silently dropped or widened.

The vocabulary is ``keywords``; the definitions and ``$ref`` s are named in
``definitions``, which this module converts when the export is done.
"""

from __future__ import annotations

from typing import Any

from ..diagnostics import Location
from ..source import Map
from .definitions import Definitions, Document
from .keywords import (
    _COUNTS,
    _DEFINITIONS,
    _DRAFT4_BOUND,
    _DRAFT4_FLAG,
    _FLAGS,
    _NUMBERS,
    _SCALAR,
    _STRINGS,
    NOISE,
    TYPE_NAMES,
    UNSUPPORTED,
)
from .report import (
    MALFORMED,
    UNDECLARED_REQUIRED,
    UNSUPPORTED_KEYWORD,
    Report,
    append,
    copy,
    key_loc,
    loc_of,
    new_map,
    new_seq,
    put,
    value_loc,
)


def describe(owner: str, path: str) -> str:
    """``event "X", property "a.b"`` (the plan loader's wording)."""
    return f'{owner}, property "{path}"' if path else owner


class SchemaConverter:
    """Converts the schemas of one export; collects the plan's ``$defs`` as it goes."""

    def __init__(self, report: Report) -> None:
        self.report = report
        self.definitions = Definitions(report)
        self.defs = self.definitions.defs

    # -- documents and definitions ---------------------------------------------------------

    def document(self, root: Any, owner: str) -> Document:
        """Start a rule's schema; its top-level definitions are imported, used or not."""
        return self.definitions.document(root, owner)

    def finish(self) -> Map:
        """Convert the definitions found so far (and those they refer to); the plan's ``$defs``."""
        while self.definitions.queue:
            doc, name, target, where = self.definitions.queue.pop(0)
            converted = self.convert(target, doc, f'definition "{name}"', "", where)
            put(self.defs, name, converted, where, loc_of(target))
        return self.defs

    # -- schemas -----------------------------------------------------------------------------

    def convert(self, node: Any, doc: Document, owner: str, path: str, name_at: Location | None) -> Any:
        """A property's schema in the plan's form (a ``Map``; unsupported input as written)."""
        context = describe(owner, path)
        if node is True:
            return new_map(name_at, name_at)
        if not isinstance(node, dict):
            if node is False:
                self.report.error(
                    UNSUPPORTED_KEYWORD, f"{context}: the schema false (no value is valid) cannot be typed", name_at
                )
            else:
                self.report.error(
                    MALFORMED, f"{context}: a schema must be a mapping, not {type(node).__name__}", name_at
                )
            return node
        out = new_map(loc_of(node), name_at)
        for key, value in node.items():
            self._keyword(out, node, key, value, doc, owner, path)
        self._object(out, node, doc, owner, path, root=False)
        return out

    def _keyword(self, out: Map, node: Any, key: str, value: Any, doc: Document, owner: str, path: str) -> None:
        context = describe(owner, path)
        report = self.report

        # Where the keyword and its value are: worked out for a message, else left to
        # the output's locator (``copy``), which most never ask.
        def at() -> Location | None:
            return key_loc(node, key)

        def value_at() -> Location | None:
            return value_loc(node, key)

        def keep() -> None:
            copy(out, key, value, node)

        def malformed(what: str) -> None:
            report.error(MALFORMED, f'{context}: "{key}" {what}', value_at())
            keep()

        if key == "type":
            names = value if isinstance(value, list) else [value]
            bad = [n for n in names if not (isinstance(n, str) and n in TYPE_NAMES)]
            if bad:
                malformed(f"has {', '.join(map(repr, bad))}, not a JSON type ({', '.join(sorted(TYPE_NAMES))})")
            else:
                keep()
        elif key == "enum":
            if not isinstance(value, list):
                malformed("must be a list of values")
            elif not all(isinstance(v, _SCALAR) for v in value):
                report.error(
                    UNSUPPORTED_KEYWORD, f"{context}: enum values that are objects or arrays cannot be typed", value_at()
                )
                keep()
            else:
                keep()
        elif key == "const":
            if not isinstance(value, _SCALAR):
                report.error(
                    UNSUPPORTED_KEYWORD, f"{context}: a const that is an object or array cannot be typed", value_at()
                )
            keep()
        elif key == "description":
            if value != "":
                keep()
        elif key in _STRINGS:
            keep() if isinstance(value, str) else malformed("must be a string")
        elif key in _NUMBERS:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            if not ok:
                malformed("must be a number")
            elif key in _DRAFT4_FLAG and node.get(_DRAFT4_FLAG[key]) is True:  # draft 4: exclusive bound
                put(out, _DRAFT4_FLAG[key], value, value_at(), value_at())
            else:
                keep()
        elif key in _DRAFT4_BOUND:
            if isinstance(value, bool):  # draft 4: a flag on minimum / maximum, done there
                bound = node.get(_DRAFT4_BOUND[key])
                if value and not (isinstance(bound, (int, float)) and not isinstance(bound, bool)):
                    report.error(
                        MALFORMED,
                        f'{context}: "{key}: true" (draft 4) needs a number in "{_DRAFT4_BOUND[key]}"',
                        value_at(),
                    )
            elif isinstance(value, (int, float)):
                keep()
            else:
                malformed("must be a number")
        elif key in _COUNTS:
            ok = isinstance(value, int) and not isinstance(value, bool) and value >= 0
            keep() if ok else malformed("must be a whole number, 0 or more")
        elif key in _FLAGS:
            keep() if isinstance(value, bool) else malformed("must be true or false")
        elif key in ("examples", "default"):
            if key == "examples" and not isinstance(value, list):
                malformed("must be a list")
            else:
                keep()
        elif key == "items":
            if isinstance(value, dict) or value is True:
                copy(out, key, self.convert(value, doc, owner, f"{path}[]", at()), node)
            elif isinstance(value, list):
                report.error(
                    UNSUPPORTED_KEYWORD,
                    f'{context}: "items" as a list (a tuple) is not supported: {UNSUPPORTED["prefixItems"]}',
                    at(),
                )
                keep()
            else:
                copy(out, key, self.convert(value, doc, owner, f"{path}[]", at()), node)
        elif key == "$ref":
            copy(out, key, self.definitions.ref(value, doc, context, value_at()), node)
        elif key in ("anyOf", "oneOf"):
            if not isinstance(value, list):
                malformed("must be a list of schemas")
                return
            members = new_seq(loc_of(value))
            for i, member in enumerate(value):
                append(members, self.convert(member, doc, owner, path, value_loc(value, i)), value_loc(value, i))
            copy(out, key, members, node)
        elif key in ("properties", "required", "additionalProperties") or key in _DEFINITIONS:
            pass  # objects are done in _object; definitions are found by document() and _ref()
        elif key in UNSUPPORTED:
            report.error(
                UNSUPPORTED_KEYWORD, f'{context}: JSON Schema keyword "{key}" is not supported: {UNSUPPORTED[key]}', at()
            )
            keep()
        elif key in NOISE:
            pass
        else:
            report.dropped(key, at(), context)

    def _object(
        self,
        out: Map,
        node: Any,
        doc: Document,
        owner: str,
        path: str,
        root: bool,
        ignore_required: frozenset[str] = frozenset(),
    ) -> None:
        """``properties``, ``required`` and ``additionalProperties`` of ``node`` into ``out``."""
        context = describe(owner, path)
        props = node.get("properties")
        required = node.get("required")
        names: list[tuple[str, Location | None]] = []
        if isinstance(required, list):
            for i, name in enumerate(required):
                if (
                    isinstance(name, str)
                    and name in ignore_required
                    and not (isinstance(props, dict) and name in props)
                ):
                    continue
                if isinstance(name, str):
                    names.append((name, value_loc(required, i)))
                else:
                    self.report.warning(
                        MALFORMED,
                        f'{context}: "required" lists {name!r}, not a property name; ignored',
                        value_loc(required, i),
                    )
        elif isinstance(required, bool) and not root:
            put(out, "required", required, key_loc(node, "required"), value_loc(node, "required"))
        elif required is not None:
            self.report.warning(
                MALFORMED, f'{context}: "required" must be a list of property names; ignored', key_loc(node, "required")
            )

        additional = node.get("additionalProperties", None)
        has_additional = "additionalProperties" in node
        if has_additional:
            at, value_at = key_loc(node, "additionalProperties"), value_loc(node, "additionalProperties")
            if isinstance(additional, bool):
                put(out, "additionalProperties", additional, at, value_at)
            elif isinstance(additional, dict) and not [k for k in additional if k not in NOISE and k != "description"]:
                put(out, "additionalProperties", True, at, value_at)  # {} allows any value: same as true
            else:
                self.report.error(
                    UNSUPPORTED_KEYWORD,
                    f'{context}: "additionalProperties" as a schema is not supported: declare the properties, '
                    "or allow any with additionalProperties: true",
                    at,
                )
                put(out, "additionalProperties", additional, at, value_at)

        if props is None and names and not root:
            types = node.get("type")
            types = types if isinstance(types, list) else [types]
            if None not in types and "object" not in types:
                self.report.warning(
                    MALFORMED,
                    f'{context}: "required" applies to objects, not to type {node.get("type")!r}; ignored',
                    key_loc(node, "required"),
                )
                names = []
        declared: dict[str, Any] = props if isinstance(props, dict) else {}
        if props is not None and not isinstance(props, dict):
            self.report.error(
                MALFORMED, f'{context}: "properties" must be a mapping of schemas', key_loc(node, "properties")
            )
        undeclared = [(n, at) for n, at in names if n not in declared]
        if not declared and not undeclared and not root:
            return  # an object with no declared properties is open in JSON Schema and in the plan
        at = key_loc(node, "properties") if props is not None else key_loc(node, "required")
        out_props = new_map(loc_of(props) or at, at)
        wanted = {n: where for n, where in names}
        for name, schema in declared.items():
            prop_path = f"{path}.{name}" if path else name
            converted = self.convert(schema, doc, owner, prop_path, key_loc(declared, name))
            if name in wanted and isinstance(converted, Map):
                put(converted, "required", True, wanted[name])
            copy(out_props, name, converted, declared)
        for name, where in undeclared:
            self.report.warning(
                UNDECLARED_REQUIRED,
                f'{context}: "required" names "{name}", which is not declared; imported as a required '
                "property of any type",
                where,
            )
            stub = new_map(where, where)
            put(stub, "required", True, where)
            put(out_props, name, stub, where)
        if root:
            put(out, "properties", out_props, at)
            return
        put(out, "properties", out_props, at)
        if not has_additional:
            if not declared:
                put(out, "additionalProperties", True, at)  # only required names: still open
            else:
                self.report.closed_object(key_loc(node, "properties"), context)

    # -- the properties of a call --------------------------------------------------------------

    def call_properties(
        self, node: Any, doc: Document, owner: str, ignore_required: frozenset[str] = frozenset()
    ) -> tuple[Map, Any, list[tuple[str, Any, Location | None]]]:
        """The object schema of a call's properties (or traits).

        Returns the properties, ``additionalProperties`` (``True`` unless the schema says
        otherwise: JSON Schema's default is open) and the keywords a call cannot hold,
        reported already, to be kept on the call as written.
        """
        if node is None or node is True:
            return new_map(loc_of(node)), True, []
        if not isinstance(node, dict):
            self.report.error(MALFORMED, f"{owner}: the properties schema must be a mapping", loc_of(node))
            return new_map(loc_of(node)), True, []
        extras: list[tuple[str, Any, Location | None]] = []
        for key, value in node.items():
            at = key_loc(node, key)
            if key in ("properties", "required", "additionalProperties", "description", "title") or key in _DEFINITIONS:
                continue
            if key == "type":
                names = value if isinstance(value, list) else [value]
                if "object" not in names:
                    self.report.warning(
                        MALFORMED, f'{owner}: the properties schema has type {value!r}, expected "object"', at
                    )
            elif key in NOISE:
                continue
            elif key in UNSUPPORTED:
                self.report.error(
                    UNSUPPORTED_KEYWORD,
                    f'{owner}: JSON Schema keyword "{key}" is not supported: {UNSUPPORTED[key]}',
                    at,
                )
                extras.append((key, value, at))
            elif key in ("anyOf", "oneOf", "enum", "const", "$ref", "items", "not"):
                self.report.error(
                    UNSUPPORTED_KEYWORD,
                    f'{owner}: "{key}" on the properties of a call is not supported: list the properties, '
                    "with anyOf / oneOf on each property that varies",
                    at,
                )
                extras.append((key, value, at))
            else:
                self.report.dropped(key, at, owner)
        out = new_map(loc_of(node))
        self._object(out, node, doc, owner, "", root=True, ignore_required=ignore_required)
        props = out.get("properties") or new_map(loc_of(node))
        additional = out.get("additionalProperties", True)
        return props, additional, extras
