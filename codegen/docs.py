"""Language-neutral documentation of a property: its description, then what the types
cannot say (format, constraints, examples). Targets escape the result on output."""

from __future__ import annotations

import json

from . import ir


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


def constraint_notes(t: ir.Type) -> list[str]:
    notes: list[str] = []
    if isinstance(t, ir.UnionType):
        for member in t.members:
            notes += constraint_notes(member)
        return notes
    if isinstance(t, ir.StringType) and t.format:
        notes.append(f"Format: {t.format}.")
    c = getattr(t, "constraints", None)
    if not isinstance(c, ir.Constraints) or c.is_empty():
        return notes
    if c.pattern is not None:
        notes.append(f"Pattern: {c.pattern}")
    bounds = [
        ("at least", c.minimum),
        ("more than", c.exclusive_minimum),
        ("at most", c.maximum),
        ("less than", c.exclusive_maximum),
        ("a multiple of", c.multiple_of),
    ]
    said = [f"{words} {_number(v)}" for words, v in bounds if v is not None]
    if said:
        notes.append("Value " + ", ".join(said) + ".")
    if c.min_length is not None or c.max_length is not None:
        notes.append(_range("characters", c.min_length, c.max_length))
    if c.min_items is not None or c.max_items is not None:
        notes.append(_range("items", c.min_items, c.max_items))
    if c.unique_items:
        notes.append("Items are unique.")
    return notes


def _range(unit: str, low: int | None, high: int | None) -> str:
    if low is not None and high is not None:
        return f"{low} to {high} {unit}."
    count = low if low is not None else high
    noun = unit[:-1] if count == 1 else unit
    return f"At least {low} {noun}." if low is not None else f"At most {high} {noun}."


def property_doc(prop: ir.Property) -> str:
    """Description, constraints and examples, as one paragraph of plain text."""
    parts = [" ".join((prop.description or "").split())]
    parts += constraint_notes(prop.type)
    if prop.examples:
        parts.append("Example: " + ", ".join(json.dumps(e, ensure_ascii=False) for e in prop.examples[:3]) + ".")
    if prop.deprecated:
        parts.append("Deprecated.")
    return " ".join(p for p in parts if p)
