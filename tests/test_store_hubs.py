"""Progress belongs to its curriculum: a store keeps each hub's records and log entries apart, and
a store from before hubs (schema 1) is read as the curricula its records were made in, and
written in the new form by the first change."""

from __future__ import annotations

import json
import os
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from airoadmap.domain.curriculum import Curriculum
from airoadmap.errors import StoreError
from airoadmap.locations import bundled_curriculum
from airoadmap.models import BUNDLED_HUB, HubRecords, LogEntry, Record, StoreContents
from airoadmap.notes.loader import load_curriculum
from airoadmap.plain import document
from airoadmap.progress import actions
from airoadmap.progress.hubs import bundled_ids, placer, view
from airoadmap.progress.store import Store, dump, gather, parse
from tests.conftest import run, stored_records
from tests.strategies import log_entries, records, store_unknown_keys, topic_ids

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
STARTER_HUB = "my-roadmap"  # the hub id of the starter curriculum `init` writes

# A store as the previous version wrote it: records of the bundled roadmap (linear-algebra, also
# a topic of the starter), of the starter only (training-models), and of neither (old-topic); a
# log entry in each; unknown keys at the top, in a record and in a log entry.
LEGACY = """\
schema = 1
learner = "default"
colour = "blue"

[topics.linear-algebra]
status = "done"
started = 2026-11-01T10:00:00Z
finished = 2026-11-02T10:00:00Z
note = "eigenvectors"

[topics.old-topic]
status = "skipped"

[topics.training-models]
status = "learning"
started = 2026-11-03T10:00:00Z
confidence = 3

[[log]]
at = 2026-11-02T10:00:00Z
action = "done"
targets = ["linear-algebra"]
topics = ["linear-algebra"]
device = "laptop"

[log.before.linear-algebra]
status = "learning"
started = 2026-11-01T10:00:00Z

[[log]]
at = 2026-11-03T10:00:00Z
action = "start"
targets = ["machine-learning"]
topics = ["training-models"]

[log.before.training-models]
"""


def store_path(learner: str = "default") -> Path:
    return Path(os.environ["AIROADMAP_HOME"]) / "learners" / f"{learner}.toml"


@pytest.fixture
def starter(runner: CliRunner, tmp_path: Path) -> Path:
    folder = tmp_path / "starter"
    run(runner, "init", str(folder))
    return folder


@pytest.fixture
def starter_curriculum(starter: Path) -> Curriculum:
    loaded = load_curriculum(starter)
    assert loaded.hub_id == STARTER_HUB
    return loaded


def legacy_store(home: Path, curriculum: Curriculum | None = None) -> Store:
    """The LEGACY store, opened for `curriculum` (the bundled roadmap when None)."""
    if curriculum is None:
        store = Store(home, "default")
    else:
        store = Store(home, "default", hub=curriculum.hub_id, curriculum_ids=curriculum)
    store.path.parent.mkdir(parents=True, exist_ok=True)
    if not store.path.exists():
        store.path.write_text(LEGACY, encoding="utf-8")
    return store


def plain_records(store: Store) -> dict[str, Any]:
    return {topic: document(record) for topic, record in store.load().topics.items()}


def statuses(runner: CliRunner, *args: str) -> dict[str, str]:
    """Each topic's status in `tree --json`."""
    found: dict[str, str] = {}

    def walk(node: dict[str, Any]) -> None:
        found[node["id"]] = node["status"]
        for child in node["children"]:
            walk(child)

    walk(json.loads(run(runner, "tree", "--json", *args)[1]))
    return found


# --- the bundled roadmap's ids -----------------------------------------------------------------


def test_the_bundled_ids_are_those_of_the_loaded_roadmap() -> None:
    assert bundled_ids() == {topic.id for topic in load_curriculum(bundled_curriculum())}


