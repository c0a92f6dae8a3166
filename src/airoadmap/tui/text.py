"""What the app's lines say, as Rich text: a topic's label in the tree, the header, and the
facts of the selected topic — in the words and marks the CLI prints (`cli.render`)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from airoadmap.cli import render
from airoadmap.domain.names import printable
from airoadmap.domain.tracker import Tracker
from airoadmap.models import Kind, Topic
from airoadmap.tui.session import Session

MARK_STYLES = render.MARK_STYLES
_KIND_STYLES = {Kind.HUB: "bold magenta", Kind.AREA: "bold cyan", Kind.MAP: "bold", Kind.TOPIC: ""}


def mark(tracker: Tracker, topic_id: str) -> Text:
    """The status mark, coloured on its own (what is appended to it is not)."""
    word = tracker.mark(topic_id)
    return Text.assemble((render.MARKS[word], MARK_STYLES[word]))


def label(tracker: Tracker, topic: Topic) -> Text:
    """A line of the tree: the status mark, the title (in italics on a side path), and a
    node's completion."""
    line = mark(tracker, topic.id)
    line.append(" ")
    optional = topic.optional or tracker.curriculum.is_optional(topic.id)
    style = _KIND_STYLES[topic.kind] + (" italic" if optional else "")
    line.append(printable(topic.title), style=style.strip())
    if not topic.is_leaf:
        line.append(f" {render.percent(tracker.completion(topic.id))}", style="dim")
    return line


def header(session: Session) -> Text:
    """The learner, overall completion, hours left, reviews due and the goal, if set."""
    tracker = session.tracker
    hub = session.curriculum.hub_id
    counts = tracker.counts[hub]
    line = Text()
    line.append(session.source.learner, style="bold")
    line.append(f" · {render.percent(tracker.completion(hub))} done")
    line.append(f" ({counts.finished}/{counts.total})", style="dim")
    line.append(f" · {render.hours(counts.hours_left)} left")
    due = session.due_count()
    line.append(f" · {render.count(due, 'review')} due", style="yellow" if due else "")
    goal = session.goal()
    if goal is not None:
        curriculum = session.curriculum
        names = ", ".join(curriculum[t].title if t in curriculum else t for t in goal.targets)
        line.append(f" · goal: {printable(names)}" + (f" by {goal.by}" if goal.by else ""))
    return line


def heading(session: Session, topic: Topic) -> Text:
    """The topic's mark, title and kind, and where it sits: `show`'s first lines."""
    line = render.heading(session.tracker, topic)
    trail = render.trail(session.curriculum, topic.id)
    if trail is not None:
        line.append("\n")
        line.append_text(trail)
    return line


def about(topic: Topic) -> RenderableType:
    """The summary and the outcomes."""
    parts: list[RenderableType] = []
    if topic.summary:
        parts.append(Text(printable(topic.summary)))
    if topic.outcomes:
        parts.append(Text("\nOutcomes", style="bold"))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column()
        for outcome in topic.outcomes:
            table.add_row("•", Text(printable(outcome)))
        parts.append(table)
    return Group(*parts)


def facts(session: Session, topic: Topic) -> RenderableType:
    """`show`'s facts (`render.facts`): status, the learner's record, note and next review,
    requirements, unlocks, what a map contains, hours (and those logged)."""
    rows = render.facts(session.curriculum, topic, session.tracker, session.local_now())
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    word = session.tracker.mark(topic.id)
    for name, value in rows:
        shown = value.copy()
        if name == "Status":
            shown.stylize(MARK_STYLES[word])
        table.add_row(name, shown)
    return table
