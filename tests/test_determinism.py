"""The generator is deterministic: same plan, same files, byte for byte.

- Generating a plan twice (from one load, and from a fresh load) gives identical files.
- Generating in subprocesses with PYTHONHASHSEED 0, 1 and 12345 gives byte-identical
  trees, also identical to this process's (whose hash seed is random).
- Shuffling the order of events and of properties (at every depth) changes no
  generated identifier: the same exported names (``__all__``, index.ts), the same
  module of each name, the same parameters and keys of each function and type.
- Adding an unrelated event changes no existing file but the package index files
  (``__init__.py``, ``index.ts``) and the one call module (per target) the new event
  is placed in, and that module only gains lines: every existing line stays, in
  order. (Calls are spread over modules by a hash of their name, see
  trackgen.layout, so the module that receives the new call cannot stay unchanged.)

A plan that does not generate at all fails these tests: nothing could be checked.

The plans are every golden case (tests/golden), the examples, and a synthetic plan
of 150 events (four call modules) with names that collide.
"""

from __future__ import annotations

import ast
import difflib
import hashlib
import io
import json
import os
import random
import re
import subprocess
import sys
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO
from test_golden import CASES, case_options
from trackgen import GenerateOptions, generate
from trackgen.api import GeneratedFile, PythonOptions, TypeScriptOptions, load_plan_text
from trackgen.source import load_text

EXAMPLES = sorted((REPO / "examples").glob("*/plan.yaml"))
INDEX_FILES = frozenset({"python/__init__.py", "typescript/index.ts"})
UNRELATED_EVENT = {
    "name": "Zz Unrelated Event Added",
    "description": "An event no other name in any of the plans resembles.",
    "properties": {"zz_unrelated_flag": {"type": "boolean", "required": True}},
}
UNRELATED_FUNCTIONS = ("def track_zz_unrelated_event_added(", "export function trackZzUnrelatedEventAdded(")


# --- the plans -------------------------------------------------------------------------------


def synthetic_plan(events: int = 150) -> dict[str, Any]:
    """A plan over several call modules, with names that collide (numbered identifiers)
    and nested types whose names compete across events."""
    rng = random.Random(20240611)
    out = []
    for i in range(events):
        name = [f"Item {i} Viewed", f"item_{i}_viewed", f"ITEM-{i}-VIEWED"][i % 3] if i % 10 == 0 else f"Thing {i} Done"
        props: dict[str, Any] = {
            "status": {"enum": ["on", "off", f"value {i}"], "required": True},
            "Status": {"type": "string"},
            "detail": {
                "type": "object",
                "properties": {"kind": {"enum": ["a", "b"]}, "size": {"type": "integer", "minimum": 0}},
            },
        }
        if i % 7 == 0:
            props["at"] = {"type": "string", "format": "date-time"}
        if i % 5 == 0:
            props["tags"] = {"type": "array", "items": {"type": "string"}}
        out.append({"name": name, "description": f"Event number {i}.", "properties": props})
        if i % 10 == 0:  # a second spelling of the same words
            out.append({"name": name.upper() + "!", "properties": {"n": {"type": "number"}}})
        elif i % 3 == 0:  # its enum type wants the name of "Thing {i} Done"'s detail object type
            out.append({"name": f"Thing {i}", "properties": {"done detail": {"enum": ["x", "y"]}}})
    rng.shuffle(out)
    return {"trackgen": 1, "name": "Synthetic", "events": out}


@dataclass(frozen=True)
class PlanSource:
    name: str
    data: dict[str, Any]
    """The plan as plain data (YAML 1.2 core schema, as trackgen reads it)."""
    options: GenerateOptions


def _plain(path: Path) -> dict[str, Any]:
    data, diagnostics = load_text(path.read_text("utf-8"), path.name)
    assert not diagnostics, diagnostics
    plain: dict[str, Any] = json.loads(json.dumps(data))  # Map/Seq -> dict/list
    return plain


_DEFAULT = GenerateOptions(python=PythonOptions(), typescript=TypeScriptOptions())


def plan_sources() -> list[PlanSource]:
    sources = [PlanSource(f"golden/{c.name}", _plain(c.plan), case_options(c)) for c in CASES]
    sources += [PlanSource(f"examples/{p.parent.name}", _plain(p), _DEFAULT) for p in EXAMPLES]
    sources.append(PlanSource("synthetic", synthetic_plan(), _DEFAULT))
    return sources


SOURCES = plan_sources()


