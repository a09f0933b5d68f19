"""The Jinja environment the targets render with.

Templates are logic-free: they loop and fill in. Plan text reaches them raw and is
escaped there, by the target's filters, at the point of output.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2


def builtin_templates() -> Path:
    """The templates shipped inside the ``trackgen`` package."""
    return Path(str(resources.files("trackgen.templates")))


def environment(
    target: str, filters: Mapping[str, Callable[..., Any]], custom: Path | None = None
) -> jinja2.Environment:
    """An environment for one target; a custom folder overrides templates file by file."""
    loaders: list[jinja2.BaseLoader] = []
    if custom is not None:
        loaders.append(jinja2.FileSystemLoader(str(custom)))
    loaders.append(jinja2.FileSystemLoader(str(builtin_templates() / target)))
    env = jinja2.Environment(
        loader=jinja2.ChoiceLoader(loaders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(filters)
    return env
