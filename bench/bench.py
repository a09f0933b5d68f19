"""Benchmark full builds of synthetic plans (see bench/README.md).

    python bench/bench.py                  # 100, 1000 and 5000 events, YAML and JSON
    python bench/bench.py 200 2000         # other sizes
    python bench/bench.py --repeat 5       # more runs per measurement (median is shown)
    python bench/bench.py --profile 5000   # cProfile hotspots of one build
    python bench/bench.py --wide 20000     # one event of 20,000 properties (default 50,000; 0: none)
    python bench/bench.py --profile-wide 50000   # cProfile hotspots of the wide build

Each measurement is a fresh Python process that imports trackgen, loads the plan,
lints it, generates Python and TypeScript and writes them into an empty folder, so import
time counts once and peak memory is that of one build. The same process then lints the
plan once more on its own, for the lint's own time.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DEFAULT_SIZES = (100, 1000, 5000)
#: Properties of the one event of the wide plan (``synth.wide_plan``), in YAML.
DEFAULT_WIDE = 50000
FORMATS = ("yaml", "json")
#: Targets on the reference machine, for the whole build (load, generate, write).
TARGETS = {1000: 0.5, 5000: 2.0}


# -- the child: one build, timed -------------------------------------------------------


def child(plan_path: str, out: str, profile: bool) -> None:
    """Run one build and print its measurements as JSON on the last line of stdout."""
    import resource

    t0 = time.perf_counter()
    from trackgen.api import GenerateOptions, PythonOptions, TypeScriptOptions
    from trackgen.build import build_plan
    from trackgen.lint import LintConfig, lint_plan
    from trackgen.plan.load import read_text
    from trackgen.writer import write_outputs

    t_import = time.perf_counter() - t0
    roots = {"python": Path(out) / "analytics", "typescript": Path(out) / "ts"}
    options = GenerateOptions(python=PythonOptions(), typescript=TypeScriptOptions(sdk="analytics-next"))

    models = []

    class Phases:
        """Takes the time when the build moves on from loading (``progress.phase``)."""

        def __init__(self) -> None:
            self.marks: list[float] = []

        @property
        def phase(self) -> str:
            return ""

        @phase.setter
        def phase(self, _: str) -> None:
            self.marks.append(time.perf_counter())

    def build() -> dict[str, Any]:
        # What `trackgen build` does (trackgen.build.build_plan): read and lower the
        # plan, lint it (default rules; in a forked process from the moment the plan
        # model is ready, as the CLI does) and generate both targets (each in a forked
        # process), then write; the cyclic collector off, as the command runs.
        gc.disable()
        phases = Phases()
        t = [time.perf_counter()]
        name = Path(plan_path).name
        text, problems = read_text(Path(plan_path), name)
        assert text is not None, problems
        built = build_plan(text, name, None, LintConfig(), options, phases)
        models.append(built.loaded.model)
        t += [phases.marks[0], time.perf_counter()]
        write_outputs(built.files, roots)
        t.append(time.perf_counter())
        took = [b - a for a, b in zip(t, t[1:])]
        return {
            "load": took[0],
            "generate": took[1],
            "write": took[2],
            "build": t[-1] - t[0],
            "files": len(built.files),
            "bytes": sum(len(f.content.encode("utf-8")) for f in built.files),
        }

    if profile:
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        result = profiler.runcall(build)
        for key, title in (("tottime", "own time"), ("cumulative", "cumulative time")):
            stream = io.StringIO()
            stats = pstats.Stats(profiler, stream=stream)
            stats.strip_dirs().sort_stats(key).print_stats(30)
            print(f"\n=== top 30 by {title} ===")
            print(_trim_stats(stream.getvalue()))
    else:
        result = build()
    result["import"] = t_import
    # KiB on Linux. The build forks one process per target: the largest of them counts too.
    peaks = (resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    result["maxrss_mb"] = max(peaks) / 1024
    # The lint alone, in this process (the build lints while the targets generate in
    # forked processes, so lint+gen does not show it); after the peak memory is read.
    t = time.perf_counter()
    lint_plan(models[0], LintConfig())
    result["lint"] = time.perf_counter() - t
    print(json.dumps(result))


def _trim_stats(text: str) -> str:
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(line for line in lines[start:] if line.strip())


# -- the parent: plans, runs, table ----------------------------------------------------


def child_env() -> dict[str, str]:
    env = dict(os.environ)
    # Real users have cached bytecode; a build must not pay for compiling trackgen.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_child(plan: Path, profile: bool = False) -> tuple[dict[str, Any], float, str]:
    """One build in a fresh process into a fresh folder: (measurements, process wall time, stdout)."""
    with tempfile.TemporaryDirectory(prefix="trackgen-bench-out-") as out:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--child", str(plan), out]
        if profile:
            cmd.append("--child-profile")
        env = child_env()
        if profile:
            env["TRACKGEN_NO_FORK"] = "1"  # cProfile sees one process only
        start = time.perf_counter()
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"build of {plan} failed:\n{proc.stdout}{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1]), wall, proc.stdout


def make_plans(
    sizes: list[int], folder: Path, wide: bool = False, formats: tuple[str, ...] = FORMATS
) -> dict[tuple[int, str], Path]:
    """Write the plans from another process: the build processes are started from this
    one, and on Linux a child's ru_maxrss starts at its parent's peak, so this process
    must stay small. ``wide``: one event of n properties each (``synth.wide_plan``)."""
    stem = "wide" if wide else "plan"
    plans = {(n, fmt): folder / f"{stem}-{n}.{fmt}" for n in sizes for fmt in formats}
    for (n, _), path in plans.items():
        cmd = [sys.executable, str(HERE / "synth.py"), *(["--wide"] if wide else []), str(n), str(path)]
        subprocess.run(cmd, check=True, capture_output=True)
    return plans


Row = tuple[int, str, int, int, int, dict[str, float]]


def measure(plans: dict[tuple[int, str], Path], repeat: int, unit: str) -> list[Row]:
    rows = []
    for (n, fmt), plan in plans.items():
        runs = [run_child(plan) for _ in range(repeat)]
        median = {
            key: statistics.median(r[0][key] for r in runs)
            for key in ("import", "load", "generate", "write", "build", "lint", "maxrss_mb")
        }
        median["process"] = statistics.median(r[1] for r in runs)
        first = runs[0][0]
        rows.append((n, fmt, plan.stat().st_size, first["files"], first["bytes"], median))
        print(f"  {n} {unit}, {fmt}: {median['build']:.3f} s (lint {median['lint']:.3f} s)", file=sys.stderr, flush=True)
    return rows


def benchmark(sizes: list[int], repeat: int, wide: int) -> None:
    with tempfile.TemporaryDirectory(prefix="trackgen-bench-plans-") as tmp:
        plans = make_plans(sizes, Path(tmp)) if sizes else {}
        wide_plans = make_plans([wide], Path(tmp), wide=True, formats=("yaml",)) if wide else {}
        run_child(next(iter(plans.values() or wide_plans.values())))  # warm-up: bytecode cache, file system cache
        rows = measure(plans, repeat, "events")
        wide_rows = measure(wide_plans, repeat, "properties in one event")
    if rows:
        print_table(rows, repeat, "events")
    if wide_rows:
        print_table(wide_rows, repeat, "props")
    print(
        "\nimport: importing trackgen in the build process; process: the build process's wall time, "
        "interpreter start-up included;\nRSS: peak resident memory of the build process; lint: the lint alone, "
        "once more after the build;\nus/event (us/prop): build time per event (per property of the one event "
        "of the wide plan), flat means linear growth."
    )


def print_table(rows: list[Row], repeat: int, unit: str) -> None:
    header = (
        f"{unit:>7} {'fmt':>4} {'plan MB':>7} {'files':>6} {'out MB':>6} | {'build s':>7} "
        f"{'load':>6} {'lint+gen':>8} {'write':>6} | {'lint':>6} | {'import':>6} {'process':>7} "
        f"{'RSS MB':>6} | {'us/' + unit.rstrip('s'):>8} {'target':>7}"
    )
    what = "plan" if unit == "events" else "plan of one event"
    print(f"\n{what}: median of {repeat} run(s) per row; times in seconds; build = load + lint+gen + write")
    print(header)
    print("-" * len(header))
    for n, fmt, plan_size, files, out_bytes, m in rows:
        target = TARGETS.get(n) if unit == "events" else None
        verdict = "" if target is None else ("ok" if m["build"] < target else "MISSED") + f" <{target:g}"
        print(
            f"{n:>7} {fmt:>4} {plan_size / 1e6:>7.2f} {files:>6} {out_bytes / 1e6:>6.1f} | {m['build']:>7.3f} "
            f"{m['load']:>6.3f} {m['generate']:>8.3f} {m['write']:>6.3f} | {m['lint']:>6.3f} | "
            f"{m['import']:>6.3f} {m['process']:>7.3f} {m['maxrss_mb']:>6.0f} | "
            f"{m['build'] / n * 1e6:>8.0f} {verdict:>7}"
        )


def profile(n: int, fmt: str, wide: bool = False) -> None:
    with tempfile.TemporaryDirectory(prefix="trackgen-bench-plans-") as tmp:
        plan = make_plans([n], Path(tmp), wide=wide)[(n, fmt)]
        run_child(plan)  # warm-up
        result, _, out = run_child(plan, profile=True)
    print("\n".join(out.strip().splitlines()[:-1]))
    what = f"one event of {n} properties" if wide else f"{n} events"
    print(
        f"\nprofiled build of {what} ({fmt}): {result['build']:.3f} s under cProfile "
        f"(load {result['load']:.3f}, lint and generate {result['generate']:.3f}, write {result['write']:.3f}; "
        f"one process, no fork); the lint alone, not profiled: {result['lint']:.3f} s"
    )


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child"]:
        child(argv[1], argv[2], "--child-profile" in argv[3:])
        return
    parser = argparse.ArgumentParser(description="Benchmark trackgen builds of synthetic plans.")
    parser.add_argument("sizes", nargs="*", type=int, help=f"numbers of events (default: {DEFAULT_SIZES})")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is shown")
    parser.add_argument("--profile", type=int, metavar="N", help="print cProfile hotspots of a build of N events")
    parser.add_argument(
        "--wide",
        type=int,
        default=DEFAULT_WIDE,
        metavar="N",
        help=f"also a plan of one event with N properties, in YAML (default: {DEFAULT_WIDE}; 0: none)",
    )
    parser.add_argument(
        "--profile-wide", type=int, metavar="N", help="print cProfile hotspots of a build of one event of N properties"
    )
    parser.add_argument("--format", choices=FORMATS, default="yaml", help="plan format for --profile and --profile-wide")
    args = parser.parse_args(argv)
    if args.profile:
        profile(args.profile, args.format)
    elif args.profile_wide:
        profile(args.profile_wide, args.format, wide=True)
    else:
        benchmark(args.sizes or list(DEFAULT_SIZES), max(1, args.repeat), max(0, args.wide))


if __name__ == "__main__":
    main(sys.argv[1:])
