"""The located loader: YAML 1.2 scalars, duplicate keys, anchors, and a JSON fast
path that must locate every node exactly as the YAML path does."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, REPO
from trackgen.diagnostics import Location
from trackgen.source import Map, Seq, load_text
from trackgen.source_yaml import _load_yaml


def _same(a: Any, b: Any, path: tuple[object, ...] = ()) -> None:
    assert type(a) is type(b), path
    if isinstance(a, Map):
        assert list(a) == list(b), path
        # One at a time first (a deferred spot, nothing listed), then listed.
        assert [(a.key_loc(k), a.value_loc(k)) for k in a] == [(b.key_loc(k), b.value_loc(k)) for k in b], path
        assert (a.loc, a.name_loc, a.key_locs, a.value_locs) == (b.loc, b.name_loc, b.key_locs, b.value_locs), path
        for key in a:
            _same(a[key], b[key], (*path, key))
    elif isinstance(a, Seq):
        assert [a.item_loc(i) for i in range(len(a))] == [b.item_loc(i) for i in range(len(b))], path
        assert (a.loc, a.item_locs) == (b.loc, b.item_locs), path
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _same(x, y, (*path, i))
    else:
        assert a == b and type(a) is type(b), path


@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.json")), ids=lambda p: p.name)
def test_json_fast_path_locates_like_yaml(path: Path) -> None:
    text = path.read_text()
    fast, diagnostics = load_text(text, path.name)
    slow, slow_diagnostics = _load_yaml(text, path.name)
    assert diagnostics == slow_diagnostics == []
    _same(fast, slow)


#: Characters both readers take alike: YAML refuses control characters and escaped
#: surrogate pairs, and counts U+2028 and U+2029 as line breaks (the JSON path, like
#: editors, counts "\n").
_CHARS = st.characters(
    max_codepoint=0xFFFF, exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="\ufeff\ufffe\uffff"
)
_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(_CHARS, max_size=6)
)
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(_CHARS, max_size=4), inner, max_size=4),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(
    value=st.lists(_JSON, max_size=3) | st.dictionaries(st.text(_CHARS, max_size=3), _JSON, max_size=4),
    indent=st.sampled_from([None, 0, 1, 2, "\t"]),
    ascii_only=st.booleans(),
)
def test_json_fast_path_locates_random_documents_like_yaml(value: Any, indent: int | str | None, ascii_only: bool) -> None:
    """Whatever the nesting (empty containers, lists in lists, mappings in lists) and
    layout, the fast path's walk stays in step with the tokens."""
    text = json.dumps(value, indent=indent, ensure_ascii=ascii_only)
    fast, diagnostics = load_text(text, "r.json")
    slow, slow_diagnostics = _load_yaml(text, "r.json")
    assert diagnostics == slow_diagnostics == []
    _same(fast, slow)


def test_indented_json_with_unicode_and_escapes() -> None:
    text = '{\n  "a\\"b": {"x": [1, 2.5, true, null, "\\u00e9\\n"]},\n\t"ü": {}\n}\n'
    fast, _ = load_text(text, "f.json")
    slow, _ = _load_yaml(text, "f.json")
    _same(fast, slow)
    assert fast["a\"b"].key_locs["x"] == Location("f.json", 2, 12)


def test_yaml_core_schema_keeps_words_as_strings() -> None:
    data, diagnostics = load_text("values: [yes, no, on, off, y, n, ~, null, true, 0x1f, 1.5, '1']\n", "f.yaml")
    assert diagnostics == []
    assert data["values"] == ["yes", "no", "on", "off", "y", "n", None, None, True, 31, 1.5, "1"]


