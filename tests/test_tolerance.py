"""A vault holds more than the curriculum: a note it does not reach is never an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.notes.loader import load_curriculum
from tests.conftest import WriteNote, run

# Notes an Obsidian vault holds beside a roadmap, each with something airoadmap cannot read.
JUNK = {
    "Daily/2026-11-29.md": "---\ntitle: [unclosed\n---\nWent for a walk.\n",
    "Meetings/Standup.md": "---\nkind: meeting\nattendees: [ada, bob]\n---\n",
    "Ideas.md": "---\nhours: lots\n---\n",
    "Draft.md": "---\nup: '[[Nowhere]]'\n---\n",
    "Clippings/Article.md": "x" * (2 << 20),  # 2 MB, no frontmatter
}
LATIN1 = b"---\ntitle: caf\xe9\n---\n"


@pytest.fixture
def vault(write_note: WriteNote) -> Path:
    write_note("AI Engineer.md", "---\nkind: hub\n---\n")
    write_note("Maths.md", "---\nkind: map\nup: '[[AI Engineer]]'\n---\n")
    write_note("Algebra.md", "---\nup: '[[Maths]]'\nhours: 10\n---\n")
    write_note("Calculus.md", "---\nup: '[[Maths]]'\nrequires: ['[[Algebra]]']\n---\n")
    for name, text in JUNK.items():
        write_note(name, text)
    return write_note("Notes/Café.md", raw=LATIN1)


def test_notes_outside_the_curriculum_are_skipped_with_a_warning(vault: Path) -> None:
    loaded = load_curriculum(vault)
    assert [t.id for t in loaded] == ["ai-engineer", "maths", "algebra", "calculus"]
    warned = sorted(Path(str(w.file)).name for w in loaded.warnings)
    expected = ["2026-11-29.md", "Article.md", "Café.md", "Draft.md", "Ideas.md", "Standup.md"]
    assert warned == sorted(expected)
    assert all("skipped, not in the curriculum" in w.message for w in loaded.warnings)


def test_every_command_works_and_validate_counts_what_it_skipped(
    runner: CliRunner, vault: Path
) -> None:
    _, out, err = run(runner, "tree", "-c", str(vault))
    assert "Algebra" in out and "Calculus" in out and err == ""
    run(runner, "done", "-c", str(vault), "maths")
    _, out, _ = run(runner, "stats", "-c", str(vault), "--json")
    assert json.loads(out)["finished"] == 2
    for _ in range(2):  # cold, then from the cache
        code, out, err = run(runner, "validate", str(vault))
        assert code == 0 and "0 areas, 1 map, 2 topics" in out
        assert err.strip() == (
            "warning: 6 notes outside the curriculum skipped (unreadable, or `up` names no "
            "note): `airoadmap validate --all-notes` lists them"
        )
    _, _, err = run(runner, "validate", str(vault), "--all-notes")
    lines = err.strip().splitlines()
    assert len(lines) == 6
    assert f"warning: {vault / 'Ideas.md'}:2: skipped, not in the curriculum: field 'hours'" in err
    assert "Café.md:2: skipped, not in the curriculum: not UTF-8: byte 0xe9" in err


def test_a_broken_note_the_curriculum_links_to_is_an_error(runner: CliRunner, vault: Path) -> None:
    (vault / "Calculus.md").write_text(
        "---\nup: '[[Maths]]'\nrequires: ['[[Algebra]]', '[[Ideas]]']\n---\n"
    )
    code, _, err = run(runner, "next", "-c", str(vault), ok=False)
    assert code == 1
    assert err.strip().startswith(f"error: {vault / 'Ideas.md'}:2: field 'hours': ")
    assert len(err.strip().splitlines()) == 1


def test_a_broken_note_in_the_curriculum_is_an_error(runner: CliRunner, vault: Path) -> None:
    (vault / "Algebra.md").write_text("---\nup: '[[Maths]]'\nhours: ten\n---\n")
    code, _, err = run(runner, "validate", str(vault), ok=False)
    assert code == 1 and f"error: {vault / 'Algebra.md'}:3: field 'hours'" in err


def test_odd_notes_outside_are_skipped_not_errors(runner: CliRunner, vault: Path) -> None:
    """A `kind` that is a list, an `up` naming two notes, two notes whose `up` are each other."""
    (vault / "Meeting.md").write_text("---\nkind: [meeting, notes]\n---\n")
    for folder in ("Index1", "Index2"):
        (vault / folder).mkdir()
        (vault / folder / "Index.md").write_text("# Index\n")
    (vault / "Daily" / "2026-11-30.md").write_text("---\nup: '[[Index]]'\n---\n")
    (vault / "Ping.md").write_text("---\nup: '[[Pong]]'\n---\n")
    (vault / "Pong.md").write_text("---\nup: '[[Ping]]'\n---\n")
    code, _, err = run(runner, "validate", str(vault), "--all-notes")
    assert code == 0
    assert "Meeting.md:2: skipped, not in the curriculum: field 'kind'" in err
    assert "2026-11-30.md:2: skipped, not in the curriculum: up: ambiguous link" in err
    assert "skipped, not in the curriculum: cycle in up: p" in err


def test_a_link_means_the_curriculums_note_or_the_folder_it_names(
    runner: CliRunner, vault: Path
) -> None:
    (vault / "Archive").mkdir()
    (vault / "Archive" / "Algebra.md").write_text("---\ntitle: [unclosed\n---\n")
    (vault / "Old").mkdir()
    (vault / "Old" / "Calculus.md").write_text("Notes from school.\n")
    (vault / "Proofs.md").write_text(
        "---\nup: '[[Maths]]'\nrequires: ['[[Algebra]]', '[[Notes/Calculus]]']\n---\n"
    )
    (vault / "Notes").mkdir(exist_ok=True)
    (vault / "Calculus.md").rename(vault / "Notes" / "Calculus.md")
    _, out, _ = run(runner, "show", "-c", str(vault), "proofs", "--json")
    assert [r["id"] for r in json.loads(out)["requirements"]] == ["algebra", "calculus"]


def test_titles_holding_a_slash_name_their_notes(runner: CliRunner, write_note: WriteNote) -> None:
    write_note("AI-ML Roadmap.md", "---\nkind: hub\ntitle: AI/ML Roadmap\n---\n")
    write_note("Other hub.md", "---\nkind: hub\n---\n")
    vault = write_note(
        "Ops.md", "---\nup: '[[AI-ML Roadmap]]'\ntitle: Production / Deployment\n---\n"
    )
    _, out, _ = run(
        runner,
        "show",
        "-c",
        str(vault),
        "--hub",
        "AI/ML Roadmap",
        "Production / Deployment",
        "--json",
    )
    assert json.loads(out)["id"] == "ops"
