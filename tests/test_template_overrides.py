"""Template overrides: ``templates = "folder"`` in the config replaces built-in
templates file by file (``folder/python/calls.py.jinja``, includes too), through the
console script as users run it; a bad override is a located error and the previous
output stays as it was."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from conftest import REPO
from test_cli import run, snapshot
from trackgen import GenerateOptions, generate, load_plan
from trackgen.api import PythonOptions, TypeScriptOptions

PLAN = REPO / "examples" / "b2b-saas" / "plan.yaml"
BUILTIN = REPO / "templates"
CONFIG = """\
plan = "plan.yaml"
templates = "templates"
[python]
out = "out/py/analytics"
[typescript]
out = "out/ts"
"""
NOTE = "# Reviewed by the data team: ask #analytics before changing the plan."


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "plan.yaml").write_bytes(PLAN.read_bytes())
    (tmp_path / "trackgen.toml").write_text(CONFIG, encoding="utf-8")
    for target in ("python", "typescript"):
        (tmp_path / "templates" / target).mkdir(parents=True)
    monkeypatch.setenv("TRACKGEN_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path


def override(project: Path, name: str, text: str) -> None:
    target = "python" if ".py." in name else "typescript"
    (project / "templates" / target / name).write_text(text, encoding="utf-8")


def builtin(name: str) -> str:
    target = "python" if ".py." in name else "typescript"
    return (BUILTIN / target / name).read_text(encoding="utf-8")


def test_an_override_replaces_its_template_and_nothing_else(project: Path, tmp_path: Path) -> None:
    plain = generate(load_plan(PLAN, "plan.yaml")[0], GenerateOptions(python=PythonOptions(), typescript=TypeScriptOptions()))
    override(project, "calls.py.jinja", builtin("calls.py.jinja").replace("{{ header }}\n", "{{ header }}\n" + NOTE + "\n", 1))
    # An include: every TypeScript declaration gets a marker comment.
    override(project, "_decls.ts.jinja", "// reviewed\n" + builtin("_decls.ts.jinja"))
    proc = run("build", cwd=project)
    assert proc.returncode == 0, proc.stderr
    out = {"python": project / "out/py/analytics", "typescript": project / "out/ts"}
    for file in plain:
        text = (out[file.target] / file.path).read_text(encoding="utf-8")
        if file.path.startswith("events/calls."):
            assert text != file.content
            if file.target == "python":
                lines = text.splitlines()
                assert lines[1] == NOTE and lines[:1] + lines[2:] == file.content.splitlines()
            else:
                assert "// reviewed\n" in text and text.replace("// reviewed\n", "") == file.content
        else:
            assert text == file.content, file.path


def test_an_edited_override_is_built_again_not_taken_from_the_cache(project: Path) -> None:
    override(project, "calls.py.jinja", builtin("calls.py.jinja").replace("{{ header }}\n", "{{ header }}\n# one\n", 1))
    assert run("build", cwd=project).returncode == 0
    override(project, "calls.py.jinja", builtin("calls.py.jinja").replace("{{ header }}\n", "{{ header }}\n# two\n", 1))
    assert run("build", cwd=project).returncode == 0
    assert "# two\n" in (project / "out/py/analytics/events/calls.py").read_text(encoding="utf-8")
    # A file the target has no template for is an error the next build must report.
    override(project, "call.py.jinja", "")
    proc = run("build", cwd=project)
    assert proc.returncode == 2
    assert 'templates/python/call.py.jinja:1:1: error[TG302]: the python target has no template "call.py.jinja"' in proc.stderr


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("{{ header }}\n\n{% for %}\n", 3, "invalid template: "),
        ("{{ header }}\n// fine\n{{ no_such_value }}\n", 3, "the template failed: UndefinedError: 'no_such_value' is undefined"),
    ],
    ids=["syntax", "undefined"],
)
def test_a_broken_override_is_a_located_error_and_the_output_stays(project: Path, text: str, line: int, message: str) -> None:
    assert run("build", cwd=project).returncode == 0
    before = snapshot(project / "out")
    override(project, "index.ts.jinja", text)
    proc = run("build", cwd=project)
    assert proc.returncode == 1
    assert f"templates/typescript/index.ts.jinja:{line}:1: error[TG302]: {message}" in proc.stderr
    assert "nothing was written" in proc.stderr
    assert snapshot(project / "out") == before
    check = run("check", cwd=project)  # 1 is kept for stale code; errors exit 2
    assert check.returncode == 2 and f"index.ts.jinja:{line}:1: error[TG302]" in check.stderr


def test_an_override_that_makes_python_that_does_not_parse_is_an_error(project: Path) -> None:
    broken = builtin("calls.py.jinja").replace("def {{ function.name }}(", "def {{ function.name }}((", 1)
    assert broken != builtin("calls.py.jinja")
    override(project, "calls.py.jinja", broken)
    proc = run("build", cwd=project)
    assert proc.returncode == 1
    assert "error[TG302]: the overridden templates made Python that does not parse (generated events/calls.py)" in proc.stderr
    assert not (project / "out").exists()


def test_the_templates_folder_holds_target_folders_only(project: Path) -> None:
    (project / "templates" / "go").mkdir()
    proc = run("build", cwd=project)
    assert proc.returncode == 2
    assert "templates/go:1:1: error[TG302]: not a target's folder: use python/ or typescript/" in proc.stderr
    (project / "templates" / "go").rmdir()
    os.rename(project / "templates", project / "elsewhere")
    proc = run("build", cwd=project)
    assert proc.returncode == 2 and 'templates folder "templates" is not a folder' in proc.stderr
    assert not (project / "out").exists()


def test_the_library_takes_overrides_as_an_option(project: Path) -> None:
    override(project, "defs.py.jinja", "{{ header }}\n# custom definitions module\n")
    plan = load_plan(REPO / "tests" / "golden" / "definitions" / "plan.yaml", "plan.yaml")[0]
    files = generate(plan, GenerateOptions(python=PythonOptions(templates=project / "templates")))
    defs = next(f for f in files if f.path == "defs.py")
    assert defs.content.endswith("# custom definitions module\n")


def test_a_trackgen_failure_is_not_blamed_on_the_overrides(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only what an override's own code raises, or Python it makes that does not parse,
    is a TG302 error; anything else raised while overrides are in use is trackgen's
    (before, every failure after rendering was reported as the overrides')."""
    import trackgen.targets.python as python_target

    override(project, "calls.py.jinja", builtin("calls.py.jinja"))
    plan = load_plan(project / "plan.yaml", "plan.yaml")[0]
    options = GenerateOptions(python=PythonOptions(templates=project / "templates"))
    assert generate(plan, options)

    def broken(source: str) -> str:
        raise RuntimeError("a bug in trackgen")

    monkeypatch.setattr(python_target, "black_clean", broken)
    with pytest.raises(RuntimeError, match="a bug in trackgen"):
        generate(plan, options)
