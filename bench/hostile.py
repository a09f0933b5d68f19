"""Hostile plan shapes: does a build of any plan under S MB end within T seconds and M MB?

    python bench/hostile.py                              # every shape at 1, 5 and 20 MB
    python bench/hostile.py --sizes 1 5 --shapes deep-json,enum
    python bench/hostile.py --repeat 3 --timeout 300     # runs per row (median seconds, max memory)
    python bench/hostile.py --list                       # the shapes and what each one is
    python bench/hostile.py --write enum 5 /tmp/enum.yaml   # just write one plan (size in MB)

Each shape is a plan generator that fills a given number of bytes (MB here is 2**20
bytes, as trackgen's own 64 MB input limit) with one kind of hostility: very many of
something, something very deep, something very long. Every plan is built by
``trackgen build --plan P --python-out o/pk --typescript-out o/ts`` in a fresh
process and a fresh folder, with bytecode caching on (``PYTHONDONTWRITEBYTECODE`` is
removed; one warm-up build fills the cache), and measured from outside:

- ``s``: wall time of the process, start-up included;
- ``peak MB``: peak RSS of the largest process of the build (``wait4``'s
  ``ru_maxrss``: the build process and the processes it forks per target);
- ``tree MB``: peak of the summed PSS of the whole process tree, sampled every 50 ms
  (what the build costs the machine; the forked targets share pages with their parent,
  so adding their RSS would count those pages twice);
- ``exit``: the exit code, ``timeout`` past ``--timeout`` (killed), ``mem`` when the
  tree passed ``--max-mb`` (killed, to protect the machine), ``sigN`` if a signal ended it;
- ``result``: ``built``, ``plan error`` (exit 1 with diagnostics), ``traceback: X``
  when stderr holds a Python traceback (exception ``X``), ``no output`` for exit 0
  without files.

Plans are generated in a separate process (``--write``): on Linux a process's peak RSS
starts at the peak of the process that forked it, so this one must stay small.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
MB = 2**20
DEFAULT_SIZES = (1.0, 5.0, 20.0)
SEED = 20240611

sys.path.insert(0, str(HERE))
import synth  # noqa: E402  (bench/synth.py)


def _trackgen() -> str:
    venv = ROOT / ".venv" / "bin" / "trackgen"
    return str(venv) if venv.exists() else (shutil.which("trackgen") or "trackgen")


# -- text helpers -----------------------------------------------------------------------


def _yaml(data: Any) -> str:
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100)


def _json(data: Any) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _words(n_bytes: int, sep: str, case: Callable[[str], str], seed: int = SEED) -> str:
    """About ``n_bytes`` of words from the synthetic plan's vocabulary."""
    rng = random.Random(seed)
    vocab = [case(w) for w in synth.NOUNS + tuple(v.lower() for v in synth.VERBS)]
    out: list[str] = []
    size = 0
    while size < n_bytes:
        w = rng.choice(vocab)
        out.append(w)
        size += len(w) + len(sep)
    return sep.join(out)[:n_bytes].rstrip(sep + " ")


def _head(name: str) -> str:
    return f"trackgen: 1\nname: {name}\n"


def _fit(make: Callable[[int], str], size: int, start: int = 8, power: float = 1.0, base: bool = True) -> str:
    """``make(n)`` for the ``n`` whose text is closest to ``size`` bytes (text grows like
    ``n ** power``, plus ``make(0)`` when ``base``); a few rounds of extrapolation from a
    small ``n``."""
    n = start
    text = make(n)
    for _ in range(6):
        length = len(text.encode("utf-8"))
        if abs(length - size) <= size * 0.01:
            break
        overhead = len(make(0).encode("utf-8")) if power == 1.0 and base else 0
        grow = max(length - overhead, 1)
        n_new = max(0, int(n * ((size - overhead) / grow) ** (1 / power)))
        if n_new == n:
            break
        n = n_new
        text = make(n)
    return text


# -- JSON Schema (Segment exports) from synthetic properties ----------------------------


def _to_json_schema(schema: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in schema.items() if k not in ("required", "nullable")}
    if schema.get("nullable") and isinstance(out.get("type"), str):
        out["type"] = [out["type"], "null"]
    if "items" in out:
        out["items"] = _to_json_schema(out["items"])
    if "properties" in out:
        out.update(_json_object(out["properties"]))
    return out


