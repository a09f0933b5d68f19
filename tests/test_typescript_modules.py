"""The generated TypeScript works as ES modules and as CommonJS, and its recording
client serves users' own tests."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from conftest import NODE_MODULES, REPO, TSC, write_files
from trackgen import GenerateOptions, generate, load_plan
from trackgen.api import TypeScriptOptions

PLAN = REPO / "examples" / "b2b-saas" / "plan.yaml"

ESM_DRIVER = """
import { RecordingAnalytics, configure, trackWorkspaceCreated, withAnalytics } from "./ts/index.js";
const main = new RecordingAnalytics();
const other = new RecordingAnalytics();
configure({ analytics: main });
trackWorkspaceCreated({ account_tier: "business" });
withAnalytics(other, () => trackWorkspaceCreated({ account_tier: "free" }));
process.stdout.write(JSON.stringify({ main: main.calls, other: other.calls }));
"""

CJS_DRIVER = ESM_DRIVER.replace(
    'import { RecordingAnalytics, configure, trackWorkspaceCreated, withAnalytics } from "./ts/index.js";',
    'const { RecordingAnalytics, configure, trackWorkspaceCreated, withAnalytics } = require("./ts/index.js");',
)


@pytest.mark.parametrize(
    ("flavour", "module", "resolution", "package_type", "driver", "driver_name"),
    [
        ("esm", "nodenext", "nodenext", "module", ESM_DRIVER, "driver.mjs"),
        ("commonjs", "commonjs", "node10", "commonjs", CJS_DRIVER, "driver.cjs"),
    ],
    ids=["esm", "commonjs"],
)
def test_runs_as(tmp_path: Path, flavour: str, module: str, resolution: str, package_type: str, driver: str, driver_name: str) -> None:
    plan, _ = load_plan(PLAN, "plan.yaml")
    write_files(generate(plan, GenerateOptions(typescript=TypeScriptOptions())), {"typescript": tmp_path / "src" / "ts"})
    (tmp_path / "package.json").write_text(json.dumps({"type": package_type, "private": True}))
    out = tmp_path / "out"
    compiled = subprocess.run(
        ["node", str(TSC["5"]), "--strict", "--target", "es2022", "--module", module, "--moduleResolution", resolution,
         "--types", "node", "--typeRoots", str(NODE_MODULES / "@types"), "--outDir", str(out / "ts"),
         str(tmp_path / "src" / "ts" / "index.ts")],
        capture_output=True, text=True,
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    (out / driver_name).write_text(driver)
    run = subprocess.run(["node", str(out / driver_name)], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    calls = json.loads(run.stdout)
    context = {"protocols": {"event_version": 1}}
    assert calls["main"] == [{"method": "track", "args": ["Workspace Created", {"account_tier": "business"}, {"context": context}]}]
    assert calls["other"] == [{"method": "track", "args": ["Workspace Created", {"account_tier": "free"}, {"context": context}]}]
