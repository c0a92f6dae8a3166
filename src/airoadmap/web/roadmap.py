"""The roadmap page's data: the curriculum laid out as areas, their maps and each map's topics
as boxes with their statuses, a panel per topic, the `next` list (as `next` ranks it), the
charts, and the JSON the page's script reads (what it searches and marks, and the arrows).

Pure: it takes the curriculum, the learner's progress and the moment, and reads nothing but the
notes' bodies."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from airoadmap.domain import activity, planner, reviews, units
from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.names import fold, link_targets
from airoadmap.domain.tracker import Counts, Tracker
from airoadmap.models import Goal, Kind, Progress, Resource, ResourceType, Status, Topic
from airoadmap.web import charts
from airoadmap.web.markdown import Linker, note_html, to_html

HISTORY_WEEKS = 12
"""Weeks of the burn-up at most: it starts at the week of the learner's first activity, if
that is later, and shows `FEWEST_WEEKS` at least."""

FEWEST_WEEKS = 4

REVIEW_WEEKS = 8
"""Weeks ahead the reviews chart shows."""

NEXT_COUNT = 6

STATUSES = ("done", "learning", "skipped", "ready", "blocked")
"""The statuses a topic's box shows, in the legend's order."""


@dataclass(frozen=True)
class Box:
    """A topic (a leaf) as a box: `status` one of `STATUSES`; `group` the title of the node
    between it and its card, if any."""

    id: str
    title: str
    status: str
    optional: bool
    hours: float | None
    group: str | None = None


@dataclass(frozen=True)
class Card:
    """A map (`id` its id) with its topics, those on side paths apart; or the topics sitting
    directly under an area or the hub (`id` None)."""

    id: str | None
    title: str
    completion: float
    optional: bool
    finished: int
    total: int
    boxes: list[Box]
    side: list[Box]


@dataclass(frozen=True)
class Section:
    """An area (`id` its id) and its cards; or maps sitting directly under the hub (`id` None)."""

    id: str | None
    title: str | None
    completion: float
    optional: bool
    cards: list[Card] = field(default_factory=list)


@dataclass(frozen=True)
class Requirement:
    id: str
    title: str
    status: str


@dataclass(frozen=True)
class Panel:
    """Everything the side panel shows for one topic."""

    id: str
    title: str
    status: str
    path: list[str]
    optional: bool
    hours: float | None
    summary: str | None
    outcomes: list[str]
    resources: list[tuple[str, list[Resource]]]
    requirements: list[Requirement]
    unlocks: list[Requirement]
    facts: list[tuple[str, str]]
    note: str  # HTML, made by `markdown.note_html` (raw HTML in the note escaped)
    review: str | None  # the card's due day and recall, as `show` says them
    body: str  # HTML, made by `markdown.to_html` (raw HTML in the note escaped)
    written: bool


@dataclass(frozen=True)
class Suggested:
    id: str
    title: str
    reason: str


@dataclass(frozen=True)
class Roadmap:
    """The page: the header's figures, the layout, the panels, the next list and the charts."""

    title: str
    learner: str
    made: str
    completion: float
    finished: int
    total: int
    optional: int
    hours_done: float
    hours_left: float
    goal: str | None  # what the learner's goal is, in words
    counts: dict[str, int]
    sections: list[Section]
    panels: list[Panel]
    next: list[Suggested]
    reviews_due_now: int
    burnup: str  # SVG markup
    reviews_chart: str  # SVG markup
    data: dict[str, Any]


def status_of(tracker: Tracker, leaf: str) -> str:
    """The word a topic's box shows: its status, `ready` for one not begun whose requirements
    are met, `blocked` for one that waits on a requirement."""
    mark = tracker.mark(leaf)
    return "ready" if mark == Status.TODO.value else mark


