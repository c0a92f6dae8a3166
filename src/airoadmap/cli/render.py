"""Rich renderings of the curriculum: trees, tables and a topic's page."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.text import Text

from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.names import printable
from airoadmap.domain.tracker import Tracker
from airoadmap.models import Card, Kind, Status, Topic

_KIND_STYLE = {Kind.HUB: "bold magenta", Kind.AREA: "bold cyan", Kind.MAP: "bold", Kind.TOPIC: ""}
MARKS = {"done": "✓", "learning": "▶", "skipped": "»", "todo": "○", "blocked": "⊘"}
_MARK_STYLE = {
    "done": "green",
    "learning": "yellow",
    "skipped": "dim",
    "todo": "",
    "blocked": "red",
}
LEGEND = "  ".join(f"{mark} {word}" for word, mark in MARKS.items())


def mark(tracker: Tracker, topic_id: str) -> Text:
    word = tracker.mark(topic_id)
    return Text(MARKS[word], style=_MARK_STYLE[word])


def where(curriculum: Curriculum, topic_id: str) -> str:
    """The title of the map (or area) a topic sits in."""
    parent = curriculum.parent(topic_id)
    return parent.title if parent else ""


def leaf_line(curriculum: Curriculum, topic_id: str, *, bold: bool = True) -> Text:
    """` Title  Map · 12h`: a topic in a numbered list, after its number and mark."""
    topic = curriculum[topic_id]
    line = Text(" ")
    line.append(topic.title, style="bold" if bold else "")
    line.append(f"  {where(curriculum, topic_id)} · {hours(topic.hours or 0)}", "dim")
    return line


def count(number: int, word: str) -> str:
    """A number and its word, plural unless one: "3 topics", "1 review"."""
    return f"{number} {word}{'s' if number != 1 else ''}"


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def hours(value: float) -> str:
    return f"{value:g}h" if value else "–"


Part = tuple[str, str]  # (text, style)


def _label_parts(curriculum: Curriculum, topic: Topic, tracker: Tracker | None) -> list[Part]:
    parts: list[Part] = []
    if tracker is not None:
        word = tracker.mark(topic.id)
        parts += [(MARKS[word], _MARK_STYLE[word]), (" ", "")]
    parts.append((topic.title, _KIND_STYLE[topic.kind]))
    details = [topic.kind.value] if topic.kind is not Kind.TOPIC else []
    details += sizes(curriculum, topic, tracker)
    if topic.optional:
        details.append("optional")
    if tracker is not None and not topic.is_leaf:
        details.append(percent(tracker.completion(topic.id)))
    if tracker is not None and topic.is_leaf and tracker.leaf_status(topic.id) is Status.LEARNING:
        details.append(waiting(curriculum, tracker, topic.id))
    if any(details):
        parts.append((f"  {' · '.join(d for d in details if d)}", "dim"))
    return parts


def sizes(curriculum: Curriculum, topic: Topic, tracker: Tracker | None) -> list[str]:
    """ "84 topics", "775h", "+8 optional": the topics and hours that count (the tracker's one
    definition: side paths once started), and the side paths not started, apart."""
    if tracker is None:
        total, hours_total = len(curriculum.leaves(topic.id)), curriculum.hours(topic.id)
        apart = 0
    else:
        counts = tracker.counts[topic.id]
        total, hours_total, apart = counts.total, counts.hours_total, counts.optional
    said = [count(total, "topic")] if not topic.is_leaf else []
    if hours_total:
        said.append(hours(hours_total))
    if apart and not topic.is_leaf:
        said.append(f"+{apart} optional")
    return said


def waiting(curriculum: Curriculum, tracker: Tracker, leaf: str) -> str:
    """ "" or "waiting on Python for AI": what a topic in progress still needs."""
    unmet = tracker.waiting_on(leaf)
    return f"waiting on {', '.join(curriculum[u].title for u in unmet)}" if unmet else ""


def _label(curriculum: Curriculum, topic: Topic, tracker: Tracker | None) -> Text:
    return Text.assemble(*_label_parts(curriculum, topic, tracker))


def tree_lines(
    curriculum: Curriculum, root: Topic, depth: int | None, tracker: Tracker | None = None
) -> Iterator[list[Part]]:
    """The tree, a line a topic, as styled parts with the guides Rich's Tree draws. Drawn by
    hand: Rich lays a Tree out node by node, which takes seconds for 10,000 topics."""
    yield _label_parts(curriculum, root, tracker)
    top = curriculum.children(root.id) if depth is None or depth > 0 else []
    stack: list[tuple[Topic, str, bool, int]] = [
        (child, "", i == 0, 1) for i, child in enumerate(reversed(top))
    ]
    while stack:
        topic, prefix, last, level = stack.pop()
        guide = prefix + ("└── " if last else "├── ")
        yield [(guide, "dim"), *_label_parts(curriculum, topic, tracker)]
        if depth is not None and level >= depth:
            continue
        below = prefix + ("    " if last else "│   ")
        children = curriculum.children(topic.id)
        stack.extend(
            (child, below, i == 0, level + 1) for i, child in enumerate(reversed(children))
        )


def topic_table(
    curriculum: Curriculum, topics: list[Topic], tracker: Tracker | None = None
) -> RenderableType:
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    if tracker is not None:
        table.add_column("status", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("kind")
    table.add_column("in", ratio=2)
    table.add_column("hours", justify="right")
    for topic in topics:
        parent = curriculum.parent(topic.id)
        status = []
        if tracker is not None:
            word = tracker.mark(topic.id)
            status = [Text(f"{MARKS[word]} {word}", style=_MARK_STYLE[word])]
        table.add_row(
            *status,
            topic.id,
            Text(topic.title),
            topic.kind.value,
            Text(parent.title if parent else ""),
            hours(
                tracker.counts[topic.id].hours_total
                if tracker is not None
                else curriculum.hours(topic.id)
            ),
        )
    return table


def learner_table(
    rows: list[dict[str, Any]], cells: dict[str, Callable[[dict[str, Any]], str]]
) -> RenderableType:
    """A table of learners: a row each, its `cells` between the name and the last activity; a
    store that cannot be read says so, with the reason where the last activity would be."""
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for column in ("learner", *cells, "last activity"):
        table.add_column(column)
    for row in rows:
        if "error" in row:
            blanks = [""] * (len(cells) - 1)
            table.add_row(row["learner"], Text("unreadable", style="red"), *blanks, row["error"])
            continue
        last = row["last_activity"]
        table.add_row(
            row["learner"],
            *(Text(cell(row)) for cell in cells.values()),
            last[:16].replace("T", " ") if last else "–",
        )
    return table


def _titles(curriculum: Curriculum, ids: list[str] | tuple[str, ...]) -> str:
    return ", ".join(escape(curriculum[i].title) for i in ids) or "–"


def _without_title(body: str, title: str) -> str:
    """The body less a first `# Title` heading, which the page already shows."""
    first, _, rest = body.partition("\n")
    if first.strip().lstrip("#").strip() == title and first.startswith("# "):
        return rest.strip()
    return body


def day(moment: datetime, now: datetime) -> str:
    """A day relative to `now` (both in `now`'s zone): "2026-12-01 (in 3 days)"."""
    local = moment.astimezone(now.tzinfo).date()
    days = (local - now.date()).days
    if days == 0:
        relative = "today"
    elif days == 1:
        relative = "tomorrow"
    elif days == -1:
        relative = "yesterday"
    elif days > 0:
        relative = f"in {days} days"
    else:
        relative = f"{-days} days ago"
    return f"{local:%Y-%m-%d} ({relative})"


def recall(card: Card, chance: float, now: datetime) -> str:
    """A card's due day and its retrievability `chance`, for a line about it."""
    return f"due {day(card.due, now)} · recall {percent(chance)}"


def _facts(
    curriculum: Curriculum, topic: Topic, tracker: Tracker, now: datetime | None
) -> RenderableType:
    """`show`'s table of facts: status, the learner's record and review, requirements, hours."""
    from rich.table import Table

    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    word = tracker.mark(topic.id)
    status = f"{word}" + ("" if topic.is_leaf else f" · {percent(tracker.completion(topic.id))}")
    if topic.is_leaf and tracker.leaf_status(topic.id) is Status.LEARNING:
        status = " · ".join(filter(None, [status, waiting(curriculum, tracker, topic.id)]))
    facts.add_row("Status", Text(status))
    record = tracker.record(topic.id)
    if record.started:
        facts.add_row("Started", f"{record.started:%Y-%m-%d %H:%M}")
    if record.finished:
        facts.add_row("Finished", f"{record.finished:%Y-%m-%d %H:%M}")
    if record.note:
        facts.add_row("Note", escape(printable(record.note)))
    if now is not None and record.status is Status.DONE:
        from airoadmap.domain.reviews import card_of, retrievability

        card = card_of(record)
        if card is not None:
            facts.add_row("Review", recall(card, retrievability(card, now), now))
    requires = [
        f"{MARKS[tracker.mark(r)]} {escape(curriculum[r].title)}"
        for r in curriculum.requirement_nodes(topic.id)
    ]
    facts.add_row("Requires", ", ".join(requires) or "–")
    facts.add_row("Unlocks", _titles(curriculum, curriculum.unlocks(topic.id)))
    if not topic.is_leaf:
        facts.add_row("Contains", _titles(curriculum, topic.children))
    facts.add_row("Hours", " · ".join(sizes(curriculum, topic, tracker)) or "–")
    if curriculum.is_optional(topic.id):
        facts.add_row("Optional", "yes" if topic.optional else "yes, on a side path")
    return facts


def page(
    curriculum: Curriculum, topic: Topic, tracker: Tracker, now: datetime | None = None
) -> RenderableType:
    """`show`: the topic, the learner's record and (at `now`, local) its review card."""

    parts: list[RenderableType] = []
    heading = mark(tracker, topic.id)
    heading.append(" ")
    heading.append(topic.title, style="bold")
    heading.append(f"  {topic.kind.value} · {topic.id}", style="dim")
    parts.append(heading)
    trail = [t.title for t in curriculum.ancestors(topic.id)]
    if trail:
        parts.append(Text(" › ".join(trail), style="dim"))
    if topic.summary:
        parts.append(Text("\n" + topic.summary))
    if topic.outcomes:
        parts.append(Text("\nOutcomes", style="bold"))
        parts.extend(Text(f"  • {outcome}") for outcome in topic.outcomes)
    if topic.resources:
        parts.append(Text("\nResources", style="bold"))
        for resource in topic.resources:
            line = Text(f"  • [{resource.type}] ", style="dim")
            line.append(resource.title)
            line.append(f"  {resource.url}", style="blue")
            parts.append(line)
    facts = _facts(curriculum, topic, tracker, now)
    parts.extend([Text(""), facts])
    from airoadmap.notes.note import read_body

    body = _without_title(read_body(topic.source), topic.title)
    if not topic.source and topic.kind is not Kind.AREA:
        parts.append(Text(f"\nNo note yet: linked as [[{topic.title}]], not written.", style="dim"))
    if body:
        from rich.markdown import Markdown  # only `show` renders Markdown: a costly import

        parts.extend([Text(""), Markdown(body)])
    return Group(*parts)
