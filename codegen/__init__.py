"""trackgen: typed analytics calls generated from a tracking plan.

The names below are imported when first used (PEP 562), so that ``trackgen build``
can answer from its cache without loading the plan model, the templates or pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .version import __version__

if TYPE_CHECKING:
    from .api import GeneratedFile, GenerateOptions, generate, load_plan
    from .diagnostics import Diagnostic, Location, PlanError, Severity

__all__ = [
    "Diagnostic",
    "GenerateOptions",
    "GeneratedFile",
    "Location",
    "PlanError",
    "Severity",
    "__version__",
    "generate",
    "load_plan",
]

_HOMES = {
    "GeneratedFile": "api",
    "GenerateOptions": "api",
    "generate": "api",
    "load_plan": "api",
    "Diagnostic": "diagnostics",
    "Location": "diagnostics",
    "PlanError": "diagnostics",
    "Severity": "diagnostics",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'trackgen' has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
