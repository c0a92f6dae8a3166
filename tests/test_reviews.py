"""Spaced review in the core: cards made by `done`, scheduled by FSRS, kept and undone exactly."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given

from airoadmap.domain import reviews
from airoadmap.domain.clock import moment
from airoadmap.errors import AiroadmapError, StoreError
from airoadmap.models import BUNDLED_HUB, Card, Progress, Rating, Record, Status, StoreContents
from airoadmap.notes.loader import load_curriculum
from airoadmap.plain import codec
from airoadmap.progress import actions
from airoadmap.progress.hubs import view
from airoadmap.progress.store import Store, dump, gather, parse, render
from tests.conftest import SMALL
from tests.strategies import cards, store_times
from tests.zones import fixture_zone  # noqa: F401

C = load_curriculum(SMALL)
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)


def finished(*leaves: str, at: datetime = NOW) -> Progress:
    progress = Progress(learner="ada")
    actions.set_status(progress, C, [C[leaf] for leaf in leaves], Status.DONE, at)
    return progress


def card(progress: Progress, leaf: str) -> Card:
    found = progress.record(leaf).card
    assert found is not None
    return found


def local_now(zone: ZoneInfo) -> datetime:
    """NOW's wall-clock time, 09:00 on 2026-11-28, in the learner's time zone."""
    return datetime(2026, 11, 28, 9, 0, tzinfo=zone)


# --- the schedule ------------------------------------------------------------------------------


def test_a_topic_done_today_is_due_weeks_later_not_today(zone: ZoneInfo) -> None:
    now = local_now(zone)
    progress = finished("linear-algebra", at=now)
    first = card(progress, "linear-algebra")
    assert first.last_review == now
    assert not reviews.is_due(first, now)
    assert not reviews.is_due(first, now + 23 * timedelta(hours=1))
    assert reviews.is_due(first, now + 30 * DAY)
    assert reviews.due_count(C, progress.topics, now) == 0
    assert reviews.due_count(C, progress.topics, now + 30 * DAY) == 1
    # due two days on, at 09:00 on the 30th: from its first minute, not before, in local time
    assert first.due.astimezone(zone).date() == date(2026, 11, 30)
    assert not reviews.is_due(first, datetime(2026, 11, 29, 23, 59, tzinfo=zone))
    assert reviews.is_due(first, datetime(2026, 11, 30, 0, 1, tzinfo=zone))


def test_good_pushes_the_next_review_further_out_than_again() -> None:
    later = NOW + 30 * DAY
    first = card(finished("linear-algebra"), "linear-algebra")
    due = {rating: reviews.rate(first, rating, later).due for rating in Rating}
    assert later < due[Rating.AGAIN] < due[Rating.HARD] < due[Rating.GOOD] < due[Rating.EASY]
    again, good = reviews.rate(first, Rating.AGAIN, later), reviews.rate(first, Rating.GOOD, later)
    assert good.stability > again.stability
    assert all(c.last_review == later for c in (again, good))


def test_the_schedule_is_the_same_on_every_machine() -> None:
    """No fuzz: a store synced through git schedules alike wherever it is reviewed."""
    first = card(finished("linear-algebra"), "linear-algebra")
    assert reviews.rate(first, Rating.HARD, NOW + 9 * DAY) == reviews.rate(
        first, Rating.HARD, NOW + 9 * DAY
    )


def test_a_card_is_due_on_its_day_in_the_learners_time_zone() -> None:
    zone = timezone(timedelta(hours=-5))
    morning = datetime(2026, 12, 3, 8, 0, tzinfo=zone)
    evening_card = Card(
        due=datetime(2026, 12, 3, 20, 0, tzinfo=zone).astimezone(UTC),
        last_review=NOW,
        stability=5.0,
        difficulty=5.0,
    )
    assert reviews.is_due(evening_card, morning)
    assert not reviews.is_due(evening_card, morning - DAY)


def test_a_card_due_this_evening_is_due_this_morning_in_every_zone(zone: ZoneInfo) -> None:
    """Stored in UTC, the card's 20:00 is the 4th in UTC west of Greenwich, the morning's 08:00
    the 2nd far east of it: is_due goes by the days of `now`'s zone."""
    morning = datetime(2026, 12, 3, 8, 0, tzinfo=zone)
    evening_card = Card(
        due=datetime(2026, 12, 3, 20, 0, tzinfo=zone).astimezone(UTC),
        last_review=local_now(zone).astimezone(UTC),
        stability=5.0,
        difficulty=5.0,
    )
    assert reviews.is_due(evening_card, morning)
    assert reviews.is_due(evening_card, morning.astimezone())  # as the CLI has it: in TZ's zone
    assert not reviews.is_due(evening_card, morning - DAY)
    assert not reviews.is_due(evening_card, datetime(2026, 12, 2, 23, 59, tzinfo=zone))


