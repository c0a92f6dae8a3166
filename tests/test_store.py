from __future__ import annotations

import errno
import os
import subprocess
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path

import pytest
from filelock import FileLock
from hypothesis import given
from hypothesis import strategies as st

from airoadmap.errors import StoreError
from airoadmap.models import BUNDLED_HUB, LogEntry, Progress, Record, Status
from airoadmap.progress import atomic as atomic_module
from airoadmap.progress import store as store_module
from airoadmap.progress.hubs import view
from airoadmap.progress.store import LOG_LIMIT, Store, list_learners, parse, render
from tests.strategies import log_entries, records, store_unknown_keys, topic_ids

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def mark_done(topic: str):  # type: ignore[no-untyped-def]
    def change(progress: Progress) -> None:
        progress.topics[topic] = Record(status=Status.DONE, started=NOW, finished=NOW)

    return change


def test_missing_store_is_empty_progress(tmp_path: Path) -> None:
    progress = Store(tmp_path, "ada").load()
    assert progress.learner == "ada" and progress.topics == {} and progress.log == []
    assert not (tmp_path / "learners").exists()


def test_round_trip_is_valid_toml_with_schema(tmp_path: Path) -> None:
    store = Store(tmp_path, "ada")
    store.update(mark_done("linear-algebra"))
    data = tomllib.loads(store.path.read_text())
    assert data["schema"] == 2 and data["learner"] == "ada"
    record = data["hubs"]["ai-engineer"]["topics"]["linear-algebra"]
    assert record["status"] == "done" and record["finished"] == NOW
    assert store.load().topics["linear-algebra"].finished == NOW
    assert store.path == tmp_path / "learners" / "ada.toml"
    assert store.lock_path.exists()  # never deleted


def test_output_is_deterministic_and_sorted(tmp_path: Path) -> None:
    a = Progress(learner="ada")
    b = Progress(learner="ada")
    for topic in ["zeta", "alpha", "mid"]:
        a.topics[topic] = Record(status=Status.DONE, finished=NOW, note="n")
    for topic in ["mid", "zeta", "alpha"]:
        b.topics[topic] = Record(note="n", finished=NOW, status=Status.DONE)
    assert render(a) == render(b)
    text = render(a)
    assert text.startswith('schema = 2\nlearner = "ada"\n')
    alpha, mid, zeta = (
        text.index(f"[hubs.ai-engineer.topics.{t}]") for t in ["alpha", "mid", "zeta"]
    )
    assert alpha < mid < zeta


def test_unknown_keys_are_kept_on_rewrite(tmp_path: Path) -> None:
    store = Store(tmp_path, "ada")
    store.path.parent.mkdir(parents=True)
    store.path.write_text(
        'schema = 1\nlearner = "ada"\ncolour = "blue"\nschema_ = 7\n'
        '[topics.calculus]\nstatus = "learning"\nconfidence = 3\n'
        '[[log]]\nat = 2026-11-01T10:00:00Z\naction = "start"\ntopics = ["calculus"]\n'
        'device = "laptop"\n'
    )
    store.update(mark_done("linear-algebra"))
    data = tomllib.loads(store.path.read_text())
    assert data["colour"] == "blue"
    assert data["schema_"] == 7 and data["schema"] == 2  # a key like a field's name is no field
    assert data["hubs"]["ai-engineer"]["topics"]["calculus"] == {
        "status": "learning",
        "confidence": 3,
    }
    assert data["log"][0]["device"] == "laptop"


def test_broken_toml_names_line_and_column_and_is_never_overwritten(tmp_path: Path) -> None:
    store = Store(tmp_path, "ada")
    store.path.parent.mkdir(parents=True)
    broken = b'schema = 1\nlearner = "ada"\n[topics.x\nstatus = "done"\n'
    store.path.write_bytes(broken)
    with pytest.raises(StoreError, match=r"ada\.toml: broken TOML: .*line 3, column \d+"):
        store.load()
    with pytest.raises(StoreError, match="broken TOML"):
        store.update(mark_done("y"))
    assert store.path.read_bytes() == broken


def test_newer_schema_is_refused_for_writing(tmp_path: Path) -> None:
    store = Store(tmp_path, "ada")
    store.path.parent.mkdir(parents=True)
    newer = b'schema = 99\nlearner = "ada"\n[topics.x]\nstatus = "done"\n'
    store.path.write_bytes(newer)
    assert store.load().topics["x"].status is Status.DONE  # still readable
    with pytest.raises(StoreError, match=r"written by a newer airoadmap.*upgrade"):
        store.update(mark_done("y"))
    assert store.path.read_bytes() == newer


