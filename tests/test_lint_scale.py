"""The lint at scale (issue 15): the rules that were quadratic now find their answers
another way, and each new way gives exactly what the definition gives, checked here on
small inputs against the definition itself (all pairs compared, every list built).
No test here measures time: bench/bench.py does (its wide case is one event of 50,000
properties).
"""

from __future__ import annotations

import itertools
import json
import random
import re
from typing import Any

import pytest

from trackgen.lint import LintConfig, lint_plan
from trackgen.lint.rules import dynamic
from trackgen.lint.rules.meaning import _conflicts
from trackgen.lint.values import BRACKETS, VALUE_PATTERNS, _brackets, _spans, static_name, values_in
from trackgen.lint.walk import Prop, TypeMemo, json_types
from trackgen.lint.words import PREPOSITIONS, close_pairs, close_words
from trackgen.plan.load import parse_plan
from trackgen.plan.load import plan_model
from trackgen.plan.model import Schema


def _lint(plan: dict[str, Any], **config: Any) -> list[str]:
    model, problems = parse_plan(json.dumps(plan), "plan.json")
    assert model is not None and not problems, problems
    return [d.render() for d in lint_plan(model, LintConfig(**config))]


# --- close spellings: keys instead of all pairs ------------------------------------------


def _words(rnd: random.Random) -> list[str]:
    """Words close to each other more often than not: one base, edited a little."""
    alphabet = rnd.choice(["ab", "abe", "edsing", "ab1", "a12", "abcde", "e1s", "xyzedsing012", "aé²١", "e0"])
    base = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 8)))
    words = []
    for _ in range(rnd.randint(0, 12)):
        w = list(base) if rnd.random() < 0.7 else [rnd.choice(alphabet) for _ in range(rnd.randint(0, 9))]
        for _ in range(rnd.randint(0, 2)):
            op, at = rnd.randrange(4), rnd.randrange(len(w) + 1)
            if op == 0 and at < len(w):
                w[at] = rnd.choice(alphabet)
            elif op == 1:
                w.insert(at, rnd.choice(alphabet))
            elif op == 2 and at < len(w):
                del w[at]
            elif op == 3 and at + 1 < len(w):
                w[at], w[at + 1] = w[at + 1], w[at]
        if rnd.random() < 0.2:
            w += rnd.choice(["ed", "ing", "es", "s", "d", "e", "ee", "1", "12"])
        words.append("".join(w))
    return words


def test_close_pairs_are_the_pairs_close_words_accepts() -> None:
    rnd = random.Random(15)
    found = 0
    for _ in range(4000):
        words = _words(rnd)
        every_pair = {
            (a, b) if a < b else (b, a) for a, b in itertools.combinations(dict.fromkeys(words), 2) if close_words(a, b)
        }
        assert close_pairs(words) == every_pair, words
        found += len(every_pair)
    assert found > 2000  # the words were close often enough to test something


def test_close_pairs_of_words_sharing_a_deletion_but_not_close() -> None:
    # "Xabcde" and "abcdeY" both lose a letter to "abcde"; the index of deletions paired
    # them all (n^2 comparisons, no pair close); the keys keep apart what is not close.
    words = [chr(0x4E00 + i) + "abcde" for i in range(60)] + ["abcde" + chr(0x4E00 + i) for i in range(60)]
    expected = {(a, b) if a < b else (b, a) for a, b in itertools.combinations(words, 2) if close_words(a, b)}
    assert close_pairs(words) == expected
    assert len(expected) == 60 * 59 // 2  # the second half: one letter substituted at the end


# --- json_types once per schema ----------------------------------------------------------


