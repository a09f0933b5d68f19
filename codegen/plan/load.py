"""Read a native plan file into the located plan model, collecting every problem."""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

from ..diagnostics import Diagnostic, Location, PlanError, Severity, has_errors
from ..readfile import read_input
from ..source import Map, Seq, load_text
from . import fast
from .model import Plan

if TYPE_CHECKING:
    from pydantic import ValidationError


def read_text(path: Path, display: str) -> tuple[str | None, list[Diagnostic]]:
    try:
        data = read_input(path)
    except FileNotFoundError as exc:  # a usage error: the path names no plan
        return None, [Diagnostic("TG000", Severity.ERROR, f"cannot read plan: {exc.strerror}", Location(display, 1, 1))]
    except OSError as exc:  # the plan is there and cannot be read: an error in the plan
        return None, [Diagnostic("TG001", Severity.ERROR, f"cannot read plan: {exc.strerror}", Location(display, 1, 1))]
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [Diagnostic("TG001", Severity.ERROR, "the plan is not valid UTF-8", Location(display, line, 1))]


Convert = Callable[[Any, str], tuple[Any, list[Diagnostic]]]


def parse_plan(text: str, file: str, convert: Convert | None = None) -> tuple[Plan | None, list[Diagnostic]]:
    """Parse plan text (YAML or JSON) into the plan model.

    ``convert`` turns other tools' exports into native data (native data passes
    through); it is a parameter because the importers build on this module.
    """
    data, diagnostics = load_text(text, file)
    if diagnostics:
        return None, diagnostics
    if data is None:
        what = "empty" if not text.strip() else "empty: it holds only comments or null"
        return None, [Diagnostic("TG100", Severity.ERROR, f"the plan file is {what}", Location(file, 1, 1))]
    if convert is not None:
        data, diagnostics = convert(data, file)
        if data is None or has_errors(diagnostics):
            return None, diagnostics
    if not isinstance(data, Map):
        where = getattr(data, "loc", None) or Location(file, 1, 1)
        return None, diagnostics + [
            Diagnostic("TG100", Severity.ERROR, "a plan is a mapping with a name and events", where)
        ]
    model, problems = validate(data, file)
    return model, diagnostics + problems


def validate(data: Any, file: str) -> tuple[Plan | None, list[Diagnostic]]:
    """The plan model of native data, or the errors that keep it from being one."""
    model = fast.build(data)
    if model is not None:
        return model, []
    # Not plainly valid: the pydantic models decide, and name the problems.
    from pydantic import ValidationError

    from . import spec

    try:
        checked = spec.Plan.model_validate(data)
    except ValidationError as exc:
        return None, _diagnostics_from(exc, data, file)
    return spec.plain(checked), []


def plan_model(data: Any, file: str = "plan") -> Plan:
    """``validate``, raising ``PlanError`` with the errors (for tests and scripts)."""
    model, problems = validate(data, file)
    if model is None:
        raise PlanError(problems)
    return model


def _walk(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any, Any, list[Any]]:
    """Follow a pydantic error path through the raw data.

    Returns (parent, last key, node, the path elements that really indexed the data);
    pydantic inserts union member names into paths, which are skipped.
    """
    parent: Any = None
    key: Any = None
    node = data
    real: list[Any] = []
    for part in path:
        if isinstance(node, Map) and isinstance(part, str) and part in node:
            parent, key, node = node, part, node[part]
            real.append(part)
        elif isinstance(node, Seq) and isinstance(part, int) and 0 <= part < len(node):
            parent, key, node = node, part, node[part]
            real.append(part)
    return parent, key, node, real


def describe(data: Any, path: list[Any]) -> str:
    """Name what a path points at: 'event "X", property "a.b"'."""
    parts: list[str] = []
    node = data
    props: list[str] = []
    i = 0
    while i < len(path):
        part = path[i]
        nxt = node[part] if isinstance(node, (Map, Seq)) else None
        if i == 0 and part in ("events", "pages", "screens") and i + 1 < len(path) and isinstance(nxt, Seq):
            entry = nxt[path[i + 1]]
            what = {"events": "event", "pages": "page", "screens": "screen"}[part]
            name = entry.get("name") if isinstance(entry, Map) else None
            parts.append(f'{what} "{name}"' if isinstance(name, str) else f"{what} #{path[i + 1] + 1}")
            node = entry
            i += 2
            continue
        if i == 0 and part in ("identify", "group"):
            parts.append(f"{part} traits")
        if i == 0 and part == "$defs" and i + 1 < len(path):
            parts.append(f'definition "{path[i + 1]}"')
            node = nxt[path[i + 1]] if isinstance(nxt, Map) else None
            i += 2
            continue
        if part in ("properties", "traits") and i + 1 < len(path) and isinstance(nxt, Map):
            props.append(str(path[i + 1]))
            node = nxt[path[i + 1]]
            i += 2
            continue
        if part == "items":
            props.append("[]")
        node = nxt
        i += 1
    if props:
        parts.append('property "' + ".".join(props).replace(".[]", "[]") + '"')
    return ", ".join(parts)


