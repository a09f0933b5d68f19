"""trackgen against Segment Typewriter 9.2.0 on the same Segment plan, in one run.

    python bench/typewriter.py                 # 1,000 and 5,000 events, 3 runs each (median)
    python bench/typewriter.py 1000 --repeat 5

The plan is the synthetic plan of bench/synth.py as a Segment Protocols Public API
export (the file Typewriter keeps as ``plan.json``; trackgen imports the same file).
Every build is a fresh process in a fresh folder, timed from outside (wall time,
start-up included), the median of ``--repeat`` runs after one warm-up:

- ``trackgen``: ``trackgen build`` of Python and TypeScript, the cache off;
- ``trackgen ts``: TypeScript only, what Typewriter makes (Typewriter has no Python
  and makes track calls only: the ratio to compare is this one);
- ``cached``: the same Python and TypeScript build run again with nothing changed;
- ``typewriter``: ``typewriter build`` (Typewriter 9.2.0 from package.json), offline:
  bench/typewriter_offline.cjs turns its telemetry off and refuses any connection, and
  the run fails if it tried one. stdin is /dev/null (Typewriter reads a token from a
  pipe) and HOME a temporary folder (no stored token is used).

Without Typewriter in node_modules, its column says so and the rest still runs.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
import hostile  # noqa: E402  (bench/hostile.py: the Segment export shape)

TYPEWRITER = ROOT / "node_modules" / "typewriter" / "bin" / "run"
OFFLINE = HERE / "typewriter_offline.cjs"
CONFIG = """client:
  language: typescript
  sdk: analytics-js
trackingPlans:
  - id: tp_synthetic
    workspaceSlug: bench
    path: ./plan
"""


def export(n: int) -> str:
    """n synthetic events as the Public API export Typewriter stores."""
    rules = []
    for e in hostile._segment_events(n):
        schema = {
            "$schema": "http://json-schema.org/draft-07/schema#",
            "description": e["description"],
            "eventMetadata": {"name": e["name"], "type": "TRACK"},
            "labels": {},
            **hostile._json_object(e["properties"]),
        }
        rules.append({"createdAt": "2022-07-22T21:58:03.000Z", "jsonSchema": schema, "key": e["name"], "type": "TRACK", "version": 1})
    return json.dumps({"id": "tp_synthetic", "name": "Synthetic Export", "description": "", "rules": rules}, indent=2) + "\n"


def _trackgen() -> str:
    venv = ROOT / ".venv" / "bin" / "trackgen"
    return str(venv) if venv.exists() else (shutil.which("trackgen") or "trackgen")


def _timed(cmd: list[str], cwd: Path, env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=900)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
    return elapsed


def _median(runs: int, once: Callable[[], float]) -> float:
    once()  # warm-up: bytecode, file system cache
    return statistics.median(once() for _ in range(runs))


def measure(n: int, repeat: int) -> dict[str, float | int | str]:
    work = Path(tempfile.mkdtemp(prefix=f"trackgen-vs-typewriter-{n}-"))
    try:
        (work / "plan").mkdir()
        (work / "plan" / "plan.json").write_text(export(n), encoding="utf-8")
        (work / "typewriter.yml").write_text(CONFIG, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        cold = {**env, "TRACKGEN_NO_CACHE": "1"}
        tg = [_trackgen(), "build", "--plan", "plan/plan.json"]

        def fresh(args: list[str], environment: dict[str, str]) -> float:
            shutil.rmtree(work / "out", ignore_errors=True)
            return _timed(tg + args, work, environment)

        both = ["--python-out", "out/py/synth", "--typescript-out", "out/ts"]
        row: dict[str, float | int | str] = {"events": n}
        row["trackgen"] = _median(repeat, lambda: fresh(both, cold))
        row["trackgen ts"] = _median(repeat, lambda: fresh(["--typescript-out", "out/ts"], cold))
        cached_env = {**env, "TRACKGEN_CACHE_DIR": str(work / "cache")}
        fresh(both, cached_env)
        row["cached"] = _median(repeat, lambda: _timed(tg + both, work, cached_env))
        if not TYPEWRITER.exists():
            row["typewriter"] = "not installed"
            return row
        log = work / "net.log"
        tw_env = {**env, "HOME": str(work / "home"), "TRACKGEN_BENCH_NET_LOG": str(log)}
        (work / "home").mkdir()
        node = shutil.which("node") or "node"
        row["typewriter"] = _median(repeat, lambda: _timed([node, "--require", str(OFFLINE), str(TYPEWRITER), "build"], work, tw_env))
        if log.exists() and log.read_text().strip():
            raise SystemExit(f"Typewriter tried the network:\n{log.read_text()[:2000]}")
        made = (work / "plan" / "segment.ts").read_text(encoding="utf-8")
        functions = len(re.findall(r"^export function (?!setTypewriterOptions)", made, re.M))
        if functions != n:
            raise SystemExit(f"Typewriter made {functions} track functions for {n} events")
        return row
    finally:
        shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description="trackgen and Segment Typewriter 9.2.0 on one Segment plan.")
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 5000], help="events (default 1000 5000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement (median; default 3)")
    args = parser.parse_args(argv)
    print("events  trackgen s  trackgen ts s  cached s  typewriter s  ratio (ts)  ratio (py+ts)", flush=True)
    for n in args.sizes:
        r = measure(n, args.repeat)
        tw = r["typewriter"]
        if isinstance(tw, str):
            print(f"{n:>6}  {r['trackgen']:>10.2f}  {r['trackgen ts']:>13.2f}  {r['cached']:>8.2f}  {tw}", flush=True)
            continue
        print(
            f"{n:>6}  {r['trackgen']:>10.2f}  {r['trackgen ts']:>13.2f}  {r['cached']:>8.2f}  {tw:>12.2f}"
            f"  {tw / float(r['trackgen ts']):>9.1f}x  {tw / float(r['trackgen']):>12.1f}x",
            flush=True,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
