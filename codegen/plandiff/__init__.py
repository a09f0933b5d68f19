"""What changed between two versions of a plan, and whom each change breaks.

``diff_plans(old, new)`` compares two IRs (the version of each event that a build
generates: the newest, unless pinned) and classifies every change:

- **breaking for callers**: code that makes the calls must change (an event or
  property removed or renamed, optional → required, a required property added, a
  type narrowed, an enum value removed, nullable → not nullable, a closed object);
- **breaking for data consumers**: what arrives downstream changes shape (a type
  changed or widened, an enum value added to a closed set, a property renamed,
  required → optional, not nullable → nullable, an open object);
- **safe**: nothing that works stops working (an event, an optional property or a
  new version added, a description changed, an event deprecated).

A breaking change to an event whose version went up is made "in a new version"
(``versioned``): ``--fail-on breaking`` accepts it. Renderers give text, Markdown
(for a pull-request comment) and JSON. ``read_plan_at`` reads a plan file as it was
at a git revision.
"""

from .change import Impact, PlanChange
from .compare import diff_plans
from .git import read_plan_at
from .render import MARKDOWN_MARKER, blocking, render_json, render_markdown, render_text, summary, to_json

__all__ = [
    "MARKDOWN_MARKER",
    "Impact",
    "PlanChange",
    "blocking",
    "diff_plans",
    "read_plan_at",
    "render_json",
    "render_markdown",
    "render_text",
    "summary",
    "to_json",
]
