"""Scan TypeScript and JavaScript files with the TypeScript compiler's parser: run
``scan.mjs`` (shipped beside this module) with ``node``, once for all files.

The compiler is the scanned project's own (``node_modules/typescript``, looked up
from the scanned folder towards the root, as Node resolves it), or the one given.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

from ..diagnostics import Diagnostic, Location, PlanError, Severity
from .files import SourceFile
from .model import FileScan, RawCall, TypeScriptTarget, Use
from .pyscan import UNPARSABLE

SCRIPT = Path(__file__).with_name("scan.mjs")
NO_SCANNER = "TG711"


def _error(message: str) -> PlanError:
    return PlanError([Diagnostic(NO_SCANNER, Severity.ERROR, message)])


def find_typescript(start: Path, given: Path | None = None) -> Path:
    """The ``typescript`` module to load: ``given`` (the package folder or its
    ``lib/typescript.js``), else ``node_modules/typescript`` in ``start`` or a parent."""
    if given is not None:
        candidates = [given / "lib" / "typescript.js", given] if given.is_dir() else [given]
        for c in candidates:
            if c.is_file():
                return c.resolve()
        raise _error(f'--typescript "{given.as_posix()}": not the typescript package (no lib/typescript.js)')
    for folder in (start.resolve(), *start.resolve().parents):
        candidate = folder / "node_modules" / "typescript" / "lib" / "typescript.js"
        if candidate.is_file():
            return candidate
    raise _error(
        "TypeScript or JavaScript files to scan, but no typescript package in node_modules here or above: "
        "install it (npm install --save-dev typescript) or pass --typescript PATH"
    )


def scan_typescript(
    files: list[SourceFile], target: TypeScriptTarget, typescript: Path, node: str | None = None, timeout: float = 600
) -> list[FileScan]:
    """Scan ``files`` in one node process. Raises ``PlanError`` (TG711) when node
    cannot run the scanner."""
    if not files:
        return []
    node = node or shutil.which("node")
    if node is None:
        raise _error("node is not installed; trackgen status needs it to scan TypeScript and JavaScript")
    request = {
        "typescript": str(typescript),
        "folder": target.folder,
        "specifiers": list(target.specifiers),
        "functions": sorted(target.functions),
        "files": [{"path": str(f.path), "display": f.display} for f in files],
    }
    try:
        proc = subprocess.run(
            [node, str(SCRIPT)], input=json.dumps(request), capture_output=True, text=True, timeout=timeout,
            encoding="utf-8",
        )
    except subprocess.TimeoutExpired:
        raise _error(f"the TypeScript scanner did not finish in {timeout:g}s") from None
    except OSError as exc:
        raise _error(f"cannot run node: {exc}") from None
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        raise _error(f"the TypeScript scanner failed: {last}")
    return [_file_scan(item) for item in json.loads(proc.stdout)["files"]]


def _file_scan(item: dict[str, object]) -> FileScan:
    path = str(item["display"])

    def at(d: dict[str, object]) -> Location:
        return Location(path, int(d["line"]), int(d["column"]))  # type: ignore[call-overload]

    uses = tuple(
        Use(str(u["function"]), "call" if u["kind"] == "call" else "reference", at(u), bool(u["unreachable"]))
        for u in item["uses"]  # type: ignore[attr-defined]
    )
    raw = tuple(
        RawCall(str(r["method"]), r["event"], str(r["receiver"]), at(r), bool(r["unreachable"]))
        for r in item["raw"]  # type: ignore[attr-defined]
    )
    problems = tuple(
        Diagnostic(UNPARSABLE, Severity.WARNING, str(p["message"]), at(p))
        for p in item["problems"]  # type: ignore[attr-defined]
    )
    return FileScan(path, "typescript", uses, raw, problems)