def build(
    curriculum: Curriculum,
    tracker: Tracker,
    progress: Progress,
    *,
    learner: str,
    now: datetime,
    read_body: Callable[[str], str],
    goal: Goal | None = None,
) -> Roadmap:
    """The roadmap page for `learner` as of `now` (in the learner's zone, whose days count);
    `read_body` reads a note's Markdown body from its file; `goal` steers the next list as it
    steers `next`."""
    hub = curriculum.hub_id
    counts = tracker.counts[hub]
    leaves = [t for t in curriculum if _is_box(t)]
    statuses = {t.id: status_of(tracker, t.id) for t in leaves}
    sections = _sections(curriculum, tracker, statuses)
    linker = _linker(curriculum, set(statuses))
    panels = [_panel(curriculum, tracker, t, statuses, now, read_body, linker) for t in leaves]
    toward = goal.within(curriculum) if goal is not None else []
    suggestions = [
        Suggested(s.topic, curriculum[s.topic].title, s.reason)
        for s in planner.suggest(tracker, under=hub, count=NEXT_COUNT, toward=toward)
    ]
    before, weeks = _hours_by_week(curriculum, tracker, progress, now)
    return Roadmap(
        title=curriculum.hub.title,
        learner=learner,
        made=f"{now:%Y-%m-%d %H:%M}",
        completion=tracker.completion(hub),
        finished=min(counts.finished, counts.total),
        total=counts.total,
        optional=counts.optional,
        hours_done=counts.hours_done,
        hours_left=counts.hours_left,
        goal=_goal_words(curriculum, goal, toward),
        counts={s: sum(1 for v in statuses.values() if v == s) for s in STATUSES},
        sections=sections,
        panels=panels,
        next=suggestions,
        reviews_due_now=reviews.due_count(curriculum, progress.topics, now),
        burnup=charts.burnup(weeks, before=before),
        reviews_chart=charts.reviews_due(_due_by_week(curriculum, progress, now)),
        data=_data(curriculum, statuses),
    )


def _goal_words(curriculum: Curriculum, goal: Goal | None, toward: list[str]) -> str | None:
    """The goal as the header says it: "Deep Learning, by 2027-06-30"."""
    if goal is None or not toward:
        return None
    words = ", ".join(curriculum[t].title for t in toward)
    return words + (f", by {goal.by}" if goal.by else "")


# --- the layout ------------------------------------------------------------------------------


def _is_box(topic: Topic) -> bool:
    """A topic is a box: a leaf that is no hub, area or map (a map with no topics yet is a
    card with no boxes)."""
    return topic.is_leaf and topic.kind is Kind.TOPIC


def _sections(curriculum: Curriculum, tracker: Tracker, statuses: dict[str, str]) -> list[Section]:
    """The hub's children in learning order: each area a section of cards (its maps, and its
    own topics as one card); maps and topics directly under the hub in sections of their own,
    consecutive ones together."""
    hub = curriculum.hub
    sections: list[Section] = []
    loose: list[Card] = []
    loose_topics: list[Topic] = []

    def flush() -> None:
        if loose_topics:
            loose.append(_card(curriculum, tracker, statuses, hub.title, loose_topics))
            loose_topics.clear()
        if loose:
            sections.append(Section(None, None, 0.0, False, list(loose)))
            loose.clear()

    for child in curriculum.children(hub.id):
        if _is_box(child):
            loose_topics.append(child)
        elif child.kind is Kind.AREA:
            flush()
            sections.append(_section(curriculum, tracker, statuses, child))
        else:
            if loose_topics:
                loose.append(_card(curriculum, tracker, statuses, hub.title, loose_topics))
                loose_topics.clear()
            loose.append(_map_card(curriculum, tracker, statuses, child))
    flush()
    return sections


def _section(
    curriculum: Curriculum, tracker: Tracker, statuses: dict[str, str], area: Topic
) -> Section:
    cards: list[Card] = []
    own: list[Topic] = []
    for child in curriculum.children(area.id):
        if _is_box(child):
            own.append(child)
        else:
            cards.append(_map_card(curriculum, tracker, statuses, child))
    if own:
        cards.insert(0, _card(curriculum, tracker, statuses, area.title, own))
    return Section(
        area.id,
        area.title,
        tracker.completion(area.id),
        curriculum.is_optional(area.id),
        cards,
    )


