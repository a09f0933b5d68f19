"""The build cache: a build or check whose inputs and outputs are as the last time
ends after hashing them, without importing the rest of trackgen.

An entry is keyed by what the command line cannot hide: trackgen's own files (their
sizes and times, so an edited checkout counts), the Python that runs it, the working
directory, the command and its arguments. It records every input the run read (the
config candidates, the config, the plan), the files it left in each output folder
(with the manifest), and what it printed. A hit needs every input and output to hash
as recorded and no leftover of an interrupted build; anything else, a missing or
damaged entry included, is a miss and the run goes the long way, which stores a new
entry. The cache only ever skips work whose result is already on disk: it never
writes output.

The folder is ``$TRACKGEN_CACHE_DIR``, else ``$XDG_CACHE_HOME/trackgen``, else
``~/.cache/trackgen``; deleting it is always safe. ``--no-cache`` or
``TRACKGEN_NO_CACHE=1`` turns it off. Standard library only: this module runs before
anything else is imported.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

FORMAT = 1
#: Entries kept; the oldest go first. One per command line and folder in use.
MAX_ENTRIES = 64
_PREFIX = "run-"

#: The key of the run in progress, set by the entry point (``trackgen.entry``) when the
#: run may be cached; commands store an entry only then (not when a program calls
#: the CLI in-process, for instance through typer's test runner).
REQUEST: str | None = None


def folder() -> Path | None:
    """Where entries live; None when the cache is off."""
    if os.environ.get("TRACKGEN_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("TRACKGEN_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "trackgen"


def _sources() -> list[str]:
    """trackgen's own files: size and modification time of each (a wheel's files never
    change; an edited checkout's do)."""
    here = Path(__file__).resolve().parent
    roots = [here]
    templates = here.parent / "templates"  # a checkout: codegen/ and templates/ side by side
    roots.append(templates if templates.is_dir() else here / "templates")
    stamp: list[str] = []
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
            for name in sorted(filenames):
                st = os.stat(os.path.join(dirpath, name))
                stamp.append(f"{os.path.relpath(os.path.join(dirpath, name), root)}:{st.st_size}:{st.st_mtime_ns}")
    return stamp


#: The packages whose version can change what trackgen generates: their files' sizes
#: and times are in the key, so an upgrade is a miss (found without importing them).
_GENERATORS = ("black", "jinja2", "datamodel_code_generator", "pydantic", "pydantic_core", "yaml")


def _generators() -> list[str]:
    from importlib.machinery import PathFinder

    stamp = []
    listings: dict[str, list[str]] = {}
    for name in _GENERATORS:
        spec = PathFinder.find_spec(name)
        origin = spec.origin if spec is not None else None
        if origin is None:
            stamp.append(f"{name}:-")
            continue
        st = os.stat(origin)
        # The installed version, from the folder pip records it in (black-26.10.1.dist-info).
        site = os.path.dirname(os.path.dirname(origin))
        if site not in listings:
            listings[site] = sorted(n.lower() for n in os.listdir(site) if n.endswith(".dist-info"))
        dists = [n for n in listings[site] if n.replace("-", "_").startswith(f"{name}_") or n.startswith(f"py{name}")]
        stamp.append(f"{name}:{origin}:{st.st_size}:{st.st_mtime_ns}:{','.join(dists)}")
    return stamp


def key(command: str, argv: list[str], cwd: str) -> str:
    from .version import __version__

    material = [FORMAT, __version__, sys.version, sys.executable, cwd, command, argv, _sources(), _generators()]
    return hashlib.sha256(json.dumps(material).encode("utf-8")).hexdigest()


#: What ``digest`` gives for something that is there but is not a plain file (a FIFO,
#: a device, a folder): never read, and never equal to what was recorded.
SPECIAL = "special"


def digest(path: Path | str) -> str | None:
    """The SHA-256 of a file's bytes; None when it is not there, ``SPECIAL`` when it is
    not a regular file (a plan from ``<(...)`` must not be read twice)."""
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return SPECIAL
        with open(path, "rb") as f:
            return hashlib.file_digest(f, "sha256").hexdigest()
    except (FileNotFoundError, NotADirectoryError):
        return None
    except OSError:
        return SPECIAL


@dataclass
class Entry:
    """What a run read, what it left on disk, and what it printed."""

    inputs: dict[str, str | None] = field(default_factory=dict)
    """Each file the run read (absolute), with its hash; None: it was not there."""
    outputs: dict[str, str] = field(default_factory=dict)
    """Each file in the output folders that the run stands for (absolute), with its hash."""
    folders: dict[str, list[str]] = field(default_factory=dict)
    """Each output folder (absolute) and the paths in it, to look for leftovers."""
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    count: int = 0
    """Files the run generated (the "N unchanged" of a build that changes nothing)."""


def load(run_key: str) -> Entry | None:
    where = folder()
    if where is None:
        return None
    try:
        data = json.loads((where / f"{_PREFIX}{run_key}.json").read_text("utf-8"))
        if data.pop("format") != FORMAT:
            return None
        entry = Entry(**data)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None  # missing, unreadable or damaged: a miss
    return entry if _well_formed(entry) else None


def _well_formed(entry: Entry) -> bool:
    def texts(value: object) -> bool:
        return isinstance(value, list) and all(isinstance(v, str) for v in value)

    def table(value: object, ok: Callable[[object], bool]) -> bool:
        return isinstance(value, dict) and all(isinstance(k, str) and ok(v) for k, v in value.items())

    return (
        table(entry.inputs, lambda v: v is None or isinstance(v, str))
        and table(entry.outputs, lambda v: isinstance(v, str))
        and table(entry.folders, texts)
        and texts(entry.stdout)
        and texts(entry.stderr)
        and type(entry.count) is int
    )


def fresh(entry: Entry) -> bool:
    """Whether every input and output hashes as recorded and no build was interrupted."""
    from .outtree import leftovers

    for root, paths in entry.folders.items():
        if leftovers(Path(root), paths):
            return False
    if SPECIAL in entry.inputs.values():
        return False
    return all(digest(p) == h for p, h in entry.inputs.items()) and all(
        digest(p) == h for p, h in entry.outputs.items()
    )


def store(run_key: str, entry: Entry) -> None:
    """Save ``entry`` (atomically); a cache that cannot be written is no error."""
    where = folder()
    if where is None or SPECIAL in entry.inputs.values() or SPECIAL in entry.outputs.values():
        return
    data = {"format": FORMAT, **entry.__dict__}
    target = where / f"{_PREFIX}{run_key}.json"
    tmp = where / f".{_PREFIX}{run_key}.{os.getpid()}.tmp"
    try:
        where.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(data, indent=0, sort_keys=True), encoding="utf-8")
        os.replace(tmp, target)
        entries = sorted(where.glob(f"{_PREFIX}*.json"), key=lambda p: p.stat().st_mtime_ns)
        for old in entries[:-MAX_ENTRIES]:
            old.unlink(missing_ok=True)
    except OSError:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass


def record_outputs(entry: Entry, folders: dict[Path, list[str]]) -> None:
    """Hash what a run left in each output folder (absolute), given the paths in it."""
    for root, rels in folders.items():
        entry.folders[str(root)] = sorted(rels)
        for rel in rels:
            h = digest(root / rel)
            if h is not None:
                entry.outputs[str(root / rel)] = h


def record_inputs(entry: Entry, paths: list[Path]) -> None:
    for path in paths:
        entry.inputs[str(Path(os.path.abspath(path)))] = digest(path)
