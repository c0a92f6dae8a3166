"""Sync through real git: one learner on two machines (two clones of one data folder, a bare
repository as the remote), stores merged by meaning, by `sync` and by a plain `git pull`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from airoadmap.models import HubRecords, Status, StoreContents
from airoadmap.progress.merging import merge
from airoadmap.progress.store import dump, parse
from tests.conftest import run
from tests.strategies import log_entries, records, store_unknown_keys, topic_ids

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(folder: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, text=True, check=True
    )
    return done.stdout


@pytest.fixture
def remote(tmp_path: Path) -> Path:
    bare = tmp_path / "remote.git"
    subprocess.run(["git", "init", "-q", "--bare", str(bare)], check=True)
    return bare


@pytest.fixture(autouse=True)
def _git_identity(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No git configuration of the machine's: a home of the test's own, as a new machine."""
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    (tmp_path / "user").mkdir()


def on(machine: Path, runner: CliRunner, *args: str, ok: bool = True) -> tuple[int, str, str]:
    """Run airoadmap with `machine` as the data folder, at "now" plus `offset`."""
    return run(runner, *args, "--home", str(machine), ok=ok)


def records_of(machine: Path) -> dict[str, dict[str, object]]:
    store = tomllib.loads((machine / "learners" / "default.toml").read_text())
    return store["hubs"]["ai-engineer"]["topics"]  # type: ignore[no-any-return]


def two_machines(runner: CliRunner, remote: Path, tmp_path: Path) -> tuple[Path, Path]:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    on(laptop, runner, "done", "linear-algebra")
    on(laptop, runner, "sync", "--remote", str(remote))
    on(desktop, runner, "sync", "--remote", str(remote))  # a new machine: takes what is there
    assert "linear-algebra" in records_of(desktop)
    return laptop, desktop


def test_different_topics_on_each_machine_end_on_both(
    runner: CliRunner, remote: Path, tmp_path: Path
) -> None:
    laptop, desktop = two_machines(runner, remote, tmp_path)
    on(laptop, runner, "done", "probability")
    on(desktop, runner, "done", "python")
    on(laptop, runner, "sync")
    _, out, _ = on(desktop, runner, "sync")
    assert "received 1 commit" in out
    on(laptop, runner, "sync")
    for machine in (laptop, desktop):
        assert {"linear-algebra", "probability", "python"} <= set(records_of(machine))
        log = on(machine, runner, "log")[1].splitlines()  # both machines' entries, once each
        assert len(log) == 3 and all("  done  " in line for line in log)
        for title in ("Linear Algebra", "Probability", "Python for AI"):
            assert sum(title in line for line in log) == 1, (title, log)
        assert "<<<<<<<" not in (machine / "learners" / "default.toml").read_text()
    _, out, _ = on(desktop, runner, "undo")  # the newest change, whichever machine made it
    assert out.startswith("undid: done")
    assert git(laptop, "status", "--porcelain") == ""