def _map_card(
    curriculum: Curriculum, tracker: Tracker, statuses: dict[str, str], node: Topic
) -> Card:
    counts = tracker.counts[node.id]
    leaves = [curriculum[leaf] for leaf in curriculum.leaves(node.id)]
    leaves = [leaf for leaf in leaves if _is_box(leaf)]
    main, side = _boxes(curriculum, statuses, leaves, card=node.id)
    return Card(
        node.id,
        node.title,
        tracker.completion(node.id),
        curriculum.is_optional(node.id),
        min(counts.finished, counts.total),
        counts.total,
        main,
        side,
    )


def _card(
    curriculum: Curriculum,
    tracker: Tracker,
    statuses: dict[str, str],
    title: str,
    leaves: list[Topic],
) -> Card:
    """A card of topics that sit directly under an area or the hub: counted as a map's are."""
    main, side = _boxes(curriculum, statuses, leaves, card=None)
    counts = Counts()
    for leaf in leaves:
        counts.add(tracker.counts[leaf.id], optional=leaf.optional)
    finished = min(counts.finished, counts.total)
    completion = finished / counts.total if counts.total else 0.0
    return Card(None, title, completion, False, finished, counts.total, main, side)


def _boxes(
    curriculum: Curriculum, statuses: dict[str, str], leaves: list[Topic], *, card: str | None
) -> tuple[list[Box], list[Box]]:
    """The boxes of `leaves`: those that count, and those on side paths (shown apart). In a
    card that is itself a side path, every topic is on it: none is set apart."""
    card_optional = card is not None and curriculum.is_optional(card)
    main: list[Box] = []
    side: list[Box] = []
    for leaf in leaves:
        optional = curriculum.is_optional(leaf.id)
        group = None
        if card is not None and leaf.parent not in {card, None}:
            group = curriculum[leaf.parent].title if leaf.parent else None
        box = Box(leaf.id, leaf.title, statuses[leaf.id], optional, leaf.hours, group)
        (side if optional and not card_optional else main).append(box)
    return main, side


# --- the panels ------------------------------------------------------------------------------


def _panel(
    curriculum: Curriculum,
    tracker: Tracker,
    topic: Topic,
    statuses: dict[str, str],
    now: datetime,
    read_body: Callable[[str], str],
    linker: Linker,
) -> Panel:
    record = tracker.record(topic.id)

    def requirement(node: str) -> Requirement:
        return Requirement(node, curriculum[node].title, statuses.get(node) or tracker.mark(node))

    by_type: dict[str, list[Resource]] = {}
    for resource in topic.resources:
        by_type.setdefault(resource.type.value, []).append(resource)
    order = [t.value for t in ResourceType]
    resources = sorted(by_type.items(), key=lambda item: order.index(item[0]))
    facts: list[tuple[str, str]] = []
    if record.started is not None:
        facts.append(("Started", _day(record.started, now)))
    if record.finished is not None:
        facts.append(("Finished", _day(record.finished, now)))
    if record.hours is not None:
        facts.append(("Hours logged", units.hours(record.hours)))
    card = reviews.card_of(record)
    review = None
    if card is not None:  # in `show`'s and `review`'s words
        review = units.recall(card, reviews.retrievability(card, now), now)
    path = [curriculum[a].title for a in curriculum.path_ids(topic.id)[1:]]  # not the hub
    return Panel(
        id=topic.id,
        title=topic.title,
        status=statuses[topic.id],
        path=path,
        optional=curriculum.is_optional(topic.id),
        hours=topic.hours,
        summary=topic.summary,
        outcomes=list(topic.outcomes),
        resources=resources,
        requirements=[requirement(r) for r in curriculum.requirement_nodes(topic.id)],
        unlocks=[requirement(u) for u in curriculum.unlocks(topic.id)],
        facts=facts,
        note=note_html(record.note or "", linker=linker),
        review=review,
        body=to_html(read_body(topic.source), title=topic.title, linker=linker),
        written=bool(topic.source),
    )


