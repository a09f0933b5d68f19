"""Every version of every call, lowered.

The IR of a build holds one version of each event (the newest, or the pinned one);
the data dictionary shows them all. The plan is lowered once per "round": round
``r`` holds the ``r``-th entry of each name, so no round has two versions of one
name, and one or two rounds cover a real plan. The plan was already read and checked
(``trackgen.api.read_plan``): the rounds' diagnostics add nothing and are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import ir
from ..lower import lower
from ..plan import model as m

CallKey = tuple[ir.CallKind, str, int]
"""A call's type, wire name and version."""


def _rounds(entries: Sequence[m.Event] | Sequence[m.View]) -> list[list[m.Event | m.View]]:
    rounds: list[list[m.Event | m.View]] = []
    seen: dict[str, int] = {}
    for entry in entries:
        r = seen.get(entry.name, 0)
        seen[entry.name] = r + 1
        if r == len(rounds):
            rounds.append([])
        rounds[r].append(entry)
    return rounds


def every_version(plan: m.Plan, source: str) -> dict[CallKey, ir.Event]:
    """Each call of the plan, every version, by key; in the plan's order."""
    events, pages, screens = _rounds(plan.events), _rounds(plan.pages), _rounds(plan.screens)
    found: dict[CallKey, ir.Event] = {}
    for r in range(max(len(events), len(pages), len(screens), 1)):
        part = plan.replace(
            events=events[r] if r < len(events) else [],
            pages=pages[r] if r < len(pages) else [],
            screens=screens[r] if r < len(screens) else [],
            identify=plan.identify if r == 0 else None,
            group=plan.group if r == 0 else None,
        )
        lowered, _ = lower(part, source)
        for call in lowered.calls:
            found[(call.kind, call.name, call.version)] = call
    order = {key: i for i, key in enumerate(_keys(plan))}
    return dict(sorted(found.items(), key=lambda item: order.get(item[0], len(order))))


def _keys(plan: m.Plan) -> list[CallKey]:
    keys: list[CallKey] = [(ir.CallKind.TRACK, e.name, e.version) for e in plan.events]
    if plan.identify is not None:
        keys.append((ir.CallKind.IDENTIFY, "identify", 1))
    if plan.group is not None:
        keys.append((ir.CallKind.GROUP, "group", 1))
    keys += [(ir.CallKind.PAGE, v.name, v.version) for v in plan.pages]
    keys += [(ir.CallKind.SCREEN, v.name, v.version) for v in plan.screens]
    return keys


def entries(plan: m.Plan) -> dict[CallKey, m.Event | m.View | m.Traits]:
    """The plan's entry (as written: owner, metadata) of each call, by key."""
    out: dict[CallKey, m.Event | m.View | m.Traits] = {}
    for e in plan.events:
        out.setdefault((ir.CallKind.TRACK, e.name, e.version), e)
    if plan.identify is not None:
        out[(ir.CallKind.IDENTIFY, "identify", 1)] = plan.identify
    if plan.group is not None:
        out[(ir.CallKind.GROUP, "group", 1)] = plan.group
    for kind, views in ((ir.CallKind.PAGE, plan.pages), (ir.CallKind.SCREEN, plan.screens)):
        for v in views:
            out.setdefault((kind, v.name, v.version), v)
    return out
