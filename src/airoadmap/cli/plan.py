"""Plan to a date: a goal, a week-by-week schedule and forecast toward it, the hours topics took."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.text import Text

from airoadmap.cli import output, render
from airoadmap.cli.context import CommandContext, with_context
from airoadmap.cli.options import TopicArg, complete_topic
from airoadmap.domain import planner
from airoadmap.domain.tracker import Tracker
from airoadmap.errors import AiroadmapError
from airoadmap.models import Goal, Status

TargetsArg = Annotated[
    list[str] | None,
    typer.Argument(
        help="Topics, maps or areas: ids, titles, aliases or unique prefixes.",
        autocompletion=complete_topic,
        show_default=False,
    ),
]
HoursOpt = Annotated[
    float | None,
    typer.Option(
        "--hours-per-week",
        "-w",
        min=0.1,
        max=planner.MOST_HOURS_PER_WEEK,
        help="Hours a week you study.",
        show_default=False,
    ),
]
ByOpt = Annotated[
    str | None,
    typer.Option(
        "--by",
        metavar="DATE",
        help="The day to finish by (2027-06-30, or +26w from today).",
        show_default=False,
    ),
]

DEFAULT_HOURS_PER_WEEK = 10.0
"""What `plan` assumes without --hours-per-week, --by or a goal that says either."""


def _day(ctx: CommandContext, text: str, option: str) -> date:
    """A day the learner gives: an ISO date, or an offset from today (+26w, +90d)."""
    from airoadmap.domain.clock import moment

    if len(text) == 10 and text[4] == "-":
        try:
            return date.fromisoformat(text)
        except ValueError:
            pass
    return moment(text, ctx.now(), source=option).astimezone().date()


def _goal(ctx: CommandContext) -> Goal | None:
    from airoadmap.progress.actions import goal_of

    return goal_of(ctx.progress)


def _known(ctx: CommandContext, ids: tuple[str, ...]) -> list[str]:
    """The goal's targets this curriculum still has (a warning names the others)."""
    gone = [t for t in ids if t not in ctx.curriculum]
    if gone:
        output.warning(f"goal topics not in this curriculum (left out): {', '.join(gone)}")
    return [t for t in ids if t in ctx.curriculum]


@with_context(json=True)
def goal(
    ctx: CommandContext,
    targets: TargetsArg = None,
    by: ByOpt = None,
    hours_per_week: HoursOpt = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove your goal.")] = False,
) -> None:
    """Set your goal (topics, maps or areas to finish, by a date, at hours a week); without
    TARGET, show it and how far you are. `next` puts first what leads to it; `plan` plans it.

    Examples:
      airoadmap goal deep-learning --by 2027-06-30 --hours-per-week 6
      airoadmap goal"""
    from airoadmap.progress import actions

    if clear and (targets or by or hours_per_week):
        raise typer.BadParameter("--clear takes no target or option")
    if clear:
        change = ctx.store.update(lambda p: actions.set_goal(p, None, ctx.now()))
        output.print_text("goal cleared" if change.targets else "no goal to clear")
        return
    if not targets:
        if by is not None or hours_per_week is not None:
            current = _goal(ctx)
            if current is None:
                raise AiroadmapError("no goal yet: name what to finish (airoadmap goal TARGET)")
            targets = list(current.targets)
        else:
            _show_goal(ctx)
            return
        kept: Goal | None = current  # only the options given change
    else:
        kept = _goal(ctx)  # new targets keep the date and hours a week not given anew
    found = list({t.id: t for t in (ctx.resolve(name) for name in targets)}.values())
    when = _day(ctx, by, "--by") if by is not None else None
    day = when.isoformat() if when is not None else None
    today = ctx.local_now().date()
    if when is not None and when < today:
        output.warning(
            f"{day} has passed ({render.count((today - when).days, 'day')} ago): "
            "`plan` will say it is impossible"
        )
    if kept is not None:
        day = day or kept.by
        hours_per_week = hours_per_week or kept.hours_per_week
    new = Goal(tuple(t.id for t in found), day, hours_per_week)
    ctx.store.update(lambda p: actions.set_goal(p, new, ctx.now()))
    ctx.__dict__.pop("progress", None)
    if not ctx.json:
        output.print_text(f"goal set: {', '.join(t.title for t in found)}")
    _show_goal(ctx)


