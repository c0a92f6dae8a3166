"""What the app's lines say, as Rich text: a topic's label in the tree, the header, and the
facts of the selected topic — in the words and marks the CLI prints (`cli.render`)."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from airoadmap.cli import render
from airoadmap.domain.names import printable
from airoadmap.domain.tracker import Tracker
from airoadmap.models import Kind, Status, Topic
from airoadmap.tui.session import Session

MARK_STYLES = {
    "done": "green",
    "learning": "yellow",
    "skipped": "dim",
    "todo": "",
    "blocked": "red",
}
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
    """The topic's mark, title and kind, and where it sits."""
    line = mark(session.tracker, topic.id)
    line.append(" ")
    line.append(printable(topic.title), style="bold")
    line.append(f"  {topic.kind.value} · {topic.id}", style="dim")
    trail = [t.title for t in session.curriculum.ancestors(topic.id)]
    if trail:
        line.append("\n")
        line.append(printable(" › ".join(trail)), style="dim")
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
    """Status, the learner's record, note and next review, requirements, unlocks, hours."""
    curriculum, tracker = session.curriculum, session.tracker
    word = tracker.mark(topic.id)
    status = word if topic.is_leaf else f"{word} · {render.percent(tracker.completion(topic.id))}"
    rows: list[tuple[str, Text]] = [("Status", Text(status, style=MARK_STYLES[word]))]
    if topic.is_leaf and tracker.leaf_status(topic.id) is Status.LEARNING:
        waiting = render.waiting(curriculum, tracker, topic.id)
        if waiting:
            rows.append(("Waiting", Text(waiting, style="red")))
    record = tracker.record(topic.id)
    if record.started:
        rows.append(("Started", Text(f"{record.started:%Y-%m-%d %H:%M}")))
    if record.finished:
        rows.append(("Finished", Text(f"{record.finished:%Y-%m-%d %H:%M}")))
    rows.append(("Note", Text(printable(record.note), style="italic") if record.note else _none()))
    if record.status is Status.DONE:
        from airoadmap.domain.reviews import card_of, retrievability

        card = card_of(record)
        if card is not None:
            now = session.local_now()
            rows.append(("Review", Text(render.recall(card, retrievability(card, now), now))))
    requires = Text()
    for number, node in enumerate(curriculum.requirement_nodes(topic.id)):
        if number:
            requires.append(", ")
        requires.append_text(mark(tracker, node))
        requires.append(f" {printable(curriculum[node].title)}")
    rows.append(("Requires", requires or _none()))
    unlocks = ", ".join(curriculum[u].title for u in curriculum.unlocks(topic.id))
    rows.append(("Unlocks", Text(printable(unlocks)) if unlocks else _none()))
    rows.append(("Hours", Text(" · ".join(render.sizes(curriculum, topic, tracker)) or "–")))
    if curriculum.is_optional(topic.id):
        rows.append(("Optional", Text("yes" if topic.optional else "yes, on a side path")))
    table = Table.grid(padding=(0, 1))
    table.add_column(style="bold", no_wrap=True)
    table.add_column()
    for name, value in rows:
        table.add_row(name, value)
    return table


def _none() -> Text:
    return Text("–", style="dim")


def without_title(body: str, title: str) -> str:
    """The body less a first `# Title` heading, which the panel already shows."""
    first, _, rest = body.partition("\n")
    if first.startswith("# ") and first.strip().lstrip("#").strip() == title:
        return rest.strip()
    return body.strip()
