"""The runtime modules every generated TypeScript package holds, as real modules in
``static/`` (type-checked with tsc and run by the tests): where they are and the one
line the target sets. ``client.ts`` is the chosen SDK's glue, ``validation.ts`` and
``values.ts`` what both SDKs' glue shares."""

from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"

#: Copied into every package beside ``client.ts``.
RUNTIME_MODULES = ("validation.ts", "values.ts")

#: ``validation.ts``'s line that the target sets to the chosen validation mode.
VALIDATION_LINE = 'export const VALIDATION: "off" | "warn" | "raise" = "warn";'


def runtime_files(header: str, sdk: str, validation_literal: str) -> dict[str, str]:
    """The runtime modules by their paths in the package: each under ``header``,
    ``VALIDATION`` set to ``validation_literal`` (a TypeScript string literal)."""
    files = {"client.ts": _read(f"client.{sdk}.ts")} | {name: _read(name) for name in RUNTIME_MODULES}
    set_line = VALIDATION_LINE.replace('"warn"', validation_literal)
    assert files["validation.ts"].count(VALIDATION_LINE) == 1
    files["validation.ts"] = files["validation.ts"].replace(VALIDATION_LINE, set_line)
    return {path: f"{header}\n{text}" for path, text in files.items()}


def _read(name: str) -> str:
    return (STATIC / name).read_text(encoding="utf-8")