def test_due_reviews_come_most_at_risk_first(zone: ZoneInfo) -> None:
    now = local_now(zone)
    progress = finished("linear-algebra", at=now)
    actions.set_status(progress, C, [C["calculus"]], Status.DONE, now + 10 * DAY)
    actions.set_status(progress, C, [C["python"]], Status.DONE, now - 20 * DAY)
    later = now + 40 * DAY
    found = reviews.reviews(C, progress.topics, later)
    assert [r.topic for r in found] == ["python", "linear-algebra", "calculus"]
    assert found[0].retrievability < found[1].retrievability < found[2].retrievability


def test_old_progress_without_cards_is_reviewed_from_its_finish_date(zone: ZoneInfo) -> None:
    """A store from before reviews: its done topics get the card they would have had."""
    now = local_now(zone)
    stored = now.astimezone(UTC)  # as a store keeps it
    progress = Progress(
        learner="ada",
        topics={"calculus": Record(status=Status.DONE, started=stored, finished=stored)},
    )
    assert reviews.card_of(progress.record("calculus")) == reviews.first_card(now)
    assert reviews.due_count(C, progress.topics, now) == 0
    assert reviews.due_count(C, progress.topics, now + 30 * DAY) == 1
    before = progress.record("calculus")
    actions.review(progress, C["calculus"], Rating.GOOD, now + 30 * DAY)
    assert card(progress, "calculus").last_review == now + 30 * DAY
    actions.undo(progress)
    assert progress.record("calculus") == before  # no stored card, exactly as it was


def test_summary_counts_recent_reviews_and_averages_recall(zone: ZoneInfo) -> None:
    now = local_now(zone)
    progress = finished("linear-algebra", "calculus", at=now)
    actions.set_status(progress, C, [C["python"]], Status.SKIPPED, now)  # skipped: no card
    actions.review(progress, C["calculus"], Rating.GOOD, now + 3 * DAY)
    actions.review(progress, C["calculus"], Rating.GOOD, now + 45 * DAY)
    at = now + 60 * DAY
    summary = reviews.summary(C, progress.topics, progress.log, at)
    assert summary.cards == 2
    assert summary.recent == 1  # the review 45 days in; the one at day 3 is older than 30 days
    assert summary.due == 1  # linear algebra, never reviewed; calculus is due in over a month
    recalls = [
        reviews.retrievability(card(progress, t), at) for t in ("linear-algebra", "calculus")
    ]
    assert summary.average_retrievability == pytest.approx(sum(recalls) / 2)
    assert reviews.summary(C, {}, [], at).average_retrievability is None


# --- cards follow the record -------------------------------------------------------------------


