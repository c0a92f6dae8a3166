"""The cohort page's data (`report --html`): a row per learner with a completion bar per map,
their current topic, hours done, reviews due and last activity (the figures `report --json`
gives); and per topic how many learners finished it and who is at it now, since when, which
shows where the cohort stalls.

Learners are read one at a time (`Tally.add` takes each one's tracker): a big cohort is never
all in memory."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.tracker import Tracker
from airoadmap.models import Kind, Progress

STALLS = 3
"""How many topics the page marks as where the cohort stalls: those most learners are at,
two at least."""

FEW_TOPICS = 30
"""Up to this many topics the topics table shows them all at first; past it, only those some
learner finished or is at (a switch on the page shows them all)."""


@dataclass(frozen=True)
class Column:
    id: str
    title: str


@dataclass(frozen=True)
class Row:
    learner: str
    completion: float
    finished: int
    total: int
    maps: list[float]  # completion of each of the page's map columns
    current: str | None  # the title of the topic the learner is at (None: not begun, or done)
    finished_all: bool
    last_activity: str | None
    hours_done: float = 0.0
    reviews_due: int = 0
    error: str | None = None


@dataclass(frozen=True)
class Here:
    """A learner at a topic, and the day they started it (None: not started, only next)."""

    learner: str
    since: str | None


@dataclass(frozen=True)
class TopicCount:
    id: str
    title: str
    finished: int
    here: list[Here]  # the learners whose current topic this is
    stall: bool

    @property
    def quiet(self) -> bool:
        """No learner finished it or is at it."""
        return not self.finished and not self.here


@dataclass(frozen=True)
class Group:
    title: str
    topics: list[TopicCount]


@dataclass(frozen=True)
class Cohort:
    title: str
    made: str
    learners: int  # those whose progress could be read
    unread: int  # those whose progress could not be
    maps: list[Column]
    rows: list[Row]
    groups: list[Group]
    home: str  # the data folder: the page names it only when it holds no learner
    only_active: bool  # the topics table shows at first only those some learner finished or is at

    @property
    def topics(self) -> int:
        return sum(len(g.topics) for g in self.groups)

    @property
    def active(self) -> int:
        """The topics some learner finished or is at."""
        return sum(1 for g in self.groups for t in g.topics if not t.quiet)


def maps_of(curriculum: Curriculum) -> list[Column]:
    """The columns: every map (or, in a curriculum without maps, every area) in order."""
    found = [Column(t.id, t.title) for t in curriculum if t.kind is Kind.MAP]
    if not found:
        found = [Column(t.id, t.title) for t in curriculum if t.kind is Kind.AREA]
    return found


class Tally:
    """Counts over the learners added: per topic, how many finished it and how many are at it."""

    def __init__(self, curriculum: Curriculum) -> None:
        self.curriculum = curriculum
        self.columns = maps_of(curriculum)
        self.finished: Counter[str] = Counter()
        self.here: Counter[str] = Counter()
        self.learners = 0

    def add(self, tracker: Tracker, progress: Progress, current: str | None) -> dict[str, Any]:
        """Count one learner, at the topic `current` (`planner.current_topic`); the fields of
        their row: each map's completion and the topic they are at (its id). A learner who
        has not begun (no record in this curriculum) is at no topic."""
        self.learners += 1
        loaded = self.curriculum
        begun = False
        for topic, record in progress.topics.items():
            if topic not in loaded:
                continue
            begun = True
            if record.effective.finished and loaded[topic].is_leaf:
                self.finished[topic] += 1
        if not begun:
            current = None
        since = None
        if current is not None:
            self.here[current] += 1
            started = progress.topics[current].started if current in progress.topics else None
            since = started.isoformat() if started is not None else None
        return {
            "maps": {c.id: round(tracker.completion(c.id), 4) for c in self.columns},
            "current_topic": current,
            "current_since": since,
        }


def build(
    curriculum: Curriculum,
    rows: list[dict[str, Any]],
    tally: Tally,
    now: datetime,
    *,
    home: str,
) -> Cohort:
    """The page from the rows `learner_rows` made (with `Tally.add`'s fields and `report`'s
    `hours_done` and `reviews_due`) and the tally; `home` the data folder they were read in."""
    page_rows: list[Row] = []
    here: dict[str, list[Here]] = {}
    for row in rows:
        if "error" in row:
            reason = _short_reason(row["error"])
            page_rows.append(Row(row["learner"], 0.0, 0, 0, [], None, False, None, error=reason))
            continue
        current = row.get("current_topic")
        last = row.get("last_activity")
        if isinstance(current, str):
            since = row.get("current_since")
            here.setdefault(current, []).append(
                Here(row["learner"], _day(since, now) if since else None)
            )
        page_rows.append(
            Row(
                learner=row["learner"],
                completion=row["completion"],
                finished=row["finished"],
                total=row["topics"],
                maps=[row["maps"].get(c.id, 0.0) for c in tally.columns],
                current=curriculum[current].title
                if isinstance(current, str) and current in curriculum
                else None,
                finished_all=row["topics"] > 0 and row["finished"] >= row["topics"],
                last_activity=_day(last, now) if last else None,
                hours_done=row.get("hours_done", 0.0),
                reviews_due=row.get("reviews_due", 0),
            )
        )
    ranked = [t for t, n in tally.here.most_common() if n >= 2]
    stalls = set(ranked[:STALLS])
    groups: list[Group] = []
    by_parent: dict[str, list[TopicCount]] = {}
    for leaf in curriculum.all_leaves():
        topic = curriculum[leaf]
        maps = [a for a in curriculum.ancestors(leaf) if a.kind is Kind.MAP]
        parent = (
            maps[-1].title if maps else (curriculum[topic.parent].title if topic.parent else "")
        )
        if parent not in by_parent:
            by_parent[parent] = []
            groups.append(Group(parent, by_parent[parent]))
        by_parent[parent].append(
            TopicCount(
                leaf,
                topic.title,
                tally.finished[leaf],
                sorted(here.get(leaf, []), key=_oldest_first),
                leaf in stalls,
            )
        )
    return Cohort(
        title=curriculum.hub.title,
        made=f"{now:%Y-%m-%d %H:%M}",
        learners=tally.learners,
        unread=sum(1 for r in page_rows if r.error is not None),
        maps=tally.columns,
        rows=page_rows,
        groups=groups,
        home=home,
        only_active=sum(len(g.topics) for g in groups) > FEW_TOPICS,
    )


def _oldest_first(here: Here) -> tuple[bool, str, str]:
    """Those at a topic longest first (a stall shows at the front), those not started last."""
    return (here.since is None, here.since or "", here.learner)


def _short_reason(message: str) -> str:
    """Why a learner's store cannot be read, for a page to share: the message without the
    store's path (the teacher's folders are no one else's business)."""
    first = message.strip().splitlines()[0] if message.strip() else "unreadable"
    cut = first.find(".toml: ")
    return first[cut + len(".toml: ") :] if cut >= 0 else first


def _day(iso: str, now: datetime) -> str:
    return f"{datetime.fromisoformat(iso).astimezone(now.tzinfo):%Y-%m-%d}"
