"""trackgen: typed analytics calls generated from a tracking plan."""

from __future__ import annotations

__version__ = "0.1.0"

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
