from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from airoadmap.errors import AiroadmapError
from airoadmap.models import Progress, Record, Status
from airoadmap.notes.loader import load_curriculum
from airoadmap.plain import document
from airoadmap.progress import actions
from tests.conftest import SMALL

C = load_curriculum(SMALL)
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
LATER = NOW + timedelta(hours=2)


def progress(**records: Record) -> Progress:
    return Progress(learner="ada", topics={k.replace("_", "-"): v for k, v in records.items()})


def snapshot(p: Progress) -> dict[str, dict[str, object]]:
    return {k: document(v) for k, v in p.topics.items()}


def test_done_on_a_map_marks_its_remaining_leaves() -> None:
    p = progress(calculus=Record(status=Status.SKIPPED, finished=NOW))
    change = actions.set_status(p, C, [C["math"]], Status.DONE, LATER)
    assert change.topics == ["linear-algebra"]
    assert p.topics["linear-algebra"].status is Status.DONE
    assert p.topics["linear-algebra"].finished == LATER
    assert p.topics["calculus"].status is Status.SKIPPED  # already finished: left alone
    assert p.log[-1].action == "done" and p.log[-1].targets == ("math",)


def test_a_map_leaves_out_its_side_paths_unless_named() -> None:
    p = progress()
    actions.set_status(p, C, [C["models"]], Status.DONE, NOW)
    assert set(p.topics) == {"training"}
    actions.set_status(p, C, [C["serving"]], Status.DONE, NOW)
    assert p.topics["serving"].status is Status.DONE


def test_start_keeps_finished_leaves_of_a_map_but_reopens_a_named_leaf() -> None:
    p = progress(linear_algebra=Record(status=Status.DONE, started=NOW, finished=NOW))
    change = actions.set_status(p, C, [C["math"]], Status.LEARNING, LATER)
    assert change.topics == ["calculus"]
    assert p.topics["linear-algebra"].status is Status.DONE
    actions.set_status(p, C, [C["linear-algebra"]], Status.LEARNING, LATER)
    assert p.topics["linear-algebra"].status is Status.LEARNING
    assert p.topics["linear-algebra"].finished is None


def test_done_keeps_the_start_date() -> None:
    p = progress(python=Record(status=Status.LEARNING, started=NOW, note="n"))
    actions.set_status(p, C, [C["python"]], Status.DONE, LATER)
    record = p.topics["python"]
    assert (record.started, record.finished, record.note) == (NOW, LATER, "n")


def test_nothing_to_change_is_not_logged() -> None:
    p = progress(python=Record(status=Status.DONE))
    change = actions.set_status(p, C, [C["python"]], Status.DONE, NOW)
    assert change.topics == [] and p.log == []


def test_several_targets_are_one_action() -> None:
    p = progress()
    change = actions.set_status(p, C, [C["python"], C["math"]], Status.SKIPPED, NOW)
    assert change.topics == ["python", "linear-algebra", "calculus"]
    assert len(p.log) == 1


@pytest.mark.parametrize(
    "act",
    [
        lambda p: actions.set_status(p, C, [C["basics"]], Status.LEARNING, LATER),
        lambda p: actions.set_status(p, C, [C["roadmap"]], Status.DONE, LATER),
        lambda p: actions.set_status(p, C, [C["calculus"], C["python"]], Status.SKIPPED, LATER),
        lambda p: actions.reset(p, ["linear-algebra", "python", "math"], ["basics"], LATER),
        lambda p: actions.reset(p, list(p.topics), [], LATER),
        lambda p: actions.set_note(p, "math", "map note", LATER),
        lambda p: actions.set_note(p, "python", None, LATER),
        lambda p: actions.set_note(p, "linear-algebra", "changed", LATER),
    ],
)
def test_undo_restores_every_kind_of_action_exactly(act) -> None:  # type: ignore[no-untyped-def]
    p = progress(
        linear_algebra=Record(status=Status.DONE, started=NOW, finished=NOW, note="eigen"),
        python=Record(status=Status.LEARNING, started=NOW, note="py", extra={"confidence": 3}),
        math=Record(note="about the map"),
    )
    before = snapshot(p)
    change = act(p)
    assert change.topics, "the action should have changed something"
    assert snapshot(p) != before
    entry = actions.undo(p)
    assert entry.action == change.action
    assert snapshot(p) == before
    assert p.log == []


def test_undo_walks_down_the_log() -> None:
    p = progress()
    actions.set_status(p, C, [C["python"]], Status.LEARNING, NOW)
    first = snapshot(p)
    actions.set_status(p, C, [C["python"]], Status.DONE, LATER)
    actions.undo(p)
    assert snapshot(p) == first
    actions.undo(p)
    assert p.topics == {}
    with pytest.raises(AiroadmapError, match="nothing to undo"):
        actions.undo(p)


def test_notes_set_and_clear() -> None:
    p = progress()
    actions.set_note(p, "python", "read the docs", NOW)
    assert p.topics["python"].note == "read the docs"
    assert p.topics["python"].effective is Status.TODO
    assert actions.set_note(p, "python", "read the docs", NOW).topics == []
    actions.set_note(p, "python", None, NOW)
    assert "python" not in p.topics  # an empty record is dropped
