"""`Store.update` writes exactly when a change changed the progress, by value."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pytest

from airoadmap.models import Progress, Record, Status
from airoadmap.progress import actions
from airoadmap.progress.store import Store

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A store whose record of calculus carries keys of a newer airoadmap, a list among them."""
    store = Store(tmp_path / "home", "ada", cache_dir=tmp_path / "cache")
    store.update(lambda p: actions.set_note(p, "calculus", "limits first", NOW))
    table = "[hubs.ai-engineer.topics.calculus]\n"
    text = store.path.read_text().replace(table, table + 'confidence = 3\ntags = ["x"]\n')
    store.path.write_text(text)
    return store


def test_a_change_to_the_unknown_top_level_keys_in_place_is_written(store: Store) -> None:
    def change(progress: Progress) -> None:
        progress.extra["settings"] = {"goal": "rag"}

    store.update(change)
    assert "[settings]" in store.path.read_text()
    assert Store(store.home, "ada").load().extra == {"settings": {"goal": "rag"}}


def test_a_record_cannot_be_edited_in_place_so_no_change_is_lost_unseen(store: Store) -> None:
    before = store.path.read_bytes()

    def edit_record(progress: Progress) -> None:
        progress.topics["calculus"].note = "edited"  # type: ignore[misc]

    def edit_unknown_keys(progress: Progress) -> None:
        progress.topics["calculus"].extra["confidence"] = 3  # type: ignore[index]

    def edit_nested_unknown_keys(progress: Progress) -> None:
        progress.topics["calculus"].extra["tags"].append("y")

    def edit_a_log_entry(progress: Progress) -> None:
        progress.log[-1].before["calculus"] = Record(note="rewritten history")  # type: ignore[index]

    with pytest.raises(dataclasses.FrozenInstanceError):
        store.update(edit_record)
    with pytest.raises(TypeError):
        store.update(edit_unknown_keys)
    with pytest.raises(AttributeError):  # a list a newer airoadmap wrote is read as a tuple
        store.update(edit_nested_unknown_keys)
    with pytest.raises(TypeError):
        store.update(edit_a_log_entry)
    assert store.path.read_bytes() == before


def test_a_change_that_leaves_equal_values_writes_nothing(store: Store) -> None:
    inode = store.path.stat().st_ino

    def same_values(progress: Progress) -> None:
        progress.topics["calculus"] = progress.topics["calculus"].replace()
        progress.extra = dict(progress.extra)

    store.update(same_values)
    assert store.path.stat().st_ino == inode  # not even rewritten


def test_a_replaced_record_is_written(store: Store) -> None:
    def change(progress: Progress) -> None:
        progress.topics["calculus"] = Record(Status.DONE, finished=NOW)

    store.update(change)
    assert Store(store.home, "ada").load().topics["calculus"].status is Status.DONE
