"""``trackgen init``'s files: a starter plan, a config and a note on next steps.

``init_project(folder)`` writes them and returns their paths. It never overwrites a
file: when any of them exists, or the folder already has a trackgen config (a
trackgen.toml, or a pyproject.toml with ``[tool.trackgen]``), it writes nothing and
raises ``PlanError``. The plan's events are the tracking-plan guide's examples, lint
clean, so the first build shows what good names and descriptions look like.
"""

from __future__ import annotations

import keyword
from pathlib import Path, PurePosixPath

import yaml

from .config import Sdk, find_config
from .diagnostics import Diagnostic, Location, PlanError, Severity

PLAN_FILE = "plan.yaml"
CONFIG_FILE = "trackgen.toml"
NOTES_FILE = "NEXT_STEPS.md"

DEFAULT_NAME = "My Product"
DEFAULT_PYTHON_OUT = "analytics_events"
DEFAULT_TYPESCRIPT_OUT = "src/analytics"

_PLAN_BODY = """\
# Replace these examples with the events your product needs. Event names are
# Object + past-tense Action in Title Case; property names are snake_case.

events:
  - name: User Signed Up
    description: Someone created an account; the first step towards an active user.
    properties:
      signup_method:
        description: The way the account was created.
        enum: [email, google, github]
        required: true
      invited:
        description: Whether the person joined through an invitation from a colleague.
        type: boolean

  - name: Workspace Created
    description: Someone created a workspace. There is one event for every tier; the tier is a property.
    properties:
      account_tier:
        description: The tier the workspace starts on.
        enum: [free, team, business]
        required: true
      seats:
        description: How many seats the workspace starts with.
        type: integer
        minimum: 1

  - name: Lead Captured
    description: A visitor left an email address in a form on the website.
    properties:
      email:
        description: The address the visitor typed.
        type: string
        format: email
        required: true
      location:
        description: Where the form sits on the page, such as "header navbar".
        type: string
        required: true
      url:
        description: The address of the page with the form.
        type: string
        format: uri

identify:
  description: Who the user is. Send the traits that changed.
  traits:
    name:
      description: The person's full name.
      type: string
    email:
      description: The person's email address.
      type: string
      format: email
    created:
      description: When the account was created.
      type: string
      format: date-time

pages:
  - name: Pricing
    category: Marketing
    description: The pricing page.
"""

_NOTES = """\
# Next steps

trackgen turns `plan.yaml` into typed analytics calls. To go on from here:

1. **Build.** Run `trackgen build` here. It reads `trackgen.toml` and writes
{outputs}
2. **Make the plan yours.** Replace the example events in `plan.yaml` with the ones
   your product needs, then build again. `trackgen lint` checks names and
   descriptions against the tracking-plan guide's conventions; `trackgen build --watch`
   rebuilds on every save.
3. **Call the generated functions** instead of `track("...")` with strings, so a
   misspelled event or a missing property is a type error.{python_example}
4. **Keep the code in step with the plan.** `trackgen check` exits 1 when the
   generated code is not what the plan produces; run it in CI or as a pre-commit hook
   (`trackgen-check`, `trackgen-lint`). `trackgen diff --base main` lists what a change
   to the plan breaks.
5. **Editor support.** `trackgen schema > trackgen.schema.json` writes the plan's JSON
   Schema; with VS Code's YAML extension, put
   `# yaml-language-server: $schema=trackgen.schema.json` at the top of `plan.yaml`
   for completion and errors as you type.

You can delete this file.
"""