def _day(moment: datetime, now: datetime) -> str:
    return f"{moment.astimezone(now.tzinfo):%Y-%m-%d}"


# --- the charts' figures ---------------------------------------------------------------------


def monday(day: date) -> date:
    """The Monday that starts `day`'s week (an ISO week): both charts' weeks start on one."""
    return day - timedelta(days=day.weekday())


def _hours_by_week(
    curriculum: Curriculum, tracker: Tracker, progress: Progress, now: datetime
) -> tuple[float, list[tuple[date, float]]]:
    """The burn-up's figures (`planner.done_by_week`) over weeks from Monday to Sunday, this
    one last: from the week of the learner's first activity in this curriculum (a topic
    started or finished), `FEWEST_WEEKS` at least and `HISTORY_WEEKS` at most. The hours of
    the weeks left out before the first count in `before`."""
    this_week = monday(now.date())
    before, weeks = planner.done_by_week(
        tracker, until=this_week + timedelta(days=7), weeks=HISTORY_WEEKS
    )
    records = {t: r for t, r in progress.topics.items() if t in curriculum}
    days = activity.activity_days(records, [], now)
    first = monday(min(days)) if days else this_week
    shown = min(max((this_week - first).days // 7 + 1, FEWEST_WEEKS), HISTORY_WEEKS)
    dropped = weeks[: len(weeks) - shown]
    return before + sum(hours for _, hours in dropped), weeks[len(dropped) :]


def _due_by_week(
    curriculum: Curriculum, progress: Progress, now: datetime
) -> list[tuple[date, int]]:
    """Reviews falling due in each of `REVIEW_WEEKS` weeks from Monday to Sunday, from this
    one (which also holds those already due)."""
    this_week = monday(now.date())
    counts = [0] * REVIEW_WEEKS
    for card in reviews.cards(curriculum, progress.topics).values():
        day = card.due.astimezone(now.tzinfo).date()
        week = max((day - this_week).days, 0) // 7
        if week < REVIEW_WEEKS:
            counts[week] += 1
    return [(this_week + timedelta(days=7 * i), counts[i]) for i in range(REVIEW_WEEKS)]


# --- wiki links in notes --------------------------------------------------------------------


def _linker(curriculum: Curriculum, boxes: set[str]) -> Linker:
    """A wiki link in a note → the topic it names, as a link that selects it when it is a box
    on the page (plain text otherwise), its label the link's own or the topic's title."""

    def link(inner: str) -> tuple[str | None, str]:
        name, _, label = inner.partition("|")
        found: Topic | None = None
        for target in link_targets(f"[[{name}]]"):
            named = curriculum.named(target)
            if len(named) == 1:
                found = named[0]
                break
            if fold(target) in curriculum:
                found = curriculum[fold(target)]
                break
        shown = label.strip() or (found.title if found else name.split("#", 1)[0].strip())
        return (found.id if found is not None and found.id in boxes else None), shown or inner

    return link


# --- what the page's script reads ------------------------------------------------------------


def _data(curriculum: Curriculum, statuses: dict[str, str]) -> dict[str, Any]:
    """What the script reads and nothing more: each box's words to search (`title`,
    `aliases`, `tags`), what it needs and unlocks (to mark them), and the requirement arrows
    (`[from, to]`: each node's own `requires`)."""
    topics: dict[str, Any] = {}
    edges: list[list[str]] = []
    for topic in curriculum:
        if topic.id in statuses:
            topics[topic.id] = {
                "title": topic.title,
                "aliases": list(topic.aliases),
                "tags": list(topic.tags),
                "needs": curriculum.requirement_nodes(topic.id),
                "unlocks": curriculum.unlocks(topic.id),
            }
        edges.extend([r, topic.id] for r in topic.requires if r in curriculum)
    return {"topics": topics, "edges": edges}
