"""trackgen's own templates are compiled once, as its modules are (``trackgen.render``):
their bytecode is kept beside them, used only for the source it came from, written
only where Python would write a module's bytecode, and never in a project's folder
of overrides. What is rendered is the same either way."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest

from trackgen import render
from trackgen.api import GenerateOptions, PythonOptions, TypeScriptOptions, generate, load_plan_text

from test_cli import PLAN


@pytest.fixture
def builtin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped templates, the ones ``environment`` reads."""
    import shutil

    from trackgen.template_folders import builtin_templates

    copy = tmp_path / "templates"
    shutil.copytree(builtin_templates(), copy)
    monkeypatch.setattr(render, "builtin_templates", lambda: copy)
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    return copy


def compiles(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The templates Jinja compiles from source from now on."""
    compiled: list[str] = []
    real = jinja2.Environment.compile

    def counted(self: jinja2.Environment, source: str, name: str | None = None, *args: object, **kwargs: object) -> object:
        compiled.append(name or "")
        return real(self, source, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(jinja2.Environment, "compile", counted)
    return compiled


def everything(custom: Path | None = None) -> dict[str, str]:
    plan, _ = load_plan_text(PLAN, "plan.yaml")
    options = GenerateOptions(python=PythonOptions(templates=custom), typescript=TypeScriptOptions(templates=custom))
    return {f"{f.target}/{f.path}": f.content for f in generate(plan, options)}


def test_the_first_build_compiles_and_keeps_the_bytecode_the_next_uses(builtin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    compiled = compiles(monkeypatch)
    first = everything()
    assert len(compiled) == len(set(compiled)) > 5  # each template the plan needs, once
    kept = sorted(builtin.glob("*/__pycache__/*.jinja-bytecode"))
    assert len(kept) == len(compiled)
    compiled.clear()
    assert everything() == first
    assert compiled == []  # every template from its bytecode


def test_an_edited_template_is_compiled_again(builtin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    everything()
    calls = builtin / "python" / "calls.py.jinja"
    calls.write_text(calls.read_text() + "# edited\n")
    compiled = compiles(monkeypatch)
    assert everything()["python/events/calls.py"].endswith("# edited\n")
    assert compiled == ["calls.py.jinja"]


@pytest.mark.parametrize("cut", [0, 3, 16, 17, 20, 0.5, -1])
def test_damaged_bytecode_is_compiled_again(cut: float, builtin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cut short anywhere: in Jinja's mark, in the source's checksum, in the code."""
    first = everything()
    count = len(list(builtin.glob("*/__pycache__/*.jinja-bytecode")))
    for kept in builtin.glob("*/__pycache__/*.jinja-bytecode"):
        data = kept.read_bytes()
        kept.write_bytes(data[: int(len(data) * cut) if isinstance(cut, float) else cut])
    compiled = compiles(monkeypatch)
    assert everything() == first
    assert len(compiled) == count > 5


def test_nothing_is_written_where_python_would_not_write(builtin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # PYTHONDONTWRITEBYTECODE, python -B
    first = everything()
    assert list(builtin.glob("*/__pycache__")) == []
    monkeypatch.setattr(sys, "dont_write_bytecode", False)
    # Where nothing can be written, as root too: a file in the way, a folder of /proc.
    (builtin / "python" / "__pycache__").write_text("")
    (builtin / "typescript" / "__pycache__").symlink_to("/proc/self")
    assert everything() == first
    for target in ("python", "typescript"):
        assert [p.name for p in (builtin / target).iterdir() if not p.name.endswith(".jinja")] == ["__pycache__"]


def test_a_projects_overrides_are_compiled_each_time_and_nothing_is_written_there(
    builtin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    custom = tmp_path / "mine"
    (custom / "python").mkdir(parents=True)
    (custom / "python" / "calls.py.jinja").write_text((builtin / "python" / "calls.py.jinja").read_text() + "# mine\n")
    assert everything(custom)["python/events/calls.py"].endswith("# mine\n")
    compiled = compiles(monkeypatch)
    assert everything(custom)["python/events/calls.py"].endswith("# mine\n")
    assert "calls.py.jinja" in compiled
    assert sorted(p.name for p in custom.rglob("*")) == ["calls.py.jinja", "python"]


def test_the_command_renders_the_same_from_bytecode(tmp_path: Path) -> None:
    """Two builds in fresh processes, the second from the bytecode the first left in a
    copy of the installed package: the same files."""
    (tmp_path / "plan.yaml").write_text(PLAN)
    script = (
        "import sys, shutil\n"
        "from pathlib import Path\n"
        "from trackgen import render\n"
        "from trackgen.template_folders import builtin_templates\n"
        "copy = Path(sys.argv[1])\n"
        "copy.exists() or shutil.copytree(builtin_templates(), copy)\n"
        "render.builtin_templates = lambda: copy\n"
        "from trackgen.api import GenerateOptions, PythonOptions, TypeScriptOptions, generate, load_plan_text\n"
        "plan, _ = load_plan_text(Path('plan.yaml').read_text(), 'plan.yaml')\n"
        "files = generate(plan, GenerateOptions(python=PythonOptions(), typescript=TypeScriptOptions()))\n"
        "print(len(list(copy.glob('*/__pycache__/*'))))\n"
        "sys.stdout.write(''.join(f.path + f.content for f in files))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    runs = [
        subprocess.run([sys.executable, "-c", script, str(tmp_path / "t")], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120)
        for _ in range(2)
    ]
    assert [r.returncode for r in runs] == [0, 0], runs[0].stderr
    first, second = (r.stdout.split("\n", 1) for r in runs)
    assert first[0] == second[0] != "0"  # written by the first, used by the second
    assert first[1] == second[1]
