"""The Python target re-lays long lines itself instead of running black (see
codegen/targets/python/format.py). Here every statement shape it handles is laid out
both ways, over random names and lengths around the line limit, and must come out
exactly as the pinned black prints it; a shape it declines must be one black would
change, so declining costs time, never correctness."""

from __future__ import annotations

import random
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest
from black import format_str
from black.mode import Mode, TargetVersion

from conftest import synth_module
from trackgen.targets.python.escape import py_str_lines
from trackgen.targets.python.format import black_clean, call_lines, relayout

MODE = Mode(target_versions={TargetVersion.PY311}, line_length=88)
CASES = 400


def _name(rng: random.Random, low: int = 1, high: int = 70) -> str:
    n = rng.randint(low, high)
    return "".join(rng.choice("abcdefghijklmnopqrstuvwxyz_") for _ in range(n)).lstrip("_") or "x"


def _type_name(rng: random.Random) -> str:
    name = _name(rng, 3, 75).capitalize()
    return rng.choice(["", "", "_d."]) + name


def _string(rng: random.Random, low: int = 0, high: int = 60) -> str:
    n = rng.randint(low, high)
    return '"' + "".join(rng.choice("abc xyz-_.:|[]()=,'") for _ in range(n)) + '"'


def _operand(rng: random.Random, depth: int = 0) -> str:
    roll = rng.random()
    if roll < 0.45 or depth > 1:
        return rng.choice([_type_name(rng), "str", "int", "float", "bool", "_dt.datetime", "_rt.JsonValue"])
    if roll < 0.75:
        return f"_t.Sequence[{_annotation(rng, depth + 1)}]"
    if roll < 0.85:
        item = rng.choice(["str", "_d." + _name(rng, 3, 40).capitalize()])
        return f"list[{item}] | tuple[{item}, ...]"
    if roll < 0.92:
        return "_t.Mapping[str, _rt.JsonValue]"
    return f"_t.Literal[{_string(rng)}]"


def _annotation(rng: random.Random, depth: int = 0) -> str:
    parts = [_operand(rng, depth) for _ in range(rng.choice([1, 1, 1, 2, 3]))]
    if rng.random() < 0.25:
        parts.append("None")
    return " | ".join(dict.fromkeys(parts))


def _signature(rng: random.Random) -> str:
    lines = ["def " + _name(rng, 1, 80) + "(", "    *,"]
    for _ in range(rng.randint(1, 4)):
        name, annotation = _name(rng, 1, 60), _annotation(rng)
        if rng.random() < 0.5:
            lines.append(f"    {name}: {annotation} | _rt.Omit = _rt.OMIT,")
        else:
            lines.append(f"    {name}: {annotation},")
    lines.append("    user_id: str | None = None,")
    return "\n".join([*lines, ") -> None:", '    """Sends it."""', "    _rt.track(", "        event=" + _string(rng) + ",", "    )", ""])


def _typeddict(rng: random.Random) -> str:
    name = _name(rng, 3, 80).capitalize()
    fields = []
    for _ in range(rng.randint(1, 4)):
        annotation = _annotation(rng)
        if rng.random() < 0.4:
            annotation = f"_t.NotRequired[{annotation}]"
        fields.append(f"        {_string(rng, 1, 50)}: {annotation},")
    return "\n".join([f"{name} = _t.TypedDict(", f'    "{name}",', "    {", *fields, "    },", ")", ""])


def _values(rng: random.Random, least: int = 1) -> list[str]:
    values = [_string(rng, 0, 90), str(rng.randint(-999, 999)), "True", "None"]
    return [rng.choice(values) for _ in range(rng.randint(least, 4))]


def _assignment(rng: random.Random) -> str:
    name = _name(rng, 20, 90)
    kind = rng.random()
    if kind < 0.3:
        values = [f"    {v}," for v in _values(rng, least=2)]  # one value is printed on one line
        return "\n".join([f"{name.capitalize()}: _t.TypeAlias = _t.Literal[", *values, "]", ""])
    if kind < 0.55:
        values = [f"        {v}," for v in _values(rng)]
        return "\n".join([f"{name.upper()}: _t.Final = frozenset(", "    {", *values, "    }", ")", ""])
    if kind < 0.65:
        text = _string(rng, 90, 250)[1:-1]  # as the template prints rules too long for one line
        pieces = [f"    {piece}" for piece in py_str_lines(text, 84)]
        return "\n".join([f"_RULES_{name}: _rt.Rule = _rt.rules(", *pieces, ")", ""])
    if kind < 0.8:
        return f"{name.capitalize()}: _t.TypeAlias = _t.Literal[{rng.choice(_values(rng))}]\n"
    return f"{name.capitalize()}: _t.TypeAlias = {_annotation(rng)}\n"


