"""The plan's own lint exceptions (TG418): ``lint: {ignore: [codes], reason: ...}`` on an
event, view or traits block names known rules and says why."""

from __future__ import annotations

from collections.abc import Iterator

from ..catalog import find_rule
from ..finding import Context, Finding


def exceptions(ctx: Context) -> Iterator[Finding]:
    for entity in ctx.entities:
        lint = entity.node.lint if entity.node is not None else None
        if lint is None:
            continue
        for key in lint.ignore:
            if find_rule(key) is None:
                message = f'{entity.label}: lint.ignore names an unknown rule "{key}" (use a code such as TG403 or a rule name)'
                yield Finding("TG418", message, lint.loc or entity.loc, None)
        if lint.ignore and (lint.reason is None or not lint.reason.strip()):
            message = f"{entity.label}: lint.ignore has no reason; say why the exception is accepted (lint.reason)"
            yield Finding("TG418", message, lint.loc or entity.loc, None)
