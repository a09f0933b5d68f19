"""Build settings: ``[tool.trackgen]`` in pyproject.toml or a trackgen.toml, then flags.

Paths in a config file are relative to the file's folder; paths given as flags are
relative to the working directory.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from .diagnostics import Diagnostic, Location, PlanError, Severity

Sdk = Literal["analytics-next", "analytics-node"]


Mode = Literal["development", "production"]
Validation = Literal["off", "warn", "raise"]
Adapter = Literal["posthog", "mixpanel", "amplitude"]


class _PythonSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    out: str | None = None
    validation: Validation | None = None
    adapters: list[Adapter] = []


class _TypeScriptSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    out: str | None = None
    sdk: Sdk = "analytics-next"
    validation: Validation | None = None


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")
    plan: str | None = None
    mode: Mode = "development"
    """Development builds validate at run time (warn) by default; production builds don't."""
    python: _PythonSection = _PythonSection()
    typescript: _TypeScriptSection = _TypeScriptSection()
    versions: dict[str, int] = {}
    """The version to generate for some events (default: each event's newest)."""
    lint: dict[str, Any] = {}
    """Lint settings; read and checked by trackgen.lint.config."""


@dataclass(frozen=True)
class BuildConfig:
    plan: Path | None
    python_out: Path | None
    typescript_out: Path | None
    typescript_sdk: Sdk
    source: Path | None
    """The config file the settings came from, if any."""
    versions: dict[str, int] = field(default_factory=dict)
    mode: Mode = "development"
    python_validation: Validation | None = None
    typescript_validation: Validation | None = None
    python_adapters: tuple[Adapter, ...] = ()

    def validation(self, target: str) -> Validation:
        """The target's run-time validation: as set, else by mode."""
        chosen = self.python_validation if target == "python" else self.typescript_validation
        if chosen is not None:
            return chosen
        return "warn" if self.mode == "development" else "off"


def find_config(start: Path) -> Path | None:
    """trackgen.toml, else a pyproject.toml with a [tool.trackgen] table, in ``start``."""
    candidate = start / "trackgen.toml"
    if candidate.is_file():
        return candidate
    candidate = start / "pyproject.toml"
    if candidate.is_file():
        try:
            if "trackgen" in tomllib.loads(candidate.read_text("utf-8")).get("tool", {}):
                return candidate
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            return candidate  # let read_config report it
    return None


def read_config(path: Path) -> BuildConfig:
    display = path.as_posix()
    try:
        text = path.read_text("utf-8")
        data = tomllib.loads(text)
    except OSError as exc:
        raise PlanError([Diagnostic("TG300", Severity.ERROR, f"cannot read config: {exc.strerror}", Location(display, 1, 1))]) from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PlanError([Diagnostic("TG300", Severity.ERROR, f"invalid TOML: {exc}", Location(display, 1, 1))]) from None
    table: Any = data.get("tool", {}).get("trackgen", {}) if path.name == "pyproject.toml" else data
    try:
        section = _Section.model_validate(table)
    except ValidationError as exc:
        diagnostics = []
        for err in exc.errors(include_url=False):
            key = ".".join(str(p) for p in err["loc"])
            last = str(err["loc"][-1]) if err["loc"] else ""
            message = f'unknown setting "{key}"' if err["type"] == "extra_forbidden" else f'"{key}": {err["msg"]}'
            diagnostics.append(Diagnostic("TG301", Severity.ERROR, message, Location(display, _line_of(text, last), 1)))
        raise PlanError(diagnostics) from None
    base = path.parent

    def rel(value: str | None) -> Path | None:
        return base / value if value is not None else None

    return BuildConfig(
        plan=rel(section.plan),
        python_out=rel(section.python.out),
        typescript_out=rel(section.typescript.out),
        typescript_sdk=section.typescript.sdk,
        source=path,
        versions=dict(section.versions),
        mode=section.mode,
        python_validation=section.python.validation,
        typescript_validation=section.typescript.validation,
        python_adapters=tuple(section.python.adapters),
    )


def _line_of(text: str, key: str) -> int:
    match = re.search(rf"^\s*\"?{re.escape(key)}\"?\s*=", text, re.MULTILINE) if key else None
    return text.count("\n", 0, match.start()) + 1 if match else 1
