"""Enums of numbers with a fraction (TG419): Python's ``Literal`` cannot hold floats, so
the generated Python types such a property ``float`` and a wrong value is caught only
at run time; TypeScript's literal types hold them."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..finding import Context, Finding


def _fractions(values: Sequence[object] | None) -> list[float]:
    return [v for v in values or () if type(v) is float and not v.is_integer()]


def fractional_enums(ctx: Context) -> Iterator[Finding]:
    message = (
        "{what}: an enum of numbers with a fraction ({values}) is typed float in Python, which cannot "
        "spell them as literal types; a wrong value is caught at run time only (string values, or integers "
        "such as cents, keep the type check)"
    )
    for name, schema in ctx.defs.items():
        found = _fractions(schema.enum)
        if found:
            values = ", ".join(repr(v) for v in found[:3])
            yield Finding("TG419", message.format(what=f'definition "{name}"', values=values), schema.loc, None)
    for prop in ctx.props:
        found = _fractions(prop.schema.enum)
        if found:
            values = ", ".join(repr(v) for v in found[:3])
            what = f'{prop.entity.label}, property "{prop.dotted}"'
            yield Finding("TG419", message.format(what=what, values=values), prop.loc, prop.entity)