def test_the_same_topic_changed_on_both_keeps_the_newer(
    runner: CliRunner, remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desktop = two_machines(runner, remote, tmp_path)
    monkeypatch.setenv("AIROADMAP_NOW", "+1h")
    on(laptop, runner, "note", "linear-algebra", "older")
    monkeypatch.setenv("AIROADMAP_NOW", "+2h")
    on(desktop, runner, "start", "linear-algebra")  # re-opened later: this wins
    on(laptop, runner, "sync")
    on(desktop, runner, "sync")
    on(laptop, runner, "sync")
    for machine in (laptop, desktop):
        assert records_of(machine)["linear-algebra"]["status"] == "learning"
        assert "<<<<<<<" not in (machine / "learners" / "default.toml").read_text()


def test_a_plain_git_pull_merges_stores_by_meaning(
    runner: CliRunner, remote: Path, tmp_path: Path
) -> None:
    laptop, desktop = two_machines(runner, remote, tmp_path)
    on(laptop, runner, "done", "probability")
    on(laptop, runner, "sync")
    on(desktop, runner, "done", "python")
    git(desktop, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qam", "by hand")
    git(desktop, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "pull", "-q", "--no-rebase",
        "--no-edit", "origin", "main")  # fmt: skip
    assert {"probability", "python"} <= set(records_of(desktop))
    assert git(desktop, "status", "--porcelain") == ""


def test_a_store_with_conflict_markers_is_one_line_that_names_the_fix(
    runner: CliRunner, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    on(home, runner, "done", "python")
    store = home / "learners" / "default.toml"
    text = store.read_text()
    store.write_text(f"<<<<<<< HEAD\n{text}=======\n{text}>>>>>>> origin/main\n")
    before = store.read_bytes()
    code, _, err = on(home, runner, "next", ok=False)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "conflict markers (line 1)" in err and "airoadmap sync" in err
    assert "--theirs" not in err and store.read_bytes() == before


def test_sync_finishes_a_merge_git_left_with_markers(
    runner: CliRunner, remote: Path, tmp_path: Path
) -> None:
    laptop, desktop = two_machines(runner, remote, tmp_path)
    git(desktop, "config", "--unset", "merge.airoadmap.driver")  # as a hand-made clone has
    (desktop / ".gitattributes").write_text("")
    on(laptop, runner, "done", "probability")
    on(laptop, runner, "sync")
    on(desktop, runner, "done", "python")
    git(desktop, "-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-qam", "x")
    pulled = subprocess.run(
        ["git", "-C", str(desktop), "-c", "user.name=t", "-c", "user.email=t@t.invalid",
         "pull", "-q", "--no-rebase", "--no-edit", "origin", "main"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert pulled.returncode != 0  # git's own text merge: conflict markers in the store
    assert on(desktop, runner, "next", ok=False)[0] == 1
    on(desktop, runner, "sync")
    assert {"probability", "python", "linear-algebra"} <= set(records_of(desktop))
    assert git(desktop, "status", "--porcelain") == ""


def test_offline_progress_stays_committed_and_goes_at_the_next_sync(
    runner: CliRunner, remote: Path, tmp_path: Path
) -> None:
    laptop, _ = two_machines(runner, remote, tmp_path)
    moved = tmp_path / "away.git"
    remote.rename(moved)  # the remote cannot be reached
    on(laptop, runner, "done", "probability")
    code, out, err = on(laptop, runner, "sync")
    assert code == 0 and out.startswith("committed: airoadmap: default done 1")
    assert "not sent" in err and "the next sync sends it" in err
    assert "1 commit to send" in on(laptop, runner, "sync", "--status")[1]
    moved.rename(remote)
    _, out, _ = on(laptop, runner, "sync")
    assert "sent" in out
    assert "0 commits to send, 0 to receive" in on(laptop, runner, "sync", "--status")[1]


def test_git_status_stays_clean_after_commands(
    runner: CliRunner, remote: Path, tmp_path: Path
) -> None:
    laptop, _ = two_machines(runner, remote, tmp_path)
    for command in (["next"], ["tree"], ["stats"], ["review"], ["show", "python"]):
        on(laptop, runner, *command)
        assert git(laptop, "status", "--porcelain") == "", command
    on(laptop, runner, "done", "python")
    assert git(laptop, "status", "--porcelain") == " M learners/default.toml\n"
    on(laptop, runner, "sync")
    assert git(laptop, "status", "--porcelain") == ""
    assert (laptop / "cache" / ".gitignore").exists()


def test_without_git_sync_says_so_in_one_line(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    code, _, err = on(tmp_path / "home", runner, "sync", "--remote", "x", ok=False)
    assert code == 1 and err.strip() == (
        "error: sync needs the `git` program, and it is not installed (or not on PATH)"
    )


def test_a_first_sync_needs_a_remote(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = on(tmp_path / "home", runner, "sync", ok=False)
    assert code == 1 and "airoadmap sync --remote URL" in err


# --- merge-store, by meaning --------------------------------------------------------------------

HUBS = st.sampled_from(["ai-engineer", "mine"])
tables = st.builds(
    HubRecords,
    topics=st.dictionaries(topic_ids, records, max_size=4),
    extra=st.one_of(st.just({}), store_unknown_keys),
)
stores = st.builds(
    StoreContents,
    learner=st.just("ada"),
    hubs=st.dictionaries(HUBS, tables, max_size=2),
    log=st.lists(log_entries, max_size=4),
    extra=st.one_of(st.just({}), store_unknown_keys),
)


def _same(a: StoreContents, b: StoreContents) -> bool:
    return dump(a) == dump(b)


@settings(max_examples=150, deadline=None)
@given(base=st.one_of(st.none(), stores), ours=stores, theirs=stores)
def test_merging_is_the_same_whichever_side_is_ours(
    base: StoreContents | None, ours: StoreContents, theirs: StoreContents
) -> None:
    assert _same(merge(base, ours, theirs, log_limit=500), merge(base, theirs, ours, log_limit=500))


@settings(max_examples=150, deadline=None)
@given(store=stores, base=st.one_of(st.none(), stores))
def test_merging_a_store_with_itself_changes_nothing(
    store: StoreContents, base: StoreContents | None
) -> None:
    store.log = sorted(store.log, key=lambda e: e.at)  # a store's log is in time order
    merged = merge(base, store, store, log_limit=500)
    assert merged.hubs == {n: t for n, t in store.hubs.items() if t.topics or t.extra}
    assert merged.extra == store.extra


def test_a_change_on_one_side_wins_over_the_base(runner: CliRunner, tmp_path: Path) -> None:
    home = tmp_path / "home"
    on(home, runner, "done", "python", "probability")
    store = home / "learners" / "default.toml"
    base = tmp_path / "base.toml"
    shutil.copy(store, base)
    on(home, runner, "reset", "probability", "--yes")  # ours forgets probability
    theirs = tmp_path / "theirs.toml"
    shutil.copy(base, theirs)
    table = "[hubs.ai-engineer.topics.python]\n"
    theirs.write_text(theirs.read_text().replace(table, table + 'colour = "blue"\n'))
    run(runner, "merge-store", str(base), str(store), str(theirs))
    merged = parse(store.read_bytes(), store).hubs["ai-engineer"].topics
    assert "probability" not in merged  # the reset on our side is kept
    assert merged["python"].extra == {"colour": "blue"}  # their change kept, unknown key too
    code, _, err = run(runner, "merge-store", str(base), str(store), str(tmp_path), ok=False)
    assert code == 1 and len(err.strip().splitlines()) == 1


def test_an_unknown_key_in_a_review_card_is_kept(runner: CliRunner) -> None:
    home = Path(os.environ["AIROADMAP_HOME"])
    run(runner, "done", "python")
    store = home / "learners" / "default.toml"
    table = "[hubs.ai-engineer.topics.python.card]\n"
    store.write_text(store.read_text().replace(table, table + "new = 1\n"))
    monkey = {**os.environ, "AIROADMAP_NOW": (datetime.now(UTC) + timedelta(days=30)).isoformat()}
    done = subprocess.run(
        [sys.executable, "-m", "airoadmap", "review", "python", "--rating", "good"],
        env=monkey, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    card = tomllib.loads(store.read_text())["hubs"]["ai-engineer"]["topics"]["python"]["card"]
    assert card["new"] == 1 and card["last_review"] > card["due"] - timedelta(days=400)


def test_a_note_on_one_machine_never_takes_away_a_finish_on_the_other(
    runner: CliRunner, remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desktop = two_machines(runner, remote, tmp_path)
    monkeypatch.setenv("AIROADMAP_NOW", "+1h")
    on(laptop, runner, "done", "calculus")
    on(laptop, runner, "sync")
    monkeypatch.setenv("AIROADMAP_NOW", "+2h")
    on(desktop, runner, "note", "calculus", "watch", "the", "videos")  # later, on the other
    on(desktop, runner, "sync")
    on(laptop, runner, "sync")
    for machine in (laptop, desktop):
        calculus = records_of(machine)["calculus"]
        assert calculus["status"] == "done" and "card" in calculus, machine
        assert calculus["note"] == "watch the videos"


def test_a_machine_joining_with_progress_of_its_own_keeps_both(
    runner: CliRunner, remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, desktop = tmp_path / "laptop", tmp_path / "desktop"
    monkeypatch.setenv("AIROADMAP_NOW", "+1h")
    on(laptop, runner, "done", "linear-algebra")
    on(laptop, runner, "note", "python", "pytest", "first")
    on(laptop, runner, "sync", "--remote", str(remote))
    monkeypatch.setenv("AIROADMAP_NOW", "+3h")
    on(desktop, runner, "note", "linear-algebra", "eigenvectors")
    on(desktop, runner, "done", "python")
    on(desktop, runner, "sync", "--remote", str(remote))
    on(laptop, runner, "sync")
    for machine in (laptop, desktop):
        topics = records_of(machine)
        assert topics["linear-algebra"]["status"] == "done"
        assert topics["linear-algebra"]["note"] == "eigenvectors"
        assert topics["python"]["status"] == "done" and topics["python"]["note"] == "pytest first"


def _hand_clone(remote: Path, tmp_path: Path) -> Path:
    """A clone made with git alone: no merge driver registered."""
    clone = tmp_path / "by-hand"
    subprocess.run(["git", "clone", "-q", "-b", "main", str(remote), str(clone)], check=True)
    return clone


def test_markers_committed_by_hand_are_merged_by_meaning_and_never_spread(
    runner: CliRunner, remote: Path, tmp_path: Path
) -> None:
    laptop, _ = two_machines(runner, remote, tmp_path)
    clone = _hand_clone(remote, tmp_path)
    on(laptop, runner, "done", "probability")
    on(laptop, runner, "sync")
    on(clone, runner, "done", "python")
    me = ["-c", "user.name=t", "-c", "user.email=t@t.invalid"]
    git(clone, *me, "commit", "-qam", "mine")
    pulled = subprocess.run(
        ["git", "-C", str(clone), *me, "pull", "-q", "--no-rebase", "origin", "main"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert pulled.returncode != 0
    git(clone, *me, "commit", "-qam", "merged")  # the markers, committed
    _, out, _ = on(clone, runner, "sync")
    assert "merged learners/default.toml by meaning" in out
    on(laptop, runner, "sync")
    for machine in (clone, laptop):
        text = (machine / "learners" / "default.toml").read_text()
        assert "<<<<<<<" not in text
        assert {"linear-algebra", "probability", "python"} <= set(records_of(machine))


def test_a_remote_other_than_the_folders_is_refused(
    runner: CliRunner, remote: Path, tmp_path: Path
) -> None:
    laptop, _ = two_machines(runner, remote, tmp_path)
    other = tmp_path / "other.git"
    subprocess.run(["git", "init", "-q", "--bare", str(other)], check=True)
    code, _, err = on(laptop, runner, "sync", "--remote", str(other), ok=False)
    assert code == 1 and f"syncs with {remote}, not {other}" in err
    assert git(laptop, "remote", "get-url", "origin").strip() == str(remote)


def test_sync_sends_only_the_learners_own_store(
    runner: CliRunner, remote: Path, tmp_path: Path
) -> None:
    laptop, _ = two_machines(runner, remote, tmp_path)
    run(runner, "note", "python", "not mine", "--home", str(laptop), "-l", "bob")
    on(laptop, runner, "done", "probability")
    _, _, err = on(laptop, runner, "sync")
    assert "learners/bob.toml" in err and "not sent" in err
    assert git(laptop, "ls-files", "learners").split() == ["learners/default.toml"]


def test_sync_during_a_rebase_says_how_to_finish_it(
    runner: CliRunner, remote: Path, tmp_path: Path
) -> None:
    laptop, _ = two_machines(runner, remote, tmp_path)
    (laptop / ".git" / "rebase-merge").mkdir()
    code, _, err = on(laptop, runner, "sync", ok=False)
    assert code == 1 and "rebase is in progress" in err and "rebase --continue" in err


def test_an_undone_change_stays_undone_after_a_merge(runner: CliRunner, tmp_path: Path) -> None:
    home = tmp_path / "home"
    on(home, runner, "done", "python")
    on(home, runner, "done", "probability")
    store = home / "learners" / "default.toml"
    base, theirs = tmp_path / "base.toml", tmp_path / "theirs.toml"
    shutil.copy(store, base)
    theirs.write_text('colour = "blue"\n' + base.read_text())  # theirs: another change
    on(home, runner, "undo")  # ours: probability's done, undone
    run(runner, "merge-store", str(base), str(store), str(theirs))
    merged = parse(store.read_bytes(), store)
    assert [e.topics for e in merged.log] == [("python",)]  # the undone entry stays out
    assert "probability" not in merged.hubs["ai-engineer"].topics
    assert merged.extra == {"colour": "blue"}


def test_a_schema_1_store_merged_with_a_schema_2_one_keeps_each_part(tmp_path: Path) -> None:
    old = parse(
        b'schema = 1\nlearner = "ada"\n[topics.x]\nstatus = "done"\n'
        b"started = 2026-11-01T10:00:00Z\nfinished = 2026-11-02T10:00:00Z\n",
        tmp_path / "a.toml",
    )
    new = parse(
        b'schema = 2\nlearner = "ada"\n[hubs.ai-engineer.topics.x]\nnote = "later"\n'
        b'[[log]]\nat = 2026-11-03T10:00:00Z\naction = "note"\nhub = "ai-engineer"\n'
        b'topics = ["x"]\n',
        tmp_path / "b.toml",
    )
    from airoadmap.progress.hubs import view

    merged = merge(None, new, old, log_limit=500)
    record = view(merged, "ai-engineer").topics["x"]
    assert (record.status, record.note) == (Status.DONE, "later")


def test_merge_store_refuses_a_newer_schema(runner: CliRunner, tmp_path: Path) -> None:
    newer = tmp_path / "newer.toml"
    newer.write_text('schema = 99\nlearner = "ada"\n')
    mine = tmp_path / "mine.toml"
    mine.write_text('schema = 2\nlearner = "ada"\n')
    code, _, err = run(runner, "merge-store", str(mine), str(mine), str(newer), ok=False)
    assert code == 1 and "newer airoadmap" in err


def test_the_merge_driver_keeps_the_data_folder_off_the_import_path(
    runner: CliRunner, remote: Path, tmp_path: Path
) -> None:
    laptop, _ = two_machines(runner, remote, tmp_path)
    driver = git(laptop, "config", "merge.airoadmap.driver")
    assert " -P -m airoadmap merge-store %O %A %B" in driver


def test_sync_holds_the_stores_locks_while_git_rewrites_them(
    runner: CliRunner, remote: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    from airoadmap.progress import store

    laptop, _ = two_machines(runner, remote, tmp_path)
    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.2)
    with FileLock(f"{laptop / 'learners' / 'default.toml'}.lock"):  # a `done` writing now
        code, _, err = on(laptop, runner, "sync", ok=False)
    assert code == 1 and "another airoadmap is writing" in err
    assert on(laptop, runner, "sync")[0] == 0  # once it is done, sync goes on
