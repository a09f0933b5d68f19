"""The values and types the generated signatures use: JSON values, the OMIT
sentinel, the closed empty object, deprecation, and what a violation of the plan is."""

from __future__ import annotations

import dataclasses as _dataclasses
import enum as _enum
import functools as _functools
import typing as _t
import warnings as _warnings

JsonValue: _t.TypeAlias = (
    "str | int | float | bool | None | _t.Sequence[JsonValue] | _t.Mapping[str, JsonValue]"
)
"""Any JSON value."""

EmptyObject = _t.TypedDict("EmptyObject", {})
"""An object the plan closes with no properties: only ``{}`` type-checks."""

if _t.TYPE_CHECKING:
    from typing_extensions import deprecated as deprecated
else:
    try:
        from warnings import deprecated
    except ImportError:  # Python < 3.13: warn on call, as warnings.deprecated does

        def deprecated(message):
            def decorate(function):
                @_functools.wraps(function)
                def wrapper(*args, **kwargs):
                    _warnings.warn(message, DeprecationWarning, stacklevel=2)
                    return function(*args, **kwargs)

                return wrapper

            return decorate


class Omit(_enum.Enum):
    """The type of ``OMIT``: leave an optional property out of the payload."""

    OMIT = "OMIT"

    def __bool__(self) -> _t.Literal[False]:
        return False

    def __repr__(self) -> str:
        return "OMIT"


OMIT: _t.Final = Omit.OMIT
"""Leave an optional property out of the payload (``None`` sends null if allowed)."""


@_dataclasses.dataclass(frozen=True)
class Violation:
    """A value that breaks the plan: the call, where in the payload, what is wrong."""

    call: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.call}: {self.path or 'payload'}: {self.message}"


class ValidationError(ValueError):
    """Raised by a call whose values break the plan, when VALIDATION is "raise"."""

    def __init__(self, violations: list[Violation]) -> None:
        super().__init__("; ".join(str(v) for v in violations))
        self.violations = violations


ViolationHandler: _t.TypeAlias = _t.Callable[[Violation], object]