def test_a_record_made_before_hubs_belongs_to_the_bundled_roadmap_unless_only_yours_has_it(
    starter_curriculum: Curriculum,
) -> None:
    place = placer(STARTER_HUB, starter_curriculum)
    assert place("training-models") == STARTER_HUB  # only the starter has it
    assert place("linear-algebra") == BUNDLED_HUB  # both have it: unsure
    assert place("old-topic") == BUNDLED_HUB  # neither has it: unsure
    assert placer(BUNDLED_HUB, starter_curriculum)("training-models") == BUNDLED_HUB


# --- a store from the previous version ---------------------------------------------------------


def test_a_legacy_store_reads_as_the_curricula_its_records_were_made_in(
    tmp_path: Path, starter_curriculum: Curriculum
) -> None:
    bundled = legacy_store(tmp_path).load()
    assert bundled.schema == 1 and bundled.extra == {"colour": "blue"}
    assert set(bundled.topics) == {"linear-algebra", "old-topic", "training-models"}
    assert [entry.action for entry in bundled.log] == ["done", "start"]
    assert bundled.log[0].extra == {"device": "laptop"}

    mine = legacy_store(tmp_path, starter_curriculum).load()
    assert set(mine.topics) == {"training-models"}
    assert mine.topics["training-models"].extra == {"confidence": 3}
    assert [(entry.action, entry.hub) for entry in mine.log] == [("start", STARTER_HUB)]
    assert set(mine.elsewhere[BUNDLED_HUB].topics) == {"linear-algebra", "old-topic"}


def test_reading_never_writes_nor_does_a_change_that_changes_nothing(
    tmp_path: Path, starter_curriculum: Curriculum
) -> None:
    store = legacy_store(tmp_path, starter_curriculum)
    store.load()
    legacy_store(tmp_path).load()
    store.update(lambda p: actions.set_note(p, "training-models", None, NOW))  # had none
    assert store.path.read_text(encoding="utf-8") == LEGACY


def test_the_first_write_migrates_and_loses_nothing(
    tmp_path: Path, starter_curriculum: Curriculum
) -> None:
    store = legacy_store(tmp_path, starter_curriculum)
    bundled_store = legacy_store(tmp_path)
    before_mine, before_bundled = plain_records(store), plain_records(bundled_store)
    before_log = [(e.action, e.topics) for e in bundled_store.load().log]

    store.update(lambda p: actions.set_note(p, "python", "pandas first", NOW))

    data = tomllib.loads(store.path.read_text(encoding="utf-8"))
    assert data["schema"] == 2 and "topics" not in data
    assert data["colour"] == "blue"  # an unknown key kept
    assert sorted(data["hubs"]) == [BUNDLED_HUB, STARTER_HUB]
    assert sorted(data["hubs"][BUNDLED_HUB]["topics"]) == ["linear-algebra", "old-topic"]
    assert sorted(data["hubs"][STARTER_HUB]["topics"]) == ["python", "training-models"]
    assert data["hubs"][STARTER_HUB]["topics"]["training-models"]["confidence"] == 3
    assert [(e["hub"], e["action"]) for e in data["log"]] == [
        (BUNDLED_HUB, "done"),
        (STARTER_HUB, "start"),
        (STARTER_HUB, "note"),
    ]
    assert data["log"][0]["device"] == "laptop"

    # each curriculum reads what it read before, and the change
    after_mine = plain_records(store)
    assert after_mine.pop("python") == {"note": "pandas first"}
    assert after_mine == before_mine
    after_bundled = plain_records(bundled_store)
    # the starter's own topic went to the starter; the bundled roadmap keeps the rest as it was
    assert after_bundled == {k: v for k, v in before_bundled.items() if k != "training-models"}
    assert [(e.action, e.topics) for e in bundled_store.load().log] == before_log[:1]


