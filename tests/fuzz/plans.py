"""Plans as data trees: dicts, lists and JSON scalars, plus three node types for what
only the text can say (``Pairs`` with a duplicate key, ``Merge`` for YAML's ``<<``,
``Raw`` for a scalar written verbatim). A tree appearing twice (the same object) is
written once with an anchor and then as aliases.

``plans()`` draws plans that are well-formed, hostile only in their strings (and so
mostly build); ``broken_plans()`` mutates them and other seeds into anything.
``expected_calls(tree)`` says what a tree means, for comparison with what was built.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from . import text as tx

REPO = Path(__file__).resolve().parents[2]


@dataclass(eq=False)
class Pairs:
    """A mapping written with its keys in this order, a key possibly twice (an error)."""

    pairs: list[tuple[str, Any]]


@dataclass(eq=False)
class Merge:
    """A mapping that merges ``bases`` (``<<: [...]``) under its own keys."""

    bases: list[dict[str, Any]]
    own: dict[str, Any]


@dataclass(eq=False)
class Raw:
    """A scalar written as it is: ``yaml`` in YAML, ``json`` in JSON. Its value is
    ``value`` when ``known``, else whatever the loader makes of it (or an error)."""

    yaml: str
    json: str
    value: Any = None
    known: bool = False


class Unknown(Exception):
    """The tree's meaning depends on the loader (a ``Raw`` of unknown value)."""


def resolve(node: Any) -> Any:
    """The plain data a tree means (``Pairs`` keep their last value, as JSON parsers do)."""
    if isinstance(node, dict):
        return {k: resolve(v) for k, v in node.items()}
    if isinstance(node, list):
        return [resolve(v) for v in node]
    if isinstance(node, Pairs):
        return {k: resolve(v) for k, v in node.pairs}
    if isinstance(node, Merge):
        # The mapping's own keys, then those of the bases it lacks (the first base
        # that has a key wins), as the loader orders them.
        out: dict[str, Any] = resolve(node.own)
        for base in node.bases:
            for k, v in resolve(base).items():
                out.setdefault(k, v)
        return out
    if isinstance(node, Raw):
        if not node.known:
            raise Unknown(node.yaml)
        return node.value
    return node


def has_duplicate_key(node: Any, seen: set[int] | None = None) -> bool:
    seen = set() if seen is None else seen
    if id(node) in seen:
        return False
    seen.add(id(node))
    if isinstance(node, Pairs):
        # A key that starts with NUL is an error of its own (TG002), duplicated or not.
        keys = [k for k, _ in node.pairs if not (isinstance(k, str) and k.startswith("\0"))]
        return len(set(keys)) != len(keys) or any(has_duplicate_key(v, seen) for _, v in node.pairs)
    if isinstance(node, dict):
        return any(has_duplicate_key(v, seen) for v in node.values())
    if isinstance(node, list):
        return any(has_duplicate_key(v, seen) for v in node)
    if isinstance(node, Merge):
        return any(has_duplicate_key(b, seen) for b in node.bases) or has_duplicate_key(node.own, seen)
    return False


@dataclass(frozen=True)
class ExpectedCall:
    kind: str
    name: str
    properties: tuple[str, ...]
    category: str | None = None


def expected_calls(tree: Any) -> list[ExpectedCall] | None:
    """The calls a well-formed plan tree generates (the newest version of each name),
    sorted; None when the tree's meaning is not known exactly."""
    try:
        return _calls_of(resolve(tree))
    except (Unknown, KeyError, TypeError, AttributeError):  # not a plan trackgen would build
        return None


def _calls_of(plan: Any) -> list[ExpectedCall]:
    out = []
    for key, kind in (("events", "track"), ("pages", "page"), ("screens", "screen")):
        newest: dict[str, dict[str, Any]] = {}
        for entry in plan.get(key) or []:
            name, version = entry["name"], entry.get("version", 1)
            if not isinstance(name, str) or not isinstance(entry.get("category", ""), (str, type(None))):
                raise TypeError(f"not a name: {name!r}")
            if name not in newest or version > newest[name].get("version", 1):
                newest[name] = entry
        for name, entry in newest.items():
            out.append(ExpectedCall(kind, name, _names(entry.get("properties", {})), entry.get("category")))
    for kind in ("identify", "group"):
        if plan.get(kind) is not None:
            out.append(ExpectedCall(kind, kind, _names(plan[kind].get("traits", {}))))
    return sorted(out, key=lambda c: (c.kind, c.name))


