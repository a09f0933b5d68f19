"""A config file's settings and lint table, read without pydantic when they are
plainly valid (``trackgen.config``, ``trackgen.lint.config``), are what the pydantic
models (``trackgen.config_spec``, ``trackgen.lint.config_spec``) make of them; what is
not plainly valid is theirs to read or refuse."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from trackgen import config
from trackgen.config_spec import Section
from trackgen.lint import config as lint
from trackgen.lint.config_spec import LintTable

def read_by(model: type[Section] | type[LintTable], data: dict[str, Any]) -> dict[str, Any] | None:
    """What the pydantic model reads of ``data`` (``None``: it refuses it)."""
    try:
        return model.model_validate(data).model_dump()
    except ValidationError:
        return None


_PATH = ("out", "a/b", "", "x\0y", 3, None, True)
_VALIDATION = ("off", "warn", "raise", "loud", 1)
_TABLES: dict[str, dict[str, tuple[Any, ...]]] = {
    "": {
        "plan": _PATH,
        "mode": ("development", "production", "dev", 0),
        "templates": _PATH,
        "versions": ({}, {"Order Completed": 2}, {"A": "2"}, {"A": True}, {"A": 1.0}, []),
        "lint": ({}, {"fail_on": "error"}, "x"),
        "extra": (1,),
    },
    "python": {"out": _PATH, "validation": _VALIDATION,
               "adapters": ([], ["posthog"], ["posthog", "amplitude"], ["segment"], "posthog", [1])},
    "typescript": {"out": _PATH, "sdk": ("analytics-next", "analytics-node", "node", None), "validation": _VALIDATION},
    "pydantic": {"out": _PATH},
    "docs": {"out": _PATH, "format": ("html",)},
}


def table(fields: dict[str, tuple[Any, ...]]) -> st.SearchStrategy[dict[str, Any]]:
    keys = st.lists(st.sampled_from(sorted(fields)), max_size=3, unique=True)
    return keys.flatmap(lambda chosen: st.fixed_dictionaries({k: st.sampled_from(fields[k]) for k in chosen}))


_SUBTABLES = ("python", "typescript", "pydantic", "docs")
sections = st.tuples(
    table(_TABLES[""]), *(st.one_of(st.none(), st.just("x"), table(_TABLES[name])) for name in _SUBTABLES)
).map(lambda parts: {**parts[0], **{name: sub for name, sub in zip(_SUBTABLES, parts[1:]) if sub is not None}})


@settings(max_examples=800, deadline=None)
@given(sections)
def test_plainly_valid_settings_are_what_the_pydantic_model_reads(data: dict[str, Any]) -> None:
    quick = config._plainly_valid(data)
    checked = read_by(Section, data)
    if quick is not None:
        assert quick == checked
        assert {type(v) for v in quick["versions"].values()} <= {int}


_LINT: dict[str, tuple[Any, ...]] = {
    "event_case": ("Title Case", "snake_case", "title", 1),
    "property_case": ("snake_case", "camelCase", "SNAKE"),
    "trait_case": ("camelCase", "x"),
    "max_properties": (1, 30, 0, -1, "30", True, 2.0),
    "fail_on": ("never", "error", "warning", "info", None),
    "rules": ({}, {"TG415": "off"}, {"object-action": "error"}, {"TG415": "loud"}, {"TG415": 1}, []),
    "other": (1,),
}


@settings(max_examples=500, deadline=None)
@given(table(_LINT))
def test_a_plainly_valid_lint_table_is_what_the_pydantic_model_reads(data: dict[str, Any]) -> None:
    quick = lint._plainly_valid(data)
    checked = read_by(LintTable, data)
    if quick is not None:
        assert checked is not None
        assert lint.LintConfig(**quick) == lint.LintConfig(**checked)


def test_each_setting_alone_gets_the_pydantic_models_answer() -> None:
    taken = 0
    for name, fields in _TABLES.items():
        for key, values in fields.items():
            for value in values:
                data: dict[str, Any] = {key: value} if not name else {name: {key: value}}
                quick = config._plainly_valid(data)
                checked = read_by(Section, data)
                if quick is not None:
                    assert quick == checked, data
                    taken += 1
    assert taken >= 20
