"""Build settings: ``[tool.trackgen]`` in pyproject.toml or a trackgen.toml, then flags.

Paths in a config file are relative to the file's folder; paths given as flags are
relative to the working directory.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, get_args

from .diagnostics import Diagnostic, Location, PlanError, Severity
from .options import Adapter, Mode, Sdk, Validation
from .readfile import read_input

if TYPE_CHECKING:
    from .lint.config import LintConfig

__all__ = ["Adapter", "BuildConfig", "Mode", "Sdk", "Validation", "find_config", "read_config"]


def _default_lint() -> LintConfig:
    from .lint.config import LintConfig  # the lint package imports this module

    return LintConfig()


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
    pydantic_out: Path | None = None
    templates: Path | None = None
    """A folder of template overrides (see trackgen.render)."""
    docs_out: Path | None = None
    origins: dict[str, Location] = field(default_factory=dict)
    """Where the config file sets each output folder (``"python.out"``: its file, line
    and column), for messages about a folder that came from it."""
    lint: LintConfig = field(default_factory=_default_lint)
    """What ``trackgen lint`` and a build's lint check (the config's lint table)."""

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
            tool = tomllib.loads(candidate.read_text("utf-8-sig")).get("tool")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError):
            return candidate  # let read_config report it
        if isinstance(tool, dict) and "trackgen" in tool:
            return candidate
    return None


def read_config(path: Path, display: str | None = None) -> BuildConfig:
    """Read a trackgen.toml or pyproject.toml; raises ``PlanError`` with every problem,
    located (``display`` names the file in them; default: ``path``)."""
    display = display if display is not None else path.as_posix()
    try:
        text = read_input(path).decode("utf-8-sig")
        data = tomllib.loads(text)
    except OSError as exc:
        raise PlanError([Diagnostic("TG300", Severity.ERROR, f"cannot read config: {exc.strerror}", Location(display, 1, 1))]) from None
    except UnicodeDecodeError:
        raise PlanError([Diagnostic("TG300", Severity.ERROR, "the config is not valid UTF-8", Location(display, 1, 1))]) from None
    except tomllib.TOMLDecodeError as exc:
        message, line, column = _toml_error(str(exc), text)
        raise PlanError([Diagnostic("TG300", Severity.ERROR, f"invalid TOML: {message}", Location(display, line, column))]) from None
    prefix: tuple[str, ...] = ("tool", "trackgen") if path.name == "pyproject.toml" else ()
    table: Any = data
    for part in prefix:
        table = table.get(part, {}) if isinstance(table, dict) else table
    if not isinstance(table, dict):
        line, column = _locate(text, prefix)
        raise PlanError([Diagnostic("TG301", Severity.ERROR, f'"{".".join(prefix)}" must be a table', Location(display, line, column))])
    diagnostics: list[Diagnostic] = []
    lint = _lint_config(table.get("lint", {}), ".".join((*prefix, "lint")), text, display, diagnostics)
    section = _section(table, prefix, text, display, diagnostics)
    base = path.parent
    origins = {
        key: Location(display, *_locate(text, (*prefix, *key.split(".")), value=True))
        for key, value in (("python.out", section["python"]["out"]), ("pydantic.out", section["pydantic"]["out"]))
        if value is not None
    }

    def rel(value: str | None) -> Path | None:
        return base / value if value is not None else None

    return BuildConfig(
        plan=rel(section["plan"]),
        python_out=rel(section["python"]["out"]),
        typescript_out=rel(section["typescript"]["out"]),
        typescript_sdk=section["typescript"]["sdk"],
        source=path,
        versions=dict(section["versions"]),
        mode=section["mode"],
        python_validation=section["python"]["validation"],
        typescript_validation=section["typescript"]["validation"],
        python_adapters=tuple(section["python"]["adapters"]),
        pydantic_out=rel(section["pydantic"]["out"]),
        templates=rel(section["templates"]),
        docs_out=rel(section["docs"]["out"]),
        lint=lint,
        origins=origins,
    )


def _section(table: dict[str, Any], prefix: tuple[str, ...], text: str, display: str, problems: list[Diagnostic]) -> dict[str, Any]:
    """The settings of the table, every one filled in (its defaults too), as the
    pydantic model (``trackgen.config_spec``) reads them; raises ``PlanError`` with
    ``problems`` and the table's own."""
    plain = _plainly_valid(table)
    if plain is not None and not problems:
        return plain
    # Not plainly valid: the pydantic model decides (it also takes "2" for 2), and names
    # the problems.
    from pydantic import ValidationError

    from .config_spec import Section

    try:
        section: dict[str, Any] = Section.model_validate(table).model_dump()
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            key = ".".join(str(p) for p in (*prefix, *err["loc"]))
            keys = prefix + tuple(p for p in err["loc"] if isinstance(p, str))
            if err["type"] == "extra_forbidden":
                message = f'unknown setting "{key}"'
                line, column = _locate(text, keys)
            else:
                message = f'"{key}": {err["msg"][:1].lower()}{err["msg"][1:]}'
                line, column = _locate(text, keys, value=True)
            problems.append(Diagnostic("TG301", Severity.ERROR, message, Location(display, line, column)))
        raise PlanError(problems) from None
    if problems:
        raise PlanError(problems)
    return section


