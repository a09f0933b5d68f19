"""No module or template is longer than a newcomer can read in one sitting: every
file of trackgen's source (codegen/, its runtime modules and scripts included) and
every template is at most 400 lines."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO

LIMIT = 400
SOURCES = ("*.py", "*.ts", "*.mjs", "*.jinja", "*.js", "*.css")


def test_no_module_or_template_is_over_400_lines() -> None:
    files = sorted({p for root in ("codegen", "templates") for pattern in SOURCES for p in (REPO / root).rglob(pattern)})
    assert len(files) > 100
    long = {str(p.relative_to(REPO)): n for p in files if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT}
    assert not long, long
