"""The build cache (trackgen.cache, trackgen.entry): a build or check run again with
nothing changed prints what the first run printed, writes nothing and imports none of
the heavy modules; any change to an input, an output, trackgen itself or the command
line takes the long way. Runs the console script, as users do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import REPO
from test_cli import PLAN, counts, run, snapshot

CACHED = "(cached: nothing changed)"
BUILD = ("build", "--plan", "plan.yaml", "--python-out", "out/pk", "--typescript-out", "out/ts")
#: A plan with a lint finding and a load warning, so that both are replayed.
NOISY = PLAN + """\
  - name: order_shipped
    description: An order left the warehouse.
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("TRACKGEN_CACHE_DIR", str(tmp_path / "cache"))
    root = tmp_path / "project"
    root.mkdir()
    (root / "plan.yaml").write_text(NOISY, encoding="utf-8")
    return root


def built(root: Path, *args: str, cached: bool) -> subprocess.CompletedProcess[str]:
    proc = run(*(args or BUILD), cwd=root)
    assert proc.returncode == 0, proc.stderr
    last = proc.stdout.splitlines()[-1]
    assert last.endswith(CACHED) is cached, proc.stdout
    return proc


def test_an_unchanged_rebuild_prints_the_same_and_writes_nothing(project: Path) -> None:
    first = built(project, cached=False)
    before = snapshot(project / "out")
    second = built(project, cached=True)
    assert second.stderr == first.stderr and "TG4" in first.stderr  # lint findings replayed
    assert second.stdout.splitlines()[:-1] == first.stdout.splitlines()[:-1]
    written, _, _ = counts(first.stdout)
    assert counts(second.stdout) == (0, written, 0)
    assert snapshot(project / "out") == before


def heavy_modules(root: Path, *args: str) -> list[str]:
    """The heavy modules a run of the command imported (none, when the cache answered)."""
    probe = (
        "import sys; sys.argv = ['trackgen', *sys.argv[1:]]\n"
        "from trackgen.entry import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in ('pydantic', 'jinja2', 'typer', 'yaml', 'trackgen.api', 'trackgen.cli') if m in sys.modules)\n"
        "print('HEAVY', ','.join(heavy))\n"
    )
    proc = subprocess.run([sys.executable, "-c", probe, *args], cwd=root, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr, proc.stderr
    [line] = [line for line in proc.stdout.splitlines() if line.startswith("HEAVY")]
    return [m for m in line.removeprefix("HEAVY ").split(",") if m]


def test_a_hit_imports_no_plan_model_templates_or_cli(project: Path) -> None:
    assert heavy_modules(project, *BUILD) != []
    assert heavy_modules(project, *BUILD) == []
    check = ("check", *BUILD[1:])
    assert heavy_modules(project, *check) != []
    assert heavy_modules(project, *check) == []


def _edit_plan(root: Path) -> None:
    text = (root / "plan.yaml").read_text()
    (root / "plan.yaml").write_text(text.replace("A customer paid", "A customer has paid"))


def _edit_output(root: Path) -> None:
    path = root / "out" / "pk" / "__init__.py"
    path.write_text(path.read_text() + "# edited\n")


def _delete_output(root: Path) -> None:
    (root / "out" / "ts" / "index.ts").unlink()


def _leftover(root: Path) -> None:
    (root / "out" / ".pk.trackgen-new").mkdir()


def _config_appears(root: Path) -> None:
    # Flags win over the file, but its lint settings count: a new config is an input.
    (root / "trackgen.toml").write_text('[lint]\nfail_on = "error"\n')


@pytest.mark.parametrize(
    "change",
    [_edit_plan, _edit_output, _delete_output, _leftover, _config_appears],
    ids=["plan-edited", "output-edited", "output-deleted", "leftover", "config-appears"],
)
def test_any_change_takes_the_long_way(project: Path, change: object) -> None:
    built(project, cached=False)
    built(project, cached=True)
    assert callable(change)
    change(project)
    after = built(project, cached=False)
    assert "0 written" not in after.stdout or "removed" in after.stdout
    assert not (project / "out" / ".pk.trackgen-new").exists()
    built(project, cached=True)  # and the new state is cached in turn


def test_other_flags_are_another_entry(project: Path) -> None:
    built(project, cached=False)
    built(project, *BUILD, "--validation", "raise", cached=False)
    built(project, cached=False)  # the raise build changed the files
    built(project, cached=True)


def test_an_edited_trackgen_is_another_entry(project: Path) -> None:
    """The key holds the size and time of trackgen's own files (an edited checkout)."""
    built(project, cached=False)
    source = REPO / "codegen" / "version.py"
    st = source.stat()
    try:
        os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))
        built(project, cached=False)
    finally:
        os.utime(source, ns=(st.st_atime_ns, st.st_mtime_ns))
    built(project, cached=True)  # the first entry again