def _names(properties: Any) -> tuple[str, ...]:
    """The names of a properties (or traits) mapping; a TypeError for anything else (a
    list of them is a broken plan, whose meaning is not known)."""
    if not isinstance(properties, dict) or not all(isinstance(name, str) for name in properties):
        raise TypeError(f"not a mapping of properties: {properties!r}")
    return tuple(properties)


# --- values ------------------------------------------------------------------------------

_FLOATS = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from([0.0, -0.0, 0.5, 1.0, 1e16, 1e300, -1e300, 5e-324, 2.5e-308, 1.7976931348623157e308]),
)
_INTS = st.one_of(
    st.integers(-(2**63), 2**63),
    st.sampled_from([0, -1, 2**53, 2**53 + 1, 2**64, 10**30, -(10**30), 10**308, 10**309]),
)
#: Integers with more digits than Python converts by default (4,300), as text.
_HUGE_INTS = st.integers(4290, 6000).map(lambda n: Raw("9" * n, "9" * n))


def _key(key: str) -> str:
    """A key of a well-formed plan: not empty, not starting with NUL (both errors)."""
    return "k" + key if not key or key.startswith("\0") else key


def _def_name(name: str) -> str:
    """A definition's name that a $ref can reach (no "/")."""
    return _key(name.replace("/", "|"))


def scalars(surrogates: bool) -> st.SearchStrategy[Any]:
    return st.one_of(
        tx.hostile_text(4, surrogates),
        st.sampled_from(tx.WORDS + ("no", "yes", "on", "off", "y", "n", "null", "true", "~", "1", "0x10", "1e3", "")),
        _INTS,
        _FLOATS,
        st.booleans(),
        st.none(),
    )


def json_values(surrogates: bool) -> st.SearchStrategy[Any]:
    return st.recursive(
        scalars(surrogates),
        lambda inner: st.one_of(
            st.lists(inner, max_size=3), st.dictionaries(tx.hostile_text(2, surrogates), inner, max_size=2)
        ),
        max_leaves=3,
    )


# --- patterns ----------------------------------------------------------------------------

_REGEX_SYNTAX = set("^$\\.*+?()[]{}|/")


def literal_pattern(text: str) -> str:
    """A pattern matching ``text`` literally, escaped only where both Python and
    JavaScript's unicode mode allow (their syntax characters)."""
    return "".join("\\" + c if c in _REGEX_SYNTAX else c for c in text)


_PATTERN_PIECES = (
    "^", "$", ".", "a", "[a-z]", "[^\"']", "[\\-a]", "\\d", "\\w", "\\s", "\\b", "(a|b)", "(?:x)", "a*", "a+",
    "a?", "a{2}", "a{1,3}", "\\.", "\\/", "\\\\", "\\u2028", "\\x41", "\\n", "(?=a)", "(?!a)", "(?<=a)", "\\$",
    "\\{", "\\}", '"""', "*/", "${x}".replace("$", "\\$").replace("{", "\\{").replace("}", "\\}"),
)
#: Patterns Python takes and JavaScript rejects or reads differently: TG106 errors.
_BAD_PATTERNS = ("(?P<y>a)", "(?i)a", "\\A", "a\\-b", "a{", "[[a]", "a++", "(?#c)", "\\Z", "(", "[", "a**", "\\")


def patterns() -> st.SearchStrategy[str]:
    return st.one_of(
        st.lists(st.sampled_from(_PATTERN_PIECES), min_size=1, max_size=5).map("".join),
        tx.hostile_text(3).map(literal_pattern),
        st.sampled_from(_BAD_PATTERNS),
        tx.hostile_text(2),
    )


# --- schemas -------------------------------------------------------------------------------
#
# Drawn procedurally from strategies built once (building strategies for every example
# is what made drawing slow); small choices shrink to the simplest schema, a string.

