"""The plan model without pydantic (``trackgen.plan.fast``) is the pydantic models'
(``trackgen.plan.spec``) own answer: the same fields, and for any data either no
answer (the models decide) or the model they make of it, field for field, each value
of the same type, with the same fields given."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from trackgen.importers import to_native
from trackgen.plan import fast, model, spec
from trackgen.plan.load import validate
from trackgen.source import load_text

from conftest import CORPUS, REPO

CLASSES = ("Schema", "Lint", "Event", "Traits", "View", "Plan")


def same(a: Any, b: Any, path: str = "plan") -> None:
    """``a`` and ``b`` are equal with every value of the same type (1 is not 1.0)."""
    assert type(a) is type(b), f"{path}: {type(a).__name__} != {type(b).__name__}"
    if isinstance(a, model.Node):
        assert a.fields_set == b.fields_set, path
        for name in a.FIELDS:
            same(getattr(a, name), getattr(b, name), f"{path}.{name}")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), path
        for key in a:
            same(a[key], b[key], f"{path}.{key}")
    elif isinstance(a, float) and math.isnan(a):
        assert math.isnan(b), path
    else:
        assert a == b, path


def pydantic_answer(data: Any) -> model.Plan | None:
    try:
        return spec.plain(spec.Plan.model_validate(data))  # type: ignore[no-any-return]
    except ValidationError:
        return None


def located(data: Any) -> Any:
    """``data`` as the JSON loader reads it: located ``Map`` s and ``Seq`` s."""
    read, problems = load_text(json.dumps(data), "plan.json")
    assert problems == []
    return read


@pytest.mark.parametrize("name", CLASSES)
def test_the_plain_classes_have_the_fields_and_defaults_of_the_pydantic_models(name: str) -> None:
    plain, checked = getattr(model, name), getattr(spec, name)
    assert plain.FIELDS == {field: info.alias or field for field, info in checked.model_fields.items()}
    for field, info in checked.model_fields.items():
        if info.is_required():
            assert not hasattr(plain, field), field
        else:
            assert getattr(plain, field) == info.get_default(call_default_factory=True), field


def plans() -> list[Path]:
    found = [*CORPUS.rglob("*.json"), *CORPUS.rglob("*.yaml")]
    found += [p for p in (REPO / "examples").rglob("*") if p.suffix in (".yaml", ".json") and "generated" not in p.parts]
    found += [p for p in (REPO / "tests").rglob("*") if p.suffix in (".yaml", ".json") and "node_modules" not in p.parts]
    return sorted(found)


def test_every_valid_plan_we_have_takes_the_fast_path_to_the_same_model() -> None:
    valid = 0
    for path in plans():
        try:
            text = path.read_text("utf-8-sig")
        except UnicodeDecodeError:  # a bad plan of tests/bad_plans
            continue
        data, problems = load_text(text, path.name)
        if data is None or problems:
            continue
        data, problems = to_native(data, path.name)
        if data is None:
            continue
        quick = fast.build(data)  # first: the pydantic models add their keys to the data
        checked = pydantic_answer(data)
        if checked is None:
            continue
        assert quick is not None, path
        same(quick, checked, path.name)
        valid += 1
    assert valid >= 50, valid


# Per key: values the models take, and values they refuse or that are close to it.
_STRING = ("x", "x", "", None, 1, True)
_NUMBER = (1, 1.5, -0.5, 0, 2**53, 2**53 + 1, 2**80, True, "1", None)
_COUNT = (0, 1, 7, -1, True, 1.0, "1", None)
_FLAG = (True, False, True, False, 1, 0, None, "true")
_SCHEMA_VALUES: dict[str, tuple[Any, ...]] = {
    "type": ("string", "integer", "number", ["string", "null"], [], "strin", ["x"], 1, None),
    "enum": (["a", "b"], [1, 2.5, True, None], [], "a", [[1]], [{"a": 1}], None),
    "const": ("a", 1, 1.0, False, None, [1], {}),
    "format": _STRING, "pattern": _STRING, "title": _STRING, "description": _STRING, "$ref": _STRING,
    "ref": ("#/$defs/a",),
    "minimum": _NUMBER, "maximum": _NUMBER, "exclusiveMinimum": _NUMBER, "exclusiveMaximum": _NUMBER,
    "multipleOf": _NUMBER,
    "minLength": _COUNT, "maxLength": _COUNT, "minItems": _COUNT, "maxItems": _COUNT,
    "uniqueItems": _FLAG, "additionalProperties": _FLAG,
    "deprecated": _FLAG, "required": _FLAG, "nullable": _FLAG,
    "examples": ([1, "a"], [], 1, None, "a"),
    "default": (1, "a", None, [1], {"a": [1]}),
    "items": ({"type": "string"}, {"type": 1}, None, 1, []),
    "properties": ({"a": {"type": "string"}}, {"a": 1}, {}, None, [], 1),
    "anyOf": ([{"type": "string"}], [1], [], None, {}),
    "oneOf": ([{"type": "string"}], None, "a"),
    "allOf": ([],), "x-extra": (1,),
}
_PROPERTIES = ({"a": {"type": "string"}}, {"a": {"minimum": True}}, {"a": 1}, {}, None, [])
_ENTITY_VALUES: dict[str, tuple[Any, ...]] = {
    "name": ("E", "", None, 1),
    "description": _STRING, "additionalProperties": _FLAG, "deprecated": _FLAG, "owner": _STRING,
    "category": _STRING,
    "version": (1, 2, 0, -1, True, 1.0, None),
    "metadata": ({}, {"team": "x", "n": [1]}, None, []),
    "lint": (None, [], {}, {"ignore": ["TG404"]}, {"ignore": []}, {"ignore": [1]}, {"ignore": "TG404"},
             {"reason": "why"}, {"reason": 3}, {"x": 1}),
    "properties": _PROPERTIES, "traits": _PROPERTIES,
    "extra": (1,),
}
_PLAN_VALUES: dict[str, tuple[Any, ...]] = {
    "trackgen": (1, 2, True, 1.0, "1"),
    "description": _STRING,
    "events": ([], [{"name": "E"}], [1], None, {}),
    "identify": ({}, {"traits": {}}, None, []),
    "group": ({}, None, 1),
    "pages": ([], [{"name": "Home"}], [{}], None),
    "screens": ([], None),
    "$defs": ({}, {"a": {"type": "string"}}, {"a": 1}, None, []),
    "defs": ({},),
}


def one(values: tuple[Any, ...]) -> st.SearchStrategy[Any]:
    return st.sampled_from(values)


def some(fields: dict[str, st.SearchStrategy[Any]], most: int) -> st.SearchStrategy[dict[str, Any]]:
    """A mapping of up to ``most`` of ``fields``' keys, each with one of its values."""
    keys = st.lists(st.sampled_from(sorted(fields)), max_size=most, unique=True)
    return keys.flatmap(lambda chosen: st.fixed_dictionaries({key: fields[key] for key in chosen}))


