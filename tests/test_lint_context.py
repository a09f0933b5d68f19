"""What several lint rules read is worked out once per lint (``Context.once``): the
names grouped by scope (TG407, TG408) and properties by path (TG409, TG410)."""

from __future__ import annotations

import importlib

import pytest

from trackgen.api import read_model
from trackgen.lint.config import LintConfig
from trackgen.lint.engine import lint_plan
from trackgen.lint.finding import Context, context

from test_lazy_messages import TEXT


def test_once_works_out_once_per_context() -> None:
    model, _ = read_model(TEXT, "plan.json")
    calls: list[Context] = []

    def work(ctx: Context) -> list[str]:
        calls.append(ctx)
        return [ctx.plan.name]

    first = context(model, LintConfig())
    assert first.once(work) is first.once(work)
    second = context(model, LintConfig())
    assert second.once(work) == ["Shop"] and calls == [first, second]


@pytest.mark.parametrize(("module", "grouping", "codes"), [("duplicates", "_scopes", {"TG407", "TG408"}), ("meaning", "_shared", {"TG409", "TG410"})])
def test_rules_share_their_groupings(module: str, grouping: str, codes: set[str], monkeypatch: pytest.MonkeyPatch) -> None:
    rules = importlib.import_module(f"trackgen.lint.rules.{module}")
    real = getattr(rules, grouping)
    calls: list[object] = []
    monkeypatch.setattr(rules, grouping, lambda ctx: calls.append(ctx) or real(ctx))
    model, _ = read_model(TEXT, "plan.json")
    found = {d.code for d in lint_plan(model)}
    assert codes <= found  # both rules ran, and found what they find
    assert len(calls) == 1
