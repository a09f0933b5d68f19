"""Patterns must mean the same in Python's re and JavaScript's RegExp (unicode mode,
as the generated TypeScript runtime compiles them): checked against real node."""

from __future__ import annotations

import json
import re
import subprocess
import warnings

import pytest

from trackgen.api import load_plan_text
from trackgen.diagnostics import PlanError
from trackgen.patterns import js_problem

PATTERNS = [
    # Accepted: common patterns of real plans.
    r"^[a-z0-9_]+$", r"^\d{3}-\d{4}$", r"^[A-Z]{2,3}$", r"^https?://\S+$", r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$",
    r"^(free|team|business)$", r"^(?:a|b)+$", r"^\w+(?=x)", r"(?<=a)b", r"(?<!a)b", r"(?!x)y", r"^\$\d+\.\d{2}$",
    r"[\-a-z]", r"^\u00e9\x41$", r"a\/b", r"(a)\1", r"^[\]]$", r"^\0$", r"\bword\b", r"^$", r"a{2}", r"a{2,}",
    # Python only, or read differently: rejected.
    r"(?P<year>\d{4})", r"(?<year>\d{4})", r"(?P=x)", r"(?i)abc", r"(?#comment)a", r"(?>a+)", r"a++", r"a*+",
    r"a{2}+", r"\Aabc\Z", r"a\-b", r"\_x", r"\e", r"a{", r"a}", r"a]", r"x{1,2", r"[[a]", r"[]a]", r"\U0001F600",
    r"a\ b", r"\%", r"[\_]",
]


def _node_compiles(patterns: list[str]) -> list[bool]:
    script = (
        "const ps = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "console.log(JSON.stringify(ps.map(p => { try { new RegExp(p, 'u'); return true; } catch { return false; } })));"
    )
    out = subprocess.run(["node", "-e", script], input=json.dumps(patterns), capture_output=True, text=True, check=True)
    return list(json.loads(out.stdout))


def _python_compiles(pattern: str) -> bool:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # "possible nested set"
            re.compile(pattern)
    except re.error:
        return False
    return True


def test_every_accepted_pattern_compiles_in_javascript_and_python() -> None:
    in_js = dict(zip(PATTERNS, _node_compiles(PATTERNS), strict=True))
    accepted = [p for p in PATTERNS if _python_compiles(p) and js_problem(p) is None]
    assert [p for p in accepted if not in_js[p]] == []
    # The check does not throw away what real plans write.
    assert accepted == PATTERNS[: PATTERNS.index(r"(?P<year>\d{4})")]


def test_a_python_only_pattern_is_a_located_error() -> None:
    text = "name: P\nevents:\n  - name: A B\n    properties:\n      year: {type: string, pattern: '(?P<y>[0-9]{4})'}\n"
    with pytest.raises(PlanError) as raised:
        load_plan_text(text, "plan.yaml")
    diagnostics = raised.value.diagnostics
    assert [(d.code, d.location.line, d.location.column) for d in diagnostics] == [("TG106", 5, 7)]
    assert "named groups" in diagnostics[0].message
