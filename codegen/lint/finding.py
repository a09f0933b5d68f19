"""What a rule reports before configuration applies: a finding, maybe with a fix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, TypeVar, cast

from ..diagnostics import Location, Message
from ..plan.model import Plan, Schema
from .config import LintConfig
from .walk import Entity, Prop, TypeMemo, all_props, entities

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Rename:
    """A mechanical fix: write ``new`` where ``old`` is. ``at`` is the event's mapping
    (``kind="event"``: its ``name`` value is rewritten) or the key itself (``kind="key"``)."""

    kind: Literal["event", "key"]
    at: Location
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    message: str | Message
    location: Location | None
    entity: Entity | None
    """The event, view or traits the finding is about: its ``lint.ignore`` applies."""
    related: tuple[Location, ...] = field(default=())
    fixes: tuple[Rename, ...] = field(default=())


@dataclass(frozen=True)
class Context:
    """The plan and what every rule needs from it, computed once and passed explicitly."""

    plan: Plan
    config: LintConfig
    entities: list[Entity]
    props: list[Prop]
    types: TypeMemo
    """``json_types`` of a schema, each schema (and each definition) worked out once."""
    _memo: dict[Callable[[Context], object], object] = field(default_factory=dict, compare=False, repr=False)

    def once(self, work: Callable[[Context], T]) -> T:
        """``work(self)``, worked out once per lint: how the plan's names group, which
        several rules read."""
        memo = self._memo
        if work not in memo:
            memo[work] = work(self)
        return cast(T, memo[work])

    @property
    def defs(self) -> dict[str, Schema]:
        return self.plan.defs


def context(plan: Plan, config: LintConfig) -> Context:
    return Context(plan, config, entities(plan), list(all_props(plan)), TypeMemo(plan.defs))
