"""The data dictionary's files: the catalog through the templates in
``templates/docs``. HTML is autoescaped (every plan value becomes text); Markdown
goes through the filters of ``trackgen.datadict.markdown``.

The page is self-contained: its CSS and its one small script are inlined, and a
Content-Security-Policy allows nothing else (no network, no other script, no inline
event handlers), so even a value that escaped escaping could not run.
"""

from __future__ import annotations

import base64
import hashlib

import jinja2
import markupsafe

from ..options import GeneratedFile
from ..template_folders import builtin_templates
from ..version import __version__
from . import markdown
from .catalog import Catalog

TARGET = "docs"
HTML, MARKDOWN = "index.html", "tracking-plan.md"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(builtin_templates() / "docs")),
        undefined=jinja2.StrictUndefined,
        autoescape=lambda name: name is not None and name.endswith(".html.jinja"),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(md=markdown.text, mdcode=markdown.code)
    return env


def _hash(text: str) -> str:
    return "sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def render(catalog: Catalog) -> list[GeneratedFile]:
    env = _environment()
    # The page's own CSS and script: static files, inlined as they are (not templates).
    style, _, _ = env.loader.get_source(env, "page.css")  # type: ignore[union-attr]
    script, _, _ = env.loader.get_source(env, "filter.js")  # type: ignore[union-attr]
    context = {"c": catalog, "version": __version__}
    page = env.get_template("index.html.jinja").render(
        **context,
        style=markupsafe.Markup(style),
        script=markupsafe.Markup(script),
        style_hash=_hash(style),
        script_hash=_hash(script),
    )
    text = env.get_template("tracking-plan.md.jinja").render(**context)
    return [GeneratedFile(TARGET, HTML, page), GeneratedFile(TARGET, MARKDOWN, text)]
