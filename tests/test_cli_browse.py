from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap import __version__
from tests.conftest import SMALL, WriteNote, run

MAPS = {
    "Foundations": [
        "Mathematics for AI",
        "Programming Foundations for AI",
        "Computer Science Foundations for AI",
    ],
    "Data & Systems": [
        "Data Foundations for AI",
        "Data Engineering for AI",
        "Systems Design for AI",
    ],
    "Model Lifecycle & Runtime": ["Model Lifecycle for AI Systems", "Inference & Serving Systems"],
    "Production & Operations": ["MLOps", "Cloud for AI"],
    "Applied Domains": [
        "NLP Systems",
        "Vision Systems",
        "Generative AI Systems",
        "Reinforcement Learning Systems",
    ],
}


def test_version(runner: CliRunner) -> None:
    _, out, _ = run(runner, "--version")
    assert out.strip() == f"airoadmap {__version__}"


def test_tree_shows_the_bundled_maps_under_their_areas(runner: CliRunner) -> None:
    _, out, _ = run(runner, "tree", "--depth", "2")
    lines = out.splitlines()
    assert lines[0].startswith("○ AI Engineer")
    for area, maps in MAPS.items():
        area_line = next(i for i, line in enumerate(lines) if f"── ○ {area}  area" in line)
        for offset, title in enumerate(maps, start=1):
            assert f" {title}  map" in lines[area_line + offset]


def test_tree_of_a_subtree_with_depth(runner: CliRunner) -> None:
    _, out, _ = run(runner, "tree", "--curriculum", str(SMALL), "basics", "--depth", "1")
    lines = out.splitlines()
    assert lines[0].startswith("○ Basics")
    assert len(lines) == 4 and "Math for Tests" in lines[1] and "Code" in lines[2]
    assert lines[3].startswith("✓ done")  # the legend


def test_tree_json_nests_children(runner: CliRunner) -> None:
    _, out, _ = run(runner, "tree", "--json", "-c", str(SMALL))
    doc = json.loads(out)
    assert doc["id"] == "roadmap" and doc["path"] == []
    basics = doc["children"][0]
    math = basics["children"][0]
    assert math["title"] == "Math for Tests"
    assert math["path"] == ["roadmap", "basics"]
    assert [c["id"] for c in math["children"]] == ["linear-algebra", "calculus"]
    algebra = math["children"][0]
    for key in ("id", "title", "kind", "path", "requires", "hours", "optional"):
        assert key in algebra
    assert algebra["hours"] == 20 and algebra["children"] == []


def test_list_shows_leaves_in_order(runner: CliRunner) -> None:
    _, out, _ = run(runner, "list", "-c", str(SMALL), "--json")
    assert [t["id"] for t in json.loads(out)] == [
        "linear-algebra",
        "calculus",
        "python",
        "training",
        "serving",
    ]


def test_list_under_and_kind(runner: CliRunner) -> None:
    _, out, _ = run(runner, "list", "-c", str(SMALL), "--under", "applied", "--json")
    assert [t["id"] for t in json.loads(out)] == ["training", "serving"]
    _, out, _ = run(runner, "list", "-c", str(SMALL), "--kind", "map", "--json")
    assert [t["id"] for t in json.loads(out)] == ["math", "code", "models"]
    _, out, _ = run(runner, "list", "-c", str(SMALL), "--kind", "map", "--under", "basics")
    assert "math" in out and "code" in out and "models" not in out


def test_list_table(runner: CliRunner) -> None:
    _, out, _ = run(runner, "list", "-c", str(SMALL))
    header, *rows = out.splitlines()
    assert header.split() == ["status", "id", "title", "in", "hours"]  # all topics: no kind
    assert rows[0].split()[:5] == ["○", "todo", "linear-algebra", "Linear", "Algebra"]
    assert rows[0].rstrip().endswith("20h")


def test_show_resolves_mathematics(runner: CliRunner) -> None:
    _, out, _ = run(runner, "show", "mathematics")
    assert out.startswith("○ Mathematics for AI")
    assert "AI Engineer › Foundations" in out
    assert "Unlocks" in out and "Machine Learning Fundamentals" in out


def test_show_page_has_every_part(runner: CliRunner) -> None:
    _, out, _ = run(runner, "show", "-c", str(SMALL), "linalg")
    for part in (
        "Linear Algebra",
        "Roadmap › Basics › Math for Tests",
        "Vectors and matrices.",
        "Multiply matrices",
        "[book] A book",
        "https://example.org/book",
        "Unlocks",
        "Training",
        "20h",
        "Body of linear algebra.",
    ):
        assert part in out


def test_show_json(runner: CliRunner) -> None:
    _, out, _ = run(runner, "show", "-c", str(SMALL), "training", "--json")
    doc = json.loads(out)
    assert doc["id"] == "training"
    assert doc["path"] == ["roadmap", "applied", "models"]
    assert doc["requires"] == ["python"]
    assert doc["required_leaves"] == ["linear-algebra", "calculus", "python"]
    assert doc["unlocks"] == ["serving"]
    assert doc["hours"] == 8


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["show", "zzz"], "no topic 'zzz'"),
        (["show", "data"], "'data' is ambiguous"),
        (["tree", "zzz"], "no topic 'zzz'"),
        (["list", "--under", "zzz"], "no topic 'zzz'"),
        (["tree", "-c", "/nonexistent/vault"], "/nonexistent/vault: no such curriculum folder"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    runner: CliRunner, args: list[str], expected: str
) -> None:
    code, out, err = run(runner, *args, ok=False)
    assert code == 1
    assert out == ""
    assert err.startswith("error: ") and expected in err
    assert len(err.strip().splitlines()) == 1


