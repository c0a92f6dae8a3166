"""Progress: how far you are, your history, the learners here; forgetting and undoing changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated, Any

import typer
from rich.text import Text

from airoadmap.cli import output, render
from airoadmap.cli.context import CommandContext, with_context
from airoadmap.cli.options import complete_topic_to_change
from airoadmap.domain import activity, reviews
from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.tracker import Tracker
from airoadmap.errors import AiroadmapError, StoreError
from airoadmap.models import Goal, Kind, Progress, Topic
from airoadmap.progress.store import Store, list_learners


def _bar(fraction: float, width: int = 20) -> str:
    filled = round(fraction * width)
    return "█" * filled + "░" * (width - filled)


@with_context(json=True, pager=True)
def stats(ctx: CommandContext) -> None:
    """Completion per area and map, hours done and left, recent activity and your streak.

    Examples:
      airoadmap stats
      airoadmap stats -l ada --json"""
    progress = ctx.progress
    tracker = ctx.tracker(progress)
    summary = activity.summarise(progress, ctx.local_now())
    kept = reviews.summary(ctx.curriculum, progress.topics, progress.log, ctx.local_now())
    if ctx.json:
        output.print_json(_stats_document(ctx, tracker, summary, kept))
        return
    _print_stats(ctx, tracker, summary, kept)


def _areas_and_maps(tracker: Tracker) -> list[Topic]:
    return [t for t in tracker.curriculum if t.kind in {Kind.AREA, Kind.MAP}]


def _stats_document(
    ctx: CommandContext, tracker: Tracker, summary: activity.Activity, kept: reviews.Summary
) -> dict[str, Any]:
    from airoadmap.domain.as_json import topic_dict

    loaded = ctx.curriculum
    top = tracker.counts[loaded.hub_id]
    average = kept.average_retrievability
    return {
        "learner": ctx.learner,
        "completion": round(tracker.completion(loaded.hub_id), 4),
        "topics": top.total,
        "finished": top.finished,
        "skipped": top.skipped,
        "learning": top.started - top.finished,
        "optional_topics": top.optional,
        "hours": top.hours_total,
        "hours_done": top.hours_done,
        "hours_skipped": top.hours_skipped,
        "hours_left": top.hours_left,
        "optional_hours": top.hours_optional,
        "nodes": [topic_dict(loaded, t, tracker) for t in _areas_and_maps(tracker)],
        "last_7_days": summary.week._asdict(),
        "last_30_days": summary.month._asdict(),
        "streak_days": summary.streak,
        "reviews": {
            "cards": kept.cards,
            "due": kept.due,
            "last_30_days": kept.recent,
            "average_retrievability": None if average is None else round(average, 4),
        },
        "pace": _pace_dict(ctx),
        "unknown_records": tracker.unknown_records(),
    }


def _pace(ctx: CommandContext) -> Any:
    """The learner's pace (`plan`'s): the hours topics took against their estimates."""
    from airoadmap.domain import planner
    from airoadmap.progress.actions import goal_of

    try:
        goal = goal_of(ctx.progress)
    except AiroadmapError:
        goal = None
    rhythm = goal.hours_per_week if goal is not None else None
    return planner.pace(planner.samples(ctx.curriculum, ctx.progress.topics, rhythm=rhythm))


def _pace_dict(ctx: CommandContext) -> dict[str, Any]:
    from airoadmap.cli.plan import pace_dict

    return pace_dict(_pace(ctx))


def _recent(span: activity.Recent) -> str:
    said = f"{span.started} started, {span.finished} finished"
    return said + (f", {span.skipped} skipped" if span.skipped else "")


def _print_stats(
    ctx: CommandContext, tracker: Tracker, summary: activity.Activity, kept: reviews.Summary
) -> None:

    loaded = ctx.curriculum
    top = tracker.counts[loaded.hub_id]
    head = Text()
    head.append(ctx.learner, style="bold")
    head.append(
        f": {render.percent(tracker.completion(loaded.hub_id))} of {loaded.hub.title} "
        f"({top.finished} of {render.count(top.total, 'topic')} finished, "
        f"{top.started - top.finished} in progress"
        + (f"; {top.optional} optional apart)" if top.optional else ")")
    )
    output.print_text(head)
    rows: list[list[Text | str]] = []
    for topic in _areas_and_maps(tracker):
        counts = tracker.counts[topic.id]
        area = topic.kind is Kind.AREA
        rows.append(
            [
                Text(("" if area else "  ") + topic.title, style="bold" if area else ""),
                _bar(tracker.completion(topic.id)),
                render.percent(tracker.completion(topic.id)),
                Text(f"{counts.finished}/{counts.total}", style="dim"),
            ]
        )
    columns = [
        output.Column("topic", grow=1),
        output.Column("bar"),
        output.Column("%", justify="right"),
        output.Column("count", justify="right"),
    ]
    output.print_table(columns, rows, header=False)
    week, month = summary.week, summary.month
    lines = [
        f"Hours: {render.hours(top.hours_done)} done, "
        + (f"{render.hours(top.hours_skipped)} skipped, " if top.hours_skipped else "")
        + f"{render.hours(top.hours_left)} left of {render.hours(top.hours_total)}"
        + (f" (+{render.hours(top.hours_optional)} optional)" if top.hours_optional else ""),
        f"Last 7 days: {_recent(week)} · last 30 days: {_recent(month)} · "
        f"streak: {render.count(summary.streak, 'day')}",
    ]
    if kept.cards:
        lines.append(
            f"Reviews: {kept.due} due · {kept.recent} done in the last {reviews.RECENT_DAYS} days"
            f" · average recall of {render.count(kept.cards, 'topic')} done: "
            f"{render.percent(kept.average_retrievability or 0)}"
        )
    from airoadmap.cli.plan import pace_words

    lines.append(f"Pace: {pace_words(_pace(ctx))}")
    for line in lines:
        output.print_text(line)
    _weekly_chart(ctx)
    unknown = tracker.unknown_records()
    if unknown:
        output.warning(
            f"records for {render.count(len(unknown), 'topic')} not in this curriculum (kept): "
            + ", ".join(unknown)
        )


def _weekly_chart(ctx: CommandContext) -> None:
    """On a terminal, the hours finished in each of the last 12 weeks, when there are any."""
    console = output.terminal()
    if console is None:
        return
    from datetime import timedelta

    from airoadmap.domain import planner

    today = ctx.local_now().date()
    history = planner.weekly_hours(
        ctx.curriculum, ctx.progress.topics, until=today + timedelta(days=1), weeks=12
    )
    if any(hours for _, hours in history):
        from airoadmap.cli.charts import weekly

        output.print_text(weekly(history, width=min(console.width, 100)))


@with_context(json=True, pager=True)
def log(
    ctx: CommandContext,
    count: Annotated[int, typer.Option("-n", "--count", min=1, help="How many actions.")] = 20,
) -> None:
    """Your history of changes in this curriculum, newest first.

    Examples:
      airoadmap log -n 5"""
    import textwrap
    from itertools import islice

    from airoadmap.progress import actions

    progress = ctx.progress
    try:
        goal = actions.goal_of(progress)
    except AiroadmapError:  # a hand-broken goal: the log still shows, without its value
        goal = None
    shown = list(islice(activity.outcomes(progress, goal), count))
    if ctx.json:
        from airoadmap.domain.as_json import log_dict

        output.print_json([log_dict(*outcome) for outcome in shown])
        return
    console = output.stdout()
    if not shown:
        console.print(f"No history yet for {ctx.learner}.", markup=False)
        return
    loaded = ctx.curriculum

    def title(topic_id: str) -> str:
        return loaded[topic_id].title if topic_id in loaded else topic_id

    for entry, after, goal_after in shown:
        names = ", ".join(title(t) for t in entry.targets) or "all"
        line = Text(f"{entry.at.astimezone():%Y-%m-%d %H:%M}  ", style="dim")
        line.append(f"{entry.action:<6} ", style="bold")
        if entry.action == "goal":
            line.append(_goal_said(goal_after, title) if goal_after else "cleared")
        elif entry.action == "hours" and entry.topics:
            hours = after[entry.topics[0]].hours
            line.append(f"{names}: {render.hours(hours) if hours else 'cleared'}")
        elif entry.action == "note" and entry.topics:
            note = output.clean(after[entry.topics[0]].note or "")
            text = textwrap.shorten(note, 50, placeholder="…")
            said = f"“{text}”" if text else "cleared"
            line.append(f"{names}: {said}")
        else:
            line.append(f"{names} ({render.count(len(entry.topics), 'topic')})")
        if entry.rating is not None:
            line.append(f" · {entry.rating.value}", style="dim")
        console.print(line)


def _goal_said(goal: Goal, title: Callable[[str], str]) -> str:
    said = ", ".join(title(t) for t in goal.targets)
    if goal.by:
        said += f" by {goal.by}"
    if goal.hours_per_week:
        said += f" at {goal.hours_per_week:g}h a week"
    return said


def each_learner(
    ctx: CommandContext, curriculum: Curriculum | None = None
) -> Iterator[tuple[str, Progress | StoreError]]:
    """Every learner in the data folder, with their progress in `curriculum` (by default the one
    in use: records of other curricula are not theirs to show) or why it cannot be read. One at
    a time: a cohort of 10,000 is never all in memory."""
    loaded = ctx.curriculum if curriculum is None else curriculum
    for name in list_learners(ctx.home):
        store = Store(
            ctx.home, name, cache_dir=ctx.cache_dir, hub=loaded.hub_id, curriculum_ids=loaded
        )
        try:
            progress: Progress | StoreError = store.load()
        except StoreError as exc:
            progress = exc
        yield name, progress


def learner_rows(
    ctx: CommandContext, fields: Callable[[Tracker, Progress], dict[str, Any]]
) -> list[dict[str, Any]]:
    """A row per learner in the data folder: the name, the completion, what `fields` gives and
    the last activity; for a store that cannot be read, the name and the error."""
    hub = ctx.curriculum.hub_id
    rows: list[dict[str, Any]] = []
    for name, progress in each_learner(ctx):
        if isinstance(progress, StoreError):
            rows.append({"learner": name, "error": str(progress)})
            continue
        tracker = Tracker(ctx.curriculum, progress.topics)
        last = progress.last_activity()
        rows.append(
            {
                "learner": name,
                "completion": round(tracker.completion(hub), 4),
                **fields(tracker, progress),
                "last_activity": last.isoformat() if last else None,
            }
        )
    return rows


def print_learners(
    ctx: CommandContext,
    rows: list[dict[str, Any]],
    cells: dict[str, Callable[[dict[str, Any]], str]],
    *,
    empty: str,
) -> None:
    """The rows as JSON, or as a table with the completion and `cells`; `empty` if none."""
    if ctx.json:
        output.print_json(rows)
    elif not rows:
        output.stdout().print(empty, markup=False)
    else:
        cells = {"completion": lambda r: render.percent(r["completion"]), **cells}
        render.print_learner_table(rows, cells)


@with_context(json=True)
def learners(ctx: CommandContext) -> None:
    """The learners in the data folder, with completion and last activity.

    Examples:
      airoadmap learners
      airoadmap learners --home ~/cohort-progress"""
    hub = ctx.curriculum.hub_id
    rows = learner_rows(
        ctx,
        lambda tracker, _: {
            "finished": tracker.counts[hub].finished,
            "topics": tracker.counts[hub].total,
        },
    )
    cells = {"finished": lambda r: f"{r['finished']}/{r['topics']}"}
    print_learners(ctx, rows, cells, empty=f"No learners yet in {ctx.home}.")


@with_context()
def reset(
    ctx: CommandContext,
    topics: Annotated[
        list[str] | None,
        typer.Argument(help="Topics to forget.", autocompletion=complete_topic_to_change),
    ] = None,
    all_: Annotated[
        bool, typer.Option("--all", help="Forget every record of this curriculum.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
) -> None:
    """Forget records (status, dates and note) of topics, or with --all of every topic of this
    curriculum (other curricula's records are kept).

    Examples:
      airoadmap reset python
      airoadmap reset --all --yes"""
    if all_ == bool(topics):
        raise typer.BadParameter("name the topics to reset, or use --all (not both)")
    targets = [ctx.resolve(t) for t in topics or []]
    progress = ctx.progress
    if all_:
        ids, label = list(progress.topics), "all"
    else:
        ids = list(dict.fromkeys(i for t in targets for i in [t.id, *ctx.curriculum.leaves(t.id)]))
        label = ", ".join(t.title for t in targets)
    held = [i for i in ids if i in progress.topics]
    if not held:
        output.stdout().print(f"{label}: nothing to reset", markup=False)
        return
    if not yes:
        typer.confirm(
            f"Forget {render.count(len(held), 'record')} of learner {ctx.learner} ({label})?",
            abort=True,
        )
    from airoadmap.progress import actions

    change = ctx.store.update(
        lambda p: actions.reset(
            p, ids if not all_ else list(p.topics), [t.id for t in targets], ctx.now()
        )
    )
    output.stdout().print(
        f"{label}: {render.count(change.count, 'record')} forgotten "
        f"(undo brings {'it' if change.count == 1 else 'them'} back)",
        markup=False,
    )


@with_context()
def undo(ctx: CommandContext) -> None:
    """Revert the last change in this curriculum exactly; run it again to go further back.

    Examples:
      airoadmap undo"""
    from airoadmap.progress import actions

    entry = ctx.store.update(actions.undo)
    loaded = ctx.curriculum
    names = ", ".join(loaded[t].title if t in loaded else t for t in entry.targets) or "all"
    output.print_text(f"undid: {entry.action} {names} ({render.count(len(entry.topics), 'topic')})")
