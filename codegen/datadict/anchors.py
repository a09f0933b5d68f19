"""Anchors of the data dictionary: an HTML id (and Markdown link target) per call,
per version and per definition, safe by construction and collision-free.

An anchor is ``[a-z0-9-]`` only: a prefix (``event-``, ``page-``, ``screen-``,
``def-``), the name's slug (lower case, each run of other characters one ``-``),
and ``--v2`` for a version (a slug never holds ``--``, so no name can produce
another's version anchor). Names whose slugs meet ("Order Completed" and
"order_completed") are told apart by a hash of the name, given to every one but the
first in sort order: the result does not depend on the order of the plan, and the
same name always gets the same anchor.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(name: str) -> str:
    """Lower-case ASCII letters and digits of ``name``, runs of anything else one ``-``;
    a name with none (emoji, CJK) gets a hash so that it still has a readable-length id."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = _NOT_SLUG.sub("-", ascii_text.lower()).strip("-")
    return text[:60].strip("-") or "x-" + _digest(name, 8)


def _digest(name: str, size: int) -> str:
    return hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:size]


def assign(prefix: str, names: Iterable[str], taken: set[str]) -> dict[str, str]:
    """An anchor for each distinct name, none of them in ``taken`` (which gains them)."""
    out: dict[str, str] = {}
    for name in sorted(set(names)):
        base = f"{prefix}{slug(name)}"
        anchor, size = base, 8
        while anchor in taken:
            anchor = f"{base}-{_digest(name, size)}"
            size += 4
        taken.add(anchor)
        out[name] = anchor
    return out


def version_anchor(call_anchor: str, version: int) -> str:
    return f"{call_anchor}--v{version}"