def generate_data(data: dict[str, Any], options: GenerateOptions) -> dict[str, str]:
    """Generated files by "target/path", from plan data (as plan.json, so the headers agree)."""
    plan, _ = load_plan_text(json.dumps(data, ensure_ascii=False), "plan.json")
    return tree(generate(plan, options))


def tree(files: list[GeneratedFile]) -> dict[str, str]:
    return {f"{f.target}/{f.path}": f.content for f in files}


def generates_or_fails(source: PlanSource) -> dict[str, str]:
    try:
        return generate_data(source.data, source.options)
    except Exception as exc:
        pytest.fail(f"{source.name} does not generate, nothing to compare: {type(exc).__name__}: {exc}")


def _params(sources: list[PlanSource]) -> list[Any]:
    return [pytest.param(s, id=s.name) for s in sources]


# --- 1. twice the same -----------------------------------------------------------------------


@pytest.mark.parametrize("source", _params(SOURCES))
def test_generating_twice_gives_identical_files(source: PlanSource) -> None:
    text = json.dumps(source.data, ensure_ascii=False)
    plan, _ = load_plan_text(text, "plan.json")
    first = generate(plan, source.options)
    second = generate(plan, source.options)
    again, _ = load_plan_text(text, "plan.json")
    third = generate(again, source.options)
    assert first == second, "two generate() calls on one plan differ"
    assert first == third, "generate() on two loads of one plan differs"


# --- 2. the hash seed does not matter --------------------------------------------------------

_HASHING_SCRIPT = r"""
import hashlib, json, sys
sys.path.insert(0, sys.argv[1])
import test_determinism as d
result = {}
for source in d.SOURCES:
    try:
        files = d.generate_data(source.data, source.options)
    except Exception as exc:
        result[source.name] = {"error": f"{type(exc).__name__}: {exc}"}
        continue
    result[source.name] = {k: hashlib.sha256(v.encode("utf-8", "surrogatepass")).hexdigest() for k, v in files.items()}
json.dump(result, sys.stdout, sort_keys=True)
"""


def _hashes_here() -> dict[str, dict[str, str]]:
    result: dict[str, dict[str, str]] = {}
    for source in SOURCES:
        try:
            files = generate_data(source.data, source.options)
        except Exception as exc:
            result[source.name] = {"error": f"{type(exc).__name__}: {exc}"}
            continue
        result[source.name] = {
            k: hashlib.sha256(v.encode("utf-8", "surrogatepass")).hexdigest() for k, v in files.items()
        }
    return result


