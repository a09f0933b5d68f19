"""The I/O edge of ``trackgen status``: list the files, read the Python ones and
parse them here, hand the TypeScript and JavaScript ones to the node scanner (run
alongside), and collect one ``FileScan`` per file in path order."""

from __future__ import annotations

import dataclasses
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Diagnostic, Location, Severity
from ..readfile import read_input
from .files import SourceFile, source_files
from .model import FileScan, Language, Names, PythonTarget, TypeScriptTarget
from .pyscan import UNPARSABLE, module_name, scan_python, top_level_functions
from .tsscan import find_typescript, scan_typescript

#: Larger files (bundles, generated data) are reported and left out.
MAX_SOURCE_BYTES = 8 * 2**20


@dataclass(frozen=True, slots=True)
class ScanOptions:
    roots: tuple[tuple[Path, str], ...]
    """Folders or files to scan, each with how it is shown ("" for the working directory)."""
    python: PythonTarget | None = None
    typescript: TypeScriptTarget | None = None
    skip: frozenset[Path] = frozenset()
    """Folders left out (resolved): the generated output."""
    typescript_module: Path | None = None
    """The typescript package to parse with (default: the scanned project's)."""

    @property
    def languages(self) -> tuple[Language, ...]:
        """The languages scanned: those with a target."""
        found: list[Language] = []
        if self.python is not None:
            found.append("python")
        if self.typescript is not None:
            found.append("typescript")
        return tuple(found)


def scan_codebase(options: ScanOptions) -> list[FileScan]:
    """Scan every Python file (when ``options.python``) and TypeScript/JavaScript file
    (when ``options.typescript``). Raises ``PlanError`` (TG711) when TypeScript files
    are to be scanned and node or the typescript package is missing."""
    files = source_files(list(options.roots), options.skip)
    py_files = [f for f in files if f.language == "python"] if options.python is not None else []
    ts_files = [f for f in files if f.language == "typescript"] if options.typescript is not None else []
    scans: list[FileScan] = []
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = None
        if ts_files and options.typescript is not None:
            module = find_typescript(options.roots[0][0] if options.roots else Path.cwd(), options.typescript_module)
            pending = pool.submit(scan_typescript, ts_files, options.typescript, module)
        if options.python is not None:
            read = [(f, _read_python(f)) for f in py_files]
            target = with_reexports(options.python, [(f.display, text) for f, text in read if isinstance(text, str)])
            scans += (text if isinstance(text, FileScan) else scan_python(text, f.display, target) for f, text in read)
        if pending is not None:
            scans += pending.result()
    return sorted(scans, key=lambda s: s.path)


def _read_python(file: SourceFile) -> str | FileScan:
    """The file's text, or a scan that says why it cannot be read."""
    where = Location(file.display, 1, 1)
    try:
        return read_input(file.path, MAX_SOURCE_BYTES).decode("utf-8-sig")
    except OSError as exc:
        message = f"cannot read the file: {exc.strerror or exc}"
    except UnicodeDecodeError:
        message = "the file is not UTF-8; it is not scanned"
    return FileScan(file.display, "python", problems=(Diagnostic(UNPARSABLE, Severity.WARNING, message, where),))


_WORDS = re.compile(r"\w+")


def with_reexports(target: PythonTarget, sources: list[tuple[str, str]]) -> PythonTarget:
    """``target`` with the modules of the codebase that re-export generated functions
    (``app/tracking.py`` doing ``from app.analytics import track_x``), chains included:
    ``from app.tracking import track_x`` elsewhere is then a use. Pure.

    Only modules that mention the package (or a re-exporting module found so far) by
    name are parsed; a module is parsed again only when one it may import changed."""
    words = [(path, text, set(_WORDS.findall(text))) for path, text in sources]
    found: dict[str, Names] = {}
    wanted = {target.package.split(".")[-1]}
    current = target
    for _ in range(8):  # chains of re-exports deeper than this are left unresolved
        changed = False
        for path, text, tokens in words:
            if not tokens & wanted:
                continue
            module = module_name(path)
            names = top_level_functions(text, path, current)
            if names != found.get(module, ()):
                changed = True
                if names:
                    found[module] = names
                else:
                    found.pop(module, None)
        if not changed:
            break
        index: dict[str, list[tuple[str, Names]]] = {}
        for module, names in sorted(found.items()):
            index.setdefault(module.split(".")[-1], []).append((module, names))
        wanted = set(index)
        current = dataclasses.replace(target, reexports={k: tuple(v) for k, v in index.items()})
    return current
