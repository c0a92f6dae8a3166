"""Reading a map-of-content curriculum down from its hub: the parse cache, the mix with `up`
links, Dataview inline fields, and `init --from-map --depth 2`."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.errors import CurriculumError
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


def test_a_map_lists_its_topics_in_the_order_it_shows_them(write_note: WriteNote) -> None:
    write_note("Roadmap.md", "- [[Maths]]\n")
    vault = write_note("Maths.md", "- [[First]]\n- Core:\n  - [[A1]]\n  - [[A2]]\n- [[Last]]\n")
    assert load_curriculum(vault, hub="Roadmap")["maths"].children == ("first", "a1", "a2", "last")


def test_a_summary_keeps_its_first_dot_and_its_code(write_note: WriteNote) -> None:
    vault = write_note("Roadmap.md", "- [[CSharp]] — .NET stuff\n- [[Shell]] — `bash` first\n")
    loaded = load_curriculum(vault, hub="Roadmap")
    assert (loaded["csharp"].summary, loaded["shell"].summary) == (".NET stuff", "bash first")


def test_of_two_notes_of_a_name_the_nearest_is_taken_and_said(write_note: WriteNote) -> None:
    write_note("Maps/Roadmap.md", "- [[Docker]]\n")
    write_note("Maps/Docker.md", "hours:: 8\n")
    vault = write_note("Clippings/Docker.md", "")
    loaded = load_curriculum(vault, hub="Roadmap")
    assert loaded["docker"].hours == 8  # the one beside the linking note
    (warning,) = loaded.warnings
    assert "[[Docker]] names 2 notes" in warning.message and "Clippings" in warning.message


def test_a_link_that_clashes_with_a_note_says_which(write_note: WriteNote) -> None:
    write_note("Roadmap.md", "- [[C++]]\n- [[C#]]\n")
    vault = write_note("C++.md", "")
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(vault, hub="Roadmap")
    messages = [f"{p.file}: {p.message}" for p in caught.value.problems]
    assert any("[[C]] (not written yet)" in m and "C++.md" in m for m in messages), messages
    assert all(str(p.file).endswith(".md") for p in caught.value.problems)


def test_another_roadmaps_hub_linked_from_a_map_is_no_structure(write_note: WriteNote) -> None:
    write_note("Maths.md", "- [[Algebra]]\n\nBack to [[Old Hub]]\n")
    vault = write_note("Old Hub.md", "---\nkind: hub\n---\n- [[Maths]]\n- [[Code]]\n")
    loaded = load_curriculum(vault, hub="Maths")
    assert [t.id for t in loaded] == ["maths", "algebra"]


def test_a_wrong_hub_name_says_what_comes_close(vault: Path) -> None:
    with pytest.raises(CurriculumError, match=r"no note named 'roadmp'.*did you mean 'Roadmap'"):
        load_curriculum(vault, hub="roadmp")


def test_the_hub_use_recorded_holds_when_curriculum_names_its_folder(
    vault: Path, runner: CliRunner, write_note: WriteNote
) -> None:
    run(runner, "use", str(vault), "--hub", "Roadmap")
    write_note("Other.md", "---\nkind: hub\n---\n")  # now the folder has a `kind: hub` note too
    assert json.loads(run(runner, "tree", "--json", "-c", str(vault))[1])["id"] == "roadmap"
    assert json.loads(run(runner, "tree", "--json")[1])["id"] == "roadmap"


def test_init_from_map_refuses_the_vault_that_holds_the_note(
    vault: Path, runner: CliRunner
) -> None:
    (vault / ".obsidian").mkdir()
    before = sorted(vault.rglob("*"))
    code, _, err = run(
        runner, "init", "--from-map", str(vault / "Roadmap.md"), str(vault / "Out"), ok=False
    )
    assert code == 1 and "inside the vault" in err and len(err.strip().splitlines()) == 1
    assert sorted(vault.rglob("*")) == before


def test_init_writes_emoji_as_they_are(runner: CliRunner, tmp_path: Path) -> None:
    note = tmp_path / "🧭 Hub.md"
    note.write_text("- [[Later 🌱]] — it's fine\n")
    run(runner, "init", "--from-map", str(note), str(tmp_path / "out"))
    text = (tmp_path / "out" / "Later 🌱.md").read_text()
    assert "title: 'Later 🌱'" in text and "\\U" not in text
    assert load_curriculum(tmp_path / "out")["later"].summary == "it's fine"


def test_marking_what_is_finished_says_so(vault: Path, runner: CliRunner) -> None:
    where = ["-c", str(vault), "--hub", "Roadmap"]
    run(runner, "done", "maths", *where)
    assert run(runner, "skip", "maths", *where)[1].strip() == (
        "Maths: nothing to change (already done)"
    )


def test_a_warm_load_sees_a_read_note_that_was_left_out_change(
    write_note: WriteNote, tmp_path: Path
) -> None:
    write_note("Maths.md", "- [[Algebra]]\n- [[Old Hub]]\n")
    vault = write_note("Old Hub.md", "---\nkind: hub\n---\n- [[Code]]\n")  # read, left out
    cache = tmp_path / "cache"
    assert [t.id for t in load_curriculum(vault, hub="Maths", cache_dir=cache)] == [
        "maths",
        "algebra",
    ]
    hub = vault / "Old Hub.md"
    hub.write_text("---\nkind: map\n---\n- [[Code]]\n")  # now a map: it nests
    os.utime(hub, ns=(1, 1))
    loaded = load_curriculum(vault, hub="Maths", cache_dir=cache)
    assert [t.id for t in loaded] == ["maths", "algebra", "old-hub", "code"]