def _show_goal(ctx: CommandContext) -> None:
    current = _goal(ctx)
    if current is None:
        if ctx.json:
            output.print_json(None)
        else:
            output.print_text(
                "No goal yet: `airoadmap goal TARGET --by DATE` sets one (`airoadmap plan` "
                "plans without one too)."
            )
        return
    tracker = ctx.tracker()
    ids = _known(ctx, current.targets)
    rows: list[dict[str, Any]] = []
    for target in ids:
        counts = tracker.counts[target]
        left = len(tracker.path(target))
        rows.append(
            {
                "id": target,
                "title": ctx.curriculum[target].title,
                "completion": _toward(tracker, target),
                "topics_left": left,
                "hours_left": sum(ctx.curriculum[t].hours or 0 for t in tracker.path(target)),
                "hours_total": counts.hours_total,
            }
        )
    if ctx.json:
        output.print_json(
            {"targets": rows, "by": current.by, "hours_per_week": current.hours_per_week}
        )
        return
    said = []
    if current.by:
        said.append(f"by {current.by}")
    if current.hours_per_week:
        said.append(f"at {current.hours_per_week:g}h a week")
    head = Text("Goal: ", style="bold")
    head.append(", ".join(r["title"] for r in rows) + (f" ({', '.join(said)})" if said else ""))
    output.print_text(head)
    columns = [
        output.Column("target", grow=1),
        output.Column("done", justify="right"),
        output.Column("topics left", justify="right"),
        output.Column("hours left", justify="right"),
    ]
    table: list[list[Text | str]] = [
        [
            r["title"],
            render.percent(r["completion"]),
            str(r["topics_left"]),
            render.hours(r["hours_left"]),
        ]
        for r in rows
    ]
    output.print_table(columns, table)
    output.print_text(Text("airoadmap plan: the schedule and when you will be done", "dim"))


def _pace(ctx: CommandContext, rhythm: float | None) -> planner.Pace:
    return planner.pace(planner.samples(ctx.curriculum, ctx.progress.topics, rhythm=rhythm))


def pace_words(pace: planner.Pace) -> str:
    """ "1.3× the estimates (1.1× to 1.5×), from 4 topics timed" """
    if not pace.samples:
        return "the estimates as they are (no topic timed yet: `done TOPIC --hours H`)"
    sources = []
    if pace.measured:
        sources.append(f"{render.count(pace.measured, 'topic')} timed")
    if pace.inferred:
        sources.append(
            f"{render.count(pace.inferred, 'topic')} from start and finish dates (overlapping "
            f"spans shared, each at most {planner.MOST_DATED:g}× the estimate)"
        )
    return (
        f"{pace.ratio:.2f}× the estimates ({pace.low:.2f}× to {pace.high:.2f}×), "
        f"from {' and '.join(sources)}"
    )


def pace_dict(pace: planner.Pace) -> dict[str, Any]:
    return {
        "ratio": round(pace.ratio, 4),
        "low": round(pace.low, 4),
        "high": round(pace.high, 4),
        "measured": pace.measured,
        "inferred": pace.inferred,
        "prior_topics": planner.PRIOR_TOPICS,
    }


