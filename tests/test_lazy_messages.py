"""Lint messages that quote another place of the plan ("... (at 4:5) ...") write it
out only when read (``trackgen.diagnostics.Message``): a lint of a JSON plan works out
no location, not even while it sorts and removes duplicates, and what it prints is
the same, through a forked build's pipe too."""

from __future__ import annotations

import json
import pickle

import pytest

from trackgen import source_json
from trackgen.api import read_model
from trackgen.diagnostics import Diagnostic, Location, Message, Severity, by_place
from trackgen.lint.engine import lint_plan

PLAN = {
    "name": "Shop",
    "events": [
        {"name": "Order Completed", "properties": {"total": {"type": "number"}, "tier": {"type": "string", "enum": ["a", "b"]}}},
        {"name": "Order Complete", "properties": {"total": {"type": "string"}, "tier": {"type": "string", "enum": ["x", "y"]}}},
        {"name": "order_completed", "properties": {"total": {"type": "number"}}},
        {"name": "Workspace Created", "properties": {}},
        {"name": "Business Workspace Created", "properties": {}},
        {"name": "Cart Viewed", "properties": {"total": {"type": "number"}, "tier": {"type": "string", "enum": ["a", "b"]}}},
    ],
}
TEXT = json.dumps(PLAN, indent=2)

#: Each rule that quotes a place, and the place it quotes.
QUOTED = {
    "TG405": 'event "Business Workspace Created" is "Workspace Created" (at 42:5) with "Business" added',
    "TG407": 'event "order_completed" is "Order Completed" (at 4:5) in another case or punctuation',
    "TG408": 'event "Order Complete" is close to "Order Completed" (at 4:5); if they mean the same',
    "TG409": 'property "total" has type string in event "Order Complete" but number in event "Order Completed" (at 7:9); one',
    "TG410": 'property "tier" allows ["x", "y"] in event "Order Complete" but ["a", "b"] in event "Order Completed" (at 10:9); one',
}


@pytest.fixture
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The tokens whose line and column are worked out from now on."""
    seen: list[int] = []
    real = source_json._Tokens.line_column
    monkeypatch.setattr(source_json._Tokens, "line_column", lambda self, i: seen.append(i) or real(self, i))
    return seen


def test_a_lint_works_out_no_place_until_its_messages_are_read(worked_out: list[int]) -> None:
    model, _ = read_model(TEXT, "plan.json")
    findings = lint_plan(model)
    assert worked_out == []  # found, sorted and made unique without a line or column
    quoting = {d.code: d for d in findings if isinstance(d.text, Message)}
    assert sorted(quoting) == sorted(QUOTED)
    for code, start in QUOTED.items():
        assert quoting[code].message.startswith(start), quoting[code].message
    assert worked_out != []


def test_messages_cross_a_pipe_as_their_parts() -> None:
    """A forked lint's findings reach the build process unworked: its pickled message
    holds its places, which the build's own locator works out."""
    model, _ = read_model(TEXT, "plan.json")
    [found] = [d for d in lint_plan(model) if d.code == "TG409"]
    assert isinstance(found.text, Message)
    assert found.text._text is None
    copy = pickle.loads(pickle.dumps(found))
    assert isinstance(copy.text, Message) and copy.text._text is None
    assert copy == found and copy.message == found.message and copy.render() == found.render()


def test_messages_compare_by_parts_and_order_as_their_text() -> None:
    here, there = Location("p", 4, 5), Location("p", 10, 1)
    a = Message("at ", here, " x")
    assert a == Message("at ", here, " x") and a != Message("at ", there, " x")
    assert a == "at 4:5 x" and str(Message("?", None)) == "??"
    assert sorted([Message("b"), "a", Message("c ", there), Message("at ", here)]) == ["a", "at 4:5", "b", "c 10:1"]
    assert hash(a) == hash(Message("at ", Location("p", 4, 5), " x"))
    # Two findings alike but for the place they quote, at one place: ordered by their text.
    ds = [Diagnostic("TG409", Severity.ERROR, Message("x (at ", there, ")"), here), Diagnostic("TG409", Severity.ERROR, Message("x (at ", here, ")"), here)]
    assert [d.message for d in by_place(ds)] == ["x (at 10:1)", "x (at 4:5)"]


def test_comparing_messages_works_out_no_place(worked_out: list[int]) -> None:
    from trackgen.source import load_text

    data, _ = load_text(TEXT, "plan.json")
    first, second = data["events"].item_loc(0), data["events"].item_loc(1)
    assert Message("at ", first) == Message("at ", first)
    assert Message("at ", first) != Message("at ", second) and Message("at ", first) != Message("by ", first)
    assert worked_out == []
