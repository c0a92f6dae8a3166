"""A command pays at start-up for what it uses (issue 20): it imports its own module, not every
command's; Rich's console only where it lays output out (a terminal), not when piped; the note
parsers, pydantic and YAML only when the cache misses; nothing of Typer or Rich for `--version`.
What each costs is measured by bench/startup.py, never timed here: these tests check what a
command imports, in a real process, so that the saving cannot silently go away."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.cli import PANELS, help_and_examples, load
from tests.conftest import SMALL, run

# A process that runs airoadmap as its console script does, and writes down, as it exits, every
# module it imported.
RECORD = """
import atexit, os, sys

def record():
    with open(os.environ["MODULES_FILE"], "w", encoding="utf-8") as file:
        file.write("\\n".join(sorted(sys.modules)))

atexit.register(record)
sys.argv = ["airoadmap", *sys.argv[1:]]
from airoadmap.cli import main
main()
"""

UNRELATED = {f"airoadmap.cli.{name}" for name in ("review", "curricula", "use", "sync")}
"""Modules of commands that the ones tested here do not run, and share nothing with."""
PARSERS = {"airoadmap.notes.schema", "airoadmap.notes.tree", "airoadmap.notes.down"}
NOT_READING = {"pydantic", "yaml", "markdown_it", "filelock", "_hashlib"}
"""Packages a warm read does without: the schemas, YAML and Markdown parsers (a cold start's),
the store's lock (a change's), and hashlib's OpenSSL (its BLAKE2 is had without)."""


def imported(tmp_path: Path, *args: str) -> set[str]:
    """The modules `airoadmap ARGS` imports, run with its output piped (which must succeed)."""
    modules = tmp_path / "modules.txt"
    env = {**os.environ, "MODULES_FILE": str(modules), "AIROADMAP_CURRICULUM": str(SMALL)}
    done = subprocess.run(
        [sys.executable, "-c", RECORD, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr
    return set(modules.read_text(encoding="utf-8").split())


@pytest.fixture
def warm(tmp_path: Path) -> None:
    """A learner with a record, and the caches filled by the commands run once before."""
    for args in (["done", "python"], ["next"], ["tree"], ["show", "calculus"], ["stats"]):
        imported(tmp_path, *args)


def test_version_imports_neither_typer_nor_rich(tmp_path: Path) -> None:
    modules = imported(tmp_path, "--version")
    assert not {m for m in modules if m.split(".")[0] in {"typer", "rich", "pydantic"}}
    assert "airoadmap.cli.app" not in modules


@pytest.mark.parametrize(
    ("args", "own"),
    [
        (["next"], "airoadmap.cli.study"),
        (["tree"], "airoadmap.cli.browse"),
        (["show", "calculus"], "airoadmap.cli.browse"),
        (["stats"], "airoadmap.cli.progress"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else value,
)
def test_a_warm_read_imports_its_own_command_and_no_renderer_it_does_not_use(
    tmp_path: Path, warm: None, args: list[str], own: str
) -> None:
    modules = imported(tmp_path, *args)
    assert own in modules
    assert not modules & UNRELATED, "another command's module was imported"
    assert "rich.console" not in modules, "piped output is written without Rich's console"
    assert "rich.markdown" not in modules
    assert not {m.split(".")[0] for m in modules} & NOT_READING
    assert not PARSERS & modules, "a warm cache spares reading notes"
    if args[0] != "show":  # which reads the note's body
        assert "airoadmap.notes.note" not in modules


def test_done_imports_only_what_a_change_needs(tmp_path: Path, warm: None) -> None:
    modules = imported(tmp_path, "done", "calculus")
    assert "airoadmap.cli.study" in modules
    assert not modules & UNRELATED
    assert "rich.console" not in modules
    assert not PARSERS & modules


def test_a_cold_start_still_reads_the_notes(tmp_path: Path) -> None:
    """The parsers are put off, not left out: with no cache, `next` reads every note."""
    modules = imported(tmp_path, "next")
    assert modules >= PARSERS


def test_every_registered_command_loads_with_its_help_and_examples() -> None:
    """Each "module:function" of the registry names a command whose docstring gives its help
    and examples (a typo there would otherwise show only when that command is run)."""
    names = [name for commands in PANELS.values() for name in commands]
    assert len(names) == len(set(names))
    for commands in PANELS.values():
        for where in commands.values():
            command = load(where)
            assert callable(command), where
            text, examples = help_and_examples(command)
            assert text and examples, where


def test_help_lists_every_command_in_its_panel_in_order(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The registry is the help: each panel's heading, then its commands, in the registry's
    order."""
    monkeypatch.setenv("COLUMNS", "120")
    _, out, _ = run(runner, "--help")
    lines = out.splitlines()
    at = 0
    for panel, commands in PANELS.items():
        at = next(i for i in range(at, len(lines)) if f"─ {panel} ─" in lines[i])
        for name in commands:
            at = next(i for i in range(at, len(lines)) if lines[i].startswith(f"│ {name} "))
            assert lines[at].split("│")[1].split()[1:], f"{name} has no help in the list"


@pytest.mark.parametrize(
    "text",
    [
        "no frontmatter\n---\nbelow a rule\n",
        "---\ntitle: A\n---\n# A\n\nbody\n",
        "----  \nhours: 3\n-----\nbody\n---\nafter a rule\n",
        "---\ntitle: never closed\n",
        "---\n---\n",
        "\n---\ntitle: not first\n---\n",
        "",
    ],
)
def test_a_body_is_split_where_python_frontmatter_splits_it(text: str) -> None:
    """`show` reads a body without importing YAML, with the fence the parser uses."""
    from frontmatter.default_handlers import YAMLHandler

    from airoadmap.notes.note import FENCE, split_body

    handler = YAMLHandler()
    assert handler.FM_BOUNDARY is not None
    assert (FENCE.pattern, FENCE.flags) == (handler.FM_BOUNDARY.pattern, handler.FM_BOUNDARY.flags)
    try:
        expected = handler.split(text)[1] if handler.detect(text) else text
    except ValueError:  # opened, never closed
        expected = ""
    assert split_body(text) == expected


def test_the_startup_bench_runs_and_prints_its_table(capsys: pytest.CaptureFixture[str]) -> None:
    """bench/startup.py, once through (its figures are not judged here)."""
    from bench import startup

    assert startup.main(["--runs", "1", "--only", "version", "next"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:3] == ["command", "runs", "median"]
    assert [line.split()[0] for line in table[1:3]] == ["--version", "next"]
    assert startup.main(["--runs", "1", "--profile", "tree"]) == 0
    stages = capsys.readouterr().out
    for stage in ("python -c pass", "+ typer", "+ the command's other imports", "(the whole"):
        assert stage in stages