_MESSAGES = {
    "missing": "is required",
    "extra_forbidden": "is not a known key",
}


def _diagnostics_from(exc: ValidationError, data: Map, file: str) -> list[Diagnostic]:
    from .spec import LOC_KEY, VALUES_KEY

    out: list[Diagnostic] = []
    seen: set[tuple[Any, ...]] = set()
    for err in exc.errors(include_url=False):
        loc = tuple(p for p in err["loc"] if p not in (LOC_KEY, VALUES_KEY))
        parent, key, node, real = _walk(data, loc)
        kind = err["type"]
        field = loc[-1] if loc else None
        if kind == "missing":
            where = node.loc if isinstance(node, (Map, Seq)) else Location(file, 1, 1)
            message = f'"{field}" is required'
            ident = (tuple(real), field)
            context_path = real
        elif kind == "extra_forbidden":
            where = parent.key_locs[key] if isinstance(parent, Map) else Location(file, 1, 1)
            if key in UNSUPPORTED_KEYWORDS:
                message = f'JSON Schema keyword "{key}" is not supported: {UNSUPPORTED_KEYWORDS[key]}'
            else:
                message = f'unknown key "{key}"'
                close = difflib.get_close_matches(str(key), _allowed_keys(), n=1)
                if close:
                    message += f' (did you mean "{close[0]}"?)'
            ident = tuple(real)
            context_path = real[:-1]
        else:
            if isinstance(parent, Map):
                where = parent.value_locs[key]
            elif isinstance(parent, Seq):
                where = parent.item_locs[key]
            else:
                where = Location(file, 1, 1)
            message = f'"{key}": {err["msg"][0].lower()}{err["msg"][1:]}' if key is not None else err["msg"]
            if kind.endswith("_type") and kind not in ("model_type", "dict_type", "list_type"):
                message += _given(err.get("input"))
            if kind == "literal_error" and isinstance(err.get("input"), str):
                choices = [c.strip(" '") for c in str(err.get("ctx", {}).get("expected", "")).replace(" or ", ",").split(",")]
                close = difflib.get_close_matches(err["input"], [c for c in choices if c], n=1)
                if close:
                    message += f' (did you mean "{close[0]}"?)'
            ident = tuple(real)
            context_path = real[:-1]
        if ident in seen:
            continue
        seen.add(ident)
        context = describe(data, context_path)
        out.append(
            Diagnostic("TG101", Severity.ERROR, f"{context}: {message}" if context else message, where)
        )
    return out


#: JSON Schema keywords trackgen does not turn into types, and what to do instead.
UNSUPPORTED_KEYWORDS = {
    "allOf": "merge the schemas into one, or use $ref to a shared definition",
    "not": "list the allowed values with enum, or describe the rule in the description",
    "if": "conditional schemas cannot be typed; use anyOf of the alternatives",
    "then": "conditional schemas cannot be typed; use anyOf of the alternatives",
    "else": "conditional schemas cannot be typed; use anyOf of the alternatives",
    "patternProperties": "declare the properties, or allow any with additionalProperties: true",
    "propertyNames": "declare the properties, or allow any with additionalProperties: true",
    "dependentRequired": "make the properties required, or describe the rule in the description",
    "dependentSchemas": "describe the rule in the description",
    "prefixItems": "use an array of one item type, or an object",
    "contains": "use items",
    "$id": "refer to shared definitions with $ref: \"#/$defs/NAME\"",
}


def _given(value: Any) -> str:
    """What a value of the wrong type was, for a message: ', not the string "yes"'."""
    if isinstance(value, bool):
        return f", not {str(value).lower()}"
    if isinstance(value, str):
        return f", not the string {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, (int, float)):
        return f", not the number {value!r}"
    if value is None:
        return ", not null"
    return ""


def _allowed_keys() -> list[str]:
    from .spec import Event, Lint, Plan, Schema, Traits, View

    names: set[str] = set()
    for model in (Plan, Event, Schema, Traits, Lint, View):
        for key, info in model.model_fields.items():
            if key not in ("loc", "value_locs"):
                names.add(info.alias or key)
    return sorted(names)
