"""The validation rules the generator writes as JSON text: linked once to the shared
definitions they refer to, and checked against a payload (never raising: what is
wrong is appended to ``out`` as (path, message) pairs)."""

from __future__ import annotations

import datetime as _dt
import json as _jsonlib
import re as _re
import typing as _t

Rule: _t.TypeAlias = "dict[str, _t.Any]"


def definitions(text: str) -> dict[str, Rule]:
    """The plan's shared definitions' validation rules, by name, from the JSON text the
    generator wrote in the definitions module: each one is linked where another refers
    to it, so every definition is held once, however many calls reach it."""
    tables = _t.cast("dict[str, Rule]", _jsonlib.loads(text))
    linked: dict[str, Rule] = {}

    def resolve(name: str) -> Rule:
        if name not in linked:  # definitions do not refer to each other in a cycle
            linked[name] = _link(tables[name], resolve)
        return linked[name]

    for name in tables:
        resolve(name)
    return linked


def rules(text: str, defs: dict[str, Rule] | None = None) -> Rule:
    """A call's validation rules, from the JSON text the generator wrote, linked to the
    shared definitions' rules (``defs``) they refer to."""
    known = defs or {}
    return _link(_t.cast(Rule, _jsonlib.loads(text)), known.__getitem__)


def _link(rule: Rule, resolve: _t.Callable[[str], Rule]) -> Rule:
    kind = rule["t"]
    if kind == "r":
        return resolve(rule["ref"])
    if kind == "a":
        rule["items"] = _link(rule["items"], resolve)
    elif kind == "o":
        for prop in rule["props"]:
            prop[2] = _link(prop[2], resolve)
    elif kind == "u":
        rule["of"] = [_link(member, resolve) for member in rule["of"]]
    return rule


def _at(path: str, key: str) -> str:
    if key.isidentifier():
        return f"{path}.{key}" if path else key
    return f"{path}[{_jsonlib.dumps(key)}]"


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, (list, tuple)):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _same(a: object, b: object) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


def check(rule: Rule, value: object, path: str, out: list[tuple[str, str]]) -> None:
    """Append to ``out`` what in ``value``, at ``path``, breaks ``rule``."""
    kind = rule["t"]
    if kind == "*":
        return
    if kind == "u":
        for member in rule["of"]:
            trial: list[tuple[str, str]] = []
            check(member, value, path, trial)
            if not trial:
                return
        out.append((path, f"{_kind(value)} matches none of the allowed types"))
    elif kind == "z":
        if value is not None:
            out.append((path, f"expected null, got {_kind(value)}"))
    elif kind == "b":
        if not isinstance(value, bool):
            out.append((path, f"expected a boolean, got {_kind(value)}"))
    elif kind == "e":
        allowed: list[object] = rule["values"]
        if not any(_same(value, v) for v in allowed):
            shown = ", ".join(_jsonlib.dumps(v) for v in allowed)
            out.append(
                (path, f"{_jsonlib.dumps(value, default=str)} is not one of {shown}")
            )
    elif kind == "s":
        _check_string(rule, value, path, out)
    elif kind in ("i", "n"):
        _check_number(rule, value, path, out)
    elif kind == "a":
        _check_array(rule, value, path, out)
    elif kind == "o":
        _check_object(rule, value, path, out)


def _check_string(
    rule: Rule, value: object, path: str, out: list[tuple[str, str]]
) -> None:
    if not isinstance(value, str):
        out.append((path, f"expected a string, got {_kind(value)}"))
        return
    pattern = rule.get("pattern")
    if pattern is not None and _re.search(pattern, value) is None:
        out.append(
            (path, f"{_jsonlib.dumps(value)} does not match the pattern {pattern}")
        )
    if "minLength" in rule and len(value) < rule["minLength"]:
        out.append((path, f"shorter than {rule['minLength']} characters"))
    if "maxLength" in rule and len(value) > rule["maxLength"]:
        out.append((path, f"longer than {rule['maxLength']} characters"))
    if rule.get("format") in ("date-time", "date"):
        try:
            parse = _dt.datetime if rule["format"] == "date-time" else _dt.date
            parse.fromisoformat(value)
        except ValueError:
            out.append(
                (path, f"{_jsonlib.dumps(value)} is not an ISO 8601 {rule['format']}")
            )


def _check_number(
    rule: Rule, value: object, path: str, out: list[tuple[str, str]]
) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        out.append((path, f"expected a number, got {_kind(value)}"))
        return
    if rule["t"] == "i" and not (isinstance(value, int) or value.is_integer()):
        out.append((path, f"expected an integer, got {value}"))
    if "minimum" in rule and value < rule["minimum"]:
        out.append((path, f"{value} is less than the minimum {rule['minimum']}"))
    if "maximum" in rule and value > rule["maximum"]:
        out.append((path, f"{value} is more than the maximum {rule['maximum']}"))
    if "exclusiveMinimum" in rule and value <= rule["exclusiveMinimum"]:
        out.append((path, f"{value} is not more than {rule['exclusiveMinimum']}"))
    if "exclusiveMaximum" in rule and value >= rule["exclusiveMaximum"]:
        out.append((path, f"{value} is not less than {rule['exclusiveMaximum']}"))
    step = rule.get("multipleOf")
    if step and (value / step) % 1:
        out.append((path, f"{value} is not a multiple of {step}"))


def _check_array(
    rule: Rule, value: object, path: str, out: list[tuple[str, str]]
) -> None:
    if not isinstance(value, (list, tuple)):
        out.append((path, f"expected an array, got {_kind(value)}"))
        return
    items = _t.cast("_t.Sequence[object]", value)
    if "minItems" in rule and len(items) < rule["minItems"]:
        out.append((path, f"fewer than {rule['minItems']} items"))
    if "maxItems" in rule and len(items) > rule["maxItems"]:
        out.append((path, f"more than {rule['maxItems']} items"))
    if rule.get("uniqueItems"):
        seen = [_jsonlib.dumps(item, sort_keys=True, default=str) for item in items]
        if len(set(seen)) != len(seen):
            out.append((path, "items are not unique"))
    for index, item in enumerate(items):
        check(rule["items"], item, f"{path}[{index}]", out)


def _check_object(
    rule: Rule, value: object, path: str, out: list[tuple[str, str]]
) -> None:
    if not isinstance(value, dict):
        out.append((path, f"expected an object, got {_kind(value)}"))
        return
    fields = _t.cast("dict[str, object]", value)
    known: set[str] = set()
    for key, required, sub in rule["props"]:
        known.add(key)
        if key in fields:
            check(sub, fields[key], _at(path, key), out)
        elif required:
            out.append((_at(path, key), "is required"))
    if not rule.get("open"):
        for key in fields:
            if key not in known:
                out.append((_at(path, key), "is not in the plan"))