def _decorator(rng: random.Random) -> str:
    message = _string(rng, 20, 120)
    return f"@_rt.deprecated({message})\ndef {_name(rng, 1, 70)}(\n    *,\n) -> None:\n    pass\n"


SHAPES: dict[str, Callable[[random.Random], str]] = {
    "signature": _signature,
    "typeddict": _typeddict,
    "assignment": _assignment,
    "decorator": _decorator,
}


def _cases(shape: str) -> Iterator[str]:
    rng = random.Random(f"trackgen-format-{shape}")
    for _ in range(CASES):
        yield SHAPES[shape](rng)


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_relayout_matches_black(shape: str) -> None:
    handled = 0
    for source in _cases(shape):
        expected = format_str(source, mode=MODE)
        laid = relayout(source)
        if laid is None:
            assert expected != source, f"declined a statement black leaves alone:\n{source}"
            continue
        handled += 1
        assert laid == expected, f"black lays this out differently:\n{source}\n--- trackgen:\n{laid}\n--- black:\n{expected}"
    # The shapes the templates print are handled, not passed on to black (names
    # here run to 90 characters; only the longest are declined).
    assert handled >= CASES * 0.8, f"{shape}: only {handled} of {CASES} handled"


def test_long_comments_and_docstrings_are_left_as_black_leaves_them() -> None:
    long = "x" * 100
    source = (
        f"# Generated by trackgen from /a/very/long/path/{long}/plan.yaml. Do not edit.\n"
        f'"""Typed analytics calls for the tracking plan "{long}"."""\n\n'
        "from __future__ import annotations\n\n\n"
        "def f(\n    *,\n) -> None:\n"
        f'    """Sends the track event "{long}" (version 1)."""\n'
    )
    assert format_str(source, mode=MODE) == source
    assert relayout(source) == source


def test_declined_modules_still_come_out_as_black_prints_them() -> None:
    source = "x = some_function_with_a_long_name(argument_number_one, argument_number_two, number_three)\n"
    assert relayout(source) is None
    assert black_clean(source) == format_str(source, mode=MODE)


def test_synthetic_plan_needs_no_black(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A plan of the benchmark's kind (long generated names, nested objects, enums):
    every module is laid out here, none is passed to black, and black agrees."""
    from trackgen import api
    from trackgen.targets.python import format as python_format

    declined: list[str] = []

    def recording(source: str) -> str | None:
        laid = relayout(source)
        if laid is None:
            declined.append(source.splitlines()[0])
        return laid

    monkeypatch.setattr(python_format, "relayout", recording)
    plan_file = synth_module().write_plan(400, tmp_path / "plan.yaml")
    plan, _ = api.load_plan(plan_file)
    files = api.generate(plan, api.GenerateOptions(python=api.PythonOptions()))
    assert not declined
    package = tmp_path / "synthetic"
    for file in files:
        (package / file.path).parent.mkdir(parents=True, exist_ok=True)
        (package / file.path).write_text(file.content, encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "black", "--check", "--target-version", "py311", str(package)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr



@pytest.mark.parametrize("names", [(), ("_d.RULES",)], ids=["text", "text-and-definitions"])
def test_rules_statements_are_laid_out_as_black_lays_them_out(names: tuple[str, ...]) -> None:
    """``_RULES_x: _rt.Rule = _rt.rules(TEXT[, _d.RULES])`` for every length of text
    around the points where black changes layout (one line; the arguments on their own
    line; one argument a line), and text too long for a line, cut into literals."""
    rng = random.Random("trackgen-format-rules")
    checked = 0
    for name_length in (1, 12, 30):
        head = "_RULES_" + "n" * name_length + ": _rt.Rule = _rt.rules("
        for length in range(20, 200):
            text = "".join(rng.choice('{}[]"t:o,props01 \\\'') for _ in range(length))
            lines = call_lines(text, head, names)
            source = "\n".join(lines) + "\n"
            assert all(len(line) <= 88 for line in lines), source
            assert format_str(source, mode=MODE) == source, f"black lays this out differently:\n{source}"
            seen: list[tuple[str, ...]] = []
            runtime = SimpleNamespace(Rule=None, rules=lambda *args: seen.append(args))
            exec(source, {"_rt": runtime, "_d": SimpleNamespace(RULES="defs")})  # noqa: S102
            assert seen == [(text, *(["defs"] if names else []))]
            checked += 1
    assert checked == 3 * 180