def init_project(
    folder: Path,
    *,
    name: str = DEFAULT_NAME,
    python_out: str | None = DEFAULT_PYTHON_OUT,
    typescript_out: str | None = DEFAULT_TYPESCRIPT_OUT,
    sdk: Sdk = "analytics-next",
) -> list[Path]:
    """Write a starter plan, a trackgen.toml and NEXT_STEPS.md into ``folder``
    (created if missing) and return their paths. Writes nothing and raises
    ``PlanError`` when one of them exists or ``folder`` already has a trackgen config."""
    problems = _check(folder, name, python_out, typescript_out)
    if problems:
        raise PlanError(problems)
    files = {
        folder / PLAN_FILE: plan_text(name),
        folder / CONFIG_FILE: config_text(python_out, typescript_out, sdk),
        folder / NOTES_FILE: notes_text(python_out, typescript_out),
    }
    folder.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    try:
        for path, text in files.items():
            with open(path, "x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite
                fh.write(text)
            written.append(path)
    except FileExistsError as exc:  # created since the check above
        for path in written:
            path.unlink(missing_ok=True)
        raise PlanError([_exists(Path(str(exc.filename)))]) from None
    except BaseException:
        for path in written:
            path.unlink(missing_ok=True)
        raise
    return written


def _check(folder: Path, name: str, python_out: str | None, typescript_out: str | None) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    if folder.exists() and not folder.is_dir():
        return [Diagnostic("TG501", Severity.ERROR, f"{folder.as_posix()} is not a folder")]
    for file in (PLAN_FILE, CONFIG_FILE, NOTES_FILE):
        if (folder / file).exists():
            problems.append(_exists(folder / file))
    if folder.is_dir() and not problems:
        config = find_config(folder)
        if config is not None:
            problems.append(
                Diagnostic(
                    "TG501",
                    Severity.ERROR,
                    "this folder already has trackgen settings; init writes nothing",
                    Location(config.as_posix(), 1, 1),
                )
            )
    if not name.strip():
        problems.append(Diagnostic("TG502", Severity.ERROR, "the plan needs a name"))
    if python_out is None and typescript_out is None:
        problems.append(Diagnostic("TG502", Severity.ERROR, "choose at least one output: Python or TypeScript"))
    if python_out is not None:
        package = PurePosixPath(python_out.replace("\\", "/")).name
        if not package.isidentifier() or keyword.iskeyword(package):
            problems.append(
                Diagnostic(
                    "TG502",
                    Severity.ERROR,
                    f'Python output "{python_out}": "{package}" is not an importable package name',
                )
            )
    for out in (python_out, typescript_out):
        if out is not None and (not out.strip() or PurePosixPath(out.replace("\\", "/")).is_absolute()):
            problems.append(
                Diagnostic(
                    "TG502", Severity.ERROR, f'output folder "{out}": give a path relative to the project folder'
                )
            )
    return problems


def _exists(path: Path) -> Diagnostic:
    return Diagnostic("TG501", Severity.ERROR, "exists; init never overwrites a file", Location(path.as_posix(), 1, 1))


def plan_text(name: str) -> str:
    """The starter plan, named ``name`` (escaped for YAML by the YAML emitter)."""
    header = yaml.safe_dump(
        {"trackgen": 1, "name": name.strip(), "description": "A starter plan made by trackgen init."},
        sort_keys=False,
        allow_unicode=True,
        width=1_000_000,
    )
    return header + "\n" + _PLAN_BODY


def config_text(python_out: str | None, typescript_out: str | None, sdk: Sdk = "analytics-next") -> str:
    lines = [
        "# trackgen settings; paths are relative to this file. Every setting is also a flag",
        "# of trackgen build (flags win).",
        f"plan = {_toml_string(PLAN_FILE)}",
        'mode = "development"          # "production": run-time validation off unless set below',
    ]
    if python_out is not None:
        lines += [
            "",
            "[python]",
            f"out = {_toml_string(python_out)}",
            'validation = "warn"           # off | warn | raise',
        ]
    if typescript_out is not None:
        lines += [
            "",
            "[typescript]",
            f"out = {_toml_string(typescript_out)}",
            f"sdk = {_toml_string(sdk)}",
            'validation = "warn"',
        ]
    return "\n".join(lines) + "\n"


def notes_text(python_out: str | None, typescript_out: str | None) -> str:
    outputs = []
    if python_out is not None:
        package = PurePosixPath(python_out.replace("\\", "/")).name
        outputs.append(f"   - a Python package in `{python_out}/` (import it as `{package}`)")
    if typescript_out is not None:
        outputs.append(f"   - TypeScript modules in `{typescript_out}/`")
    example = ""
    if python_out is not None:
        package = PurePosixPath(python_out.replace("\\", "/")).name
        example = (
            "\n\n   ```python\n"
            "   import segment.analytics as analytics\n"
            f"   from {package} import configure, track_workspace_created\n\n"
            "   configure(client=analytics)  # segment.analytics, RudderStack, or your own client\n"
            '   track_workspace_created(account_tier="team", user_id="u_42")\n'
            "   ```"
        )
    return _NOTES.format(outputs="\n".join(outputs), python_example=example)


def _toml_string(value: str) -> str:
    """A TOML basic string holding ``value`` exactly."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)