def test_no_cache_flag_and_variable(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built(project, cached=False)
    built(project, *BUILD, "--no-cache", cached=False)
    monkeypatch.setenv("TRACKGEN_NO_CACHE", "1")
    built(project, cached=False)
    monkeypatch.delenv("TRACKGEN_NO_CACHE")
    built(project, cached=True)


def test_a_damaged_or_unwritable_cache_is_a_miss_not_an_error(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    built(project, cached=False)
    [entry] = (tmp_path / "cache").glob("run-*.json")
    for damage in ("{", "[]", json.dumps({"format": 1, "inputs": 3}), json.dumps({"format": 99}), json.dumps({"format": 1, "inputs": {"a": 1}})):
        entry.write_text(damage)
        built(project, cached=False)
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("TRACKGEN_CACHE_DIR", str(blocked / "cache"))
    built(project, cached=False)
    built(project, cached=False)


def test_a_plan_from_a_pipe_is_never_cached(project: Path) -> None:
    fifo = project / "plan.fifo"
    os.mkfifo(fifo)
    text = (project / "plan.yaml").read_bytes()

    def feed() -> None:
        with open(fifo, "wb") as f:
            f.write(text)

    for _ in range(2):
        writer = threading.Thread(target=feed)
        writer.start()
        built(project, "build", "--plan", "plan.fifo", "--python-out", "out/pk", cached=False)
        writer.join(timeout=30)


def test_check_is_cached_once_up_to_date_and_sees_changes(project: Path) -> None:
    check = ("check", *BUILD[1:])
    built(project, cached=False)
    first = run(*check, cwd=project)
    second = run(*check, cwd=project)
    assert (first.returncode, second.returncode) == (0, 0)
    assert second.stderr == first.stderr and "up to date" in second.stderr
    assert heavy_modules(project, *check) == []
    _edit_output(project)
    stale = run(*check, cwd=project)
    assert stale.returncode == 1 and "out of date" in stale.stderr
    assert run(*check, cwd=project).returncode == 1  # a failed check is never cached


def test_an_upgraded_generator_package_is_another_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """black (and datamodel-code-generator, jinja2, ...) decide the output: their
    installed version is in the key, read without importing them."""
    from trackgen import cache

    site = tmp_path / "site"
    (site / "black").mkdir(parents=True)
    (site / "black" / "__init__.py").write_text("")
    (site / "black-26.10.1.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(site))
    before = cache.key("build", ["build"], "/x")
    assert cache.key("build", ["build"], "/x") == before
    (site / "black-26.10.1.dist-info").rename(site / "black-26.11.0.dist-info")
    assert cache.key("build", ["build"], "/x") != before


def test_a_run_with_the_cache_off_works_out_no_key_and_hashes_nothing(project: Path) -> None:
    """TRACKGEN_NO_CACHE=1: neither the key (a walk of trackgen's and its generators'
    files) nor the digests of the inputs and outputs an entry would record."""
    probe = (
        "import sys; sys.argv = ['trackgen', *sys.argv[1:]]\n"
        "from trackgen import cache\n"
        "def refused(*args, **kwargs):\n    raise AssertionError('the cache is off')\n"
        "cache.key = cache.digest = cache.record_outputs = refused\n"
        "from trackgen.entry import main\n"
        "main()\n"
    )
    env = {**os.environ, "TRACKGEN_NO_CACHE": "1"}
    for command in BUILD, ("check", *BUILD[1:]):
        proc = subprocess.run([sys.executable, "-c", probe, *command], cwd=project, env=env, capture_output=True, text=True, timeout=120)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert not (project.parent / "cache").exists()
