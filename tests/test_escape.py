"""Plan text reaching generated code: every literal round-trips, no comment or
docstring can be closed early."""

from __future__ import annotations

import ast
import json
import subprocess

import pytest

from trackgen.targets.python.escape import doc_lines, py_literal, py_str
from trackgen.targets.typescript.escape import doc_lines as ts_doc_lines
from trackgen.targets.typescript.escape import ts_key, ts_str

HOSTILE = [
    "plain",
    "Bob's Event",
    'say "hi"',
    "both ' and \"",
    'triple """ quotes',
    "back\\slash",
    "trailing backslash\\",
    "new\nline",
    "tab\there",
    "nul\x00byte",
    "bell\x07",
    "line\u2028separator",
    "emoji 🎉",
    "Événement créé",
    "*/ closes a comment",
    "${template}",
    "</script>",
    "\ud800 lone surrogate",
    "42_--terrible==\\\"event'++name~!3",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_python_string_literal_round_trips(text: str) -> None:
    assert ast.literal_eval(py_str(text)) == text


def test_python_string_prefers_the_quotes_black_prefers() -> None:
    assert py_str("plain") == '"plain"'
    assert py_str('say "hi"') == "'say \"hi\"'"
    assert py_str("it's") == '"it\'s"'


@pytest.mark.parametrize("value", [None, True, False, 0, -3, 2.5, 1.0, "x"])
def test_python_literals(value: object) -> None:
    assert ast.literal_eval(py_literal(value)) == value


@pytest.mark.parametrize("text", HOSTILE)
def test_python_docstring_cannot_close_early(text: str) -> None:
    body = "\n".join(doc_lines(text))
    source = f'def f():\n    """{body}\n    """\n'
    tree = ast.parse(source)
    assert isinstance(tree.body[0], ast.FunctionDef)
    assert len(tree.body) == 1


@pytest.mark.parametrize("text", HOSTILE)
def test_typescript_string_literal_round_trips(text: str) -> None:
    literal = ts_str(text)
    script = f"process.stdout.write(JSON.stringify({literal}))"
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == text.encode("utf-16", "surrogatepass").decode("utf-16", "replace") or json.loads(out) == text


@pytest.mark.parametrize("text", HOSTILE)
def test_jsdoc_cannot_close_early(text: str) -> None:
    for line in ts_doc_lines(text):
        assert "*/" not in line
        assert not line.startswith("@")


@pytest.mark.parametrize(("name", "key"), [("ok_name", "ok_name"), ("$x", "$x"), ("two words", '"two words"'), ("1st", '"1st"'), ("class", "class")])
def test_typescript_keys(name: str, key: str) -> None:
    assert ts_key(name) == key