def _schema(rnd: random.Random, names: list[str], depth: int = 0) -> dict[str, Any]:
    r = rnd.random()
    if r < 0.25 and names:
        return {"$ref": "#/$defs/" + rnd.choice(names + ["missing"])}
    if r < 0.45 and depth < 3:
        return {rnd.choice(["anyOf", "oneOf"]): [_schema(rnd, names, depth + 1) for _ in range(rnd.randint(1, 3))]}
    if r < 0.6:
        return {"enum": rnd.sample(["a", 1, 2.5, True, None, "b"], rnd.randint(1, 4))}
    if r < 0.7:
        return {"type": "object", "properties": {"x": _schema(rnd, names, depth + 1)}} if depth < 3 else {}
    if r < 0.75:
        return {}
    return {"type": rnd.choice(["string", "integer", ["number", "null"], "array", "null"])}


def test_type_memo_gives_json_types_with_cycles_and_missing_definitions() -> None:
    rnd = random.Random(15)
    for _ in range(400):
        names = [f"d{i}" for i in range(rnd.randint(0, 4))]
        data = {
            "name": "P",
            "$defs": {n: _schema(rnd, names) for n in names},
            "events": [{"name": "Order Completed", "properties": {f"p{i}": _schema(rnd, names) for i in range(6)}}],
        }
        plan = plan_model(data)
        memo = TypeMemo(plan.defs)
        schemas: list[Schema] = [*plan.defs.values(), *plan.events[0].properties.values()]
        for schema in schemas * 2:  # the second time from the memo
            assert memo(schema) == json_types(schema, plan.defs), data


# --- numbered keys: a family's first other member, not a list per member -----------------


def test_a_family_of_numbered_keys_names_its_first_other_member() -> None:
    keys = [f"feature_{i}" for i in range(1, 301)]
    findings = _lint(
        {
            "name": "P",
            "events": [
                {
                    "name": "Order Completed",
                    "description": "d",
                    "properties": {k: {"type": "string", "description": "d"} for k in keys},
                }
            ],
        },
        rules={"TG416": "off"},
    )
    assert len(findings) == len(keys)
    for key, finding in zip(keys, findings):
        like = "feature_2" if key == "feature_1" else "feature_1"  # [n for n in family if n != key][0]
        assert f'property "{key}" is a numbered key (like "{like}")' in finding


def test_a_numbered_key_written_twice_in_one_object() -> None:
    # anyOf members share their object: "item_1" written in two members is a family of
    # two with no other member to name ("like"); "item_2" beside "item_1" names it.
    member = {"type": "object", "properties": {"item_1": {"type": "string", "description": "d"}}}
    pair = {
        "type": "object",
        "properties": {
            "item_1": {"type": "string", "description": "d"},
            "item_2": {"type": "string", "description": "d"},
        },
    }
    properties = {
        "box": {"anyOf": [member, member], "description": "d"},
        "crate": {"anyOf": [pair], "description": "d"},
    }
    findings = _lint(
        {"name": "P", "events": [{"name": "Order Completed", "description": "d", "properties": properties}]}
    )
    box = [f for f in findings if '"box.item_1"' in f]
    assert len(box) == 2 and all("is a numbered key: each number makes a new column" in f for f in box)
    assert any('"crate.item_2" is a numbered key (like "item_1")' in f for f in findings)
    assert any('"crate.item_1" is a numbered key (like "item_2")' in f for f in findings)


# --- one type per property name: the canonical value's other holders ---------------------


def test_conflicts_match_their_definition() -> None:
    rnd = random.Random(15)

    class Entity:
        def __init__(self, name: str) -> None:
            self.name = name

    def naive(entries: list[tuple[Any, str]]) -> tuple[str, list[tuple[Any, str]]] | None:
        if len({p.entity.name for p, _ in entries}) < 2:
            return None
        names: dict[str, set[str]] = {}
        for prop, value in entries:
            names.setdefault(value, set()).add(prop.entity.name)
        if len(names) < 2:
            return None
        order = list(names)
        canonical = max(order, key=lambda v: (len(names[v]), -order.index(v)))
        return canonical, [(p, v) for p, v in entries if v != canonical and names[canonical] - {p.entity.name}]

    for _ in range(2000):
        entries = []
        for _ in range(rnd.randint(0, 8)):
            prop = Prop(Entity(rnd.choice("ABC")), ("x",), Schema())  # type: ignore[arg-type]
            entries.append((prop, rnd.choice(["string", "number", "boolean"])))
        assert _conflicts(entries) == naive(entries)


