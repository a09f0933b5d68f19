"""trackgen: typed analytics calls generated from a tracking plan."""

from __future__ import annotations

from .api import GeneratedFile, GenerateOptions, generate, load_plan
from .diagnostics import Diagnostic, Location, PlanError, Severity
from .version import __version__

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
