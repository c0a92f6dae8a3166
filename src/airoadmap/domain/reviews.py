"""Spaced review of finished topics, scheduled by FSRS (the `fsrs` package, its reference
implementation).

Marking a topic done is its first review, rated good: the card falls due a few days later, and
each review (again, hard, good, easy) schedules the next. Topics are not flashcards, so the
scheduler has no intra-day learning steps (a card is always due on a day), and no fuzz (the same
answers give the same schedule on every machine a store is synced to). A topic finished before
reviews existed has no stored card: it gets one from the day it was finished, so old progress
is reviewed too, and its card is stored the first time it is reviewed."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from functools import cache
from typing import TYPE_CHECKING

from airoadmap.domain.clock import utc as _utc
from airoadmap.domain.curriculum import Curriculum
from airoadmap.models import Card, CardState, LogEntry, Rating, Record, Status

if TYPE_CHECKING:
    import fsrs

DESIRED_RETENTION = 0.9
"""The chance of still recalling a topic when it falls due that the intervals aim for."""

FIRST_RATING = Rating.GOOD
"""How `done` rates a topic's first review."""

RECENT_DAYS = 30


@cache
def _scheduler() -> fsrs.Scheduler:
    import fsrs

    return fsrs.Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def _to_fsrs(card: Card) -> fsrs.Card:
    import fsrs

    return fsrs.Card(
        card_id=0,  # fsrs makes one from the clock (and sleeps 1 ms) when none is given
        state=fsrs.State[card.state.name.title()],
        step=card.step,
        stability=card.stability,
        difficulty=card.difficulty,
        due=_utc(card.due),
        last_review=_utc(card.last_review),
    )


def _rate(card: fsrs.Card, rating: Rating, now: datetime) -> Card:
    import fsrs

    reviewed, _ = _scheduler().review_card(card, fsrs.Rating[rating.name.title()], _utc(now))
    assert reviewed.stability is not None and reviewed.difficulty is not None
    assert reviewed.last_review is not None
    return Card(
        due=_utc(reviewed.due),
        last_review=_utc(reviewed.last_review),
        stability=reviewed.stability,
        difficulty=reviewed.difficulty,
        state=CardState[reviewed.state.name.upper()],
        step=reviewed.step,
    )


def scheduled_first(now: datetime) -> Card:
    """A new card's first review at `now`, rated `FIRST_RATING`, as FSRS computes it."""
    import fsrs

    return _rate(fsrs.Card(card_id=0, due=_utc(now)), FIRST_RATING, now)


@cache
def _first_template() -> Card:
    return scheduled_first(datetime(2000, 1, 1, tzinfo=UTC))


def first_card(now: datetime) -> Card:
    """The card of a topic finished at `now`: its first review, rated `FIRST_RATING`. Without
    fuzz that is the same card at any time, shifted (so old progress with thousands of finished
    topics is not put through the scheduler one by one)."""
    template = _first_template()
    moment = _utc(now)
    return replace(template, due=moment + (template.due - template.last_review), last_review=moment)


def rate(card: Card, rating: Rating, now: datetime) -> Card:
    """The card after a review at `now` answered `rating` (keys a newer airoadmap wrote kept)."""
    rated = _rate(_to_fsrs(card), rating, now)
    return replace(rated, extra=card.extra) if card.extra else rated


def card_of(record: Record) -> Card | None:
    """A done topic's card: the stored one, or for a topic finished before reviews existed, the
    one it would have had. Topics not done have none."""
    if record.status is not Status.DONE:
        return None
    if record.card is not None:
        return record.card
    finished = record.finished or record.started
    return first_card(finished) if finished is not None else None


def retrievability(card: Card, now: datetime) -> float:
    """The chance, by the memory model, of recalling the topic at `now` (0 to 1)."""
    return float(_scheduler().get_card_retrievability(_to_fsrs(card), _utc(now)))


def is_due(card: Card, now: datetime) -> bool:
    """Whether the card falls due on or before `now`'s day (in `now`'s time zone: a card due
    this evening is due this morning)."""
    zone = now.tzinfo or UTC
    return card.due.astimezone(zone).date() <= now.date()


@dataclass(frozen=True)
class Review:
    """A finished topic's card, with its retrievability now."""

    topic: str
    card: Card
    retrievability: float
    due: bool


def cards(curriculum: Curriculum, records: dict[str, Record]) -> dict[str, Card]:
    """The cards of the done topics the curriculum has, in curriculum order."""
    found: dict[str, Card] = {}
    for topic in curriculum:
        record = records.get(topic.id)
        if record is not None and record.status is Status.DONE:
            card = card_of(record)
            if card is not None:
                found[topic.id] = card
    return found


def reviews(
    curriculum: Curriculum,
    records: dict[str, Record],
    now: datetime,
    *,
    due_only: bool = True,
    under: str | None = None,
) -> list[Review]:
    """The topics to review (with `due_only`, those due now; with `under`, only the topics
    under that one), most at risk first: lowest retrievability, then longest overdue, then
    curriculum order."""
    inside = set(curriculum.leaves(under)) if under is not None else None
    found = [
        Review(topic, card, retrievability(card, now), due)
        for topic, card in cards(curriculum, records).items()
        if inside is None or topic in inside
        if (due := is_due(card, now)) or not due_only
    ]
    found.sort(key=lambda r: (round(r.retrievability, 6), r.card.due))
    return found


def changed_since(item: Review, record: Record) -> str | None:
    """How the topic of `item` changed since `item` was listed (another airoadmap: another
    shell, a sync, a screen of `ui`), its `record` as the store holds it now; None while its
    card is the one `item` shows."""
    if card_of(record) == item.card:
        return None
    if record.status is Status.DONE:
        return "reviewed or finished again"
    return "reset" if record.is_empty() else f"now {record.effective.value}"


def due_count(curriculum: Curriculum, records: dict[str, Record], now: datetime) -> int:
    """How many reviews are due: cheap (no memory model) when every card is stored."""
    return sum(1 for card in cards(curriculum, records).values() if is_due(card, now))


@dataclass(frozen=True)
class Summary:
    """Reviews at a glance: due now, done recently, and how well finished topics are kept."""

    cards: int
    due: int
    recent: int  # reviews in the last RECENT_DAYS days
    average_retrievability: float | None  # over every card; None without cards


def summary(
    curriculum: Curriculum, records: dict[str, Record], log: list[LogEntry], now: datetime
) -> Summary:
    found = reviews(curriculum, records, now, due_only=False)
    since = now - timedelta(days=RECENT_DAYS)
    recent = sum(1 for entry in log if entry.action == "review" and since <= entry.at <= now)
    average = sum(r.retrievability for r in found) / len(found) if found else None
    return Summary(len(found), sum(1 for r in found if r.due), recent, average)
