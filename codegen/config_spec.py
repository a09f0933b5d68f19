"""The settings of a config file as pydantic models: what ``trackgen.config`` asks
when a table is not plainly valid, for its messages (or its reading of values such
as ``"2"`` for a version). A build with plainly valid settings never imports it."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict
from pydantic_core import PydanticCustomError

from .options import Adapter, Mode, Sdk, Validation


def _path_text(value: str) -> str:
    if not value:
        raise PydanticCustomError("path", "an empty path: name a file or folder")
    if "\0" in value:
        raise PydanticCustomError("path", "a path cannot hold a NUL byte")
    return value


PathText = Annotated[str, AfterValidator(_path_text)]


class _PythonSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    out: PathText | None = None
    validation: Validation | None = None
    adapters: list[Adapter] = []


class _TypeScriptSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    out: PathText | None = None
    sdk: Sdk = "analytics-next"
    validation: Validation | None = None


class _PydanticSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    out: PathText | None = None


class _DocsSection(BaseModel):
    model_config = ConfigDict(extra="forbid")
    out: PathText | None = None


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")
    plan: PathText | None = None
    mode: Mode = "development"
    """Development builds validate at run time (warn) by default; production builds don't."""
    python: _PythonSection = _PythonSection()
    typescript: _TypeScriptSection = _TypeScriptSection()
    pydantic: _PydanticSection = _PydanticSection()
    """Pydantic models of the payloads, for consumers (``trackgen[pydantic]``)."""
    docs: _DocsSection = _DocsSection()
    """Where ``trackgen docs`` writes the data dictionary."""
    versions: dict[str, int] = {}
    """The version to generate for some events (default: each event's newest)."""
    templates: PathText | None = None
    """A folder overriding built-in templates file by file (``python/calls.py.jinja``)."""
    lint: dict[str, Any] = {}
    """Lint settings; read and checked by trackgen.lint.config."""