#: Each table's settings: the values a plainly valid one takes (a type, or the
#: strings it may be), and its default.
_TABLES: dict[str, dict[str, tuple[Any, Any]]] = {
    "": {"plan": ("path", None), "mode": (get_args(Mode), "development"), "templates": ("path", None),
         "versions": ("versions", {}), "lint": ("table", {})},
    "python": {"out": ("path", None), "validation": (get_args(Validation), None), "adapters": ("adapters", [])},
    "typescript": {"out": ("path", None), "sdk": (get_args(Sdk), "analytics-next"), "validation": (get_args(Validation), None)},
    "pydantic": {"out": ("path", None)},
    "docs": {"out": ("path", None)},
}


def _plainly_valid(table: dict[str, Any]) -> dict[str, Any] | None:
    """The settings as ``_section`` gives them, when the pydantic model would take the
    table as it is; else ``None``."""
    out = _filled(table, _TABLES[""], set(_TABLES) - {""})
    if out is None:
        return None
    for name in set(_TABLES) - {""}:
        sub = table.get(name, {})
        filled = _filled(sub, _TABLES[name], set()) if type(sub) is dict else None
        if filled is None:
            return None
        out[name] = filled
    return out


def _filled(table: dict[str, Any], settings: dict[str, tuple[Any, Any]], tables: set[str]) -> dict[str, Any] | None:
    out = {key: (default.copy() if isinstance(default, (dict, list)) else default) for key, (_, default) in settings.items()}
    for key, value in table.items():
        if key in tables:
            continue
        if key not in settings or not _plain(settings[key][0], value):
            return None
        out[key] = value
    return out


def _plain(kind: Any, value: Any) -> bool:
    if isinstance(kind, tuple):
        return type(value) is str and value in kind
    if kind == "path":
        return type(value) is str and value != "" and "\0" not in value
    if kind == "versions":
        return type(value) is dict and all(type(v) is int for v in value.values())
    if kind == "adapters":
        return type(value) is list and all(type(v) is str and v in get_args(Adapter) for v in value)
    return type(value) is dict  # the lint table: trackgen.lint.config checks it


def _lint_config(table: object, prefix: str, text: str, display: str, problems: list[Diagnostic]) -> LintConfig:
    """The lint table checked by ``trackgen.lint.config`` (its problems added to
    ``problems``); one that is not a table is the section's problem to report."""
    from .lint.config import LintConfig, lint_config  # the lint package imports this module

    if not isinstance(table, dict):
        return LintConfig()
    try:
        return lint_config(table, prefix, text, display)
    except PlanError as exc:
        problems += exc.diagnostics
        return LintConfig()


def _toml_error(message: str, text: str) -> tuple[str, int, int]:
    """tomllib's message without its "(at line L, column C)", and that line and column."""
    match = re.fullmatch(r"(.*) \(at line (\d+), column (\d+)\)", message)
    if match:
        return match[1], int(match[2]), int(match[3])
    if message.endswith(" (at end of document)"):
        lines = text.splitlines() or [""]
        return message.removesuffix(" (at end of document)"), len(lines), len(lines[-1]) + 1
    return message, 1, 1


_NAME = r"(?:[A-Za-z0-9_-]+|\"[^\"\n]*\"|'[^'\n]*')"
_TABLE = re.compile(rf"\s*\[\[?\s*({_NAME}(?:\s*\.\s*{_NAME})*)\s*\]")
_KEY = re.compile(rf"\s*({_NAME}(?:\s*\.\s*{_NAME})*)\s*=\s*")


def _keys(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip("\"'") for part in re.findall(_NAME, dotted))


def _locate(text: str, keys: tuple[str, ...], value: bool = False) -> tuple[int, int]:
    """Line and column of the setting ``keys`` (of its value, with ``value``); when it
    is not written as such, of the nearest table or key above it; else 1, 1."""
    best, where = 0, (1, 1)
    table: tuple[str, ...] = ()
    for number, line in enumerate(text.splitlines(), 1):
        if match := _TABLE.match(line):
            table = here = _keys(match[1])
            column = line.index("[")
        elif match := _KEY.match(line):
            here = table + _keys(match[1])
            column = match.end() if value and here == keys else match.start(1)
        else:
            continue
        if best < len(here) <= len(keys) and keys[: len(here)] == here:
            best, where = len(here), (number, column + 1)
    return where