@pytest.mark.parametrize(
    ("text", "message", "where"),
    [
        ("a: 1\nb: 2\na: 3\n", 'duplicate key "a" (first defined at 1:1)', (3, 1)),
        ('{"a": 1,\n "a": 2}', 'duplicate key "a" (first defined at 1:2)', (2, 2)),
        ("a: [1,\n", "syntax error", (2, 1)),
        ("a: &x [*x]\n", "recursive alias *x", (1, 8)),
        ("a: !!python/object:os.system x\n", "unsupported YAML tag", (1, 4)),
    ],
)
def test_problems_are_located(text: str, message: str, where: tuple[int, int]) -> None:
    _, diagnostics = load_text(text, "plan.yaml")
    assert len(diagnostics) == 1
    assert message in diagnostics[0].message
    assert diagnostics[0].location is not None
    assert (diagnostics[0].location.line, diagnostics[0].location.column) == where


def test_anchors_and_merge_keys() -> None:
    text = "base: &base {type: string, description: shared}\nprop:\n  <<: *base\n  description: own\n"
    data, diagnostics = load_text(text, "f.yaml")
    assert diagnostics == []
    assert data["prop"] == {"description": "own", "type": "string"}


def test_example_plans_load_without_diagnostics() -> None:
    for path in sorted((REPO / "examples").glob("*/plan.yaml")):
        data, diagnostics = load_text(path.read_text(), path.name)
        assert diagnostics == [] and isinstance(data, Map)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"yes"', '"required": input should be a valid boolean, not the string "yes"'),
        ("1", '"required": input should be a valid boolean, not the number 1'),
    ],
)
def test_plan_values_are_not_coerced(value: str, message: str) -> None:
    """A quoted "yes" is a string, not a boolean: the plan is rejected, not guessed at."""
    from trackgen.api import read_plan_text
    from trackgen.diagnostics import PlanError

    text = f"name: Shop\nevents:\n  - name: Order Completed\n    properties:\n      id: {{type: string, required: {value}}}\n"
    with pytest.raises(PlanError) as failure:
        read_plan_text(text, "plan.yaml")
    [diagnostic] = failure.value.diagnostics
    assert diagnostic.message == f'event "Order Completed", property "id": {message}'
    assert (diagnostic.location.line, diagnostic.location.column) == (5, 36)  # the value


@pytest.mark.parametrize(
    ("schema", "column"),
    [("{type: string, enum: [a, 7, b]}", 36), ("{type: string, const: 7}", 33)],
)
def test_a_value_of_the_wrong_type_is_pointed_at(schema: str, column: int) -> None:
    from trackgen.api import read_plan_text
    from trackgen.diagnostics import PlanError

    text = f"name: Shop\nevents:\n  - name: Order Completed\n    properties:\n      id: {schema}\n"
    with pytest.raises(PlanError) as failure:
        read_plan_text(text, "plan.yaml")
    [diagnostic] = failure.value.diagnostics
    assert diagnostic.code == "TG105"
    assert (diagnostic.location.line, diagnostic.location.column) == (5, column)


def test_aliases_are_counted_expanded_and_stopped_at_the_limit() -> None:
    from trackgen.source_yaml import MAX_ALIAS_NODES

    # Reuse that real plans make: one definition aliased thousands of times.
    shared = "s: &s {type: string, description: a shared property, enum: [a, b, c]}\n"
    text = shared + "l: [" + ", ".join(["*s"] * 5000) + "]\n"
    data, diagnostics = load_text(text, "p.yaml")
    assert diagnostics == [] and len(data["l"]) == 5000

    # A billion laughs: nine levels of nine aliases, a few hundred bytes.
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    data, diagnostics = load_text("\n".join(lines) + "\n", "p.yaml")
    assert data is None
    assert [(d.code, d.location.line) for d in diagnostics] == [("TG002", 7)]
    assert f"more than {MAX_ALIAS_NODES:,} nodes" in diagnostics[0].message


@pytest.mark.parametrize("text", ["n: .inf\n", "n: -.Inf\n", "n: .NaN\n", "n: 1e400\n", '{"n": 1e400}', '{"n": -1e999}'])
def test_numbers_json_cannot_hold_are_located_errors(text: str) -> None:
    data, diagnostics = load_text(text, "p.yaml")
    assert [(d.code, d.location.line, d.location.column) for d in diagnostics] == [("TG002", 1, 4 if text[0] == "n" else 7)]


