"""One rule for what templates print: plan text goes through an escaping filter at the
point of output; a value printed raw must be code the view model built (an
identifier from the target's namer, a type expression, a literal made by the target's
escape module, a number), and is listed below with why. The test parses every
template and fails on any ``{{ ... }}`` that is neither, so printing a new plan field
raw (``{{ call.description }}``) cannot go unnoticed. The HTML page is autoescaped
as a whole (checked too)."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest
from jinja2 import nodes

from trackgen.datadict.render import _environment as docs_environment
from trackgen.template_folders import builtin_templates

TEMPLATES = builtin_templates()

#: Filters that escape plan text for where it is printed.
ESCAPING = {
    "python": {"pystr", "pydoc", "pyarg", "pyname", "pyliteral", "pycall"},
    "typescript": {"tsstr", "jsdoc", "tsname", "tsliteral"},
    "pydantic": {"comment", "doc_inline"},
    "docs": {"md", "mdcode"},
}

#: Values printed raw, by target: code or numbers the view models build.
CODE = {
    "python": {
        "header": "the generated-file comment; the plan's path through escape.comment",
        "line": "import lines and rules statements built by the target",
        "name": "identifiers from the namer (exports, runtime names)",
        "module.name": "module names from the namer",
        "decl.name": "type names from the namer",
        "decl.values_name": "constant names from the namer",
        "decl.expr": "type expressions from the type mapper",
        "value": "enum values as literals, made with escape.py_literal",
        "field.key": "TypedDict keys as literals, made with escape.py_str",
        "field.annotation": "type expressions from the type mapper",
        "function.name": "the function's name from the namer",
        "function.what": "a fixed phrase (text.CALL_PHRASES), not plan text",
        "function.runtime": "the call kind, one of five words",
        "function.version": "an integer",
        "function.payload_key": '"properties" or "traits"',
        "function.extra": "the extra-properties parameter's name (namer)",
        "param.name": "parameter names from the namer",
        "param.annotation": "type expressions from the type mapper",
        "param.default": "_rt.OMIT or None",
        "arg.name": "parameter names from the namer",
        "entry.name": "parameter names from the namer",
        "key": "fixed argument names (event, version, name, category)",
        "adapter.module": "a private module name fixed by the target (_posthog)",
        "adapter.names": "an adapter class and its client protocol, fixed by the target",
    },
    "typescript": {
        "header": "the generated-file comment; the plan's path through escape.comment",
        "line": "import lines built by the target",
        "rules": "validation rules as JSON with only ASCII (json.dumps, ensure_ascii)",
        "decl.name": "type names from the namer",
        "decl.values_name": "constant names from the namer",
        "decl.expr": "type expressions from the type mapper",
        "decl.values": "enum values as literals, made with escape.ts_literal",
        "member.key": "property keys, made with the target's ts_key",
        "member.type": "type expressions from the type mapper",
        "call.function": "the function's name from the namer",
        "call.what": "a fixed phrase (text.CALL_PHRASES), not plan text",
        "call.version": "an integer",
        "call.param": '"properties" or "traits"',
        "call.payload_type": "a type name from the namer",
        "call.payload_default": '"{}" or a cast to a type name, or none',
        "call.options_type": "client type names joined with &",
        "call.sender": "a client function's name",
        "call.rules": "validation rules as JSON with only ASCII (json.dumps, ensure_ascii)",
        "event.key": "track keys, made with the target's ts_key",
        "event.type": "type names from the namer",
        "module.file": "module paths from the namer",
        "module.values": "function names from the namer",
        "module.types": "type names from the namer",
    },
    "pydantic": {
        "name": "model names from datamodel-code-generator's output, checked identifiers",
        "imp.module": "module names the target computes",
        "imp.name": "class names from the generated models",
        "member.name": "class names from the generated models",
        "member.tag": "discriminator literals made with repr() of the wire name",
        "version": "an integer",
    },
    "docs": {
        "c.calls": "a count",
        "c.versions": "a count",
        "c.properties": "a count",
        "c.changelog.blocking": "a count",
        "call.anchor": "an anchor the catalog makes ([a-z0-9-])",
        "d.anchor": "an anchor the catalog makes ([a-z0-9-])",
        "s.anchor": "an anchor the catalog makes ([a-z0-9-])",
        "v.anchor": "an anchor the catalog makes ([a-z0-9-])",
        "s.heading": "a fixed heading (Track events, Pages, ...)",
        "p.href": "a link to an anchor",
        "r.href": "a link to an anchor",
        "call.kind": "the call kind, one of five words",
        "v.number": "an integer",
        "version": "trackgen's version",
        "Call": "a macro of the same template (table, type), whose output is checked here too",
    },
}


def _dotted(node: nodes.Node) -> str | None:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        inner = _dotted(node.node)
        return None if inner is None else f"{inner}.{node.attr}"
    if isinstance(node, nodes.Call):
        return "Call"
    return None


def _printed(path: Path) -> list[tuple[int, str | None, str | None]]:
    """Each ``{{ }}`` of a template: its line, the filter applied last, and what it prints."""
    tree = jinja2.Environment(trim_blocks=True, lstrip_blocks=True).parse(path.read_text(encoding="utf-8"))
    out = []
    for output in tree.find_all(nodes.Output):
        for node in output.nodes:
            if isinstance(node, nodes.TemplateData):
                continue
            if isinstance(node, nodes.Filter):
                out.append((node.lineno, node.name, _dotted(node.node) if node.node is not None else None))
            else:
                out.append((node.lineno, None, _dotted(node)))
    return out


CASES = sorted(
    (family, path)
    for family in ESCAPING
    for path in (TEMPLATES / family).glob("*.jinja")
    if not path.name.endswith(".html.jinja")  # autoescaped: see below
)


@pytest.mark.parametrize(("family", "path"), CASES, ids=[f"{f}/{p.name}" for f, p in CASES])
def test_every_printed_value_is_escaped_or_code(family: str, path: Path) -> None:
    wrong = []
    for line, last_filter, what in _printed(path):
        if last_filter in ESCAPING[family]:
            continue
        if last_filter in (None, "join") and what in CODE[family]:
            continue  # join of code is code (``names | join(", ")``)
        wrong.append(f"{path.name}:{line}: {{{{ {what or '?'}{' | ' + last_filter if last_filter else ''} }}}}")
    assert not wrong, "printed without an escaping filter, and not listed as code:\n" + "\n".join(wrong)


def test_the_lists_name_only_what_templates_print() -> None:
    """A stale entry would allow a raw print nobody checked."""
    printed: dict[str, set[str]] = {family: set() for family in ESCAPING}
    for family, path in CASES:
        printed[family] |= {what for _, f, what in _printed(path) if f in (None, "join") and what is not None}
    for family, listed in CODE.items():
        assert set(listed) <= printed[family], (family, sorted(set(listed) - printed[family]))


def test_the_html_page_is_autoescaped() -> None:
    env = docs_environment()
    decide = env.autoescape
    assert callable(decide)
    pages = sorted(p.name for p in (TEMPLATES / "docs").glob("*.html.jinja"))
    assert pages and all(decide(name) for name in pages)
    assert not decide("tracking-plan.md.jinja")


def test_the_check_sees_a_raw_plan_field(tmp_path: Path) -> None:
    """The test can fail: a template printing a description raw is caught."""
    bad = tmp_path / "calls.py.jinja"
    bad.write_text("{{ header }}\n{{ function.description }}\n{{ function.description | pydoc }}\n", encoding="utf-8")
    raw = [(line, what) for line, f, what in _printed(bad) if f is None and what not in CODE["python"]]
    assert raw == [(2, "function.description")]
