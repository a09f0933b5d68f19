"""The calls a plan describes, with the function each target generates for them.

Names come from the targets' own namers, so they are the names ``trackgen build``
writes, collisions and reserved words included.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import ir
from ..diagnostics import Location
from ..targets.python.namer import PythonNamer
from ..targets.typescript.namer import TypeScriptNamer


@dataclass(frozen=True, slots=True)
class PlannedCall:
    kind: ir.CallKind
    name: str
    """The wire name (the kind itself for identify and group)."""
    python: str
    typescript: str
    location: Location | None

    @property
    def label(self) -> str:
        if self.kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP):
            return self.kind.value
        return f'{self.kind.value} "{self.name}"'

    def function(self, language: str) -> str:
        return self.python if language == "python" else self.typescript


def planned_calls(plan: ir.Plan) -> tuple[PlannedCall, ...]:
    """Every call of the plan (track, identify, group, page, screen), in plan order."""
    py, ts = PythonNamer(plan), TypeScriptNamer(plan)
    return tuple(
        PlannedCall(call.kind, call.name, py.function(call), ts.function(call), call.location) for call in plan.calls
    )
