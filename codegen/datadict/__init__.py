"""``trackgen docs``: a data dictionary of the plan for analysts and product
managers, as one self-contained HTML page and a Markdown file.

``document(model, plan)`` is pure: the plan as written (owner, labels, every version)
and as built (which version is current), optionally the changes since a git revision
(``trackgen.plandiff``), in; ``index.html`` and ``tracking-plan.md`` in memory out.
``trackgen.docs_command`` reads, writes and reports.
"""

from __future__ import annotations

from collections.abc import Sequence

from .. import ir
from ..options import GeneratedFile
from ..plan import model as m
from ..plandiff import PlanChange
from .catalog import Catalog, catalog
from .render import HTML, MARKDOWN, TARGET, render

__all__ = ["HTML", "MARKDOWN", "TARGET", "Catalog", "catalog", "document"]


def document(
    model: m.Plan, plan: ir.Plan, changes: Sequence[PlanChange] | None = None, since: str = ""
) -> list[GeneratedFile]:
    """The data dictionary's files. ``changes`` (from ``diff_plans``, with the git
    revision ``since`` they are counted from) adds a changelog."""
    return render(catalog(model, plan, changes, since))
