"""A change between two plans, and whom it breaks."""

from __future__ import annotations

import enum
import json
from collections.abc import Callable
from dataclasses import dataclass, field

from .. import ir
from ..diagnostics import Location


class Impact(enum.StrEnum):
    CALLERS = "breaking-for-callers"
    CONSUMERS = "breaking-for-consumers"
    SAFE = "safe"

    @property
    def breaking(self) -> bool:
        return self is not Impact.SAFE

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {Impact.CALLERS: "breaking for callers", Impact.CONSUMERS: "breaking for data consumers", Impact.SAFE: "safe"}
_ORDER = {Impact.CALLERS: 0, Impact.CONSUMERS: 1, Impact.SAFE: 2}
_KIND_ORDER = {
    None: 0,
    ir.CallKind.TRACK: 1,
    ir.CallKind.IDENTIFY: 2,
    ir.CallKind.GROUP: 3,
    ir.CallKind.PAGE: 4,
    ir.CallKind.SCREEN: 5,
}


@dataclass(frozen=True, slots=True)
class PlanChange:
    """One change: whom it breaks, a stable code, the call and property it is about."""

    impact: Impact
    code: str
    """Stable name of the kind of change, such as ``property-removed``."""
    message: str
    """What changed, in words (without the call and the property)."""
    kind: ir.CallKind | None
    """The call type (``None``: the plan itself)."""
    name: str
    """The event's, page's or screen's wire name (``identify``/``group`` for traits)."""
    version: int | None = None
    """The event's version in the new plan (in the old one for removals)."""
    path: tuple[str, ...] = ()
    """The property, from the event down (``[]`` stands for array items)."""
    versioned: bool = False
    """The event's version went up: the change comes with a new event version."""
    location: Location | None = field(default=None, compare=False)

    @property
    def subject(self) -> str:
        """'event "Order Completed" v2', 'identify traits', 'page "Pricing"', 'the plan'."""
        return self.subject_as(quote)

    def subject_as(self, show: Callable[[str], str]) -> str:
        """The subject, with the call's name written by ``show``."""
        if self.kind is None:
            return "the plan"
        if self.kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP):
            return f"{self.kind.value} traits"
        what = "event" if self.kind is ir.CallKind.TRACK else self.kind.value
        version = f" v{self.version}" if self.version is not None and self.version > 1 else ""
        return f"{what} {show(self.name)}{version}"

    @property
    def property_path(self) -> str:
        """The property path as text: ``products[].sku`` (empty for the call itself)."""
        text = ""
        for part in self.path:
            text += part if part == "[]" or not text else "." + part
        return text

    @property
    def blocking(self) -> bool:
        """Breaking, and not made in a new event version: what ``--fail-on breaking`` fails on."""
        return self.impact.breaking and not self.versioned

    def sort_key(self) -> tuple[int, int, str, int, tuple[str, ...], str, str]:
        return (
            _ORDER[self.impact],
            _KIND_ORDER[self.kind],
            self.name,
            self.version or 0,
            self.path,
            self.code,
            self.message,
        )


def quote(text: str | None) -> str:
    return "none" if text is None else json.dumps(text, ensure_ascii=False)
