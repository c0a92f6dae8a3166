from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from airoadmap.domain.activity import Activity, activity_days, recent, streak, summarise
from airoadmap.domain.tracker import Tracker
from airoadmap.models import Progress, Record, Status
from airoadmap.notes.loader import load_curriculum
from tests.conftest import SMALL
from tests.zones import fixture_zone  # noqa: F401

C = load_curriculum(SMALL)
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


def tracker(**statuses: Status) -> Tracker:
    records = {
        topic.replace("_", "-"): Record(status=status, started=NOW)
        for topic, status in statuses.items()
    }
    return Tracker(C, records)


def test_a_new_learner_can_start_what_has_no_requirements() -> None:
    s = tracker()
    assert s.ready_leaves() == ["linear-algebra", "calculus", "python"]
    assert s.is_blocked("training") and s.is_blocked("serving")
    assert s.mark("training") == "blocked"
    assert s.unmet("training") == ["math", "python"]
    assert s.status("roadmap") is Status.TODO and s.completion("roadmap") == 0


def test_requiring_a_map_means_all_its_leaves() -> None:
    s = tracker(linear_algebra=Status.DONE, python=Status.DONE)
    assert s.unmet("training") == ["math"]
    s = tracker(linear_algebra=Status.DONE, calculus=Status.SKIPPED, python=Status.DONE)
    assert s.is_ready("training") and s.unmet("training") == []


def test_completion_leaves_out_side_paths_until_started() -> None:
    s = tracker(linear_algebra=Status.DONE)
    assert s.counts["roadmap"].total == 4  # Serving is optional and not started
    assert s.completion("roadmap") == 0.25
    assert s.counts["models"].total == 1
    s = tracker(linear_algebra=Status.DONE, serving=Status.LEARNING)
    assert s.counts["roadmap"].total == 5
    assert s.completion("roadmap") == 0.2


def test_parent_status_is_derived() -> None:
    assert tracker(linear_algebra=Status.DONE).status("math") is Status.LEARNING
    assert tracker(linear_algebra=Status.DONE, calculus=Status.SKIPPED).status("math") is (
        Status.DONE
    )
    both_skipped = tracker(linear_algebra=Status.SKIPPED, calculus=Status.SKIPPED)
    assert both_skipped.status("math") is Status.SKIPPED
    assert tracker(calculus=Status.LEARNING).status("basics") is Status.LEARNING
    assert tracker().status("applied") is Status.TODO


def test_suggestions_rank_in_progress_first_then_curriculum_order() -> None:
    s = tracker(python=Status.LEARNING)
    ranked = [x.topic for x in s.suggest()]
    assert ranked == ["python", "linear-algebra", "calculus"]
    assert s.suggest()[0].reason == "in progress since 2026-11-28; unlocks 1 topic"
    assert s.suggest()[1].reason == "ready: no prerequisites; unlocks 2 topics"
    assert [x.topic for x in s.suggest(limit=1)] == ["python"]
    assert [x.topic for x in s.suggest("math")] == ["linear-algebra", "calculus"]


def test_reason_names_the_requirements_met() -> None:
    s = tracker(linear_algebra=Status.DONE, calculus=Status.DONE, python=Status.DONE)
    [training] = s.suggest()
    assert training.topic == "training"
    assert training.reason == "ready: Math for Tests and Python are done; unlocks 1 topic"


def test_side_paths_come_last() -> None:
    s = tracker(
        linear_algebra=Status.DONE, calculus=Status.DONE, python=Status.DONE, training=Status.DONE
    )
    assert [x.topic for x in s.suggest()] == ["serving"]
    assert s.completion("roadmap") == 1.0


def test_path_orders_every_remaining_leaf_after_its_requirements() -> None:
    s = tracker(calculus=Status.DONE)
    order = s.path("serving")
    assert order == ["linear-algebra", "python", "training", "serving"]
    for i, leaf in enumerate(order):
        assert set(C.required_leaves(leaf)) & set(order) <= set(order[:i])
    assert s.path("models") == ["linear-algebra", "python", "training"]  # no side path
    assert tracker().path("calculus") == ["calculus"]


