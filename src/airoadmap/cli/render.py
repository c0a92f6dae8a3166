"""Rich renderings of the curriculum: trees, tables and a topic's page."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.markup import escape
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from airoadmap.curriculum import Curriculum
from airoadmap.models import Kind, Topic

_KIND_STYLE = {Kind.HUB: "bold magenta", Kind.AREA: "bold cyan", Kind.MAP: "bold", Kind.TOPIC: ""}


def hours(value: float) -> str:
    return f"{value:g}h" if value else "–"


def _label(curriculum: Curriculum, topic: Topic) -> Text:
    text = Text(topic.title, style=_KIND_STYLE[topic.kind])
    details = [topic.kind.value] if topic.kind is not Kind.TOPIC else []
    if not topic.is_leaf:
        details.append(f"{len(curriculum.leaves(topic.id))} topics")
    if curriculum.hours(topic.id):
        details.append(hours(curriculum.hours(topic.id)))
    if topic.optional:
        details.append("optional")
    if details:
        text.append(f"  {' · '.join(details)}", style="dim")
    return text


def tree(curriculum: Curriculum, root: Topic, depth: int | None) -> Tree:
    top = Tree(_label(curriculum, root), guide_style="dim")
    stack: list[tuple[Tree, Topic, int]] = [(top, root, 0)]
    while stack:
        branch, topic, level = stack.pop()
        if depth is not None and level >= depth:
            continue
        pending = []
        for child in curriculum.children(topic.id):
            pending.append((branch.add(_label(curriculum, child)), child, level + 1))
        stack.extend(reversed(pending))
    return top


def topic_table(curriculum: Curriculum, topics: list[Topic]) -> Table:
    table = Table(box=None, header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("title", ratio=3)
    table.add_column("kind")
    table.add_column("in", ratio=2)
    table.add_column("hours", justify="right")
    for topic in topics:
        parent = curriculum.parent(topic.id)
        table.add_row(
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


def page(curriculum: Curriculum, topic: Topic) -> RenderableType:
    parts: list[RenderableType] = []
    heading = Text(topic.title, style="bold")
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
            line = Text(f"  • [{resource.type.value}] ", style="dim")
            line.append(resource.title)
            line.append(f"  {resource.url}", style="blue")
            parts.append(line)
    facts = Table.grid(padding=(0, 2))
    facts.add_column(style="bold")
    facts.add_column()
    facts.add_row("Requires", _titles(curriculum, topic.requires))
    facts.add_row("Unlocks", _titles(curriculum, curriculum.unlocks(topic.id)))
    if not topic.is_leaf:
        facts.add_row("Contains", _titles(curriculum, topic.children))
    facts.add_row("Hours", hours(curriculum.hours(topic.id)))
    if topic.optional:
        facts.add_row("Optional", "yes")
    parts.extend([Text(""), facts])
    body = _without_title(topic.body, topic.title)
    if body:
        parts.extend([Text(""), Markdown(body)])
    return Group(*parts)