def test_a_write_in_the_bundled_roadmap_migrates_every_record_to_it(tmp_path: Path) -> None:
    store = legacy_store(tmp_path)
    before = plain_records(store)
    store.update(lambda p: actions.set_note(p, "python", "pandas first", NOW))
    data = tomllib.loads(store.path.read_text(encoding="utf-8"))
    assert sorted(data["hubs"]) == [BUNDLED_HUB]
    assert {e["hub"] for e in data["log"]} == {BUNDLED_HUB}
    after = plain_records(store)
    assert after.pop("python") == {"note": "pandas first"}
    assert after == before


def test_a_migrated_store_reads_the_same_from_its_cache(
    tmp_path: Path, starter_curriculum: Curriculum
) -> None:
    cache_dir = tmp_path / "cache"
    store = Store(
        tmp_path, "default", cache_dir=cache_dir, hub=STARTER_HUB, curriculum_ids=starter_curriculum
    )
    legacy_store(tmp_path)
    read = store.load()
    assert store.load() == read  # the second time from the cache: placed the same
    store.update(lambda p: actions.set_note(p, "python", "x", NOW))
    assert store.load() == legacy_store(tmp_path, starter_curriculum).load()


def test_a_mixed_legacy_log_entry_goes_where_any_of_its_topics_belongs(
    tmp_path: Path, starter_curriculum: Curriculum
) -> None:
    contents = StoreContents(
        learner="ada",
        schema=1,
        log=[LogEntry(at=NOW, action="done", topics=("linear-algebra", "training-models"))],
    )
    assert [e.hub for e in view(contents, STARTER_HUB, starter_curriculum).log] == [STARTER_HUB]
    assert view(contents, BUNDLED_HUB).log[0].hub == BUNDLED_HUB


def test_a_hubs_own_record_wins_over_one_without_a_hub(tmp_path: Path) -> None:
    """Only a hand-merged store holds both; the record in the new form is the later one."""
    store = Store(tmp_path, "ada")
    store.path.parent.mkdir(parents=True)
    store.path.write_text(
        'schema = 2\nlearner = "ada"\n[topics.x]\nnote = "old"\n'
        '[hubs.ai-engineer.topics.x]\nnote = "new"\n[topics.y]\nnote = "kept"\n'
    )
    assert {k: r.note for k, r in store.load().topics.items()} == {"x": "new", "y": "kept"}


def test_unknown_keys_of_a_hubs_table_are_kept(tmp_path: Path) -> None:
    store = Store(tmp_path, "ada", hub="other")
    store.path.parent.mkdir(parents=True)
    store.path.write_text(
        'schema = 2\nlearner = "ada"\n[hubs.ai-engineer]\ngoal = "rag"\n'
        '[hubs.other]\npace = 5\n[hubs.other.topics.x]\nnote = "n"\n'
    )
    store.update(lambda p: actions.set_note(p, "y", "m", NOW))
    data = tomllib.loads(store.path.read_text())
    assert data["hubs"]["ai-engineer"] == {"goal": "rag"}
    assert data["hubs"]["other"]["pace"] == 5
    assert sorted(data["hubs"]["other"]["topics"]) == ["x", "y"]


def test_a_newer_schema_is_still_refused_for_writing(tmp_path: Path) -> None:
    store = Store(tmp_path, "ada", hub="other")
    store.path.parent.mkdir(parents=True)
    newer = b'schema = 3\nlearner = "ada"\n[hubs.other.topics.x]\nstatus = "done"\n'
    store.path.write_bytes(newer)
    assert "x" in store.load().topics
    with pytest.raises(StoreError, match="newer airoadmap"):
        store.update(lambda p: actions.set_note(p, "x", "n", NOW))
    assert store.path.read_bytes() == newer


# --- every hub's records survive another's changes ---------------------------------------------