def _json_object(props: dict[str, Any]) -> dict[str, Any]:
    converted = {name: _to_json_schema(s) for name, s in props.items()}
    required = [name for name, s in props.items() if s.get("required")]
    return {"type": "object", "properties": converted, **({"required": required} if required else {})}


# -- the shapes -------------------------------------------------------------------------


def events_yaml(size: int) -> str:
    return _fit(lambda n: _yaml(synth.synth_plan(n)), size, start=50)


def events_json(size: int) -> str:
    return _fit(lambda n: _json(synth.synth_plan(n)), size, start=50)


def wide(size: int) -> str:
    return _fit(lambda n: _yaml(synth.wide_plan(n)), size, start=200)


def traits(size: int) -> str:
    def make(n: int) -> str:
        props = synth.wide_plan(n)["events"][0]["properties"]
        props = {f"trait_{name}": s for name, s in props.items()}
        return _yaml({"trackgen": 1, "name": "Traits", "identify": {"description": "Who the user is.", "traits": props}})

    return _fit(make, size, start=200)


def enum(size: int) -> str:
    head = _head("Enum") + "events:\n  - name: Option Selected\n    properties:\n      choice:\n        required: true\n        enum:\n"
    return _fit(lambda n: head + "".join(f"          - option_{i}\n" for i in range(n)), size, start=100)


def anyof(size: int) -> str:
    head = _head("Union") + "events:\n  - name: Shape Chosen\n    properties:\n      shape:\n        anyOf:\n"

    def make(n: int) -> str:
        member = "          - {{type: object, properties: {{k{i}_a: {{type: string, required: true}}, k{i}_b: {{type: integer}}}}}}\n"
        return head + "".join(member.format(i=i) for i in range(n))

    return _fit(make, size, start=100)


_DEEP_EVENT = "events:\n  - name: Deep Nested\n    properties:\n      p: "


def deep_json(size: int) -> str:
    def make(d: int) -> str:
        return (
            '{"trackgen": 1, "name": "Deep", "events": [{"name": "Deep Nested", "properties": {"p": '
            + '{"type": "object", "properties": {"p": ' * d
            + '{"type": "string"}'
            + "}}" * d
            + "}}]}\n"
        )

    return _fit(make, size, start=100)


def deep_flow(size: int) -> str:
    def make(d: int) -> str:
        return _head("Deep") + _DEEP_EVENT + "{type: object, properties: {p: " * d + "{type: string}" + "}}" * d + "\n"

    return _fit(make, size, start=100)


def deep_block(size: int) -> str:
    def make(d: int) -> str:
        lines = [_head("Deep") + "events:\n  - name: Deep Nested\n    properties:\n"]
        indent = 6
        for _ in range(d):
            pad = " " * indent
            lines.append(f"{pad}p:\n{pad}  type: object\n{pad}  properties:\n")
            indent += 4
        lines.append(f"{' ' * indent}p:\n{' ' * indent}  type: string\n")
        return "".join(lines)

    return _fit(make, size, start=100, power=2.0)


#: The deepest nesting of objects that builds (deeper ones fail; see bench/README.md).
DEEPEST_OBJECT = 150


def deep_many(size: int) -> str:
    """Events that each hold objects nested DEEPEST_OBJECT levels deep: the deepest
    plan that builds, repeated up to the size."""
    nested = "{type: object, properties: {p: " * DEEPEST_OBJECT + "{type: string}" + "}}" * DEEPEST_OBJECT

    def make(n: int) -> str:
        out = [_head("Deep"), "events:\n"]
        out.extend(f"  - name: Deep {i} Viewed\n    properties:\n      p: {nested}\n" for i in range(n))
        return "".join(out)

    return _fit(make, size, start=4)


def deep_items(size: int) -> str:
    def make(d: int) -> str:
        return _head("Deep") + _DEEP_EVENT + "{type: array, items: " * d + "{type: string}" + "}" * d + "\n"

    return _fit(make, size, start=100)


def deep_metadata(size: int) -> str:
    def make(d: int) -> str:
        return _head("Deep") + "events:\n  - name: Deep Nested\n    metadata: {m: " + "[" * d + "]" * d + "}\n"

    return _fit(make, size, start=100)


def deep_pattern(size: int) -> str:
    def make(d: int) -> str:
        return _head("Deep") + _DEEP_EVENT + "{type: string, pattern: '" + "(" * d + "a" + ")" * d + "'}\n"

    return _fit(make, size, start=100)


