"""Properties outside the plan, for an open event, go through their own option in
TypeScript (``extraProperties``) as in Python (``extra_properties=``): they reach the
client merged under the plan's properties (the plan's keys win), and never as an
option of the SDK. ``RecordingAnalytics.tracked(event)`` shows them as sent."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, TSC, TSC_FLAGS, write_files
from trackgen import GenerateOptions, generate, load_plan
from trackgen.api import TypeScriptOptions

PLAN = REPO / "tests" / "typing" / "plan.yaml"
DRIVER = """
import { RecordingAnalytics, configure, trackSeatsChanged } from "./ts/index.js";
const recorder = new RecordingAnalytics();
configure({ analytics: recorder });
trackSeatsChanged({ seat_count: 3 }, { anonymousId: "a-1", extraProperties: { seats: 4, seat_count: 9, "odd key": [1] } });
trackSeatsChanged({ seat_count: 5 }, { anonymousId: "a-1" });
console.log(JSON.stringify(recorder.calls.map((c) => c.args)));
console.log(JSON.stringify(recorder.tracked("Seats Changed")));
"""


@pytest.mark.parametrize("sdk", ["analytics-next", "analytics-node"])
def test_extra_properties_reach_the_client_under_the_plans(sdk: str, tmp_path: Path) -> None:
    plan, _ = load_plan(PLAN, "plan.yaml")
    files = generate(plan, GenerateOptions(typescript=TypeScriptOptions(sdk=sdk, validation="raise")))  # type: ignore[arg-type]
    write_files(files, {"typescript": tmp_path / "ts"})
    (tmp_path / "package.json").write_text('{"type": "module", "private": true}\n')
    flags = [f for f in TSC_FLAGS if f != "--noEmit"]
    compiled = subprocess.run(
        ["node", str(TSC["5"]), *flags, str(tmp_path / "ts" / "index.ts")], cwd=tmp_path, capture_output=True, text=True, timeout=300
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (tmp_path / "driver.mjs").write_text(DRIVER, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NODE_OPTIONS")}
    proc = subprocess.run(["node", "driver.mjs"], cwd=tmp_path, capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 0 and proc.stderr == "", proc.stdout + proc.stderr
    calls, tracked = proc.stdout.splitlines()
    first, second = json.loads(calls)
    # The recorder's view by event (typed by TrackedEvents), the same in both flavours.
    assert json.loads(tracked) == [{"seats": 4, "seat_count": 3, "odd key": [1]}, {"seat_count": 5}]
    context = {"protocols": {"event_version": 1}}
    if sdk == "analytics-next":
        assert first == ["Seats Changed", {"seats": 4, "seat_count": 3, "odd key": [1]}, {"anonymousId": "a-1", "context": context}]
        assert second == ["Seats Changed", {"seat_count": 5}, {"anonymousId": "a-1", "context": context}]
    else:
        assert first == [
            {"anonymousId": "a-1", "context": context, "event": "Seats Changed", "properties": {"seats": 4, "seat_count": 3, "odd key": [1]}}
        ]
        assert second == [{"anonymousId": "a-1", "context": context, "event": "Seats Changed", "properties": {"seat_count": 5}}]