def test_skip_makes_no_card_and_reopening_or_skipping_a_done_topic_drops_it() -> None:
    progress = Progress(learner="ada")
    actions.set_status(progress, C, [C["python"]], Status.SKIPPED, NOW)
    assert progress.record("python").card is None
    progress = finished("linear-algebra", "calculus")
    actions.set_status(progress, C, [C["linear-algebra"]], Status.LEARNING, NOW + DAY)
    actions.set_status(progress, C, [C["calculus"]], Status.SKIPPED, NOW + DAY)
    assert progress.record("linear-algebra").card is None
    assert progress.record("calculus").card is None


def test_undo_and_reset_take_the_card_back_with_the_record() -> None:
    progress = finished("linear-algebra")
    actions.undo(progress)
    assert progress.record("linear-algebra") == Record()
    progress = finished("linear-algebra")
    kept = progress.record("linear-algebra")
    actions.reset(progress, ["linear-algebra"], ["linear-algebra"], NOW)
    assert "linear-algebra" not in progress.topics
    actions.undo(progress)
    assert progress.record("linear-algebra") == kept


def test_a_review_is_logged_with_its_rating_and_undone_exactly() -> None:
    progress = finished("linear-algebra")
    before = progress.record("linear-algebra")
    change = actions.review(progress, C["linear-algebra"], Rating.AGAIN, NOW + 30 * DAY)
    assert change.topics == ["linear-algebra"]
    entry = progress.log[-1]
    assert (entry.action, entry.rating, entry.before) == (
        "review",
        Rating.AGAIN,
        {"linear-algebra": before},
    )
    assert card(progress, "linear-algebra") != before.card
    assert actions.undo(progress) is entry
    assert progress.record("linear-algebra") == before


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (None, "is not done yet"),
        (Status.LEARNING, "is not done yet"),
        (Status.SKIPPED, "was skipped"),
    ],
)
def test_only_done_topics_are_reviewed(status: Status | None, message: str) -> None:
    progress = Progress(learner="ada")
    if status is not None:
        actions.set_status(progress, C, [C["python"]], status, NOW)
    log = list(progress.log)
    with pytest.raises(AiroadmapError, match=f"Python {message}"):
        actions.review(progress, C["python"], Rating.GOOD, NOW)
    assert progress.log == log


# --- the store ---------------------------------------------------------------------------------


def test_a_store_with_cards_round_trips_through_toml_unchanged(tmp_path: Path) -> None:
    store = Store(tmp_path, "ada")
    store.update(lambda p: actions.set_status(p, C, [C["basics"]], Status.DONE, NOW))
    store.update(lambda p: actions.review(p, C["calculus"], Rating.HARD, NOW + 5 * DAY))
    data = store.path.read_bytes()
    assert b"[hubs.ai-engineer.topics.calculus.card]" in data and b'rating = "hard"' in data
    contents = parse(data, store.path)
    assert dump(contents).encode() == data
    assert parse(dump(contents).encode(), store.path) == contents
    progress = view(contents, BUNDLED_HUB)
    assert render(progress).encode() == data
    assert card(progress, "calculus") == card(store.load(), "calculus")


def test_undo_of_a_review_restores_the_stored_bytes(tmp_path: Path) -> None:
    store = Store(tmp_path, "ada")
    store.update(lambda p: actions.set_status(p, C, [C["calculus"]], Status.DONE, NOW))
    before = store.path.read_bytes()
    store.update(lambda p: actions.review(p, C["calculus"], Rating.EASY, NOW + 9 * DAY))
    assert store.path.read_bytes() != before
    store.update(actions.undo)
    assert store.path.read_bytes() == before


@given(when=store_times)
def test_the_first_card_is_the_schedulers_first_review_at_any_time(when: datetime) -> None:
    assert reviews.first_card(when) == reviews.scheduled_first(when)


@given(card=cards)
def test_any_card_round_trips_through_the_store_and_its_cache(card: Card) -> None:
    progress = Progress(
        learner="ada",
        topics={"t": Record(status=Status.DONE, finished=card.last_review, card=card)},
    )
    assert view(parse(render(progress).encode(), Path("ada.toml")), BUNDLED_HUB) == progress
    assert cached(progress) == progress