def schemas(depth: int = 2) -> st.SearchStrategy[dict[str, Any]]:
    nested = schemas(depth - 1) if depth else st.just({"type": "string"})
    values = {
        **{key: one(choices) for key, choices in _SCHEMA_VALUES.items()},
        "items": st.one_of(nested, one((None, 1, []))),
        "properties": st.one_of(st.dictionaries(one(("a", "b")), nested, max_size=2), one((None, [], 1))),
        "anyOf": st.one_of(st.lists(nested, max_size=2), one((None, {}))),
        "oneOf": st.one_of(st.lists(nested, max_size=2), one((None, "a"))),
    }
    return some(values, 5)


def entities(kind: str) -> st.SearchStrategy[dict[str, Any]]:
    properties = st.one_of(st.dictionaries(one(("a", "b", "c")), schemas(1), max_size=3), one((None, [])))
    fields = {key: one(choices) for key, choices in _ENTITY_VALUES.items() if key not in ("name", "category")}
    fields["properties" if kind != "traits" else "traits"] = properties
    if kind == "traits":
        fields = {k: v for k, v in fields.items() if k not in ("version", "deprecated", "owner", "properties")}
        return some(fields, 4)
    if kind == "view":
        fields["category"] = one(_STRING)
    name = one(("E", "E", "E", "E", "", None, 1))
    return st.tuples(name, some(fields, 4)).map(lambda pair: {"name": pair[0], **pair[1]})


