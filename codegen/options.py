"""What ``generate`` takes and gives: the options of each target and the files in
memory. A leaf module: the targets and the façade (``trackgen.api``) both import it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    """A file in memory: which target's output folder it belongs to, its path there
    (POSIX, relative), and its text."""

    target: str
    path: str
    content: str


Validation = Literal["off", "warn", "raise"]
Adapter = Literal["posthog", "mixpanel", "amplitude"]
Sdk = Literal["analytics-next", "analytics-node"]
#: Development builds validate at run time (warn) by default; production builds don't.
Mode = Literal["development", "production"]


@dataclass(frozen=True, slots=True)
class PythonOptions:
    """Options of the Python target."""

    validation: Validation = "warn"
    """Run-time checks of what types cannot see: off, warn (report, still send) or raise."""
    adapters: tuple[Adapter, ...] = ()
    """Clients for SDKs without Segment's signatures, generated on request."""
    templates: Path | None = None
    """A folder whose files override the built-in templates of this target by name."""


@dataclass(frozen=True, slots=True)
class TypeScriptOptions:
    """Options of the TypeScript target."""

    sdk: Sdk = "analytics-next"
    """``analytics-next`` (browser) or ``analytics-node`` (server)."""
    validation: Validation = "warn"
    """Run-time checks of what types cannot see: off, warn (report, still send) or raise."""
    templates: Path | None = None
    """A folder whose files override the built-in templates of this target by name."""


@dataclass(frozen=True, slots=True)
class PydanticOptions:
    """Options of the pydantic target (models of the payloads, for consumers); none yet."""


@dataclass(frozen=True, slots=True)
class GenerateOptions:
    python: PythonOptions | None = None
    typescript: TypeScriptOptions | None = None
    pydantic: PydanticOptions | None = None