def test_newer_schema_with_an_unreadable_shape_says_upgrade(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="newer airoadmap"):
        parse(b'schema = 7\nlearner = "ada"\ntopics = ["a", "b"]\n', tmp_path / "ada.toml")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ('schema = 1\nlearner = "ada"\n[topics.x]\nstatus = "finished"\n', "topics.x.status"),
        ('schema = 1\nlearner = "ada"\n[topics.x]\nstarted = "yesterday"\n', "topics.x.started"),
        ('schema = "one"\nlearner = "ada"\n', "schema"),
        ('schema = 1\nlearner = "ada"\ntopics = 3\n', "topics"),
        (
            'schema = 2\nlearner = "ada"\n[hubs.h.topics.x]\nstatus = "finished"\n',
            "hubs.h.topics.x.status",
        ),
        ('schema = 2\nlearner = "ada"\nhubs = ["h"]\n', "hubs"),
        ('schema = 2\nlearner = "ada"\n[hubs.h]\ntopics = 3\n', "hubs.h.topics"),
        (
            'schema = 2\nlearner = "ada"\n[[log]]\nat = 2026-11-01T10:00:00Z\n'
            'action = "x"\nhub = 3\n',
            "log.0.hub",
        ),
    ],
)
def test_wrong_field_types_are_named(tmp_path: Path, text: str, field: str) -> None:
    with pytest.raises(StoreError, match=f"field '{field}'"):
        parse(text.encode(), tmp_path / "ada.toml")


@pytest.mark.parametrize("name", ["../x", "", "a b", "Ada", "-ada", "a/b", "x" * 65, "ada\n"])
def test_learner_names_must_be_slugs(tmp_path: Path, name: str) -> None:
    with pytest.raises(StoreError, match="invalid learner name"):
        Store(tmp_path, name)


@pytest.mark.parametrize(
    ("module", "step"),
    [(store_module.os, "fsync"), (store_module.os, "replace"), (atomic_module, "_sync_folder")],
)
def test_a_failed_write_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: object, step: str
) -> None:
    store = Store(tmp_path, "ada")
    store.update(mark_done("first"))
    old = store.path.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(module, step, fail)
    with pytest.raises(StoreError, match="progress not saved; previous progress intact"):
        store.update(mark_done("second"))
    assert store.path.read_bytes() == old
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["ada.toml", "ada.toml.lock"]


def test_stray_temp_files_are_cleaned_on_the_next_write(tmp_path: Path) -> None:
    store = Store(tmp_path, "ada")
    store.update(mark_done("first"))
    stray = store.path.parent / ".airoadmap-crashed.tmp"
    stray.write_text("half a write")
    assert store.load().topics.keys() == {"first"}  # ignored when reading
    store.update(mark_done("second"))
    assert not stray.exists()


def test_a_symlinked_store_updates_its_target(tmp_path: Path) -> None:
    synced = tmp_path / "synced"
    synced.mkdir()
    target = synced / "ada.toml"
    Store(synced, "ada").path.parent.mkdir(parents=True)
    store = Store(tmp_path / "home", "ada")
    store.path.parent.mkdir(parents=True)
    target.write_text('schema = 1\nlearner = "ada"\n')
    store.path.symlink_to(target)
    store.update(mark_done("x"))
    assert store.path.is_symlink()
    assert "[hubs.ai-engineer.topics.x]" in target.read_text()


def test_a_held_lock_gives_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = Store(tmp_path, "ada")
    store.update(mark_done("x"))
    monkeypatch.setattr(store_module, "LOCK_TIMEOUT", 0.2)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time, filelock; lock = filelock.FileLock(sys.argv[1]); lock.acquire();"
            "print('held', flush=True); time.sleep(30)",
            str(store.lock_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        before = store.path.read_bytes()
        with pytest.raises(StoreError, match="another airoadmap is writing"):
            store.update(mark_done("y"))
        assert store.path.read_bytes() == before
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert FileLock(str(store.lock_path), timeout=5).acquire()


def test_the_log_is_bounded(tmp_path: Path) -> None:
    store = Store(tmp_path, "ada")
    from airoadmap.progress.actions import set_note

    def many(progress: Progress) -> None:
        for i in range(LOG_LIMIT + 20):
            set_note(progress, "x", f"note {i}", NOW)

    store.update(many)
    log = store.load().log
    assert len(log) == LOG_LIMIT
    assert log[-1].before["x"].note == f"note {LOG_LIMIT + 18}"


def test_list_learners(tmp_path: Path) -> None:
    for name in ["bob", "ada"]:
        Store(tmp_path, name).update(mark_done("x"))
    (tmp_path / "learners" / "Not A Learner.toml").write_text("")
    assert list_learners(tmp_path) == ["ada", "bob"]
    assert list_learners(tmp_path / "nowhere") == []


# --- the TOML writer ---------------------------------------------------------------------------


@given(
    topics=st.dictionaries(topic_ids, records, max_size=6),
    log=st.lists(log_entries, max_size=3),
    extra=st.one_of(st.just({}), store_unknown_keys, st.just({"settings": {"goal": "rag"}})),
)
def test_any_progress_survives_a_write_and_a_read(
    topics: dict[str, Record], log: list[LogEntry], extra: dict[str, object]
) -> None:
    progress = Progress(learner="ada", topics=topics, log=log, extra=extra)
    text = render(progress)
    again = view(parse(text.encode(), Path("ada.toml")), BUNDLED_HUB)
    assert again == progress
    assert render(again) == text  # one text per progress
