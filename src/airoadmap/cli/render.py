"""Rich renderings of the curriculum: trees, tables and a topic's page."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from rich.console import Group, RenderableType
from rich.markup import escape
from rich.text import Text

from airoadmap.curriculum import Curriculum
from airoadmap.links import printable
from airoadmap.models import Card, Kind, Status, Topic
from airoadmap.planner import Standing

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


def mark(standing: Standing, topic_id: str) -> Text:
    word = standing.mark(topic_id)
    return Text(MARKS[word], style=_MARK_STYLE[word])


def where(curriculum: Curriculum, topic_id: str) -> str:
    """The title of the map (or area) a topic sits in."""
    parent = curriculum.parent(topic_id)
    return parent.title if parent else ""


def count(number: int, word: str) -> str:
    """A number and its word, plural unless one: "3 topics", "1 review"."""
    return f"{number} {word}{'s' if number != 1 else ''}"


def percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def hours(value: float) -> str:
    return f"{value:g}h" if value else "–"


Part = tuple[str, str]  # (text, style)


def _label_parts(curriculum: Curriculum, topic: Topic, standing: Standing | None) -> list[Part]:
    parts: list[Part] = []
    if standing is not None:
        word = standing.mark(topic.id)
        parts += [(MARKS[word], _MARK_STYLE[word]), (" ", "")]
    parts.append((topic.title, _KIND_STYLE[topic.kind]))
    details = [topic.kind.value] if topic.kind is not Kind.TOPIC else []
    if not topic.is_leaf:
        details.append(count(len(curriculum.leaves(topic.id)), "topic"))
    total = curriculum.hours(topic.id)
    if total:
        details.append(hours(total))
    if topic.optional:
        details.append("optional")
    if standing is not None and not topic.is_leaf:
        details.append(percent(standing.completion(topic.id)))
    if details:
        parts.append((f"  {' · '.join(details)}", "dim"))
    return parts


def _label(curriculum: Curriculum, topic: Topic, standing: Standing | None) -> Text:
    return Text.assemble(*_label_parts(curriculum, topic, standing))


def tree_lines(
    curriculum: Curriculum, root: Topic, depth: int | None, standing: Standing | None = None
) -> Iterator[list[Part]]:
    """The tree, a line a topic, as styled parts with the guides Rich's Tree draws. Drawn by
    hand: Rich lays a Tree out node by node, which takes seconds for 10,000 topics."""
    yield _label_parts(curriculum, root, standing)
    stack: list[tuple[Topic, str, bool, int]] = [
        (child, "", i == 0, 1) for i, child in enumerate(reversed(curriculum.children(root.id)))
    ]
    while stack:
        topic, prefix, last, level = stack.pop()
        guide = prefix + ("└── " if last else "├── ")
        yield [(guide, "dim"), *_label_parts(curriculum, topic, standing)]
        if depth is not None and level >= depth:
            continue
        below = prefix + ("    " if last else "│   ")
        children = curriculum.children(topic.id)
        stack.extend(
            (child, below, i == 0, level + 1) for i, child in enumerate(reversed(children))
        )


def topic_table(
    curriculum: Curriculum, topics: list[Topic], standing: Standing | None = None
) -> RenderableType:
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    if standing is not None:
        table.add_column("status", no_wrap=True)
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("kind")
    table.add_column("in", ratio=2)
    table.add_column("hours", justify="right")
    for topic in topics:
        parent = curriculum.parent(topic.id)
        status = []
        if standing is not None:
            word = standing.mark(topic.id)
            status = [Text(f"{MARKS[word]} {word}", style=_MARK_STYLE[word])]
        table.add_row(
            *status,
            topic.id,
            Text(topic.title),
            topic.kind.value,
            Text(parent.title if parent else ""),
            hours(curriculum.hours(topic.id)),
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


def page(
    curriculum: Curriculum, topic: Topic, standing: Standing, now: datetime | None = None
) -> RenderableType:
    """`show`: the topic, the learner's record and (at `now`, local) its review card."""
    from rich.table import Table

    parts: list[RenderableType] = []
    heading = mark(standing, topic.id)
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
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    word = standing.mark(topic.id)
    status = f"{word}" + ("" if topic.is_leaf else f" · {percent(standing.completion(topic.id))}")
    facts.add_row("Status", status)
    record = standing.record(topic.id)
    if record.started:
        facts.add_row("Started", f"{record.started:%Y-%m-%d %H:%M}")
    if record.finished:
        facts.add_row("Finished", f"{record.finished:%Y-%m-%d %H:%M}")
    if record.note:
        facts.add_row("Note", escape(printable(record.note)))
    if now is not None and record.status is Status.DONE:
        from airoadmap.reviews import card_of, retrievability

        card = card_of(record)
        if card is not None:
            facts.add_row("Review", recall(card, retrievability(card, now), now))
    requires = [
        f"{MARKS[standing.mark(r)]} {escape(curriculum[r].title)}"
        for r in curriculum.requirement_nodes(topic.id)
    ]
    facts.add_row("Requires", ", ".join(requires) or "–")
    facts.add_row("Unlocks", _titles(curriculum, curriculum.unlocks(topic.id)))
    if not topic.is_leaf:
        facts.add_row("Contains", _titles(curriculum, topic.children))
    facts.add_row("Hours", hours(curriculum.hours(topic.id)))
    if topic.optional:
        facts.add_row("Optional", "yes")
    parts.extend([Text(""), facts])
    body = _without_title(curriculum.body(topic.id), topic.title)
    if body:
        from rich.markdown import Markdown  # only `show` renders Markdown: a costly import

        parts.extend([Text(""), Markdown(body)])
    return Group(*parts)
