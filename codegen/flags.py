"""The options every command that builds or reads a build's settings takes, spelled
once for typer; what they do is ``trackgen.runs``' job."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer


def path_flag(value: str) -> Path:
    """A path given as a flag (typer's ``parser``): an empty one is refused rather
    than taken for the working directory."""
    if not value:
        raise typer.BadParameter("an empty path: name a file or folder (. for the working directory)")
    return Path(value)


NO_CACHE_HELP = "Do the whole run even when nothing changed since the last (the cache: see the README)."

PlanFlag = Annotated[Optional[Path], typer.Option("--plan", parser=path_flag, help="The tracking plan (YAML or JSON).")]
PythonOutFlag = Annotated[
    Optional[Path], typer.Option("--python-out", parser=path_flag, help="Folder of the generated Python package.")
]
TypeScriptOutFlag = Annotated[
    Optional[Path], typer.Option("--typescript-out", parser=path_flag, help="Folder of the generated TypeScript.")
]
PydanticOutFlag = Annotated[
    Optional[Path],
    typer.Option("--pydantic-out", parser=path_flag, help="Folder of the generated pydantic models of the payloads."),
]
SdkFlag = Annotated[
    Optional[str], typer.Option("--typescript-sdk", help="analytics-next (browser, default) or analytics-node (server).")
]
ConfigFlag = Annotated[
    Optional[Path],
    typer.Option("--config", parser=path_flag, help="trackgen.toml or pyproject.toml (default: found in this folder)."),
]
ModeFlag = Annotated[
    Optional[str], typer.Option("--mode", help="development (default: run-time validation warns) or production (off).")
]
ValidationFlag = Annotated[
    Optional[str], typer.Option("--validation", help="Run-time validation: off, warn or raise (both targets).")
]
NoCacheFlag = Annotated[bool, typer.Option("--no-cache", help=NO_CACHE_HELP)]


