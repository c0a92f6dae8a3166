"""A learner's recent activity: topics started and finished lately, and the streak of days.

Days are the learner's own: a moment counts on the day it was in the time zone of `now`, so a
learner in Los Angeles who studied on the evenings of the 27th and the 28th has a streak of two,
though both evenings fall on the next day in UTC."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import NamedTuple

from airoadmap.models import Goal, LogEntry, Progress, Record, Status


def activity_days(
    records: dict[str, Record], log_times: list[datetime], now: datetime
) -> set[date]:
    """The days, in `now`'s time zone, on which anything was logged, started or finished."""
    zone = now.tzinfo
    moments = list(log_times)
    for record in records.values():
        moments.extend(m for m in (record.started, record.finished) if m is not None)
    return {moment.astimezone(zone).date() for moment in moments}


def streak(days: set[date], today: date) -> int:
    """Consecutive days with progress, ending today (or yesterday, if today has none yet)."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


class Recent(NamedTuple):
    """Topics started, finished as done, and skipped in a span of days. A skip is not a start
    (skipping stamps both moments on a record): a topic started and later skipped counts as
    skipped alone."""

    started: int
    finished: int
    skipped: int


def recent(records: dict[str, Record], now: datetime, days: int) -> Recent:
    """What the learner started, finished and skipped in the last `days` days."""
    since = now - timedelta(days=days)
    started = finished = skipped = 0
    for record in records.values():
        if record.status is Status.SKIPPED:
            skipped += bool(record.finished and record.finished >= since)
            continue
        started += bool(record.started and record.started >= since)
        finished += record.status is Status.DONE and bool(
            record.finished and record.finished >= since
        )
    return Recent(started, finished, skipped)


@dataclass(frozen=True)
class Activity:
    """What was started, finished and skipped in the last 7 and 30 days, and the streak."""

    week: Recent
    month: Recent
    streak: int


def summarise(progress: Progress, now: datetime) -> Activity:
    """`progress`'s activity as of `now`, whose time zone decides where days begin."""
    days = activity_days(progress.topics, [e.at for e in progress.log], now)
    return Activity(
        recent(progress.topics, now, 7), recent(progress.topics, now, 30), streak(days, now.date())
    )


class Outcome(NamedTuple):
    """A log entry with what it left behind: the records of the topics it changed, and the
    goal, as they were right after it."""

    entry: LogEntry
    records: dict[str, Record]
    goal: Goal | None


def outcomes(progress: Progress, goal: Goal | None) -> Iterator[Outcome]:
    """The log, newest first, each entry with its outcome. An entry keeps only what it changed
    as it was before (for undo); what it set is the state before the next entry that changed
    the same thing, or, for the last such entry, the state now (`progress`'s records and
    `goal`, the goal now)."""
    records = dict(progress.topics)
    for entry in reversed(progress.log):
        after = {topic: records.get(topic, Record()) for topic in entry.topics}
        yield Outcome(entry, after, goal)
        for topic in entry.topics:
            if topic in entry.before:
                records[topic] = entry.before[topic]
            else:
                records.pop(topic, None)
        if entry.action == "goal":
            goal = entry.goal