plans_data = st.fixed_dictionaries(
    {"name": one(("P", "P", "P", "", None, 3))},
    optional={
        "trackgen": one(_PLAN_VALUES["trackgen"]),
        "description": one(_STRING),
        "events": st.one_of(st.lists(entities("event"), max_size=3), one((None, {}))),
        "identify": st.one_of(entities("traits"), one((None, []))),
        "group": st.one_of(entities("traits"), one((None,))),
        "pages": st.lists(entities("view"), max_size=2),
        "screens": st.one_of(st.lists(entities("view"), max_size=1), one((None,))),
        "$defs": st.one_of(st.dictionaries(one(("a", "b")), schemas(1), max_size=2), one((None, []))),
        "defs": one(({},)),
    },
)


@settings(max_examples=1500, deadline=None)
@given(plans_data)
def test_the_fast_path_answers_only_as_pydantic_would(data: dict[str, Any]) -> None:
    quick = fast.build(located(data))
    checked = pydantic_answer(located(data))
    event("the models accept" if checked is not None else "the models refuse")
    if quick is not None:
        assert checked is not None, "the fast path accepted what the models refuse"
        same(quick, checked)
    else:
        event("no fast answer, the models accept" if checked is not None else "no fast answer, the models refuse")


@settings(max_examples=1000, deadline=None)
@given(schemas())
def test_a_schema_the_models_take_takes_the_fast_path_unless_spelled_by_its_python_name(
    schema: dict[str, Any],
) -> None:
    data = {"name": "P", "events": [{"name": "E", "properties": {"p": schema}}]}
    quick = fast.build(located(data))
    checked = pydantic_answer(located(data))
    if quick is None:
        assert checked is None or "ref" in json.dumps(schema), "a valid schema took the long way"
    else:
        assert checked is not None, "the fast path accepted what the models refuse"
        same(quick, checked)


def test_each_value_of_each_key_alone_gets_the_models_answer() -> None:
    """Every key of every node, with each of the values the strategies above draw for
    it, set alone in an otherwise valid plan."""

    def cases() -> Any:
        for key, values in _SCHEMA_VALUES.items():
            for value in values:
                yield {"name": "P", "events": [{"name": "E", "properties": {"p": {key: value}}}]}
        for key, values in _ENTITY_VALUES.items():
            for value in values:
                yield {"name": "P", "events": [{"name": "E", key: value}]}
                yield {"name": "P", "pages": [{"name": "E", key: value}]}
                yield {"name": "P", "identify": {key: value}}
        for key, values in _PLAN_VALUES.items():
            for value in values:
                yield {"name": "P", key: value}

    answers = {"fast": 0, "models": 0}
    for data in cases():
        quick = fast.build(located(data))
        checked = pydantic_answer(located(data))
        if quick is not None:
            assert checked is not None, data
            same(quick, checked)
            answers["fast"] += 1
        else:
            answers["models"] += checked is not None
    assert answers["fast"] > 100 and answers["models"] <= 4, answers


def test_a_plain_valid_plan_takes_the_fast_path_and_a_doubtful_one_the_models() -> None:
    data = {"name": "P", "events": [{"name": "E", "properties": {"n": {"type": "number", "minimum": 1}}}]}
    quick = fast.build(located(data))
    assert quick is not None and quick.events[0].properties["n"].minimum == 1.0
    assert type(quick.events[0].properties["n"].minimum) is float
    # "ref" is $ref's Python name, which pydantic also takes: not plainly valid.
    doubtful = located({"name": "P", "$defs": {"a": {"ref": "#/$defs/b"}}})
    assert fast.build(doubtful) is None
    model_, problems = validate(doubtful, "plan.json")
    assert problems == [] and model_ is not None and model_.defs["a"].ref == "#/$defs/b"
