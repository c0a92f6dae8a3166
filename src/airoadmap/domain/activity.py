"""A learner's recent activity: topics started and finished lately, and the streak of days.

Days are the learner's own: a moment counts on the day it was in the time zone of `now`, so a
learner in Los Angeles who studied on the evenings of the 27th and the 28th has a streak of two,
though both evenings fall on the next day in UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from airoadmap.models import Progress, Record, Status


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


def recent(records: dict[str, Record], now: datetime, days: int) -> tuple[int, int]:
    """Topics started, and topics finished as done, in the last `days` days."""
    since = now - timedelta(days=days)
    started = sum(1 for r in records.values() if r.started and r.started >= since)
    finished = sum(
        1
        for r in records.values()
        if r.status is Status.DONE and r.finished and r.finished >= since
    )
    return started, finished


@dataclass(frozen=True)
class Activity:
    """Topics (started, finished) in the last 7 and 30 days, and the streak of days."""

    week: tuple[int, int]
    month: tuple[int, int]
    streak: int


def summarise(progress: Progress, now: datetime) -> Activity:
    """`progress`'s activity as of `now`, whose time zone decides where days begin."""
    days = activity_days(progress.topics, [e.at for e in progress.log], now)
    return Activity(
        recent(progress.topics, now, 7), recent(progress.topics, now, 30), streak(days, now.date())
    )
