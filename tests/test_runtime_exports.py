"""The runtime's exports come from one list, runtime.py's ``__all__`` (static_files.RUNTIME_EXPORTS):
the module's own, what the package re-exports, and the names a plan type may not take.
The list had drifted: a plan type "EmptyObject" (event "Empty", object "object")
shadowed the runtime's in the package for type checkers but not at run time."""

from __future__ import annotations

import ast
import importlib
import sys
from pathlib import Path

from conftest import write_files
from trackgen import GenerateOptions, generate
from trackgen.api import PythonOptions, load_plan_text
from trackgen.targets.python.namer import RUNTIME_NAMES
from trackgen.targets.python.static_files import RUNTIME_EXPORTS

PLAN = """\
name: P
events:
  - name: Empty
    description: Nothing much.
    properties:
      object: {type: object, properties: {a: {type: string}}}
      nothing: {type: object, additionalProperties: false}
"""


def _files() -> dict[str, str]:
    plan, _ = load_plan_text(PLAN, "plan.yaml")
    return {f.path: f.content for f in generate(plan, GenerateOptions(python=PythonOptions()))}


def test_runtime_all_and_definitions_are_the_list() -> None:
    module = ast.parse(_files()["runtime.py"])
    [exported] = [n.value for n in module.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__all__"]
    assert isinstance(exported, ast.List)
    assert [ast.literal_eval(e) for e in exported.elts] == list(RUNTIME_EXPORTS)
    defined = {t.id for n in module.body if isinstance(n, (ast.Assign, ast.AnnAssign)) for t in (n.targets if isinstance(n, ast.Assign) else [n.target]) if isinstance(t, ast.Name)}
    defined |= {n.name for n in module.body if isinstance(n, (ast.FunctionDef, ast.ClassDef))}
    defined |= {a.asname or a.name for n in module.body if isinstance(n, ast.ImportFrom) and n.level for a in n.names}
    assert set(RUNTIME_EXPORTS) <= defined
    assert set(RUNTIME_EXPORTS) <= RUNTIME_NAMES


def test_a_plan_type_never_takes_a_runtime_name(tmp_path: Path) -> None:
    files = _files()
    assert "EmptyObject = " not in files["events/calls.py"] and "EmptyObject_ = " in files["events/calls.py"]
    plan, _ = load_plan_text(PLAN, "plan.yaml")
    write_files(generate(plan, GenerateOptions(python=PythonOptions())), {"python": tmp_path / "empty_pkg"})
    sys.path.insert(0, str(tmp_path))
    try:
        package = importlib.import_module("empty_pkg")
        assert package.EmptyObject is importlib.import_module("empty_pkg.runtime").EmptyObject
        assert package.EmptyObject_ is importlib.import_module("empty_pkg.events.calls").EmptyObject_
    finally:
        sys.path.remove(str(tmp_path))
        for name in [m for m in sys.modules if m == "empty_pkg" or m.startswith("empty_pkg.")]:
            del sys.modules[name]