# --- values in names: each match found once, not from every letter -----------------------

_PIECES = [
    "a",
    "b",
    "1",
    "12",
    "2024",
    "-",
    ".",
    "_",
    " ",
    "@",
    "+",
    "(",
    ")",
    "[",
    "}",
    "com",
    ".com",
    ".io",
    "ORG",
    "www.",
    "http://",
    "/",
    ":",
    "v1",
    "#",
    "%",
    ",",
    "jan",
    "1st",
    "pm",
    "deadbeef",
    "12:30",
    "é",
    "a@b.co",
    "x-",
]


def _names(seed: int, count: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(0, 14))) for _ in range(count)]


def test_value_patterns_find_what_finditer_finds() -> None:
    for name in _names(15, 6000):
        for _, pattern in VALUE_PATTERNS:
            assert list(_spans(pattern, name)) == [m.span() for m in pattern.finditer(name)], (pattern.pattern, name)
        assert [m.span() for m in _brackets(name)] == [m.span() for m in BRACKETS.finditer(name)], name


#: The property key patterns as they were written before they were made linear.
_KEY_VALUE_AS_WRITTEN = (
    r"[\w.+-]+@[\w-]+\.\w+",
    r"://|^www\.|\.(?:com|org|net|io)\b",
    r"[0-9a-f]{8}-[0-9a-f]{4}-|(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])\b[0-9a-f]{8,}\b",
    r"\d{4}[-_/.]\d{1,2}[-_/.]\d{1,2}|\d{1,2}[-_/.]\d{1,2}[-_/.]\d{4}",
)


def test_key_patterns_mean_what_they_meant() -> None:
    written = [re.compile(p, q.flags) for p, (_, q) in zip(_KEY_VALUE_AS_WRITTEN, dynamic._KEY_VALUE)]
    for name in _names(16, 6000) + [n.replace(" ", "_") for n in _names(17, 2000)]:
        for before, (kind, now) in zip(written, dynamic._KEY_VALUE):
            assert bool(now.search(name)) == bool(before.search(name)), (kind, name)
        assert dynamic._without_numbers(name) == re.sub(r"[\W_]*\d+[\W_]*", "_", name), name


def _values_as_written(name: str) -> list[tuple[str, str, tuple[int, int]]]:
    """values_in as it was: each match checked against every span taken before it."""
    found: list[tuple[str, str, tuple[int, int]]] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in VALUE_PATTERNS:
        for m in pattern.finditer(name):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            taken.append(m.span())
            found.append((kind, m.group(), m.span()))
    for m in BRACKETS.finditer(name):
        if not any(start < m.end() and m.start() < end for _, _, (start, end) in found):
            found.append(("a value in brackets", m.group().strip(), m.span()))
    return sorted(found, key=lambda f: f[2])


def _static_as_written(name: str) -> str:
    out = name
    for start, end in sorted((span for _, _, span in _values_as_written(name)), reverse=True):
        out = out[:start] + " " + out[end:]
    out = BRACKETS.sub(lambda m: m.group() if re.search(r"\w", m.group()) else " ", out)
    words = re.sub(r"[\s_\-]+", " ", out).strip(" _-").split()
    while words and words[-1].lower() in PREPOSITIONS:
        words.pop()
    return " ".join(words)


def test_values_and_the_names_without_them_as_before() -> None:
    for name in _names(18, 4000) + [
        unit * (400 // len(unit)) for unit in ["a1", "1 ", "1-", "(x", "a.com-", "a@", "_1", "() "]
    ]:
        assert list(values_in(name)) == _values_as_written(name), name
        assert static_name(name) == _static_as_written(name), name