def _one_event(name: str, description: str = "An event.", prop: str = "value", prop_schema: str = "{type: string}") -> str:
    return (
        _head("Long")
        + f"events:\n  - name: {json.dumps(name)}\n    description: {json.dumps(description)}\n"
        + f"    properties:\n      {json.dumps(prop)}: {prop_schema}\n"
    )


def long_event_name(size: int) -> str:
    return _one_event(_words(size, " ", str.capitalize))


def long_property_name(size: int) -> str:
    # JSON: YAML limits an implicit key to 1,024 characters.
    prop = _words(size, "_", str.lower)
    event = {"name": "Form Submitted", "description": "An event.", "properties": {prop: {"type": "string"}}}
    return _json({"trackgen": 1, "name": "Long", "events": [event]})


def long_description(size: int) -> str:
    return _one_event("Form Submitted", description=_words(size, " ", str.lower))


def long_enum_value(size: int) -> str:
    value = json.dumps(_words(size, " ", str.lower))
    return _one_event("Option Selected", prop="choice", prop_schema=f"{{enum: [{value}, short]}}")


def defs_chains(size: int) -> str:
    """Chains of 32 definitions (the deepest allowed), each using the next one twice
    (2**31 paths per chain), one event per chain and one event using every chain."""

    def make(k: int) -> str:
        out = [_head("Chains"), "$defs:\n"]
        for c in range(k):
            for i in range(31):
                nxt = f'"#/$defs/c{c}_{i + 1}"'
                out.append(f"  c{c}_{i}: {{type: object, properties: {{a: {{$ref: {nxt}}}, b: {{$ref: {nxt}}}}}}}\n")
            out.append(f"  c{c}_31: {{type: string}}\n")
        out.append("events:\n")
        for c in range(k):
            out.append(f'  - {{name: Chain {c} Viewed, properties: {{root: {{$ref: "#/$defs/c{c}_0"}}}}}}\n')
        out.append("  - name: Everything Viewed\n    properties:\n")
        out.extend(f'      c{c}: {{$ref: "#/$defs/c{c}_0"}}\n' for c in range(k))
        return "".join(out)

    return _fit(make, size, start=4)


def defs_fanout(size: int) -> str:
    """32 layers of W definitions; each definition uses 16 of the next layer (16**31
    paths), each of W events uses 16 of the first layer."""
    layers, fan = 32, 16

    def make(w: int) -> str:
        w = max(w, fan)
        out = [_head("Fan-out"), "$defs:\n"]
        for layer in range(layers):
            for i in range(w):
                if layer == layers - 1:
                    out.append(f"  f{layer}_{i}: {{type: string}}\n")
                    continue
                refs = ", ".join(f'r{j}: {{$ref: "#/$defs/f{layer + 1}_{(i + j) % w}"}}' for j in range(fan))
                out.append(f"  f{layer}_{i}: {{type: object, properties: {{{refs}}}}}\n")
        out.append("events:\n")
        for i in range(w):
            refs = ", ".join(f'r{j}: {{$ref: "#/$defs/f0_{(i + j) % w}"}}' for j in range(fan))
            out.append(f"  - {{name: Fan {i} Viewed, properties: {{{refs}}}}}\n")
        return "".join(out)

    return _fit(make, size, start=16, base=False)


def defs_overlimit(size: int) -> str:
    """One chain of definitions as long as the size allows: past the 32 allowed, an error."""

    def make(n: int) -> str:
        out = [_head("Long chain"), "events:\n"]
        out.append('  - {name: Chain Viewed, properties: {root: {$ref: "#/$defs/d0"}}}\n')
        out.append(f'  - {{name: Middle Viewed, properties: {{root: {{$ref: "#/$defs/d{n // 2}"}}}}}}\n')
        out.append("$defs:\n")
        out.extend(f'  d{i}: {{type: object, properties: {{next: {{$ref: "#/$defs/d{i + 1}"}}}}}}\n' for i in range(n))
        out.append(f"  d{n}: {{type: string}}\n")
        return "".join(out)

    return _fit(make, size, start=100)


def _nodes(value: Any) -> int:
    """Nodes as trackgen's alias limit counts them (a mapping or list: 1 + its values)."""
    if isinstance(value, dict):
        return 1 + sum(_nodes(v) for v in value.values())
    if isinstance(value, list):
        return 1 + sum(_nodes(v) for v in value)
    return 1