_FORMATS = ("date-time", "date", "email", "uri", "uuid", "*/", '"""', "${x}")
_TEXT = {s: tx.hostile_text(5, s) for s in (False, True)}
_SHORT_TEXT = {s: tx.hostile_text(2, s) for s in (False, True)}
_NAMES = {s: st.one_of(st.sampled_from(tx.WORDS), tx.hostile_text(4, s), st.sampled_from(tx.PAYLOADS)) for s in (False, True)}
_JSON = {s: json_values(s) for s in (False, True)}
_BOUND = st.one_of(st.integers(-(10**20), 10**20), st.floats(-1e300, 1e300))
_STRING_KEYWORDS = st.fixed_dictionaries(
    {},
    optional={
        "pattern": patterns(),
        "format": st.sampled_from(_FORMATS),
        "minLength": st.integers(0, 3),
        "maxLength": st.integers(3, 10**20),
    },
)
_NUMBER_KEYWORDS = st.fixed_dictionaries(
    {},
    optional={
        "minimum": _BOUND,
        "maximum": _BOUND,
        "exclusiveMinimum": _BOUND,
        "exclusiveMaximum": _BOUND,
        "multipleOf": st.one_of(st.integers(1, 10**6), st.floats(1e-300, 1e6)),
    },
)
_ARRAY_KEYWORDS = st.fixed_dictionaries(
    {}, optional={"minItems": st.integers(0, 2), "maxItems": st.integers(2, 5), "uniqueItems": st.booleans()}
)
_TYPE_LISTS = st.lists(st.sampled_from(["string", "integer", "number", "boolean", "null"]), min_size=1, max_size=3)
_EXTRAS = {
    s: st.fixed_dictionaries(
        {},
        optional={
            "description": _TEXT[s],
            "title": _SHORT_TEXT[s],
            "examples": st.lists(_JSON[s], max_size=1),
            "default": _JSON[s],
            "deprecated": st.booleans(),
            "required": st.booleans(),
            "nullable": st.booleans(),
        },
    )
    for s in (False, True)
}
_SCALAR = {s: scalars(s) for s in (False, True)}


@dataclass(frozen=True)
class Ctx:
    pool: tuple[str, ...]
    defs: tuple[str, ...]
    surrogates: bool


def draw_name(draw: st.DrawFn, ctx: Ctx) -> str:
    """A name: a spelling of one of the pool's (so names collide), or any hostile one."""
    if ctx.pool and draw(st.booleans()):
        base = draw(st.sampled_from(ctx.pool))
        return draw(st.sampled_from([base, *tx.case_variants(base)]))
    return draw(_NAMES[ctx.surrogates])


def _value(draw: st.DrawFn, ctx: Ctx) -> Any:
    pick = draw(st.integers(0, 2))
    if pick == 0:
        return draw_name(draw, ctx)
    if pick == 1:
        return draw(_SCALAR[ctx.surrogates])
    return draw(st.sampled_from(tx.PAYLOADS))


def draw_schema(draw: st.DrawFn, ctx: Ctx, depth: int) -> dict[str, Any]:
    kind = draw(st.integers(0, 18 if depth > 0 else 13))
    schema: dict[str, Any]
    if kind == 0:
        schema = {"type": "string", **draw(_STRING_KEYWORDS)}
    elif kind in (1, 2):
        schema = {"type": "integer" if kind == 1 else "number", **draw(_NUMBER_KEYWORDS)}
    elif kind == 3:
        schema = {"type": "boolean"}
    elif kind == 4:
        schema = {"type": "null"}
    elif kind == 5:
        schema = {"enum": [_value(draw, ctx) for _ in range(draw(st.integers(1, 5)))]}
    elif kind == 6:
        schema = {"type": "string", "enum": [draw_name(draw, ctx) for _ in range(draw(st.integers(1, 4)))]}
    elif kind == 7:
        value = _value(draw, ctx)
        schema = {"const": value if not isinstance(value, float) else int(value)}
    elif kind == 8:
        schema = {"type": draw(_TYPE_LISTS)}
    elif kind == 9:
        schema = {}
    elif kind == 10:
        schema = {"type": "object"}
    elif kind == 11:
        schema = {"type": "object", "additionalProperties": False}
    elif kind == 12:
        schema = {"type": "array", **draw(_ARRAY_KEYWORDS)}
    elif kind == 13:
        schema = {"$ref": "#/$defs/" + draw(st.sampled_from(ctx.defs))} if ctx.defs else {}
    elif kind == 14:
        schema = {"type": "object", "properties": draw_properties(draw, ctx, depth - 1, 2)}
        if draw(st.booleans()):
            schema["additionalProperties"] = draw(st.booleans())
    elif kind == 15:
        schema = {"properties": draw_properties(draw, ctx, depth - 1, 2)}
    elif kind == 16:
        schema = {"type": "array", "items": draw_schema(draw, ctx, depth - 1), **draw(_ARRAY_KEYWORDS)}
    else:
        members = [draw_schema(draw, ctx, depth - 1) for _ in range(draw(st.integers(1, 2)))]
        schema = {"anyOf" if kind == 17 else "oneOf": members}
    if draw(st.integers(0, 2)) == 2:  # most schemas have no description or flags
        schema.update(draw(_EXTRAS[ctx.surrogates]))
    return schema


