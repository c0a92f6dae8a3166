"""`plan --ics`: the plan as an iCalendar file (the icalendar package), for a calendar app to
import or subscribe to. Imported only by `plan` when asked for."""

from __future__ import annotations

from datetime import timedelta
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
    for week in made.schedule.weeks:
        end = week.end + timedelta(days=1)  # an all-day event's end is the day after
        for block in week.blocks:
            topic = loaded[block.topic]
            part = f", part {block.part} of {block.parts}" if block.parts > 1 else ""
            event = Event()
            # Stable from day to day: the topic and its part, not when the plan was made.
            event.add("uid", f"{ctx.learner}-{topic.id}-part{block.part}@airoadmap")
            event.add("dtstamp", stamp)
            event.add("dtstart", week.start)
            event.add("dtend", end)
            event.add("summary", f"Study {topic.title} ({block.hours:.1f}h{part})")
            event.add(
                "description",
                f"{block.hours:.1f}h of {topic.title} this week{part}"
                + (" — finish it" if block.finishes else "")
                + f".\nairoadmap show {topic.id}",
            )
            event.add("categories", ["airoadmap", "study"])
            calendar.add_component(event)
        if week.reviews:
            event = Event()
            event.add("uid", f"{ctx.learner}-{week.start.isoformat()}-reviews@airoadmap")
            event.add("dtstamp", stamp)
            event.add("dtstart", week.start)
            event.add("dtend", end)
            event.add("summary", f"Reviews: {week.reviews} ({week.review_hours:.1f}h)")
            event.add(
                "description",
                f"{render.count(week.reviews, 'spaced review')} fall due, "
                f"{review_minutes:g} min each.\n"
                "airoadmap review",
            )
            event.add("categories", ["airoadmap", "review"])
            calendar.add_component(event)
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