def anchors(size: int) -> str:
    """Events whose properties are aliases of one anchored mapping (plain ``*p`` and
    ``<<: *p`` merges), expanding to just under the 1,000,000-node limit, then
    synthetic events up to the size."""
    shared: dict[str, Any] = {}
    for event in synth.synth_plan(10)["events"]:
        for name, schema in event["properties"].items():
            shared.setdefault(name, schema)
    budget = 990_000
    n_alias = budget // (_nodes(shared) + 1)
    shared_text = "".join("    " + line + "\n" for line in _yaml(shared).splitlines())
    alias_part = ["- name: Shared Properties Defined\n  properties: &shared\n", shared_text]
    for i in range(n_alias):
        if i % 2:
            alias_part.append(f"- {{name: Alias {i} Viewed, properties: *shared}}\n")
        else:
            alias_part.append(f"- {{name: Merge {i} Viewed, properties: {{<<: *shared, extra_{i}: {{type: string}}}}}}\n")
    alias_text = "".join(alias_part)

    def make(n: int) -> str:
        text = _yaml(synth.synth_plan(n)).replace("events: []\n", "events:\n")
        at = text.index("events:\n") + len("events:\n")
        return text[:at] + alias_text + text[at:]

    return _fit(make, size, start=50)


def _small_plan(name: str) -> str:
    return _head(name) + "events:\n  - name: Page Viewed\n    description: A page was viewed.\n    properties:\n      path: {type: string, required: true}\n"