@with_context(json=True, pager=True)
def plan(
    ctx: CommandContext,
    targets: TargetsArg = None,
    hours_per_week: HoursOpt = None,
    by: ByOpt = None,
    start: Annotated[
        str | None,
        typer.Option("--start", metavar="DATE", help="The plan's first day \\[default: today]."),
    ] = None,
    review_minutes: Annotated[
        float,
        typer.Option("--review-minutes", min=0, help="Minutes kept for each spaced review."),
    ] = planner.REVIEW_MINUTES,
    ics: Annotated[
        Path | None,
        typer.Option("--ics", metavar="FILE", help="Also write the plan as an iCalendar file."),
    ] = None,
    chart: Annotated[
        bool | None,
        typer.Option(
            "--chart/--no-chart", help="Draw the burn-up chart \\[default: on a terminal]."
        ),
    ] = None,
) -> None:
    """A week-by-week schedule of every topic left toward TARGET (default: your goal; without
    one, the whole roadmap), in an order that respects requirements, topics in progress first,
    with time kept for the reviews that fall due; and when you will be done, at your own pace.

    Examples:
      airoadmap plan deep-learning --hours-per-week 8
      airoadmap plan --by 2027-06-30 --ics ~/plan.ics"""
    current = _goal(ctx)
    if targets:
        ids = list({t.id: None for t in (ctx.resolve(name) for name in targets)})
    elif current is not None:
        ids = _known(ctx, current.targets)
    else:
        ids = [ctx.curriculum.hub_id]
    goal_by = None
    if current is not None and not targets:
        # Each number not given defaults to the goal's: with --by and the goal's hours a week,
        # the plan says whether the date is met at that pace.
        if hours_per_week is None:
            hours_per_week = current.hours_per_week
        if by is None and current.by is not None:
            by = goal_by = current.by
    first = _day(ctx, start, "--start") if start is not None else ctx.local_now().date()
    deadline = _day(ctx, by, "--by") if by is not None else None
    if goal_by is not None and deadline is not None and deadline < first:
        late = render.count((first - deadline).days, "day")
        output.warning(
            f"your goal's date {goal_by} has passed ({late} before {first.isoformat()}): "
            "planning without it (`airoadmap goal --by DATE` sets a new one)"
        )
        deadline = None
    assumed = hours_per_week is None and deadline is None
    if assumed:
        hours_per_week = DEFAULT_HOURS_PER_WEEK
    # Start and finish dates tell the time a topic took only at the steady rhythm a goal sets.
    rhythm = current.hours_per_week if current is not None else None
    tracker = ctx.tracker()
    made = planner.plan(
        tracker=tracker,
        targets=ids,
        start=first,
        pace=_pace(ctx, rhythm),
        hours_per_week=hours_per_week,
        by=deadline,
        review_minutes=review_minutes,
        zone=ctx.local_now(),
    )
    if ics is not None:
        from airoadmap.cli.ics import write_plan

        write_plan(ctx, made, ics, review_minutes=review_minutes)
    if ctx.json:
        output.print_json(_plan_document(ctx, made, review_minutes))
        return
    _print_plan(ctx, made, review_minutes, assumed=assumed)
    show_chart = chart if chart is not None else output.terminal() is not None
    if show_chart and made.schedule.weeks:
        from airoadmap.cli.charts import burnup

        history = planner.weekly_hours(ctx.curriculum, ctx.progress.topics, until=first, weeks=12)
        output.print_text(burnup(history, made, width=_width()))
    if ics is not None:
        output.print_text(f"calendar written: {ics}")


def _width() -> int:
    console = output.terminal()
    return min(console.width, 100) if console is not None else 80


def _titles(ctx: CommandContext, ids: tuple[str, ...] | list[str]) -> str:
    return ", ".join(ctx.curriculum[t].title for t in ids)


def _print_plan(
    ctx: CommandContext, made: planner.Plan, review_minutes: float, *, assumed: bool
) -> None:
    laid = made.schedule
    loaded = ctx.curriculum
    what = _titles(ctx, made.targets)
    if not laid.order:
        output.print_text(f"{what}: nothing left to do.")
        return
    logged = max(made.estimated_hours * made.pace.ratio - made.remaining_hours, 0.0)
    logged = logged if logged >= 0.5 else 0.0
    head = Text(f"Plan for {what}: ", style="bold")
    head.append(
        f"{render.count(len(laid.order), 'topic')}, {render.hours(round(made.remaining_hours))} "
        f"to study (estimated {render.hours(made.estimated_hours)} × your pace "
        f"{made.pace.ratio:.2f}"
        + (f", less {render.hours(round(logged))} you logged on topics begun)" if logged else ")"),
        style="",
    )
    output.print_text(head)
    output.print_text(f"Pace: {pace_words(made.pace)}.")
    rate = f"{laid.hours_per_week:g}h a week" + (
        " (assumed: give --hours-per-week)" if assumed else ""
    )
    kept = (
        f"with {render.hours(round(laid.review_hours, 1))} kept for "
        f"{render.count(laid.reviews, 'review')} at {review_minutes:g} min each"
        if laid.reviews
        else "no reviews falling due"
    )
    output.print_text(f"At {rate} from {laid.start.isoformat()}, {kept}.")
    output.print_text(_forecast_words(made))
    if made.by is not None:
        output.print_text(_by_words(made))
    columns = [
        output.Column("week", justify="right"),
        output.Column("from"),
        output.Column("study", justify="right"),
        output.Column("reviews", justify="right"),
        output.Column("topics", grow=1),
    ]
    rows: list[list[Text | str]] = []
    for week in laid.weeks:
        parts = [
            f"{loaded[b.topic].title} {b.hours:.1f}h"
            + (f" ({b.part}/{b.parts})" if b.parts > 1 else "")
            for b in week.blocks
        ]
        rows.append(
            [
                str(week.number),
                week.start.isoformat(),
                f"{week.study_hours:.1f}h",
                f"{week.reviews} · {week.review_hours:.1f}h" if week.reviews else "–",
                "; ".join(parts) or "–",
            ]
        )
    output.print_table(columns, rows)


