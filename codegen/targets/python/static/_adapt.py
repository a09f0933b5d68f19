"""What every adapter shares: the person's id, the IP address, a page's properties,
and the adapters' logger (named for the public module, ``<package>.adapters``)."""

from __future__ import annotations

import logging as _logging
import typing as _t

log = _logging.getLogger(__name__.rpartition(".")[0] + ".adapters")


def person_id(user_id: str | None, anonymous_id: str | None) -> str | None:
    """The id the SDK knows the person by: the user id, else the anonymous id."""
    return user_id or anonymous_id or None


def ip_address(context: dict[str, _t.Any] | None) -> str | None:
    """The user's IP address, ``context["ip"]``: the only part of context sent."""
    ip = context.get("ip") if context is not None else None
    return ip if isinstance(ip, str) else None


def page_properties(
    name: str | None, category: str | None, properties: dict[str, _t.Any]
) -> dict[str, _t.Any]:
    """A page's or screen's properties, with its name and category unless the plan's
    properties already use those keys."""
    merged: dict[str, _t.Any] = {}
    if name is not None:
        merged["name"] = name
    if category is not None:
        merged["category"] = category
    merged.update(properties)
    return merged