def test_a_time_no_review_could_be_scheduled_from_is_refused(tmp_path: Path) -> None:
    """A hand-edited year 9999: the store is named, not a crash when the review is scheduled."""
    data = b'schema = 1\nlearner = "ada"\n[topics.calculus]\nstatus = "done"\n'
    data += b"finished = 9999-12-31T00:00:00Z\n"
    with pytest.raises(StoreError, match=r"field 'topics\.calculus\.finished'.*out of range"):
        parse(data, tmp_path / "ada.toml")


@pytest.mark.parametrize(
    ("card_text", "field"),
    [
        ("stability = 2.0\ndifficulty = 3.0\nlast_review = 2026-11-28T09:00:00Z\n", "due"),
        (
            "due = 2026-12-01T09:00:00Z\nlast_review = 2026-11-28T09:00:00Z\n"
            "stability = 2.0\ndifficulty = 99.0\n",
            "difficulty",
        ),
        (
            "due = 2026-12-01T09:00:00Z\nlast_review = 2026-11-28T09:00:00Z\n"
            "stability = -1.0\ndifficulty = 3.0\n",
            "stability",
        ),
        (
            "due = 2026-12-01T09:00:00Z\nlast_review = 2026-11-28T09:00:00Z\n"
            'stability = 2.0\ndifficulty = 3.0\nstate = "forgotten"\n',
            "state",
        ),
    ],
)
def test_a_broken_card_is_named_and_never_overwritten(
    tmp_path: Path, card_text: str, field: str
) -> None:
    store = Store(tmp_path, "ada")
    store.path.parent.mkdir(parents=True)
    text = 'schema = 1\nlearner = "ada"\n[topics.calculus]\nstatus = "done"\n'
    data = (text + "[topics.calculus.card]\n" + card_text).encode()
    store.path.write_bytes(data)
    with pytest.raises(StoreError, match=rf"ada\.toml: field 'topics\.calculus\.card\.{field}'"):
        store.update(lambda p: actions.review(p, C["calculus"], Rating.GOOD, NOW))
    assert store.path.read_bytes() == data


# --- now -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("+30d", NOW + 30 * DAY),
        ("-2w", NOW - 14 * DAY),
        ("+12h", NOW + timedelta(hours=12)),
        ("2026-12-28T09:00:00Z", datetime(2026, 12, 28, 9, tzinfo=UTC)),
        ("2026-12-28T10:30:15.5+01:00", datetime(2026, 12, 28, 9, 30, 15, tzinfo=UTC)),
    ],
)
def test_now_can_be_set_as_a_time_or_an_offset(text: str, expected: datetime) -> None:
    assert moment(text, NOW) == expected


def test_a_date_without_a_zone_is_local_midnight(zone: ZoneInfo) -> None:
    assert moment("2027-01-15", NOW) == datetime(2027, 1, 15).astimezone().astimezone(UTC)
    assert moment("2027-01-15", NOW) == datetime(2027, 1, 15, tzinfo=zone).astimezone(UTC)


@pytest.mark.parametrize(
    "text", ["tomorrow", "30d", "+d", "2026-13-01", "", "+9999999d", "9999-12-31", "0001-01-01"]
)
def test_a_bad_now_is_one_clear_error(text: str) -> None:
    with pytest.raises(AiroadmapError, match=r"AIROADMAP_NOW: .*(not a time|out of range)"):
        moment(text, NOW, source="AIROADMAP_NOW")


def test_an_offset_out_of_range_is_an_error() -> None:
    with pytest.raises(AiroadmapError, match="out of range"):
        moment("+999999w", NOW)


def cached(progress: Progress) -> Progress:
    """`progress` after a trip through the store cache's form (JSON, as the cache file holds)."""
    form = codec(StoreContents)
    contents = form.decode(json.loads(json.dumps(form.encode(gather(progress)))))
    return view(contents, progress.hub)