def draw_properties(draw: st.DrawFn, ctx: Ctx, depth: int, max_size: int) -> dict[str, Any]:
    return {_key(draw_name(draw, ctx)): draw_schema(draw, ctx, depth) for _ in range(draw(st.integers(0, max_size)))}


# --- plans -----------------------------------------------------------------------------------

_LINT = st.fixed_dictionaries(
    {"ignore": st.lists(st.sampled_from(["TG401", "TG403", "TG417", "TG999", "x"]), max_size=2)},
    optional={"reason": _SHORT_TEXT[False]},
)


def _call(draw: st.DrawFn, ctx: Ctx, view: bool) -> dict[str, Any]:
    s = ctx.surrogates
    call: dict[str, Any] = {"name": _key(draw_name(draw, ctx))}
    optional: dict[str, Any] = {
        "description": lambda: draw(_TEXT[s]),
        "version": lambda: draw(st.integers(1, 3)),
        "properties": lambda: draw_properties(draw, ctx, 2, 4),
        "additionalProperties": lambda: draw(st.booleans()),
        "deprecated": lambda: draw(st.booleans()),
        "owner": lambda: draw(_SHORT_TEXT[s]),
        "metadata": lambda: {_key(draw(_SHORT_TEXT[s])): draw(_JSON[s])},
        "lint": lambda: draw(_LINT),
    }
    if view:
        optional["category"] = lambda: draw(st.one_of(_SHORT_TEXT[s], st.none()))
    for key, make in optional.items():
        if draw(st.integers(0, 2)) == 0 if key not in ("properties", "description") else draw(st.booleans()):
            call[key] = make()
    return call


@st.composite
def plans(draw: st.DrawFn, surrogates: bool = False, share: bool = True) -> dict[str, Any]:
    """A well-formed plan whose strings are hostile; ``share`` reuses subtrees (aliases)."""
    pool = tuple(draw(tx.name_pool()))
    base = Ctx(pool, (), surrogates)
    def_names = tuple(dict.fromkeys(_def_name(draw_name(draw, base)) for _ in range(draw(st.integers(0, 3)))))
    defs: dict[str, Any] = {}
    # A definition refers only to those after it: no cycles.
    for i, d in enumerate(def_names):
        defs[d] = draw_schema(draw, Ctx(pool, def_names[i + 1 :], surrogates), 1)
    ctx = Ctx(pool, def_names, surrogates)
    plan: dict[str, Any] = {"name": _key(draw_name(draw, ctx))}
    if draw(st.booleans()):
        plan["trackgen"] = 1
    if draw(st.booleans()):
        plan["description"] = draw(tx.hostile_text(8, surrogates))
    for key, most in (("events", 3), ("pages", 2), ("screens", 2)):
        if draw(st.booleans()):
            plan[key] = [_call(draw, ctx, key != "events") for _ in range(draw(st.integers(0, most)))]
    for key in ("identify", "group"):
        if draw(st.booleans()):
            traits: dict[str, Any] = {"traits": draw_properties(draw, ctx, 2, 4)}
            if draw(st.booleans()):
                traits["description"] = draw(_TEXT[surrogates])
            if draw(st.booleans()):
                traits["additionalProperties"] = draw(st.booleans())
            plan[key] = traits
    if defs:
        plan["$defs"] = defs
    if share and draw(st.booleans()):
        _share(plan, draw(st.randoms(use_true_random=False)))
    return plan


def _schema_slots(plan: dict[str, Any]) -> list[tuple[dict[str, Any], str]]:
    """(mapping, key) of every property schema of the plan's calls."""
    slots = []
    for key in ("events", "pages", "screens"):
        for entry in plan.get(key, []):
            for name in entry.get("properties", {}):
                slots.append((entry["properties"], name))
    for key in ("identify", "group"):
        if key in plan:
            for name in plan[key]["traits"]:
                slots.append((plan[key]["traits"], name))
    return slots


