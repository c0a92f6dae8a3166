"""The parse caches are invisible: a changed note or store is seen, a broken cache ignored."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings

from airoadmap import cache
from airoadmap.errors import CurriculumError
from airoadmap.models import Progress
from airoadmap.notes import files as vault
from airoadmap.notes.loader import load_curriculum
from airoadmap.progress import actions
from airoadmap.progress.store import Store
from tests.conftest import WriteNote
from tests.strategies import progresses

NOW = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)


@pytest.fixture
def vault_dir(hub_vault: WriteNote) -> Path:
    hub_vault("A.md", "---\nup: '[[M]]'\ntitle: Alpha\nhours: 2\n---\nBody A\n")
    return hub_vault("B.md", "---\nup: '[[M]]'\nrequires: ['[[A]]']\n---\n")


def load(root: Path, cache_dir: Path) -> dict[str, tuple[str, tuple[str, ...], float | None]]:
    c = load_curriculum(root, cache_dir=cache_dir)
    return {t.id: (t.title, t.requires, t.hours) for t in c}


def no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(paths: list[str]) -> list[object]:
        if paths:
            raise AssertionError(f"parsed {paths} although nothing changed")
        return []

    monkeypatch.setattr("airoadmap.notes.loader.read_notes", refuse)


def test_an_unchanged_folder_is_not_parsed_again(
    vault_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = load(vault_dir, tmp_path / "cache")
    no_parsing(monkeypatch)
    assert load(vault_dir, tmp_path / "cache") == first
    assert first["a"] == ("Alpha", (), 2)


def test_a_changed_note_is_seen(vault_dir: Path, tmp_path: Path) -> None:
    load(vault_dir, tmp_path / "cache")
    note = vault_dir / "A.md"
    stat = note.stat()
    note.write_text("---\nup: '[[M]]'\ntitle: Alfa\nhours: 3\n---\nBody A\n")
    os.utime(note, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old mtime
    assert load(vault_dir, tmp_path / "cache")["a"] == ("Alfa", (), 3)


def test_added_removed_and_renamed_notes_are_seen(vault_dir: Path, tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    load(vault_dir, cache_dir)
    (vault_dir / "C.md").write_text("---\nup: '[[M]]'\n---\n")
    assert "c" in load(vault_dir, cache_dir)
    (vault_dir / "C.md").rename(vault_dir / "D.md")
    topics = load(vault_dir, cache_dir)
    assert "d" in topics and "c" not in topics
    (vault_dir / "D.md").unlink()
    assert set(load(vault_dir, cache_dir)) == {"hub", "m", "a", "b"}


def test_a_note_broken_after_caching_is_reported(vault_dir: Path, tmp_path: Path) -> None:
    load(vault_dir, tmp_path / "cache")
    (vault_dir / "B.md").write_text("---\nup: '[[M]]'\nhours: lots\n---\n")
    with pytest.raises(CurriculumError, match=r"B\.md:3: field 'hours'"):
        load(vault_dir, tmp_path / "cache")


@pytest.mark.parametrize(
    "damage",
    [b"", b"garbage", b"\x80\x04\x95junk", None],
    ids=["empty", "garbage", "pickle-like", "truncated"],
)
def test_a_corrupt_cache_is_ignored_and_rebuilt(
    vault_dir: Path, tmp_path: Path, damage: bytes | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache_dir = tmp_path / "cache"
    first = load(vault_dir, cache_dir)
    files = list((cache_dir / "curricula").iterdir())
    assert len(files) == 2
    for file in files:
        data = file.read_bytes()
        file.write_bytes(data[: len(data) // 2] if damage is None else damage)
    assert load(vault_dir, cache_dir) == first
    no_parsing(monkeypatch)
    assert load(vault_dir, cache_dir) == first  # rebuilt: the next run parses nothing


@pytest.mark.parametrize("change", ["version", "rules"])
def test_a_cache_from_another_version_or_other_rules_is_ignored(
    vault_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    cache_dir = tmp_path / "cache"
    load(vault_dir, cache_dir)
    if change == "version":
        monkeypatch.setattr(cache, "__version__", "99.0")
    else:  # the code that reads notes changed, the version did not (as in development)
        monkeypatch.setattr("airoadmap.notes.loader._rules", lambda: "other rules")
    calls: list[int] = []
    real = vault.read_notes

    def counting(paths: list[str]) -> list[object]:
        calls.append(len(paths))
        return real(paths)  # type: ignore[return-value]

    monkeypatch.setattr("airoadmap.notes.loader.read_notes", counting)
    load(vault_dir, cache_dir)
    assert calls == [4]  # every note parsed again


def test_an_unwritable_cache_folder_is_no_error(vault_dir: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "cache"
    blocker.write_text("a file where the cache folder should be")
    assert "a" in load(vault_dir, blocker)


def test_the_store_cache_follows_the_file(tmp_path: Path) -> None:
    cache_dir = tmp_path / "cache"
    store = Store(tmp_path / "home", "ada", cache_dir=cache_dir)
    store.update(lambda p: actions.set_note(p, "x", "first", NOW))
    assert store.load().topics["x"].note == "first"
    # an edit by hand (or a sync) replaces the file: the cache must not be believed
    text = store.path.read_text().replace('"first"', '"edited"')
    store.path.write_text(text)
    assert store.load().topics["x"].note == "edited"
    store.update(lambda p: actions.set_note(p, "x", "third", NOW))
    assert Store(tmp_path / "home", "ada").load().topics["x"].note == "third"  # no cache


@settings(max_examples=60, deadline=None)
@given(progress=progresses)
def test_any_progress_comes_back_from_the_store_cache_as_it_was(progress: Progress) -> None:
    """Records with cards, log entries with ratings, unknown keys: what the cache file serves
    is what parsing the store gives."""
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        home, cache_dir = Path(folder) / "home", Path(folder) / "cache"

        def put(p: Progress) -> None:
            p.topics.update(progress.topics)
            p.log.extend(progress.log)
            p.extra.update(progress.extra)

        Store(home, "ada", cache_dir=cache_dir).update(put)
        parsed = Store(home, "ada").load()  # no cache: parsed from the TOML
        patch.setattr("airoadmap.progress.store.parse", _no_parse)
        assert Store(home, "ada", cache_dir=cache_dir).load() == parsed == progress


def _no_parse(*args: object) -> None:
    raise AssertionError("parsed the store although its cache is current")


def test_a_written_store_is_served_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(tmp_path / "home", "ada", cache_dir=tmp_path / "cache")
    store.update(lambda p: actions.set_note(p, "x", "cached", NOW))

    def no_parse(*args: object) -> None:
        raise AssertionError("the store was parsed although the cache is current")

    monkeypatch.setattr("airoadmap.progress.store.parse", no_parse)
    assert store.load().topics["x"].note == "cached"


def _one_topic_curriculum(tmp_path: Path):  # type: ignore[no-untyped-def]
    root = tmp_path / "c"
    root.mkdir()
    (root / "Hub.md").write_text("---\nkind: hub\n---\n")
    (root / "T.md").write_text("---\nup: '[[Hub]]'\n---\n")
    curriculum = load_curriculum(root)
    return curriculum, [curriculum["t"]]
