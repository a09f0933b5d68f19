"""Every identifier and file name of the TypeScript target comes from here."""

from __future__ import annotations

from dataclasses import dataclass, field

from ... import ir
from ...naming import CallKey, call_stems, pascal, resolve, screaming, split_words, type_stem

#: Keywords, type keywords, and globals that generated code refers to or that a
#: type name must not shadow.
RESERVED = frozenset(
    """break case catch class const continue debugger default delete do else enum export extends
    false finally for function if import in instanceof new null return super switch this throw
    true try typeof var void while with as implements interface let package private protected
    public static yield any boolean constructor declare get module require number set string
    symbol type from of unknown never object bigint undefined keyof readonly unique infer is
    asserts abstract async await satisfies accessor out override global namespace
    Object String Number Boolean Symbol BigInt Array ReadonlyArray Date Error Function Promise
    Record Partial Required Readonly Pick Omit Exclude Extract NonNullable Map Set WeakMap WeakSet
    JSON Math RegExp Uint8Array Iterable Iterator Awaited ReturnType Parameters InstanceType
    PropertyKey Lowercase Uppercase Capitalize Uncapitalize ThisType NoInfer globalThis console
    JsonValue RecordingAnalytics withAnalytics TrackOptions CallOptions IdentifyOptions Identity VALIDATION ValidationError Violation
    ViolationHandler Rule RULES AnalyticsLike RecordedCall RecordingClient configure send ExtraProperties TrackedEvents
    identify group alias page screen""".split()
)


def _safe_pascal(words: list[str], fallback: str) -> str:
    name = pascal(words) or fallback
    return "X" + name if name[0].isdigit() else name


@dataclass
class TypeScriptNamer:
    plan: ir.Plan
    stems: dict[CallKey, list[str]] = field(default_factory=dict)
    functions: dict[CallKey, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # The same stems as the Python target, so collisions number alike in both.
        self.stems = call_stems((c.kind.value, c.name) for c in self.plan.calls)
        # Distinct snake stems can meet in camelCase ("level_2" and "level2"): resolve again.
        wanted = {
            (c.kind.value, c.name): c.kind.value + pascal(self.stems[(c.kind.value, c.name)])
            for c in self.plan.calls
            if c.kind not in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP)
        }
        self.functions = resolve(wanted, taken=RESERVED, sep="")

    def stem(self, call: ir.Event) -> list[str]:
        return type_stem(call.kind.value, self.stems[(call.kind.value, call.name)])

    def function(self, call: ir.Event) -> str:
        """``trackOrderCompleted``, ``pagePricing``, ``identify``, ``group``."""
        if call.kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP):
            return call.kind.value
        return self.functions[(call.kind.value, call.name)]

    def file(self, call: ir.Event) -> str:
        """A file name unique even on case-insensitive disks, never a reserved device name."""
        if call.kind in (ir.CallKind.IDENTIFY, ir.CallKind.GROUP):
            return call.kind.value
        return "-".join([call.kind.value, *self.stems[(call.kind.value, call.name)]]).lower()

    @staticmethod
    def type_name(stem: list[str], words: list[str]) -> str:
        """The name of a type: the words of its call's stem, then of its path."""
        return _safe_pascal([*stem, *words], "Type")

    @staticmethod
    def resolve_types(requests: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], str]:
        adjusted = {k: v + "_" if v in RESERVED else v for k, v in requests.items()}
        return resolve(adjusted, taken=RESERVED, sep="")

    @staticmethod
    def constant(type_name: str) -> str:
        return screaming(split_words(type_name)) + "_VALUES"
