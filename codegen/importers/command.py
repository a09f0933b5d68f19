"""``trackgen import FILE -o plan.yaml``: convert an export into a native plan file.

Registered in ``trackgen.cli`` with ``app.command("import")(import_command)``.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..diagnostics import Diagnostic, Severity, by_place
from ..plan.load import read_text
from ..source import load_text
from ..version import __version__
from . import import_data
from .yaml_writer import to_yaml
from .detect import detect

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _print(diagnostics: list[Diagnostic]) -> None:
    for d in by_place(diagnostics):
        typer.echo(d.render(), err=True)


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` all at once (a temporary file renamed into place)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            help="The export to convert: Segment Protocols (Config API or Public API JSON) or RudderStack.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Optional[Path],
        typer.Option("--output", "-o", help="Where to write the trackgen plan (YAML). Default: print it."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite the output file if it exists.")] = False,
) -> None:
    """Convert a tracking plan exported from Segment Protocols or RudderStack into a trackgen plan."""
    display = file.as_posix()
    text, diagnostics = read_text(file, display)
    data = None
    if text is not None:
        data, diagnostics = load_text(text, display)
    if text is None or any(d.severity is Severity.ERROR for d in diagnostics):
        _print(diagnostics)
        typer.echo("trackgen: import failed; nothing was written", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    kind = detect(data)
    plan, more = import_data(data, display)
    diagnostics += more
    if plan is None:
        _print(diagnostics)
        typer.echo("trackgen: import failed; nothing was written", err=True)
        raise typer.Exit(EXIT_FINDINGS)
    if output is not None and output.exists() and not force:
        _print(diagnostics)
        typer.echo(f"trackgen: {output.as_posix()} exists; pass --force to overwrite it", err=True)
        raise typer.Exit(EXIT_USAGE)
    header = f"Imported by trackgen {__version__} from {file.name} ({kind}). Review it, then build."
    try:
        yaml_text = to_yaml(plan, header=header)
    except ValueError as exc:  # the writer checks every output; a name trackgen's reader cannot read back
        _print(diagnostics)
        typer.echo(f"trackgen: {exc}; nothing was written", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    _print(diagnostics)
    if output is None:
        typer.echo(yaml_text, nl=False)
    else:
        try:
            _write(output, yaml_text)
        except OSError as exc:
            typer.echo(f"trackgen: cannot write {output.as_posix()}: {exc.strerror or exc}", err=True)
            raise typer.Exit(EXIT_FINDINGS) from None
        counts = [
            f"{len(plan[key])} {key if len(plan[key]) != 1 else key[:-1]}"
            for key in ("events", "pages", "screens")
            if plan.get(key)
        ] + [f"{key} traits" for key in ("identify", "group") if key in plan]
        typer.echo(f"{output.as_posix()}: {', '.join(counts) or 'an empty plan'} from a {kind} export", err=True)
    if errors:
        where = output.as_posix() if output is not None else "the plan"
        typer.echo(
            f"trackgen: {errors} error(s) to fix in {where} before it builds "
            "(what the plan cannot hold is kept as written)",
            err=True,
        )
        raise typer.Exit(EXIT_FINDINGS)