def _share(plan: dict[str, Any], rnd: random.Random) -> None:
    """Reuse one property schema in other places (YAML writes anchors and aliases), or
    merge it into another one (``<<``)."""
    slots = _schema_slots(plan)
    if len(slots) < 2:
        return
    (src_map, src_key), *others = rnd.sample(slots, k=min(len(slots), 3))
    source = src_map[src_key]
    if not isinstance(source, dict):
        return
    for target_map, target_key in others:
        target = target_map[target_key]
        if rnd.random() < 0.5 or not isinstance(target, dict):
            target_map[target_key] = source
        else:
            # Only keys that keep the schema well-formed: description and flags.
            own = {k: v for k, v in target.items() if k in ("description", "title", "required", "deprecated")}
            base = {k: v for k, v in source.items()}
            target_map[target_key] = Merge([base], own)


# --- broken plans ----------------------------------------------------------------------------

_UNKNOWN_KEYS = (
    "enm", "Type", "requried", "propertie", "properties ", " name", "$ref ", "allOf", "not", "if", "then", "else",
    "patternProperties", "propertyNames", "dependentRequired", "prefixItems", "contains", "$id", "$schema",
    "definitions", "__proto__", "constructor", "\0loc", "\0values", "\0invalid", "loc", "value_locs", "ref",
) + tx.WORDS[:20]

_RAW = (
    Raw(".inf", "Infinity"), Raw("-.inf", "-Infinity"), Raw(".nan", "NaN"), Raw("1e400", "1e400"),
    Raw("-1e400", "-1e400"), Raw("!!binary aGVsbG8=", '"aGVsbG8="'), Raw("!!python/name:os.system", '"x"'),
    Raw("!!python/object/apply:os.system ['true']", '"x"'), Raw("!!set {a, b}", '["a", "b"]'),
    Raw("!!timestamp 2001-12-14", '"2001-12-14"'), Raw("2001-12-14", '"2001-12-14"', "2001-12-14", True),
    Raw("0o17", "15", 15, True), Raw("0x1F", "31", 31, True), Raw("1_000", '"1_000"', "1_000", True),
    Raw("+5", "5", 5, True), Raw("!!str 5", '"5"', "5", True), Raw("!!int '5'", "5"), Raw("! x", '"x"', "x", True),
    Raw("&anchor x", '"x"', "x", True), Raw("*nowhere", "null"), Raw("? a", '"a"'), Raw("<<", '"<<"', "<<", True),
    Raw("0x" + "f" * 300, "1" + "0" * 400), Raw("1" + "0" * 400, "1" + "0" * 400),
    Raw("-" + "9" * 5000, "-" + "9" * 5000), Raw("0." + "0" * 400 + "1", "0." + "0" * 400 + "1"),
    Raw("1e-400", "1e-400"), Raw("'\\x00'", '"\\u0000"'), Raw('"\\ud800"', '"\\ud800"'),
    Raw('"\\U0010FFFF"', '"\\udbff\\udfff"'), Raw('"\\uDFFF\\uD800"', '"\\udfff\\ud800"'),
    Raw('"\\N\\_\\L\\P"', '"\\u0085\\u00a0\\u2028\\u2029"', "\x85\xa0\u2028\u2029", True),
)


def _nested(depth: int, kind: str) -> Raw:
    """A schema nested ``depth`` levels deep (objects, arrays, anyOf or lists), as text
    (flow YAML is JSON): the helpers here need not recurse that deep."""
    opening, closing = {
        "object": ('{"type": "object", "properties": {"p": ', "}}"),
        "array": ('{"type": "array", "items": ', "}"),
        "anyOf": ('{"anyOf": [', "]}"),
        "list": ("[", "]"),
    }[kind]
    text = opening * depth + '{"type": "string"}' + closing * depth
    return Raw(text, text)


def _containers(node: Any, out: list[Any], seen: set[int]) -> list[Any]:
    if id(node) in seen:
        return out
    seen.add(id(node))
    if isinstance(node, (dict, list)):
        out.append(node)
        for v in node.values() if isinstance(node, dict) else node:
            _containers(v, out, seen)
    elif isinstance(node, Merge):
        _containers(node.own, out, seen)
    return out


def _any_value(rnd: random.Random, draw: st.DrawFn, surrogates: bool) -> Any:
    pick = rnd.randrange(8)
    if pick == 0:
        return rnd.choice(_RAW)
    if pick == 1:
        return draw(_HUGE_INTS)
    if pick == 2:
        return _nested(rnd.choice([50, 200, 1000, 3000]), rnd.choice(["object", "array", "anyOf", "list"]))
    return draw(json_values(surrogates))