def test_hash_seed_does_not_change_the_output(env_without_hashseed: dict[str, str]) -> None:
    env = dict(env_without_hashseed)
    runs: dict[str, dict[str, dict[str, str]]] = {}
    for seed in ("0", "1", "12345"):  # one after the other: the machine is shared
        proc = subprocess.run(
            [sys.executable, "-c", _HASHING_SCRIPT, str(REPO / "tests")],
            env={**env, "PYTHONHASHSEED": seed},
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert proc.returncode == 0, f"PYTHONHASHSEED={seed}: {proc.stderr[-5000:]}"
        runs[seed] = json.loads(proc.stdout)
    runs[f"this process ({os.environ.get('PYTHONHASHSEED', 'random')})"] = _hashes_here()
    baseline_seed, baseline = next(iter(runs.items()))
    assert sum(len(files) for files in baseline.values()) > 50
    problems = [f"{plan}: does not generate: {files['error']}" for plan, files in baseline.items() if "error" in files]
    for seed, hashes in runs.items():
        for plan in sorted(set(baseline) | set(hashes)):
            want, got = baseline.get(plan, {}), hashes.get(plan, {})
            for path in sorted(set(want) | set(got)):
                if want.get(path) != got.get(path):
                    problems.append(f"{plan}: {path}: seed {baseline_seed} {want.get(path)} != seed {seed} {got.get(path)}")
    assert not problems, "\n".join(problems)


# --- 3. plan order does not name things ------------------------------------------------------


_SCHEMA_LISTS = ("anyOf", "oneOf")


def _shuffle_schema(schema: Any, rng: random.Random) -> Any:
    if not isinstance(schema, dict):
        return schema
    out = dict(schema)
    if isinstance(out.get("properties"), dict):
        out["properties"] = _shuffle_properties(out["properties"], rng)
    if isinstance(out.get("items"), dict):
        out["items"] = _shuffle_schema(out["items"], rng)
    for key in _SCHEMA_LISTS:  # members keep their order: it is their meaning ("Option 1")
        if isinstance(out.get(key), list):
            out[key] = [_shuffle_schema(m, rng) for m in out[key]]
    return out


def _shuffle_properties(props: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    items = list(props.items())
    rng.shuffle(items)
    return {name: _shuffle_schema(schema, rng) for name, schema in items}


def shuffled(data: dict[str, Any], seed: int) -> dict[str, Any]:
    """The plan with its events, pages, screens and every properties mapping reordered."""
    rng = random.Random(seed)
    out = dict(data)
    for key in ("events", "pages", "screens"):
        if isinstance(out.get(key), list):
            entries = [dict(e) for e in out[key]]
            rng.shuffle(entries)
            for e in entries:
                if isinstance(e.get("properties"), dict):
                    e["properties"] = _shuffle_properties(e["properties"], rng)
            out[key] = entries
    for key in ("identify", "group"):
        if isinstance(out.get(key), dict) and isinstance(out[key].get("traits"), dict):
            out[key] = {**out[key], "traits": _shuffle_properties(out[key]["traits"], rng)}
    if isinstance(out.get("$defs"), dict):
        out["$defs"] = _shuffle_properties(out["$defs"], rng)
    return out


@dataclass(frozen=True)
class Identifiers:
    python_all: frozenset[str]
    python_module_of: tuple[tuple[str, str], ...]
    typescript_values: frozenset[str]
    typescript_types: frozenset[str]
    python_signatures: tuple[tuple[str, frozenset[str]], ...]
    """Each function's keyword parameters and each TypedDict's keys."""
    files: frozenset[str]
    names: tuple[tuple[str, frozenset[str]], ...]
    """Each file's set of identifiers in code (not in strings or comments; a set, so
    their order does not count)."""


_TS_EXPORT = re.compile(r"^export (type )?\{([^}]*)\} from \"([^\"]+)\";$", re.MULTILINE)
_TS_TEXT = re.compile(r'"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|`(?:[^`\\]|\\.)*`|//[^\n]*|/\*.*?\*/', re.DOTALL)
_TS_NAME = re.compile(r"[^\W\d]\w*|\$\w*")


def code_names(path: str, content: str) -> frozenset[str]:
    """The identifiers of a generated file's code: Python NAME tokens; TypeScript words
    outside string literals and comments."""
    if path.endswith(".py"):
        tokens = tokenize.generate_tokens(io.StringIO(content).readline)
        return frozenset(t.string for t in tokens if t.type == tokenize.NAME)
    if path.endswith(".ts"):
        return frozenset(_TS_NAME.findall(_TS_TEXT.sub(" ", content)))
    return frozenset()


def identifiers(files: dict[str, str]) -> Identifiers:
    init = ast.parse(files["python/__init__.py"])
    python_all: set[str] = set()
    module_of: dict[str, str] = {}
    for node in init.body:
        if isinstance(node, (ast.Assign, ast.AnnAssign)):
            target = node.targets[0] if isinstance(node, ast.Assign) else node.target
            if isinstance(target, ast.Name) and target.id == "__all__":
                python_all = set(ast.literal_eval(node.value))  # type: ignore[arg-type]
            if isinstance(target, ast.Name) and target.id == "_MODULE_OF":
                module_of = ast.literal_eval(node.value)  # type: ignore[arg-type]
    assert python_all, "no __all__ in __init__.py"
    values: set[str] = set()
    types: set[str] = set()
    for match in _TS_EXPORT.finditer(files["typescript/index.ts"]):
        names = {n.strip() for n in match[2].split(",") if n.strip()}
        (types if match[1] else values).update(f"{match[3]}:{n}" for n in names)
    signatures: dict[str, frozenset[str]] = {}
    for path, content in files.items():
        runtime = path == "python/runtime.py" or (path.count("/") == 1 and path.startswith("python/_") and path != "python/__init__.py")
        if not (path.startswith("python/") and path.endswith(".py")) or runtime:
            continue
        for node in ast.parse(content).body:
            if isinstance(node, ast.FunctionDef):
                signatures[node.name] = frozenset(a.arg for a in node.args.kwonlyargs)
            elif (
                isinstance(node, ast.Assign)
                and isinstance(node.value, ast.Call)
                and isinstance(node.value.func, ast.Attribute)
                and node.value.func.attr == "TypedDict"
            ):
                fields = node.value.args[1]
                assert isinstance(fields, ast.Dict)
                name = node.targets[0].id  # type: ignore[attr-defined]
                signatures[name] = frozenset(ast.literal_eval(k) for k in fields.keys if k is not None)
    return Identifiers(
        python_all=frozenset(python_all),
        python_module_of=tuple(sorted(module_of.items())),
        typescript_values=frozenset(values),
        typescript_types=frozenset(types),
        python_signatures=tuple(sorted(signatures.items())),
        files=frozenset(files),
        names=tuple(sorted((path, code_names(path, content)) for path, content in files.items())),
    )


def _differences(a: Identifiers, b: Identifiers) -> list[str]:
    out = []
    for field in Identifiers.__dataclass_fields__:
        x, y = getattr(a, field), getattr(b, field)
        if x == y:
            continue
        if isinstance(x, frozenset):
            out.append(f"{field}: only in plan order {sorted(x - y)[:20]}, only shuffled {sorted(y - x)[:20]}")
        else:
            dx, dy = dict(x), dict(y)
            for key in sorted(set(dx) | set(dy)):
                if dx.get(key) != dy.get(key):
                    left, right = dx.get(key), dy.get(key)
                    if isinstance(left, frozenset) and isinstance(right, frozenset):
                        left, right = sorted(left - right)[:20], sorted(right - left)[:20]  # type: ignore[assignment]
                    out.append(f"{field}[{key}]: plan order {left!r}, shuffled {right!r}")
    return out


@pytest.mark.parametrize("source", _params(SOURCES))
def test_shuffling_the_plan_changes_no_identifier(source: PlanSource) -> None:
    original = identifiers(generates_or_fails(source))
    problems = []
    for seed in (1, 2, 3):
        changed = _differences(original, identifiers(generate_data(shuffled(source.data, seed), source.options)))
        problems += [f"shuffle seed {seed}: {line}" for line in changed]
    assert not problems, "\n".join(problems)


def test_shuffling_really_reorders() -> None:
    """The shuffle moves events and nested properties (so the test above tests something)."""
    data = synthetic_plan()
    other = shuffled(data, 1)
    assert [e["name"] for e in other["events"]] != [e["name"] for e in data["events"]]
    assert sorted(e["name"] for e in other["events"]) == sorted(e["name"] for e in data["events"])
    nested = [list(e["properties"]["detail"]["properties"]) for e in other["events"] if "detail" in e["properties"]]
    assert ["size", "kind"] in nested and ["kind", "size"] in nested


# --- 4. an unrelated event touches only the index and its own module -------------------------


def _inserted_only(old: str, new: str) -> list[str]:
    """Lines of ``old`` that ``new`` removes or replaces (none: ``new`` only inserts)."""
    matcher = difflib.SequenceMatcher(a=old.splitlines(), b=new.splitlines(), autojunk=False)
    lost = []
    for tag, i1, i2, _j1, _j2 in matcher.get_opcodes():
        if tag in ("replace", "delete"):
            lost += old.splitlines()[i1:i2]
    return lost


@pytest.mark.parametrize("position", ("last", "first"))
@pytest.mark.parametrize("source", _params(SOURCES))
def test_an_unrelated_event_changes_only_the_index_and_its_module(source: PlanSource, position: str) -> None:
    before = generates_or_fails(source)
    events = list(source.data.get("events", []))
    events = [*events, UNRELATED_EVENT] if position == "last" else [UNRELATED_EVENT, *events]
    after = generate_data({**source.data, "events": events}, source.options)

    problems = [f"removed: {path}" for path in sorted(set(before) - set(after))]
    receiving: dict[str, str] = {}  # target -> the module holding the new call
    for path in sorted(after):
        if path in INDEX_FILES:
            continue
        holds_new = any(marker in after[path] for marker in UNRELATED_FUNCTIONS)
        if holds_new:
            target = path.split("/")[0]
            if target in receiving:
                problems.append(f"the new call is in two {target} modules: {receiving[target]}, {path}")
            receiving[target] = path
        if path not in before:
            if not holds_new:
                problems.append(f"new file without the new call: {path}")
            continue
        if before[path] == after[path]:
            continue
        if not holds_new:
            problems.append(f"changed, though the new call is not in it: {path}")
            continue
        lost = _inserted_only(before[path], after[path])
        if lost:
            problems.append(f"{path}: existing lines changed or removed:\n" + "\n".join(f"  - {line}" for line in lost[:30]))
    if set(receiving) != {"python", "typescript"}:
        problems.append(f"the new call's module not found in every target: {receiving}")
    assert not problems, "\n".join(problems)


def test_the_synthetic_plan_spans_several_modules() -> None:
    files = generate_data(synthetic_plan(), _DEFAULT)
    modules = [p for p in files if p.startswith("python/events/calls_")]
    assert len(modules) == 4, modules
