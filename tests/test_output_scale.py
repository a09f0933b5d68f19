"""Generated code grows with the plan, not with its square: shapes found by
bench/hostile.py whose output did (sizes, not times, so the tests are exact)."""

from __future__ import annotations

from trackgen import GenerateOptions, generate
from trackgen.api import PythonOptions, TypeScriptOptions, load_plan_text


def _union_plan(members: int) -> str:
    rows = "".join(
        f"          - {{type: object, properties: {{k{i}_a: {{type: string, required: true}}, k{i}_b: {{type: integer}}}}}}\n"
        for i in range(members)
    )
    return f"trackgen: 1\nname: U\nevents:\n  - name: Shape Chosen\n    properties:\n      shape:\n        anyOf:\n{rows}"


def _sizes(text: str) -> dict[str, int]:
    plan, _ = load_plan_text(text, "plan.yaml")
    files = generate(plan, GenerateOptions(python=PythonOptions(), typescript=TypeScriptOptions()))
    sizes = {"python": 0, "typescript": 0}
    for f in files:
        sizes[f.target] += len(f.content)
    return sizes


def test_a_union_of_many_objects_is_linear_in_both_targets() -> None:
    """Each member of an exclusive union listed every other member's keys as
    ``key?: never``: 990 members made 47 MB of TypeScript; past 64 such keys the union
    is written ``ExclusiveUnion<A | B | ...>`` (tests/typing checks what it refuses)."""
    small, large = _sizes(_union_plan(100)), _sizes(_union_plan(400))
    for target in ("python", "typescript"):
        # Four times the members: four times the code, plus what every build has.
        assert large[target] < 4.5 * small[target], (target, small[target], large[target])


def test_a_small_union_spells_out_the_keys_it_refuses() -> None:
    plan, _ = load_plan_text(_union_plan(2), "plan.yaml")
    [calls] = [f for f in generate(plan, GenerateOptions(typescript=TypeScriptOptions())) if f.path == "events/calls.ts"]
    assert "readonly k1_a?: never; readonly k1_b?: never" in calls.content
    assert "ExclusiveUnion" not in calls.content