def test_broken_curriculum_is_one_line_for_commands(
    runner: CliRunner, write_note: WriteNote
) -> None:
    write_note("A.md", "---\nkind: hub\nhours: x\n---\n")
    vault = write_note("B.md", "---\nup: '[[A]]'\nhours: y\n---\n")
    code, _, err = run(runner, "tree", "-c", str(vault), ok=False)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "A.md:3: field 'hours'" in err and "(+1 more; run `airoadmap validate`" in err


def test_curriculum_from_the_environment(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_CURRICULUM", str(SMALL))
    _, out, _ = run(runner, "tree")
    assert out.startswith("○ Roadmap")


def test_validate_bundled(runner: CliRunner) -> None:
    _, out, _ = run(runner, "validate")
    assert "✓" in out and "5 areas, 14 maps" in out


def test_validate_counts_ignored_notes(runner: CliRunner) -> None:
    _, out, _ = run(runner, "validate", str(SMALL))
    assert "2 notes outside the curriculum ignored" in out


def test_validate_lists_every_problem(runner: CliRunner, write_note: WriteNote) -> None:
    write_note("Hub.md", "---\nkind: hub\n---\n")
    write_note("A.md", "---\nup: '[[Hub]]'\nrequires: ['[[Ghost]]']\n---\n")
    vault = write_note("B.md", "---\nup: '[[Nowhere]]'\n---\n")
    write_note("C.md", "---\nup: '[[Hub]]'\nhours: lots\n---\n")
    code, out, err = run(runner, "validate", str(vault), ok=False)
    assert code == 1 and out == f"2 problems in {vault}\n"
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert any("error:" in line and "A.md:3" in line and "'[[Ghost]]'" in line for line in lines)
    assert any("error:" in line and "C.md:3: field 'hours'" in line for line in lines)
    assert "1 note outside the curriculum skipped" in lines[-1]  # B: its `up` names no note
    _, _, err = run(runner, "validate", str(vault), "--all-notes", ok=False)
    assert f"warning: {vault / 'B.md'}:2: skipped, not in the curriculum: up: unresolved" in err


def test_help_lists_commands(runner: CliRunner) -> None:
    _, out, _ = run(runner, "--help")
    for command in ("tree", "list", "show", "validate"):
        assert command in out


def test_usage_error_exits_2(runner: CliRunner) -> None:
    code, _, _ = run(runner, "tree", "--depth", "-3", ok=False)
    assert code == 2


def test_python_dash_m_and_no_escape_codes_when_piped(tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": os.environ["PYTHONPATH"],  # src/, as the isolating fixture sets it
        "AIROADMAP_HOME": str(tmp_path),
        "TERM": "xterm-256color",
    }
    done = subprocess.run(
        [sys.executable, "-m", "airoadmap", "tree"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Mathematics for AI" in done.stdout
    assert "\x1b[" not in done.stdout


def test_tree_in_colour_says_the_same_as_plain(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, plain, _ = run(runner, "tree", "-c", str(SMALL))
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.setenv("FORCE_COLOR", "1")
    _, coloured, _ = run(runner, "tree", "-c", str(SMALL))
    assert "\x1b[" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


def test_help_shows_what_options_default_to(runner: CliRunner) -> None:
    """Rich reads `[...]` in help as markup: the defaults must survive it."""
    _, out, _ = run(runner, "next", "--help")
    words = " ".join(word for word in out.split() if word != "│")
    assert "[default: the bundled AI Engineer roadmap]" in words
    assert "[default: your user data folder]" in words


@pytest.mark.parametrize("command", [["tree"], ["list"], ["next", "-n", "500"], ["tree", "--json"]])
def test_a_reader_that_goes_away_ends_the_command_quietly_with_success(
    command: list[str], tmp_path: Path
) -> None:
    """`airoadmap tree | head -1`: the command stops at once, exit 0, nothing on stderr. The
    output is far larger than a pipe holds, so the command is still writing when it goes."""
    from bench.generate import write_curriculum

    write_curriculum(tmp_path / "big", 3000)
    process = subprocess.Popen(
        [sys.executable, "-m", "airoadmap", *command, "-c", str(tmp_path / "big")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None and process.stderr is not None
    with process.stdout, process.stderr:
        assert process.stdout.readline()
        process.stdout.close()
        assert process.wait(timeout=60) == 0
        assert process.stderr.read() == b""


def test_show_gives_the_hours_logged_beside_the_estimate(runner: CliRunner) -> None:
    run(runner, "start", "linear-algebra")
    run(runner, "log-hours", "linear-algebra", "3")
    _, out, _ = run(runner, "show", "linear-algebra")
    assert "Hours     12h · 3h so far" in out.splitlines()
    run(runner, "done", "linear-algebra", "--hours", "14")
    _, out, _ = run(runner, "show", "linear-algebra")
    assert "Hours     12h · took 14h" in out.splitlines()