HUB_NAMES = st.sampled_from([BUNDLED_HUB, "my-roadmap", "x.y"])
hub_tables = st.builds(
    HubRecords,
    topics=st.dictionaries(topic_ids, records, min_size=1, max_size=3),
    extra=st.one_of(st.just({}), store_unknown_keys),
)
whole_stores = st.builds(
    StoreContents,
    learner=st.just("ada"),
    hubs=st.dictionaries(HUB_NAMES, hub_tables, max_size=3),
    log=st.lists(st.tuples(log_entries, HUB_NAMES).map(lambda pair: _with_hub(*pair)), max_size=5),
    extra=st.one_of(st.just({}), store_unknown_keys),
)


def _with_hub(entry: LogEntry, hub: str) -> LogEntry:
    return LogEntry(
        at=entry.at,
        action=entry.action,
        targets=entry.targets,
        topics=entry.topics,
        before=entry.before,
        extra=entry.extra,
        rating=entry.rating,
        hub=hub,
    )


@given(contents=whole_stores, hub=HUB_NAMES)
def test_any_hubs_view_gives_the_whole_store_back(contents: StoreContents, hub: str) -> None:
    text = dump(contents)
    assert dump(gather(view(parse(text.encode(), Path("ada.toml")), hub))) == text


@given(contents=whole_stores, hub=HUB_NAMES, entry=log_entries, record=records, undo=st.booleans())
def test_a_change_in_one_hub_leaves_the_others_as_they_were(
    contents: StoreContents, hub: str, entry: LogEntry, record: Record, undo: bool
) -> None:
    progress = view(contents, hub)
    if undo and progress.log:
        actions.undo(progress)
    else:
        progress.log.append(entry)
        progress.topics["a-new-one"] = record
    after = gather(progress)
    others = {name: t for name, t in contents.hubs.items() if name != hub}
    assert {name: t for name, t in after.hubs.items() if name != hub} == others
    assert [e for e in after.log if e.hub != hub] == [e for e in contents.log if e.hub != hub]
    assert [e for e in after.log if e.hub == hub] == [
        e if e.hub == hub else _with_hub(e, hub) for e in progress.log
    ]


# --- through the CLI ---------------------------------------------------------------------------


def test_done_in_the_starter_is_not_done_in_the_bundled_roadmap(
    runner: CliRunner, starter: Path
) -> None:
    _, out, _ = run(runner, "done", "linear-algebra", "-c", str(starter))
    assert out.strip() == "Linear Algebra: done"
    assert statuses(runner, "-c", str(starter))["linear-algebra"] == "done"
    assert statuses(runner)["linear-algebra"] == "todo"
    assert "✓ Linear Algebra" not in run(runner, "tree")[1]
    # next in the bundled roadmap still has Linear Algebra to unlock (after Python, it requires)
    suggested = {t["id"]: t for t in json.loads(run(runner, "next", "--json")[1])}
    assert "linear-algebra" in suggested["python"]["unlocks"]
    stats = json.loads(run(runner, "stats", "--json")[1])
    assert (stats["finished"], stats["completion"], stats["streak_days"]) == (0, 0, 0)
    assert stats["unknown_records"] == []
    assert json.loads(run(runner, "stats", "--json", "-c", str(starter))[1])["finished"] == 1
    assert stored_records(store_path(), STARTER_HUB)["linear-algebra"]["status"] == "done"
    assert stored_records(store_path()) == {}


def test_reset_all_in_the_starter_leaves_the_bundled_roadmap_alone(
    runner: CliRunner, starter: Path
) -> None:
    run(runner, "done", "calculus", "linear-algebra")
    bundled = stored_records(store_path())
    run(runner, "done", "linear-algebra", "python", "-c", str(starter))
    _, out, _ = run(runner, "reset", "--all", "--yes", "-c", str(starter))
    assert "2 records forgotten" in out
    assert stored_records(store_path(), STARTER_HUB) == {}
    assert stored_records(store_path()) == bundled
    assert statuses(runner)["linear-algebra"] == "done"
    run(runner, "reset", "--all", "--yes")
    run(runner, "undo", "-c", str(starter))  # the starter's reset comes back, and only that
    assert sorted(stored_records(store_path(), STARTER_HUB)) == ["linear-algebra", "python"]
    assert stored_records(store_path()) == {}


