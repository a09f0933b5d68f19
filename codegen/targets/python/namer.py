"""Every identifier of the Python target comes from here."""

from __future__ import annotations

import builtins
import keyword
from dataclasses import dataclass, field

from ... import ir
from ...naming import CallKey, call_stems, pascal, resolve, screaming, snake, split_words, type_stem
from .static_files import RUNTIME_EXPORTS

#: Keyword parameters every generated call takes; a plan property with one of these
#: names gets a trailing underscore (its wire name is unchanged).
CALL_PARAMETERS = ("user_id", "anonymous_id", "timestamp", "context", "integrations")
GROUP_PARAMETERS = ("group_id",)
#: Open events (additionalProperties: true) take their other properties here.
EXTRA_PARAMETER = "extra_properties"


#: Names the templates define at the top of the package.
RUNTIME_NAMES = frozenset(RUNTIME_EXPORTS) | {"Rule", "RULES", "VALIDATION", "identify", "group", "deprecated", "rules", "definitions"}

#: Module-level names a plan name may never take: they would shadow the language.
MODULE_RESERVED = frozenset(keyword.kwlist) | frozenset(keyword.softkwlist) | frozenset(dir(builtins)) | RUNTIME_NAMES

#: Parameter names: keywords cannot be used, and the call metadata is taken. Builtins
#: are allowed as parameter names (``type=``, ``id=`` are what users expect): the
#: generated function bodies refer to no builtin by name, so shadowing is harmless.
PARAM_RESERVED = (
    frozenset(keyword.kwlist) | frozenset(CALL_PARAMETERS) | frozenset(GROUP_PARAMETERS) | {EXTRA_PARAMETER}
)


def _safe_snake(words: list[str], fallback: str) -> str:
    name = snake(words) or fallback
    return "x_" + name if name[0].isdigit() else name


def _safe_pascal(words: list[str], fallback: str) -> str:
    name = pascal(words) or fallback
    return "X" + name if name[0].isdigit() else name


@dataclass
class PythonNamer:
    """Identifiers for one plan. Deterministic and independent of plan order."""

    plan: ir.Plan
    stems: dict[CallKey, list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.stems = call_stems((c.kind.value, c.name) for c in self.plan.calls)

    def function(self, call: ir.Event) -> str:
        """``track_order_completed``, ``page_pricing``, ``identify``, ``group``."""
        if call.kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP):
            return call.kind.value
        return call.kind.value + "_" + "_".join(self.stems[(call.kind.value, call.name)])

    def stem(self, call: ir.Event) -> list[str]:
        """The words every type name derived from a call starts with."""
        return type_stem(call.kind.value, self.stems[(call.kind.value, call.name)])

    def parameters(self, event: ir.Event) -> dict[str, str]:
        """Parameter identifier of each top-level property, by wire name."""
        wanted = {}
        for prop in event.properties.properties:
            name = _safe_snake(split_words(prop.name), "property")
            if name in PARAM_RESERVED:
                name += "_"
            wanted[prop.name] = name
        return resolve(wanted, taken=PARAM_RESERVED)

    @staticmethod
    def type_name(stem: list[str], words: list[str]) -> str:
        """The name of a type: the words of its call's stem, then of its path."""
        return _safe_pascal([*stem, *words], "Type")

    @staticmethod
    def resolve_types(requests: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], str]:
        adjusted = {k: v + "_" if v in MODULE_RESERVED else v for k, v in requests.items()}
        return resolve(adjusted, taken=MODULE_RESERVED, sep="")

    @staticmethod
    def constant(type_name: str) -> str:
        return screaming(split_words(type_name)) + "_VALUES"