@st.composite
def broken_plans(draw: st.DrawFn, surrogates: bool = False) -> Any:
    """A plan, a seed from the repository or an export, with a few things broken."""
    seed = draw(st.one_of(plans(surrogates), st.sampled_from(range(len(seed_trees()))).map(lambda i: _copy(seed_trees()[i]))))
    rnd = draw(st.randoms(use_true_random=False))
    tree: Any = seed
    for _ in range(draw(st.integers(1, 4))):
        tree = _mutate(tree, rnd, draw, surrogates)
    return tree


def _mutate(tree: Any, rnd: random.Random, draw: st.DrawFn, surrogates: bool) -> Any:
    containers = _containers(tree, [], set())
    if not containers:
        return _any_value(rnd, draw, surrogates)
    node = rnd.choice(containers)
    op = rnd.randrange(7)
    if isinstance(node, list):
        if node and op < 3:
            node[rnd.randrange(len(node))] = _any_value(rnd, draw, surrogates)
        elif node and op < 5:
            node.append(node[rnd.randrange(len(node))])  # the same entry twice
        else:
            node.insert(rnd.randrange(len(node) + 1), _any_value(rnd, draw, surrogates))
        return tree
    keys = list(node)
    if op == 0 and keys:
        node[rnd.choice(keys)] = _any_value(rnd, draw, surrogates)
    elif op == 1:
        node[rnd.choice(_UNKNOWN_KEYS)] = _any_value(rnd, draw, surrogates)
    elif op == 2 and keys:
        del node[rnd.choice(keys)]
    elif op == 3 and keys:
        # A duplicate key: the mapping becomes a Pairs in its parent.
        key = rnd.choice(keys)
        pairs = list(node.items())
        pairs.insert(rnd.randrange(len(pairs) + 1), (key, _any_value(rnd, draw, surrogates)))
        return _replace(tree, node, Pairs(pairs))
    elif op == 4:
        ref = rnd.choice(["#/$defs/", "#/$defs/missing", "#/definitions/a", "#/$defs/a/b", "other.json#/x", "#", "",
                          "#/$defs/a~1b", "#/$defs/%20", "#/$defs/__proto__"])
        node["$ref"] = ref
        if rnd.random() < 0.5:
            defs = tree.setdefault("$defs", {}) if isinstance(tree, dict) else {}
            if isinstance(defs, dict):
                # A definition that reaches itself, directly or through another.
                defs["a"] = {"$ref": "#/$defs/b"} if rnd.random() < 0.5 else {"type": "array", "items": {"$ref": "#/$defs/a"}}
                defs["b"] = {"anyOf": [{"$ref": "#/$defs/a"}]}
    elif op == 5:
        node[rnd.choice(["type", "version", "required", "enum", "properties", "items", "name", "events", "traits"])] = (
            rnd.choice([0, -1, 1.5, "1", "yes", None, [], {}, ["string", "strin"], [[]], 10**30, "object", ""])
        )
    else:
        k = rnd.choice(keys) if keys else "x"
        node[k] = Merge([{"description": "merged", "type": "string"}], {})
    return tree


def _replace(tree: Any, old: Any, new: Any) -> Any:
    if tree is old:
        return new
    for parent in _containers(tree, [], set()):
        items = parent.items() if isinstance(parent, dict) else enumerate(parent)
        for k, v in list(items):
            if v is old:
                parent[k] = new
    return tree


def _copy(tree: Any) -> Any:
    return json.loads(json.dumps(tree))


_SEEDS: list[Any] = []


def seed_trees() -> list[Any]:
    """The repository's own plans and exports, as data (those YAML can read)."""
    if not _SEEDS:
        files = sorted((REPO / "tests" / "golden").glob("*/plan.*")) + sorted((REPO / "tests" / "importers").glob("*.json"))
        files += sorted((REPO / "tests" / "bad_plans").glob("*/plan.*"))
        for path in files:
            try:
                text = path.read_text(encoding="utf-8")
                if "&" in text and "*" in text:
                    continue  # aliases: the alias bomb would expand to gigabytes here
                data = yaml.safe_load(text)
                json.dumps(data, allow_nan=False)
            except Exception:
                continue
            if isinstance(data, (dict, list)):
                _SEEDS.append(data)
    return _SEEDS