def test_unknown_records_are_reported() -> None:
    s = Tracker(C, {"gone-topic": Record(status=Status.DONE), "python": Record()})
    assert s.unknown_records() == ["gone-topic"]


def stored(moment: datetime) -> datetime:
    """`moment` as a store keeps it: in UTC."""
    return moment.astimezone(UTC)


def test_streak_and_recent_activity(zone: ZoneInfo) -> None:
    now = datetime(2026, 11, 28, 9, 0, tzinfo=zone)
    today = now.date()
    days = {today, today - timedelta(days=1), today - timedelta(days=2), today - timedelta(days=5)}
    assert streak(days, today) == 3
    assert streak({today - timedelta(days=1)}, today) == 1  # today not yet studied
    assert streak(set(), today) == 0
    records = {
        "a": Record(
            status=Status.DONE, started=stored(now - timedelta(days=10)), finished=stored(now)
        ),
        "b": Record(status=Status.LEARNING, started=stored(now - timedelta(days=3))),
        "c": Record(
            status=Status.DONE,
            started=stored(now - timedelta(days=40)),
            finished=stored(now - timedelta(days=20)),
        ),
    }
    assert recent(records, now, 7) == (1, 1, 0)
    assert recent(records, now, 30) == (2, 2, 0)
    assert date(2026, 11, 25) in activity_days(records, [], now)


def test_a_skip_counts_as_skipped_not_as_started(zone: ZoneInfo) -> None:
    """Skipping stamps a record's start and finish: `stats` must not call it a start."""
    now = datetime(2026, 11, 28, 9, 0, tzinfo=zone)
    a_day_ago = stored(now - timedelta(days=1))
    records = {
        "skipped": Record(status=Status.SKIPPED, started=a_day_ago, finished=a_day_ago),
        "begun": Record(status=Status.LEARNING, started=a_day_ago),
        "old-skip": Record(
            status=Status.SKIPPED,
            started=stored(now - timedelta(days=20)),
            finished=stored(now - timedelta(days=20)),
        ),
    }
    assert recent(records, now, 7) == (1, 0, 1)
    assert recent(records, now, 30) == (1, 0, 2)


def test_activity_days_are_the_days_of_nows_time_zone(zone: ZoneInfo) -> None:
    """Evenings (the next day in UTC in Los Angeles) and mornings (the day before in UTC at
    UTC+14) count on the learner's own day: four days in a row, in every zone."""
    now = datetime(2026, 11, 28, 22, 0, tzinfo=zone)
    records = {
        "a": Record(
            status=Status.DONE,
            started=stored(datetime(2026, 11, 26, 9, 0, tzinfo=zone)),
            finished=stored(datetime(2026, 11, 27, 21, 30, tzinfo=zone)),
        ),
        "b": Record(
            status=Status.LEARNING, started=stored(datetime(2026, 11, 28, 21, 30, tzinfo=zone))
        ),
    }
    log_times = [stored(datetime(2026, 11, 25, 23, 0, tzinfo=zone))]
    days = activity_days(records, log_times, now)
    assert days == {date(2026, 11, 25), date(2026, 11, 26), date(2026, 11, 27), date(2026, 11, 28)}
    assert streak(days, now.date()) == 4
    assert activity_days(records, log_times, now.astimezone()) == days  # TZ's zone, as the CLI
    progress = Progress(learner="ada", topics=records)
    assert summarise(progress, now) == Activity(week=(2, 1, 0), month=(2, 1, 0), streak=3)
    assert summarise(progress, now.astimezone()) == Activity(
        week=(2, 1, 0), month=(2, 1, 0), streak=3
    )
    the_30th = datetime(2026, 11, 30, 9, 0, tzinfo=zone)  # the 29th skipped: the streak is over
    assert summarise(progress, the_30th).streak == 0
