"""Commands that read progress: next, path, stats, log, learners."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.text import Text

from airoadmap import reviews
from airoadmap.cli import output, render
from airoadmap.cli.app import app
from airoadmap.cli.options import (
    CurriculumOpt,
    HomeOpt,
    HubOpt,
    JsonOpt,
    LearnerOpt,
    Session,
    TopicArg,
)
from airoadmap.errors import StoreError
from airoadmap.models import Kind
from airoadmap.planner import Standing, activity_days, recent, streak
from airoadmap.store import list_learners
from airoadmap.views import log_dict, suggestion_dict, topic_dict


@app.command("next")
def next_(
    count: Annotated[int, typer.Option("-n", "--count", min=1, help="How many to suggest.")] = 5,
    under: Annotated[
        str | None, typer.Option("--under", "-u", help="Only topics under this one.")
    ] = None,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
    json: JsonOpt = False,
) -> None:
    """What to study now: the ready topics, best first, each with why."""
    session = Session(curriculum, home, learner, hub)
    scope = session.resolve(under) if under is not None else session.curriculum.hub
    standing = session.standing()
    suggestions = standing.suggest(scope.id, count)
    if json:
        output.print_json([suggestion_dict(standing, s) for s in suggestions])
        return
    console = output.stdout()
    _reviews_due(session, standing)
    if not suggestions:
        if standing.is_complete(scope.id):
            total = standing.counts[scope.id].total
            console.print(
                f"Everything in {scope.title} is done ({render.count(total, 'topic')}).",
                markup=False,
            )
            return
        first = [leaf for leaf in standing.path(scope.id) if standing.is_ready(leaf)]
        names = ", ".join(session.curriculum[leaf].title for leaf in first[:5])
        console.print(
            f"Nothing in {scope.title} is ready yet. Finish first: {names} "
            f"(`airoadmap path {scope.id}` shows the whole way).",
            markup=False,
        )
        return
    for number, suggestion in enumerate(suggestions, start=1):
        topic = session.curriculum[suggestion.topic]
        line = Text(f"{number:>2}. ")
        line.append_text(render.mark(standing, topic.id))
        line.append(f" {topic.title}", style="bold")
        line.append(
            f"  {render.where(standing.curriculum, topic.id)} · {render.hours(topic.hours or 0)}",
            "dim",
        )
        console.print(line)
        console.print(Text(f"    {suggestion.reason}"), style="dim")


def _reviews_due(session: Session, standing: Standing) -> None:
    """Before what to study next: what to review first, when anything is due."""
    due = reviews.due_count(session.curriculum, standing.records, session.local_now())
    if due:
        output.stdout().print(
            f"{render.count(due, 'review')} due — airoadmap review", style="yellow"
        )


@app.command()
def path(
    target: TopicArg,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
    json: JsonOpt = False,
) -> None:
    """Every remaining topic needed to finish TARGET, in an order that respects requirements."""
    session = Session(curriculum, home, learner, hub)
    found = session.resolve(target)
    standing = session.standing()
    order = standing.path(found.id)
    loaded = session.curriculum
    if json:
        output.print_json([topic_dict(loaded, loaded[leaf], standing) for leaf in order])
        return
    console = output.stdout()
    if not order:
        console.print(f"{found.title}: nothing left to do.", markup=False)
        return
    total = sum(loaded[leaf].hours or 0 for leaf in order)
    console.print(
        f"To finish {found.title}: {render.count(len(order), 'topic')}, {render.hours(total)}",
        markup=False,
    )
    for number, leaf in enumerate(order, start=1):
        line = Text(f"{number:>3}. ")
        line.append_text(render.mark(standing, leaf))
        line.append(f" {loaded[leaf].title}")
        line.append(
            f"  {render.where(loaded, leaf)} · {render.hours(loaded[leaf].hours or 0)}",
            "dim",
        )
        console.print(line)


def _bar(fraction: float, width: int = 20) -> str:
    filled = round(fraction * width)
    return "█" * filled + "░" * (width - filled)


@app.command()
def stats(
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
    json: JsonOpt = False,
) -> None:
    """Completion per area and map, hours done and left, recent activity and your streak."""
    session = Session(curriculum, home, learner, hub)
    progress = session.progress
    standing = session.standing(progress)
    loaded = session.curriculum
    top = standing.counts[loaded.hub_id]
    now = session.now()
    week, month = recent(progress.topics, now, 7), recent(progress.topics, now, 30)
    days = activity_days(progress.topics, [e.at for e in progress.log])
    current = streak(days, now.date())
    nodes = [t for t in loaded if t.kind in {Kind.AREA, Kind.MAP}]
    unknown = standing.unknown_records()
    kept = reviews.summary(loaded, progress.topics, progress.log, session.local_now())
    if json:
        output.print_json(
            {
                "learner": session.learner,
                "completion": round(standing.completion(loaded.hub_id), 4),
                "topics": top.total,
                "finished": top.finished,
                "skipped": top.skipped,
                "learning": top.started - top.finished,
                "hours_done": top.hours_done,
                "hours_left": top.hours_left,
                "nodes": [{**topic_dict(loaded, t, standing)} for t in nodes],
                "last_7_days": {"started": week[0], "finished": week[1]},
                "last_30_days": {"started": month[0], "finished": month[1]},
                "streak_days": current,
                "reviews": {
                    "cards": kept.cards,
                    "due": kept.due,
                    "last_30_days": kept.recent,
                    "average_retrievability": (
                        None
                        if kept.average_retrievability is None
                        else round(kept.average_retrievability, 4)
                    ),
                },
                "unknown_records": unknown,
            }
        )
        return
    console = output.stdout()
    console.print(
        f"[bold]{session.learner}[/]: {render.percent(standing.completion(loaded.hub_id))} "
        f"of {loaded.hub.title} ({top.finished} of {render.count(top.total, 'topic')} finished, "
        f"{top.started - top.finished} in progress)"
    )
    from rich.table import Table

    table = Table(box=None, show_header=False, pad_edge=False)
    table.add_column("topic")
    table.add_column("bar", no_wrap=True)
    table.add_column("%", justify="right")
    table.add_column("count", justify="right", style="dim")
    for topic in nodes:
        counts = standing.counts[topic.id]
        indent = "" if topic.kind is Kind.AREA else "  "
        style = "bold" if topic.kind is Kind.AREA else ""
        table.add_row(
            Text(indent + topic.title, style=style),
            _bar(standing.completion(topic.id)),
            render.percent(standing.completion(topic.id)),
            f"{counts.finished}/{counts.total}",
        )
    console.print(table)
    left = top.hours_left
    console.print(
        f"Hours: {render.hours(top.hours_done)} done, {render.hours(left)} left", markup=False
    )
    console.print(
        f"Last 7 days: {week[0]} started, {week[1]} finished · "
        f"last 30 days: {month[0]} started, {month[1]} finished · "
        f"streak: {render.count(current, 'day')}",
        markup=False,
    )
    if kept.cards:
        console.print(
            f"Reviews: {kept.due} due · {kept.recent} done in the last {reviews.RECENT_DAYS} days"
            f" · average recall of {render.count(kept.cards, 'topic')} done: "
            f"{render.percent(kept.average_retrievability or 0)}",
            markup=False,
        )
    if unknown:
        output.warning(
            f"records for {render.count(len(unknown), 'topic')} not in this curriculum (kept): "
            + ", ".join(unknown)
        )


@app.command()
def log(
    count: Annotated[int, typer.Option("-n", "--count", min=1, help="How many actions.")] = 20,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
    json: JsonOpt = False,
) -> None:
    """Your history of changes, newest first."""
    session = Session(curriculum, home, learner, hub)
    entries = list(reversed(session.progress.log))[:count]
    if json:
        output.print_json([log_dict(e) for e in entries])
        return
    console = output.stdout()
    if not entries:
        console.print(f"No history yet for {session.learner}.", markup=False)
        return
    loaded = session.curriculum
    for entry in entries:
        names = ", ".join(loaded[t].title if t in loaded else t for t in entry.targets) or "all"
        line = Text(f"{entry.at.astimezone():%Y-%m-%d %H:%M}  ", style="dim")
        line.append(f"{entry.action:<6} ", style="bold")
        line.append(f"{names} ({render.count(len(entry.topics), 'topic')})")
        if entry.rating is not None:
            line.append(f" · {entry.rating.value}", style="dim")
        console.print(line)


@app.command()
def learners(
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
    json: JsonOpt = False,
) -> None:
    """The learners in the data folder, with completion and last activity."""
    session = Session(curriculum, home, learner, hub)
    rows: list[dict[str, Any]] = []
    for name in list_learners(session.home):
        try:
            progress = Session(curriculum, home, name, hub).progress
        except StoreError as exc:
            rows.append({"learner": name, "error": str(exc)})
            continue
        standing = Standing(session.curriculum, progress.topics)
        top = standing.counts[session.curriculum.hub_id]
        last = progress.last_activity()
        rows.append(
            {
                "learner": name,
                "completion": round(standing.completion(session.curriculum.hub_id), 4),
                "finished": top.finished,
                "topics": top.total,
                "last_activity": last.isoformat() if last else None,
            }
        )
    if json:
        output.print_json(rows)
        return
    console = output.stdout()
    if not rows:
        console.print(f"No learners yet in {session.home}.", markup=False)
        return
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("learner", "completion", "finished", "last activity"):
        table.add_column(column)
    for row in rows:
        if "error" in row:
            table.add_row(row["learner"], Text("unreadable", style="red"), "", row["error"])
            continue
        last = row["last_activity"]
        table.add_row(
            row["learner"],
            render.percent(row["completion"]),
            f"{row['finished']}/{row['topics']}",
            last[:16].replace("T", " ") if last else "–",
        )
    console.print(table)
