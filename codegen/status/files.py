"""Which files ``trackgen status`` scans, and which of them are tests.

``source_files`` walks folders (the only part that lists the disk); ``is_test_path``
and ``language_of`` are pure functions of a path.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from .model import Language

PYTHON = re.compile(r"\.py$")
TYPESCRIPT = re.compile(r"(?<!\.d)\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$")
#: Folders never scanned (besides hidden ones, virtual environments and generated output).
SKIPPED = frozenset({"node_modules", "__pycache__", "site-packages"})
#: Written by trackgen build in every output folder.
MANIFEST = ".trackgen-manifest"

TEST_FOLDERS = frozenset({"tests", "test", "__tests__"})
_TEST_FILE = re.compile(
    r"^(test_.*\.py|.*_test\.py|conftest\.py|.*\.(test|spec)\.(ts|tsx|mts|cts|js|jsx|mjs|cjs))$"
)


def language_of(name: str) -> Language | None:
    if PYTHON.search(name):
        return "python"
    if TYPESCRIPT.search(name):
        return "typescript"
    return None


def is_test_path(path: str) -> bool:
    """``test_*.py``, ``*_test.py``, ``conftest.py``, ``*.test.ts``, ``*.spec.ts`` (and
    the other script extensions), or anything under a ``tests``, ``test`` or
    ``__tests__`` folder. ``path`` uses ``/``."""
    *folders, name = path.split("/")
    return bool(_TEST_FILE.match(name)) or any(f in TEST_FOLDERS for f in folders)


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    display: str
    language: Language


def source_files(roots: list[tuple[Path, str]], skip: frozenset[Path] = frozenset()) -> list[SourceFile]:
    """The Python and TypeScript/JavaScript files under each ``(root, display)``,
    sorted by display path, each once. ``display`` is how the root is shown
    ("" for the working directory). Skips hidden folders, ``node_modules``,
    virtual environments (a ``pyvenv.cfg``), folders written by trackgen (a
    ``.trackgen-manifest``) and the folders in ``skip`` (resolved paths). Symbolic
    links to folders are not followed; a root may be a single file."""
    found: dict[str, SourceFile] = {}
    for root, display in roots:
        if root.is_file():
            language = language_of(root.name)
            if language is not None:
                found.setdefault(display, SourceFile(root, display, language))
            continue
        stack = [(root, display)]
        while stack:
            folder, shown = stack.pop()
            try:
                entries = sorted(os.scandir(folder), key=lambda e: e.name)
            except OSError:
                continue
            names = {e.name for e in entries}
            if MANIFEST in names or "pyvenv.cfg" in names or Path(os.path.realpath(folder)) in skip:
                continue
            for entry in reversed(entries):
                child = f"{shown}/{entry.name}" if shown else entry.name
                try:
                    is_dir = entry.is_dir(follow_symlinks=False)
                except OSError:
                    continue
                if is_dir:
                    if not entry.name.startswith(".") and entry.name not in SKIPPED:
                        stack.append((Path(entry.path), child))
                    continue
                language = language_of(entry.name)
                if language is not None and entry.is_file():
                    found.setdefault(child, SourceFile(Path(entry.path), child, language))
    return [found[k] for k in sorted(found)]