def comments(size: int) -> str:
    """A small plan in a sea of comments: 80-column comment lines and blank lines, a
    comment line of a quarter of the size, comments between the plan's lines."""
    plan = _small_plan("Comments").splitlines(keepends=True)
    budget = size - sum(map(len, plan))
    long_line = "# " + _words(budget // 4, " ", str.lower) + "\n"
    line = "# " + _words(76, " ", str.lower) + "\n"
    rest = budget - len(long_line)
    per_gap = rest // (len(plan) + 1)
    block = (line * (per_gap // len(line) + 1))[:per_gap].rsplit("\n", 1)[0] + "\n\n"
    return block + "".join(p + block for p in plan) + long_line


def blank(size: int) -> str:
    """A small plan followed by whitespace: lines of spaces and tabs-free blank lines."""
    plan = _small_plan("Blank")
    unit = "".join(" " * (i % 97) + "\n" for i in range(200))
    return plan + (unit * (size // len(unit) + 1))[: size - len(plan)]


def versions(size: int) -> str:
    """One event name in N versions (shuffled), each with the properties of a synthetic event."""

    def make(n: int) -> str:
        events = synth.synth_plan(n)["events"]
        order = list(range(n))
        random.Random(SEED).shuffle(order)
        out = [{"name": "Order Completed", "version": v + 1, "description": e["description"], "properties": e["properties"]} for v, e in zip(order, events)]
        return _yaml({"trackgen": 1, "name": "Versions", "events": out})

    return _fit(make, size, start=50)


_SEPARATORS = (" ", "_", "-", ".", "  ", " - ", "__", "/", ":")
_CASES = (str.capitalize, str.lower, str.upper)
_BASE = ("order", "completed", "by", "the", "customer", "on", "web", "checkout", "page", "today")


def _variant(k: int, words: tuple[str, ...] = _BASE) -> str:
    parts = []
    for i, w in enumerate(words):
        parts.append(_CASES[k % 3](w))
        k //= 3
        if i < len(words) - 1:
            parts.append(_SEPARATORS[k % len(_SEPARATORS)])
            k //= len(_SEPARATORS)
    return "".join(parts)


def collisions(size: int) -> str:
    """N event names that all make the identifier ``order_completed_by_...``, each with
    four properties whose names collide too."""

    def make(n: int) -> str:
        out = [_head("Collisions"), "events:\n"]
        props = ", ".join(f"{json.dumps(_variant(j * 7, ('item', 'count')))}: {{type: integer}}" for j in range(4))
        out.extend(f"  - {{name: {json.dumps(_variant(k))}, properties: {{{props}}}}}\n" for k in range(n))
        return "".join(out)

    return _fit(make, size, start=100)


def _segment_events(n: int) -> list[dict[str, Any]]:
    return synth.synth_plan(n)["events"]


def segment_public(size: int) -> str:
    """A Segment Protocols Public API export (unwrapped, as Typewriter stores it)."""

    def make(n: int) -> str:
        rules = []
        for e in _segment_events(n):
            schema = {
                "$schema": "http://json-schema.org/draft-07/schema#",
                "description": e["description"],
                "eventMetadata": {"name": e["name"], "type": "TRACK"},
                "labels": {},
                **_json_object(e["properties"]),
            }
            rules.append(
                {
                    "createdAt": "2022-07-22T21:58:03.000Z",
                    "deprecatedAt": "0001-01-01T00:00:00.000Z",
                    "jsonSchema": schema,
                    "key": e["name"],
                    "type": "TRACK",
                    "updatedAt": "2022-07-22T21:58:03.000Z",
                    "version": 1,
                }
            )
        return _json({"id": "tp_synthetic", "name": "Synthetic Export", "description": "", "rules": rules})

    return _fit(make, size, start=50)


def segment_config(size: int) -> str:
    """A Segment Protocols Config API export (each event's rules wrap the message)."""

    def make(n: int) -> str:
        events = []
        for e in _segment_events(n):
            rules = {
                "$schema": "http://json-schema.org/draft-07/schema#",
                "labels": {},
                "type": "object",
                "properties": {"context": {}, "traits": {"type": "object"}, "properties": _json_object(e["properties"])},
                "required": ["properties"],
            }
            events.append({"name": e["name"], "description": e["description"], "version": 1, "rules": rules})
        return _json({"display_name": "Synthetic Export", "name": "workspaces/w/tracking-plans/rs_1", "rules": {"events": events}})

    return _fit(make, size, start=50)


#: name -> (file extension, generator, what it is)
SHAPES: dict[str, tuple[str, Callable[[int], str], str]] = {
    "events-yaml": ("yaml", events_yaml, "many small events (synth_plan), YAML"),
    "events-json": ("json", events_json, "many small events (synth_plan), JSON"),
    "wide": ("yaml", wide, "one event with very many properties (synth.wide_plan)"),
    "traits": ("yaml", traits, "identify with very many traits"),
    "enum": ("yaml", enum, "one property with very many enum values"),
    "anyof": ("yaml", anyof, "one property: anyOf of very many objects"),
    "deep-json": ("json", deep_json, "objects nested as deep as the size allows, JSON"),
    "deep-flow": ("yaml", deep_flow, "objects nested as deep as the size allows, YAML flow"),
    "deep-block": ("yaml", deep_block, "objects nested as deep as the size allows, YAML block (indentation grows)"),
    "deep-many": ("yaml", deep_many, f"many events, each with objects nested {DEEPEST_OBJECT} deep"),
    "deep-items": ("yaml", deep_items, "arrays of arrays as deep as the size allows, YAML flow"),
    "deep-metadata": ("yaml", deep_metadata, "nested lists in an event's free-form metadata"),
    "deep-pattern": ("yaml", deep_pattern, "a pattern of nested groups ((((a))))"),
    "long-event-name": ("yaml", long_event_name, "one event name of the whole size"),
    "long-property-name": ("json", long_property_name, "one property name of the whole size"),
    "long-description": ("yaml", long_description, "one description of the whole size"),
    "long-enum-value": ("yaml", long_enum_value, "one enum value of the whole size"),
    "defs-chains": ("yaml", defs_chains, "chains of 32 $defs (the limit), each using the next twice"),
    "defs-fanout": ("yaml", defs_fanout, "32 layers of $defs, each using 16 of the next"),
    "defs-overlimit": ("yaml", defs_overlimit, "one $ref chain as long as the size allows (past the limit)"),
    "anchors": ("yaml", anchors, "aliases expanding to just under 1,000,000 nodes, then events"),
    "comments": ("yaml", comments, "a 5-line plan in comments"),
    "blank": ("yaml", blank, "a 5-line plan and whitespace"),
    "versions": ("yaml", versions, "one event in very many versions"),
    "collisions": ("yaml", collisions, "event and property names that all make one identifier"),
    "segment-public": ("json", segment_public, "Segment Protocols Public API export of many events"),
    "segment-config": ("json", segment_config, "Segment Protocols Config API export of many events"),
}


def write_plan(shape: str, size_mb: float, path: Path) -> Path:
    text = SHAPES[shape][1](int(size_mb * MB))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# -- running one build --------------------------------------------------------------------


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for tid in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{tid}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return out


def _pss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users have cached bytecode
    return env


def run_build(plan: Path, timeout: float, max_mb: float) -> dict[str, Any]:
    """One ``trackgen build`` of ``plan`` in a fresh process and folder, measured."""
    with tempfile.TemporaryDirectory(prefix="trackgen-hostile-") as tmp:
        work = Path(tmp)
        cmd = [_trackgen(), "build", "--plan", str(plan), "--python-out", "o/pk", "--typescript-out", "o/ts"]
        with open(work / "stdout", "wb") as out, open(work / "stderr", "wb") as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, cwd=work, stdout=out, stderr=err, env=_env(), start_new_session=True)
            tree_kb, killed, status, usage = 0, "", 0, None
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                tree_kb = max(tree_kb, sum(_pss_kb(p) for p in _tree(proc.pid)))
                elapsed = time.perf_counter() - start
                if not killed and (elapsed > timeout or tree_kb > max_mb * 1024):
                    killed = "timeout" if elapsed > timeout else "mem"
                    os.killpg(proc.pid, signal.SIGKILL)  # the build's own process group
                time.sleep(0.05)
            wall = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
        stderr = (work / "stderr").read_bytes().decode("utf-8", "replace")
        files, out_bytes = 0, 0
        for folder, _, names in os.walk(work / "o"):
            for name in names:
                files += 1
                out_bytes += os.path.getsize(os.path.join(folder, name))
    code = proc.returncode
    exit_ = killed or (f"sig{-code}" if code < 0 else str(code))
    lines = stderr.splitlines()
    if "Traceback (most recent call last)" in stderr:
        last = next((line for line in reversed(lines) if line and not line.startswith(" ")), "")
        result = "traceback: " + last.split(":")[0]
    elif killed:
        result = {"timeout": f"killed after {timeout:g} s", "mem": f"killed past {max_mb:g} MB"}[killed]
    elif code == 0:
        result = "built" if files else "no output"
    elif code == 1:
        result = "plan error"
    else:
        result = f"exit {code}"
    first_error = next((line for line in lines if "error[" in line), "")
    return {
        "seconds": wall,
        "peak_mb": (usage.ru_maxrss / 1024) if usage else 0.0,
        "tree_mb": tree_kb / 1024,
        "exit": exit_,
        "result": result,
        "traceback": "Traceback (most recent call last)" in stderr,
        "stderr_lines": len(lines),
        "stderr_tail": lines[-3:],
        "first_error": first_error[:300],
        "files": files,
        "out_mb": out_bytes / MB,
    }


# -- the table ------------------------------------------------------------------------------


def _row(shape: str, size_mb: float, plan: Path, runs: list[dict[str, Any]]) -> dict[str, Any]:
    first = runs[0]
    return {
        "shape": shape,
        "size_mb": size_mb,
        "plan_mb": plan.stat().st_size / MB,
        "seconds": statistics.median(r["seconds"] for r in runs),
        "seconds_all": [round(r["seconds"], 2) for r in runs],
        "peak_mb": max(r["peak_mb"] for r in runs),
        "tree_mb": max(r["tree_mb"] for r in runs),
        "exit": "/".join(sorted({r["exit"] for r in runs})),
        "result": first["result"],
        "files": first["files"],
        "out_mb": first["out_mb"],
        "first_error": first["first_error"],
        "stderr_tail": first["stderr_tail"],
    }


def _cells(r: dict[str, Any]) -> list[str]:
    runs = "" if len(r["seconds_all"]) < 2 else " (" + ", ".join(f"{s:g}" for s in r["seconds_all"]) + ")"
    return [
        r["shape"],
        f"{r['plan_mb']:.2f}",
        f"{r['seconds']:.2f}{runs}",
        f"{r['peak_mb']:.0f}",
        f"{r['tree_mb']:.0f}",
        r["exit"],
        r["result"],
        f"{r['files']} / {r['out_mb']:.1f}",
    ]


_WIDTHS = (18, 7, 9, 8, 8, 7, 28, 14)


def _line(cells: list[str] | tuple[str, ...], markdown: bool) -> str:
    if markdown:
        return "| " + " | ".join(cells) + " |"
    return "  ".join(c.ljust(w) for c, w in zip(cells, _WIDTHS)).rstrip()


HEADER = ("shape", "plan MB", "s", "peak MB", "tree MB", "exit", "result", "files / MB out")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="Build hostile plan shapes and measure time and memory.")
    parser.add_argument("--sizes", nargs="+", type=float, default=list(DEFAULT_SIZES), help="plan sizes in MB (2**20 bytes)")
    parser.add_argument("--shapes", default="", help="comma-separated shapes (default: all; see --list)")
    parser.add_argument("--repeat", type=int, default=1, help="builds per row: median seconds, largest memory")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a build is killed (default 300)")
    parser.add_argument("--max-mb", type=float, default=8000.0, help="kill a build whose tree passes this many MB (default 8000)")
    parser.add_argument(
        "--all-sizes", action="store_true", help="also build larger sizes of a shape that was killed at a smaller one"
    )
    parser.add_argument("--plans", type=Path, help="folder for the generated plans (kept; default: a temporary folder)")
    parser.add_argument("--json", type=Path, help="also write the rows as JSON to this file")
    parser.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    parser.add_argument("--list", action="store_true", help="list the shapes")
    parser.add_argument("--write", nargs=3, metavar=("SHAPE", "MB", "PATH"), help="only write one plan")
    args = parser.parse_args(argv)
    if args.list:
        for name, (ext, _, what) in SHAPES.items():
            print(f"{name:<20} {ext:<5} {what}")
        return
    if args.write:
        shape, size, path = args.write
        print(write_plan(shape, float(size), Path(path)))
        return
    shapes = [s for s in args.shapes.split(",") if s] or list(SHAPES)
    unknown = [s for s in shapes if s not in SHAPES]
    if unknown:
        parser.error(f"unknown shape(s): {', '.join(unknown)} (see --list)")
    with tempfile.TemporaryDirectory(prefix="trackgen-hostile-plans-") as tmp:
        folder = args.plans or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        warm = folder / "warm-up.yaml"
        warm.write_text(_small_plan("Warm up"), encoding="utf-8")
        run_build(warm, args.timeout, args.max_mb)  # bytecode cache, file system cache
        print(
            f"trackgen build of each plan, {max(1, args.repeat)} run(s) per row, timeout {args.timeout:g} s; "
            f"s: wall time (median); peak MB: largest process; tree MB: the process tree (PSS, sampled)",
            flush=True,
        )
        print(_line(HEADER, args.markdown), flush=True)
        if args.markdown:
            print("|" + "---|" * len(HEADER), flush=True)
        rows = []
        killed_at: dict[str, float] = {}
        for size in sorted(args.sizes):
            for shape in shapes:
                if shape in killed_at and not args.all_sizes:
                    print(f"{shape:<18}  {size:g} MB not built: killed at {killed_at[shape]:g} MB (--all-sizes builds it)", flush=True)
                    continue
                plan = folder / f"{shape}-{size:g}MB.{SHAPES[shape][0]}"
                if not plan.exists():
                    made = subprocess.run([sys.executable, __file__, "--write", shape, str(size), str(plan)], stdout=subprocess.DEVNULL)
                    if made.returncode != 0:
                        print(f"{shape}: the generator failed (exit {made.returncode}); skipped", flush=True)
                        continue
                runs = [run_build(plan, args.timeout, args.max_mb) for _ in range(max(1, args.repeat))]
                row = _row(shape, size, plan, runs)
                rows.append(row)
                if row["exit"] in ("timeout", "mem"):
                    killed_at[shape] = size
                print(_line(_cells(row), args.markdown), flush=True)
                if args.json:
                    args.json.write_text(json.dumps(rows, indent=2) + "\n", encoding="utf-8")
                if not args.plans:
                    plan.unlink()
    worst = sorted(rows, key=lambda r: -r["seconds"])[:5]
    print("\nslowest: " + ", ".join(f"{r['shape']} {r['size_mb']:g} MB {r['seconds']:.1f} s" for r in worst))
    worst = sorted(rows, key=lambda r: -r["tree_mb"])[:5]
    print("largest: " + ", ".join(f"{r['shape']} {r['size_mb']:g} MB {r['tree_mb']:.0f} MB" for r in worst))
    bad = [r for r in rows if r["result"].startswith(("traceback", "killed", "exit", "no output")) or r["exit"].startswith("sig")]
    for r in bad:
        print(f"  {r['shape']} {r['size_mb']:g} MB: {r['result']} (exit {r['exit']}): {' | '.join(r['stderr_tail'])[:300]}")


if __name__ == "__main__":
    main(sys.argv[1:])
