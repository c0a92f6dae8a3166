"""Reading a map-of-content curriculum down from its hub: the parse cache, the mix with `up`
links, Dataview inline fields, and `init --from-map --depth 2`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.models import Kind
from airoadmap.notes.inline import inline_fields
from airoadmap.notes.loader import load_curriculum
from tests.conftest import WriteNote, run

HUB = """\
# Roadmap
## Foundations
- [[Maths]] — numbers first
- [[Code]]
"""
MATHS = "#map\n- [[Algebra]]\n- [[Calculus]]\n"


@pytest.fixture
def vault(write_note: WriteNote) -> Path:
    write_note("Roadmap.md", HUB)
    write_note("Maps/Maths.md", MATHS)
    write_note("Algebra.md", "hours:: 10\n")
    return write_note("Daily/2026-11-29.md", "Nothing to do with it.\n")


def ids(root: Path, cache: Path | None = None) -> list[str]:
    return [t.id for t in load_curriculum(root, hub="Roadmap", cache_dir=cache)]


def test_a_warm_load_sees_a_reached_note_change(vault: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert ids(vault, cache) == ["roadmap", "foundations", "maths", "algebra", "calculus", "code"]
    maths = vault / "Maps" / "Maths.md"
    maths.write_text(MATHS + "- [[Probability]]\n")
    os.utime(maths, ns=(1, 1))  # a new stamp, whatever the clock's resolution
    assert ids(vault, cache)[-2:] == ["probability", "code"]


def test_a_new_note_anywhere_resolves_a_link_that_had_none(vault: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    before = load_curriculum(vault, hub="Roadmap", cache_dir=cache)
    assert before["calculus"].source == ""  # not written yet
    (vault / "Daily" / "Calculus.md").write_text("---\nhours: 7\n---\n")
    after = load_curriculum(vault, hub="Roadmap", cache_dir=cache)
    assert after["calculus"].source.endswith("Calculus.md") and after["calculus"].hours == 7


def test_the_warm_load_is_the_cold_one(vault: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    cold = load_curriculum(vault, hub="Roadmap", cache_dir=cache)
    warm = load_curriculum(vault, hub="Roadmap", cache_dir=cache)
    assert list(warm) == list(cold) and warm.hub_id == cold.hub_id
    assert (tmp_path / "cache" / "curricula").is_dir()


def test_notes_the_hub_does_not_reach_are_not_read(vault: Path, write_note: WriteNote) -> None:
    write_note("Broken.md", raw=b"\xff\xfe not utf-8")
    loaded = load_curriculum(vault, hub="Roadmap")
    assert not loaded.warnings and loaded.ignored == 2
    every = load_curriculum(vault, hub="Roadmap", every_note=True)  # what validate asks
    assert [Path(str(w.file)).name for w in every.warnings] == ["Broken.md"]


def test_a_map_in_a_frontmatter_vault_also_takes_its_links(write_note: WriteNote) -> None:
    write_note("Hub.md", "---\nkind: hub\n---\n")
    write_note("Maths.md", "---\nkind: map\nup: '[[Hub]]'\norder: 1\n---\n- [[Algebra]]\n")
    write_note("Code.md", "---\nkind: map\nup: '[[Hub]]'\norder: 2\n---\n- [[Algebra]]\n")
    write_note("Python.md", "---\nup: '[[Code]]'\norder: 1\n---\n- [[Sets]]\n")
    vault = write_note("Numpy.md", "---\nup: '[[Maths]]'\n---\n")
    loaded = load_curriculum(vault)
    assert loaded["maths"].children == ("algebra", "numpy")  # listed first, then by `up`
    assert loaded["code"].children == ("python",)  # Algebra stays where it first appears
    assert loaded["python"].kind is Kind.TOPIC and loaded["python"].children == ()


def test_frontmatter_up_places_a_reached_note_elsewhere(write_note: WriteNote) -> None:
    write_note("Roadmap.md", "- [[Maths]]\n- [[Code]]\n")
    write_note("Maths.md", "- [[Algebra]]\n- [[Numpy]]\n")
    vault = write_note("Numpy.md", "---\nup: '[[Code]]'\n---\n")
    loaded = load_curriculum(vault, hub="Roadmap")
    assert loaded["numpy"].parent == "code" and loaded["maths"].children == ("algebra",)


def test_an_unreached_requirement_is_named_as_outside(write_note: WriteNote) -> None:
    write_note("Roadmap.md", "- [[Maths]]\n")
    write_note("Maths.md", "- [[Algebra]]\n")
    write_note("Algebra.md", "requires:: [[Sets]]\n")
    vault = write_note("Elsewhere/Sets.md", "")
    with pytest.raises(Exception, match=r"Algebra\.md:1: requires: .*outside the curriculum"):
        load_curriculum(vault, hub="Roadmap")


def test_inline_fields_skip_code_and_keep_lists() -> None:
    body = "Text\nhours:: 12\n```\nhours:: 99\n```\nrequires:: [[A]], [[B|b]]\n[optional:: true]\n"
    values, lines = inline_fields(body, frozenset({"hours", "requires", "optional"}), 5)
    assert values == {"hours": "12", "requires": ["[[A]]", "[[B|b]]"], "optional": "true"}
    assert lines == {"hours": 6, "requires": 10, "optional": 11}


def test_frontmatter_wins_over_an_inline_field(write_note: WriteNote) -> None:
    write_note("Roadmap.md", "---\nkind: hub\n---\n")
    vault = write_note("Algebra.md", "---\nup: '[[Roadmap]]'\nhours: 3\n---\nhours:: 12\n")
    assert load_curriculum(vault)["algebra"].hours == 3


def test_an_inline_field_of_the_wrong_type_names_its_line(write_note: WriteNote) -> None:
    write_note("Roadmap.md", "- [[Algebra]]\n")
    vault = write_note("Algebra.md", "---\ntags: [x]\n---\nIntro\n\nhours:: lots\n")
    with pytest.raises(Exception, match=r"Algebra\.md:6: field 'hours'"):
        load_curriculum(vault, hub="Roadmap")


def test_show_says_a_topic_has_no_note_yet(vault: Path, runner: CliRunner) -> None:
    where = ["-c", str(vault), "--hub", "Roadmap"]
    assert "No note yet" in run(runner, "show", "calculus", *where)[1]
    data = json.loads(run(runner, "show", "calculus", "--json", *where)[1])
    assert data["source"] is None and data["kind"] == "topic"


def test_init_depth_2_turns_the_linked_map_notes_into_topics(
    vault: Path, runner: CliRunner, tmp_path: Path
) -> None:
    (vault / ".obsidian").mkdir()
    (vault / "Calculus.md").write_text("requires:: [[Algebra]], [[Elsewhere]]\nhours:: 4\n")
    target = tmp_path / "out"
    run(runner, "init", "--from-map", str(vault / "Roadmap.md"), "--depth", "2", str(target))
    loaded = load_curriculum(target)
    assert loaded["maths"].children == ("algebra", "calculus")
    assert loaded["calculus"].requires == ("algebra",)  # a link to no written note is dropped
    assert (loaded["algebra"].hours, loaded["calculus"].hours) == (10, 4)
    assert loaded["code"].children == ()  # no note in the vault: a map with no topics yet
    shallow = tmp_path / "shallow"
    run(runner, "init", "--from-map", str(vault / "Roadmap.md"), str(shallow))
    assert load_curriculum(shallow)["maths"].children == ()
