"""Documentation (TG414, TG415) and size hints (TG416, TG417): the plan says why each
event exists, what each property holds, and who owns what."""

from __future__ import annotations

from collections.abc import Iterator

from ...plan.model import Event, View
from ..finding import Context, Finding
from ..walk import first_of_each_name, resolve


def _blank(text: str | None) -> bool:
    return text is None or not text.strip()


def event_descriptions(ctx: Context) -> Iterator[Finding]:
    for entity in ctx.entities:
        node = entity.node
        if isinstance(node, (Event, View)) and _blank(node.description):
            message = f"{entity.label} has no description: say why it exists and when it is sent"
            yield Finding("TG414", message, entity.loc, entity)


def property_descriptions(ctx: Context) -> Iterator[Finding]:
    for prop in ctx.props:
        if prop.name == "[]" or not _blank(prop.schema.description):
            continue
        if prop.schema.ref is not None and not _blank(resolve(prop.schema, ctx.defs).description):
            continue  # described by its definition
        what = "trait" if prop.entity.kind in ("identify", "group") else "property"
        where = f" of {prop.entity.label}" if prop.entity.kind != "defs" else " in $defs"
        yield Finding("TG415", f'{what} "{prop.dotted}"{where} has no description: say what it holds', prop.loc, prop.entity)


def event_sizes(ctx: Context) -> Iterator[Finding]:
    limit = ctx.config.max_properties
    for entity in ctx.entities:
        count = len(entity.properties)
        if entity.kind in ("event", "page", "screen") and count > limit:
            message = (
                f"{entity.label} has {count} properties (more than {limit}): it may be several events, "
                "or carry data that belongs in identify traits"
            )
            yield Finding("TG416", message, entity.loc, entity)


def event_owners(ctx: Context) -> Iterator[Finding]:
    owned = [e for e in ctx.entities if isinstance(e.node, (Event, View)) and e.node.owner]
    if not owned:
        return  # the plan does not record owners
    owners = sorted({e.node.owner for e in owned if isinstance(e.node, (Event, View)) and e.node.owner})
    known = ", ".join(owners[:5]) + (", ..." if len(owners) > 5 else "")
    for entity in first_of_each_name([e for e in ctx.entities if e.kind in ("event", "page", "screen")]):
        node = entity.node
        if isinstance(node, (Event, View)) and not node.owner:
            yield Finding("TG417", f"{entity.label} has no owner; other events name theirs ({known})", entity.loc, entity)