@pytest.mark.parametrize("text", ['"\\0invalid": 1\n', '"\\0loc": 1\n', '{"\\u0000loc": 1}'])
def test_keys_starting_with_nul_are_located_errors(text: str) -> None:
    data, diagnostics = load_text(text, "p.yaml")
    assert [(d.code, d.message) for d in diagnostics] == [("TG002", "a key cannot start with a NUL character")]
    # A NUL inside a key is a wire name like any other (JSON escapes it).
    data, diagnostics = load_text('"a\\0b": 1\n', "p.yaml")
    assert diagnostics == [] and data == {"a\0b": 1}


def _spots(fast: Any, slow: Any) -> list[tuple[Location, Location]]:
    """Every key's, value's and item's location, one at a time (nothing listed), paired
    with the YAML path's."""
    pairs: list[tuple[Location, Location]] = []
    if isinstance(fast, Map):
        for key in fast:
            pairs += [(fast.key_loc(key), slow.key_loc(key)), (fast.value_loc(key), slow.value_loc(key))]
            pairs += _spots(fast[key], slow[key])
    elif isinstance(fast, Seq):
        for i in range(len(fast)):
            pairs.append((fast.item_loc(i), slow.item_loc(i)))
            pairs += _spots(fast[i], slow[i])
    return pairs  # type: ignore[return-value]


def test_deferred_locations_sort_and_compare_without_being_worked_out(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sorting a lint's findings must not work out their locations (only the printed
    ones are), and the order must be the places' order."""
    from trackgen import source_json
    from trackgen.diagnostics import Diagnostic, Severity, by_place

    text = json.dumps({"b": [1, {"c": 2, "x": [[3], "y"]}], "a": {"d": "x", "e": [True]}}, indent=2)
    fast, _ = load_text(text, "o.json")
    slow, _ = _load_yaml(text, "o.json")
    pairs = _spots(fast, slow)
    worked_out: list[int] = []
    line_column = source_json._Tokens.line_column
    monkeypatch.setattr(
        source_json._Tokens, "line_column", lambda self, i: worked_out.append(i) or line_column(self, i)
    )
    findings = [Diagnostic("TG400", Severity.WARNING, "m", f) for f, _ in reversed(pairs)]
    ordered = by_place(findings)
    assert sorted(f for f, _ in pairs) == [d.location for d in ordered]
    assert worked_out == []
    assert [str(d.location) for d in ordered] == [str(s) for s in sorted(s for _, s in pairs)]
    assert worked_out  # printing worked them out
    assert [f for f, _ in pairs] == [s for _, s in pairs]  # deferred and known compare alike


def test_deferred_locations_in_any_order_are_the_yaml_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lines and tokens are found as far as a location asks, a chunk at a time: asked
    from the end, from the start or at random, past several chunks, every place is the
    one the YAML path gives."""
    import random

    from trackgen import source_json

    monkeypatch.setattr(source_json, "_CHUNK", 7)  # many chunks of tokens and of lines
    data = {f"k{i}": [i, {"v": "x" * (i % 5), "w": [True, None]}] for i in range(40)}
    for indent in (2, 0):  # 0: each token at the start of its line
        text = json.dumps(data, indent=indent)
        assert text.count("\n") > 10 * 7
        count = len(_spots(load_text(text, "o.json")[0], _load_yaml(text, "o.json")[0]))
        for order in (range(count - 1, -1, -1), range(count), random.Random(7).sample(range(count), count)):
            pairs = _spots(load_text(text, "o.json")[0], _load_yaml(text, "o.json")[0])  # nothing found yet
            asked = [(pairs[i][0].line, pairs[i][0].column) for i in order]
            assert asked == [(pairs[i][1].line, pairs[i][1].column) for i in order]