def _forecast_words(made: planner.Plan) -> str:
    if made.likely is None:
        return f"Not done within {planner.MOST_WEEKS // 52} years at this rate."
    words = f"Most likely done {made.likely.isoformat()}"
    if made.earliest and made.latest and (made.earliest, made.latest) != (made.likely,) * 2:
        words += f" (between {made.earliest.isoformat()} and "
        words += f"{made.latest.isoformat()})"
    return words + "."


def _by_words(made: planner.Plan) -> str:
    assert made.by is not None
    by = made.by.isoformat()
    per_week = made.schedule.hours_per_week
    if made.needs is None:
        late = f", {render.count(made.late, 'day')} late" if made.late and made.late > 0 else ""
        return (
            f"Impossible by {by}: even {planner.MOST_HOURS_PER_WEEK:g}h a week finishes later"
            f"{late}."
        )
    if made.late is not None and made.late > 0:
        return (
            f"Not by {by}: {render.count(made.late, 'day')} late at {per_week:g}h a week; it needs "
            f"{made.needs:g}h a week, {made.needs - per_week:.1f}h a week more."
        )
    return f"By {by}: it needs {made.needs:g}h a week."


def _plan_document(
    ctx: CommandContext, made: planner.Plan, review_minutes: float
) -> dict[str, Any]:
    laid = made.schedule
    loaded = ctx.curriculum

    def day(value: date | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "targets": list(made.targets),
        "start": laid.start.isoformat(),
        "hours_per_week": laid.hours_per_week,
        "review_minutes": review_minutes,
        "pace": pace_dict(made.pace),
        "estimated_hours": made.estimated_hours,
        "study_hours": round(made.remaining_hours, 2),
        "review_hours": round(laid.review_hours, 2),
        "reviews": laid.reviews,
        "forecast": {
            "likely": day(made.likely),
            "earliest": day(made.earliest),
            "latest": day(made.latest),
        },
        "by": day(made.by),
        "needs_hours_per_week": made.needs,
        "days_late": made.late,
        "topics": [
            {
                "id": t,
                "title": loaded[t].title,
                "estimated_hours": loaded[t].hours or 0,
                "hours": round(laid.hours[t], 2),
                "status": ctx.progress.record(t).effective.value,
            }
            for t in laid.order
        ],
        "weeks": [
            {
                "week": w.number,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "study_hours": round(w.study_hours, 2),
                "reviews": w.reviews,
                "review_hours": round(w.review_hours, 2),
                "blocks": [
                    {
                        "id": b.topic,
                        "title": loaded[b.topic].title,
                        "hours": round(b.hours, 2),
                        "part": b.part,
                        "parts": b.parts,
                        "finishes": b.finishes,
                    }
                    for b in w.blocks
                ],
            }
            for w in laid.weeks
        ],
    }


@with_context()
def log_hours(
    ctx: CommandContext,
    topic: TopicArg,
    hours: Annotated[float, typer.Argument(min=0.1, help="The hours it really took.")],
) -> None:
    """Record the hours a topic really took (done, or in progress so far): your pace, which
    `plan` forecasts with.

    Examples:
      airoadmap log-hours linear-algebra 42"""
    from airoadmap.progress import actions

    found = ctx.resolve(topic)
    if not found.is_leaf:
        raise AiroadmapError(f"{found.title} is a {found.kind.value}: log hours on its topics")
    status = ctx.progress.record(found.id).effective
    if status not in {Status.DONE, Status.LEARNING}:
        raise AiroadmapError(f"{found.title} is {status.value}: log hours on a topic begun or done")
    change = ctx.store.update(lambda p: actions.set_hours(p, found.id, hours, ctx.now()))
    said = "unchanged" if not change.topics else f"{hours:g}h logged"
    estimate = f" (estimate {render.hours(found.hours or 0)})" if found.hours else ""
    output.print_text(f"{found.title}: {said}{estimate}")


def _toward(tracker: Tracker, target: str) -> float:
    """How far along the way to `target` the learner is: the finished share of every topic it
    needs (its own that count, and what they require, all the way down)."""
    curriculum = tracker.curriculum
    needed: set[str] = set()
    stack = [
        leaf for leaf in curriculum.leaves(target) if not curriculum.optional_within(target, leaf)
    ]
    while stack:
        leaf = stack.pop()
        if leaf in needed:
            continue
        needed.add(leaf)
        for node in curriculum.requirement_nodes(leaf):
            stack.extend(curriculum.leaves(node))
    finished = sum(1 for leaf in needed if tracker.leaf_status(leaf).finished)
    return round(finished / len(needed), 4) if needed else 1.0
