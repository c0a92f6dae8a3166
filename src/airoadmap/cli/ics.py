"""`plan --ics`: the plan as an iCalendar file (the icalendar package), for a calendar app to
import or subscribe to. Imported only by `plan` when asked for."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from airoadmap.cli import render
from airoadmap.cli.context import CommandContext
from airoadmap.domain import planner
from airoadmap.errors import AiroadmapError


def calendar_bytes(ctx: CommandContext, made: planner.Plan, *, review_minutes: float) -> bytes:
    """One all-week event per study block (a topic's hours in a week: its title, the hours and
    `airoadmap show ID`), and one per week's reviews."""
    from icalendar import Calendar, Event

    loaded = ctx.curriculum
    stamp = ctx.now()
    calendar = Calendar()
    calendar.add("prodid", "-//airoadmap//plan//EN")
    calendar.add("version", "2.0")
    calendar.add(
        "x-wr-calname", "airoadmap plan: " + ", ".join(loaded[t].title for t in made.targets)
    )

    def event(uid: str, start: date, end: date, summary: str, about: str, kind: str) -> None:
        item = Event()
        item.add("uid", f"{ctx.learner}-{uid}@airoadmap")
        item.add("dtstamp", stamp)
        item.add("dtstart", start)
        item.add("dtend", end)
        item.add("summary", summary)
        item.add("description", about)
        item.add("categories", ["airoadmap", kind])
        calendar.add_component(item)

    for week in made.schedule.weeks:
        end = week.end + timedelta(days=1)  # an all-day event's end is the day after
        for block in week.blocks:
            topic = loaded[block.topic]
            part = f", part {block.part} of {block.parts}" if block.parts > 1 else ""
            event(
                # Stable from day to day: the topic and its part, not when the plan was made.
                f"{topic.id}-part{block.part}",
                week.start,
                end,
                f"Study {topic.title} ({block.hours:.1f}h{part})",
                f"{block.hours:.1f}h of {topic.title} this week{part}"
                + (" — finish it" if block.finishes else "")
                + f".\nairoadmap show {topic.id}",
                "study",
            )
        if week.reviews:
            # A plan's weeks start on the day it is made: named by the ISO week of their start,
            # a week's reviews keep one event as the plan is remade day after day.
            year, number, _ = week.start.isocalendar()
            event(
                f"reviews-{year}-W{number:02d}",
                week.start,
                end,
                f"Reviews: {week.reviews} ({week.review_hours:.1f}h)",
                f"{render.count(week.reviews, 'spaced review')} fall due, "
                f"{review_minutes:g} min each.\nairoadmap review",
                "review",
            )
    data: bytes = calendar.to_ical()
    return data


def write_plan(
    ctx: CommandContext, made: planner.Plan, path: Path, *, review_minutes: float
) -> None:
    data = calendar_bytes(ctx, made, review_minutes=review_minutes)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise AiroadmapError(f"{path}: cannot write: {exc.strerror or exc}") from None
