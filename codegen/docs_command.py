"""``trackgen docs``: read the plan (and, with ``--since``, the plan at a git
revision), compute the data dictionary (``trackgen.datadict.document``), write it
through the atomic writer or, with ``--check``, compare it with the disk. The data
dictionary (and Jinja) is imported when the command runs, not by every command.

Registered in ``trackgen.cli`` with ``app.command("docs")(docs_command)``. Exit 0
when written (or up to date); 1 on errors in the plan, a file in the way or stale
docs with ``--check``; 2 on usage errors (flags, config, a missing plan, git).
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import ir
from .api import GeneratedFile, LoadedPlan, read_plan_text
from .check import display_path, stale_files
from .diagnostics import Diagnostic, PlanError, Severity
from .flags import ConfigFlag, PlanFlag, path_flag
from .runs import print_diagnostics, settings, setup_exit, usage
from .pipeline import NO_PLAN, plan_names
from .plan.load import read_text
from .readfile import display
from .writer import write_outputs

if TYPE_CHECKING:
    from .plandiff import PlanChange

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


class _Failed(Exception):
    def __init__(self, diagnostics: list[Diagnostic], code: int) -> None:
        self.diagnostics, self.code = diagnostics, code


def docs(
    plan: PlanFlag = None,
    out: Annotated[
        Optional[Path],
        typer.Option(
            "--out", parser=path_flag, help="Folder for index.html and tracking-plan.md (such as docs/); default: [docs] out."
        ),
    ] = None,
    since: Annotated[
        Optional[str],
        typer.Option("--since", help="Add a changelog: the changes since this git revision (as trackgen diff --base)."),
    ] = None,
    config: ConfigFlag = None,
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 when the files on disk differ from the plan's.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite files trackgen did not generate.")] = False,
) -> None:
    """Write the plan's data dictionary: index.html and tracking-plan.md.

    Every call, version, property and definition, for analysts and product managers;
    index.html is one self-contained page (search needs JavaScript, reading does not).

    Exit 0 when written; 1 when the plan has errors, a file trackgen did not write is
    in the way, or (with --check) the files are out of date; 2 when the flags, the
    config, the plan's path or git cannot be used.
    """
    from .datadict import TARGET

    started = time.perf_counter()
    try:
        folder, files = _compute(plan, out, since, config)
        if check:
            stale = stale_files(files, {TARGET: folder})
            for change in stale:
                typer.echo(display_path(change.path))
            if stale:
                typer.echo(
                    f"trackgen: {len(stale)} docs file(s) out of date with the plan; run trackgen docs", err=True
                )
                raise typer.Exit(EXIT_FINDINGS)
            typer.echo(f"trackgen: the docs in {display(folder, Path.cwd())} are up to date", err=True)
            return
        report = write_outputs(files, {TARGET: folder}, force=force)
    except _Failed as exc:
        print_diagnostics(exc.diagnostics)
        errors = sum(d.severity is Severity.ERROR for d in exc.diagnostics)
        typer.echo(f"trackgen: docs failed with {errors} error(s); nothing was written", err=True)
        raise typer.Exit(exc.code) from None
    except PlanError as exc:  # from the writer: a file in the way, an output that is a file
        print_diagnostics(exc.diagnostics)
        typer.echo("trackgen: docs failed; nothing was written", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    except OSError as exc:
        typer.echo(f"trackgen: cannot write the docs: {exc}", err=True)
        raise typer.Exit(EXIT_FINDINGS) from None
    shown = display(folder, Path.cwd())
    for f in files:
        typer.echo(f"docs: {shown.rstrip('/')}/{f.path}")
    elapsed = time.perf_counter() - started
    typer.echo(
        f"{len(report.written)} written, {len(report.unchanged)} unchanged, {len(report.removed)} removed in {elapsed:.2f}s"
    )


def _compute(
    plan: Path | None, out: Path | None, since: str | None, config: Path | None
) -> tuple[Path, list[GeneratedFile]]:
    try:
        found = settings(config, plan, None, None, None)
    except PlanError as exc:
        raise _Failed(exc.diagnostics, EXIT_USAGE) from None
    problems: list[Diagnostic] = []
    out = out if out is not None else found.docs_out
    if found.plan is None:
        problems.append(usage(NO_PLAN))
    if out is None:
        problems.append(usage("no output folder given: pass --out, such as --out docs, or set [docs] out in the config"))
    if since is not None and not since.strip():
        problems.append(usage("--since needs a git revision (a branch, tag or commit)"))
    if problems or found.plan is None or out is None:
        raise _Failed(problems, EXIT_USAGE)
    # In messages the plan is named from the working directory; on the page, from the
    # config's folder (the same wherever the command runs).
    name, shown = plan_names(found.plan, found.source)
    text, unreadable = read_text(found.plan, shown)
    if text is None:
        raise _Failed(unreadable, setup_exit(unreadable))
    from .datadict import document
    from .plandiff import diff_plans

    loaded = _read(text, shown, found.versions)
    changes: list[PlanChange] | None = None
    if since is not None:
        current = loaded.plan if not found.versions else _read(text, shown, {}).plan
        changes = diff_plans(_old_plan(since, found.plan, shown, current), current)
    files = document(loaded.model, dataclasses.replace(loaded.plan, source=name), changes, since or "")
    return out, files


def _read(text: str, name: str, pins: dict[str, int]) -> LoadedPlan:
    try:
        return read_plan_text(text, name, pins)
    except PlanError as exc:
        raise _Failed(exc.diagnostics, EXIT_FINDINGS) from None


def _old_plan(since: str, path: Path, shown: str, current: ir.Plan) -> ir.Plan:
    """The plan at ``since`` (an empty plan when the file was not there)."""
    from .plandiff import read_plan_at

    try:
        text = read_plan_at(since, path)
    except PlanError as exc:
        raise _Failed(exc.diagnostics, EXIT_USAGE) from None
    if text is None:
        typer.echo(f"trackgen: {shown} is not in {since}; every call in it counts as added", err=True)
        return ir.Plan(name=current.name, source=f"{since}:{shown}", description=current.description)
    return _read(text, f"{since}:{shown}", {}).plan