def test_undo_and_log_keep_to_their_curriculum(runner: CliRunner, starter: Path) -> None:
    run(runner, "done", "calculus")
    run(runner, "done", "python", "-c", str(starter))
    _, out, _ = run(runner, "undo")  # the bundled roadmap's last change, not the starter's
    assert out.strip() == "undid: done Calculus and Gradients (1 topic)"
    assert statuses(runner, "-c", str(starter))["python"] == "done"
    code, _, err = run(runner, "undo", ok=False)
    assert code == 1 and "nothing to undo" in err
    run(runner, "start", "probability")
    log = json.loads(run(runner, "log", "--json", "-c", str(starter))[1])
    assert [(e["action"], e["topics"]) for e in log] == [("done", ["python"])]
    log = json.loads(run(runner, "log", "--json")[1])
    assert [(e["action"], e["topics"]) for e in log] == [("start", ["probability"])]
    run(runner, "undo", "-c", str(starter))
    assert statuses(runner, "-c", str(starter))["python"] == "todo"
    assert statuses(runner)["probability"] == "learning"


def test_learners_report_export_and_validate_see_one_curriculum(
    runner: CliRunner, starter: Path, tmp_path: Path
) -> None:
    run(runner, "done", "calculus", "-l", "ada")
    run(runner, "done", "training-models", "linear-algebra", "-c", str(starter), "-l", "ada")
    [row] = json.loads(run(runner, "learners", "--json")[1])
    assert row["finished"] == 1
    [row] = json.loads(run(runner, "learners", "--json", "-c", str(starter))[1])
    assert row["finished"] == 2
    [row] = json.loads(run(runner, "report", "--json", "-c", str(starter))[1])
    assert row["hours_done"] == 40
    exported = json.loads(run(runner, "export", "-c", str(starter), "-l", "ada")[1])
    assert sorted(exported["records"]) == ["linear-algebra", "training-models"]
    _, _, err = run(runner, "validate", str(starter))  # calculus is none of the starter's
    assert "calculus" not in err
    # an export imports into the curriculum in use
    file = tmp_path / "ada.json"
    file.write_text(json.dumps(exported))
    run(runner, "import", str(file), "-l", "bob", "-c", str(starter))
    assert sorted(stored_records(store_path("bob"), STARTER_HUB)) == [
        "linear-algebra",
        "training-models",
    ]
    assert stored_records(store_path("bob")) == {}


def test_a_legacy_store_through_the_cli(runner: CliRunner, starter: Path) -> None:
    store_path().parent.mkdir(parents=True)
    store_path().write_text(LEGACY, encoding="utf-8")
    assert statuses(runner)["linear-algebra"] == "done"
    mine = statuses(runner, "-c", str(starter))
    assert (mine["linear-algebra"], mine["training-models"]) == ("todo", "learning")
    assert store_path().read_text(encoding="utf-8") == LEGACY  # reading never writes
    run(runner, "done", "python", "-c", str(starter))
    assert tomllib.loads(store_path().read_text())["schema"] == 2
    assert statuses(runner)["linear-algebra"] == "done"
    _, out, _ = run(runner, "undo", "-c", str(starter))
    assert out.strip() == "undid: done Python (1 topic)"
    _, out, _ = run(runner, "undo", "-c", str(starter))  # the legacy entry, placed with its topic
    assert out.strip() == "undid: start Machine Learning (1 topic)"
    assert statuses(runner, "-c", str(starter))["training-models"] == "todo"
    assert run(runner, "undo", "-c", str(starter), ok=False)[0] == 1
    _, out, _ = run(runner, "undo")
    assert out.strip() == "undid: done Linear Algebra (1 topic)"
    assert statuses(runner)["linear-algebra"] == "learning"
