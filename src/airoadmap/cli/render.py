"""Rich renderings of the curriculum: trees, tables and a topic's page."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import Any

from rich.text import Text

from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.names import printable
from airoadmap.domain.tracker import Tracker
from airoadmap.domain.units import day as day  # noqa: PLC0414
from airoadmap.domain.units import hours as hours  # noqa: PLC0414
from airoadmap.domain.units import percent as percent  # noqa: PLC0414
from airoadmap.domain.units import recall as recall  # noqa: PLC0414
from airoadmap.models import Kind, Status, Topic

_KIND_STYLE = {Kind.HUB: "bold magenta", Kind.AREA: "bold cyan", Kind.MAP: "bold", Kind.TOPIC: ""}
MARKS = {"done": "✓", "learning": "▶", "skipped": "»", "todo": "○", "blocked": "⊘"}
MARK_STYLES = {
    "done": "green",
    "learning": "yellow",
    "skipped": "dim",
    "todo": "",
    "blocked": "red",
}
LEGEND = "  ".join(f"{mark} {word}" for word, mark in MARKS.items())


def mark(tracker: Tracker, topic_id: str) -> Text:
    word = tracker.mark(topic_id)
    return Text(MARKS[word], style=MARK_STYLES[word])


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


Part = tuple[str, str]  # (text, style)


def _label_parts(curriculum: Curriculum, topic: Topic, tracker: Tracker | None) -> list[Part]:
    parts: list[Part] = []
    if tracker is not None:
        word = tracker.mark(topic.id)
        parts += [(MARKS[word], MARK_STYLES[word]), (" ", "")]
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


def print_topic_table(
    curriculum: Curriculum, topics: list[Topic], tracker: Tracker | None = None
) -> None:
    """`list`: a row a topic — status, id, title, kind, where it sits, hours."""
    from airoadmap.cli.output import Column, print_table

    columns = [Column("status")] if tracker is not None else []
    kinds = len({topic.kind for topic in topics}) > 1  # one word repeated says nothing
    columns += [
        Column("id", grow=3),
        Column("title", grow=4),
        *([Column("kind")] if kinds else []),
        Column("in", grow=2),
        Column("hours", justify="right"),
    ]
    rows: list[list[Text | str]] = []
    for topic in topics:
        parent = curriculum.parent(topic.id)
        status: list[Text | str] = []
        if tracker is not None:
            word = tracker.mark(topic.id)
            status = [Text(f"{MARKS[word]} {word}", style=MARK_STYLES[word])]
        size = tracker.counts[topic.id].hours_total if tracker else curriculum.hours(topic.id)
        rows.append(
            [
                *status,
                topic.id,
                topic.title,
                *([topic.kind.value] if kinds else []),
                parent.title if parent else "",
                hours(size),
            ]
        )
    print_table(columns, rows)


def print_learner_table(
    rows: list[dict[str, Any]], cells: dict[str, Callable[[dict[str, Any]], str]]
) -> None:
    """A table of learners: a row each, its `cells` between the name and the last activity; a
    store that cannot be read says so, with the reason where the last activity would be."""
    from airoadmap.cli.output import Column, print_table

    columns = [
        Column("learner"),
        # Only text that can be long shares what the line leaves; numbers and dates stay whole.
        *(Column(name, grow=int(name == "current map")) for name in cells),
        Column("last activity"),
    ]
    lines: list[list[Text | str]] = []
    for row in rows:
        if "error" in row:
            blanks = [""] * (len(cells) - 1)
            lines.append([row["learner"], Text("unreadable", style="red"), *blanks, row["error"]])
            continue
        last = row["last_activity"]
        lines.append(
            [
                row["learner"],
                *(cell(row) for cell in cells.values()),
                last[:16].replace("T", " ") if last else "–",
            ]
        )
    print_table(columns, lines)


def _titles(curriculum: Curriculum, ids: list[str] | tuple[str, ...]) -> Text:
    return Text(", ".join(curriculum[i].title for i in ids) or "–")


def without_title(body: str, title: str) -> str:
    """The body less a first `# Title` heading, which the page already shows."""
    first, _, rest = body.partition("\n")
    if first.strip().lstrip("#").strip() == title and first.startswith("# "):
        return rest.strip()
    return body


def facts(
    curriculum: Curriculum, topic: Topic, tracker: Tracker, now: datetime | None
) -> list[tuple[str, Text]]:
    """`show`'s facts: status, the learner's record and review, requirements, hours."""
    word = tracker.mark(topic.id)
    status = f"{word}" + ("" if topic.is_leaf else f" · {percent(tracker.completion(topic.id))}")
    if topic.is_leaf and tracker.leaf_status(topic.id) is Status.LEARNING:
        status = " · ".join(filter(None, [status, waiting(curriculum, tracker, topic.id)]))
    rows = [("Status", Text(status))]
    record = tracker.record(topic.id)
    if record.started:
        rows.append(("Started", Text(f"{record.started:%Y-%m-%d %H:%M}")))
    if record.finished:
        rows.append(("Finished", Text(f"{record.finished:%Y-%m-%d %H:%M}")))
    if record.note:
        rows.append(("Note", Text(printable(record.note))))
    if now is not None and record.status is Status.DONE:
        from airoadmap.domain.reviews import card_of, retrievability

        card = card_of(record)
        if card is not None:
            rows.append(("Review", Text(recall(card, retrievability(card, now), now))))
    requires = [
        f"{MARKS[tracker.mark(r)]} {curriculum[r].title}"
        for r in curriculum.requirement_nodes(topic.id)
    ]
    rows.append(("Requires", Text(", ".join(requires) or "–")))
    rows.append(("Unlocks", _titles(curriculum, curriculum.unlocks(topic.id))))
    if not topic.is_leaf:
        rows.append(("Contains", _titles(curriculum, topic.children)))
    said = sizes(curriculum, topic, tracker)
    if topic.is_leaf and record.hours is not None:  # `log-hours`, `done --hours`: the real time
        spent = hours(record.hours)
        said.append(f"{spent} so far" if record.status is Status.LEARNING else f"took {spent}")
    rows.append(("Hours", Text(" · ".join(said) or "–")))
    if curriculum.is_optional(topic.id):
        rows.append(("Optional", Text("yes" if topic.optional else "yes, on a side path")))
    return rows


def heading(tracker: Tracker, topic: Topic) -> Text:
    """A topic's page's first line: its mark, title, kind and id."""
    line = mark(tracker, topic.id)
    line.append(" ")
    line.append(topic.title, style="bold")
    line.append(f"  {topic.kind.value} · {topic.id}", style="dim")
    return line


def trail(curriculum: Curriculum, topic_id: str) -> Text | None:
    """Where a topic sits: its ancestors, hub first (None for the hub)."""
    names = [t.title for t in curriculum.ancestors(topic_id)]
    return Text(" › ".join(names), style="dim") if names else None


# What marking topics says, the same in the commands and the app.
STATUS_WORDS = {Status.LEARNING: "started", Status.DONE: "done", Status.SKIPPED: "skipped"}
"""A status as the result of a change: "Python for AI: started"."""
STATUS_VERBS = {Status.LEARNING: "start", Status.DONE: "mark done", Status.SKIPPED: "skip"}
"""A status as a change to ask about: "mark done 21 topics"."""


def lost_cards_warning(curriculum: Curriculum, lost: list[str]) -> str:
    """The warning when re-opening or skipping finished topics took their review cards."""
    names = ", ".join(curriculum[t].title for t in lost[:3]) + (" …" if lost[3:] else "")
    return f"no longer finished, so no longer reviewed (its card is gone): {names}"


def waits_warning(curriculum: Curriculum, target: Topic, unmet: list[str]) -> str:
    """The warning when a topic begun or done still has requirements not finished."""
    names = ", ".join(curriculum[u].title for u in unmet)
    return f"{target.title} waits on {names} (not finished yet)"


def marked_line(
    curriculum: Curriculum, tracker: Tracker, target: Topic, status: Status, changed: set[str]
) -> str:
    """What marking `target` with `status` says, the change (its leaves `changed`) made and
    `tracker` showing the progress after it."""
    under = [leaf for leaf in curriculum.leaves(target.id) if leaf in changed]
    word = STATUS_WORDS[status]
    if not under:
        now = {
            tracker.leaf_status(leaf)
            for leaf in curriculum.leaves(target.id)
            if tracker.leaf_status(leaf) is not Status.TODO
            or not curriculum.optional_within(target.id, leaf)
        }
        said = ", ".join(STATUS_WORDS.get(s, s.value) for s in sorted(now, key=list(Status).index))
        return f"{target.title}: nothing to change (already {said})"
    if target.is_leaf:
        return f"{target.title}: {word}"
    return f"{target.title}: {count(len(under), 'topic')} {word}"


def print_page(
    curriculum: Curriculum, topic: Topic, tracker: Tracker, now: datetime | None = None
) -> None:
    """`show`: the topic, the learner's record and (at `now`, local) its review card, and the
    note's body: Markdown on a terminal, as written when piped."""
    from airoadmap.cli import output

    output.print_text(heading(tracker, topic))
    where_ = trail(curriculum, topic.id)
    if where_:
        output.print_text(where_)
    if topic.summary:
        output.print_text()
        output.print_text(topic.summary)
    if topic.outcomes:
        output.print_text()
        output.print_text(Text("Outcomes", style="bold"))
        for outcome in topic.outcomes:
            output.print_hanging("  • ", Text(outcome))
    if topic.resources:
        output.print_text()
        output.print_text(Text("Resources", style="bold"))
        for resource in topic.resources:
            line = Text(f"[{resource.type}] ", style="dim")
            line.append(resource.title)
            line.append(f"  {resource.url}", style="blue")
            output.print_hanging("  • ", line)
    output.print_text()
    output.print_facts(facts(curriculum, topic, tracker, now))
    from airoadmap.notes.note import read_body

    body = without_title(read_body(topic.source), topic.title)
    if not topic.source and topic.kind is not Kind.AREA:
        output.print_text()
        output.print_text(Text(f"No note yet: linked as [[{topic.title}]], not written.", "dim"))
    if body:
        output.print_text()
        console = output.terminal()
        if console is not None:
            from rich.markdown import Markdown  # only `show` renders Markdown: a costly import

            console.print(Markdown(body))
        else:
            sys.stdout.write(body.rstrip() + "\n")
