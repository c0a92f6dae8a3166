"""The one definition of each concept airoadmap works with: a topic, a learner's record, review
card and log entry, and the progress a store holds.

They are dataclasses, cheap to build, copy and cache. Their other forms derive from their
fields: the note and store schemas (`notes.schema`, `progress.schema`) that check untrusted input
before it becomes one of these, the TOML and JSON documents and the cache rows (`plain`)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Container, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from airoadmap.plain import CHECK

ID_PATTERN = re.compile(r"[^\W_][\w.-]*")

STORE_SCHEMA = 2
"""The progress store format this program writes; a store with a newer one is never written.
Schema 1 kept one table of records for every curriculum; schema 2 keeps them per hub."""

BUNDLED_HUB = "ai-engineer"
"""The hub id of the bundled roadmap: a store's records whose curriculum is unknown (those made
before stores kept records per hub, when no other rule places them) belong to it."""


class Kind(StrEnum):
    HUB = "hub"
    AREA = "area"
    MAP = "map"
    TOPIC = "topic"


class ResourceType(StrEnum):
    BOOK = "book"
    COURSE = "course"
    VIDEO = "video"
    ARTICLE = "article"
    DOCS = "docs"
    TOOL = "tool"
    PAPER = "paper"


@dataclass(frozen=True, slots=True)
class Resource:
    """A book, course, video, … a topic points to."""

    title: str
    url: str = field(metadata={CHECK: {"pattern": r"^https?://\S+$"}})
    type: ResourceType


@dataclass(frozen=True, slots=True)
class Topic:
    """One note of a curriculum, placed in its tree with its links resolved to ids. The note's
    body is not kept: `notes.note.read_body` reads it when it is shown."""

    id: str
    title: str
    source: str  # the note's file (a str: building 50,000 Path objects is measurably slow)
    aliases: tuple[str, ...] = ()
    kind: Kind = Kind.TOPIC
    parent: str | None = None
    children: tuple[str, ...] = ()
    order: float | None = None
    requires: tuple[str, ...] = ()
    hours: float | None = None
    optional: bool = False
    tags: tuple[str, ...] = ()
    summary: str | None = None
    outcomes: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return not self.children


# --- a learner's progress ----------------------------------------------------------------------


class Status(StrEnum):
    TODO = "todo"
    LEARNING = "learning"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def finished(self) -> bool:
        return self in {Status.DONE, Status.SKIPPED}


class CardState(StrEnum):
    """Where a review card is in FSRS: airoadmap uses no intra-day steps, so a card goes
    straight to `review`; the other states are read and kept for cards scheduled otherwise."""

    LEARNING = "learning"
    REVIEW = "review"
    RELEARNING = "relearning"


class Rating(StrEnum):
    AGAIN = "again"
    HARD = "hard"
    GOOD = "good"
    EASY = "easy"


@dataclass(frozen=True, slots=True)
class Card:
    """The spaced-review state of a finished topic (an FSRS card): when it is next due, and the
    memory model's stability (days) and difficulty (1 to 10) after its last review."""

    due: datetime
    last_review: datetime
    stability: float = field(metadata={CHECK: {"gt": 0}})
    difficulty: float = field(metadata={CHECK: {"ge": 1, "le": 10}})
    state: CardState = CardState.REVIEW
    step: int | None = field(default=None, metadata={CHECK: {"ge": 0}})
    extra: Mapping[str, Any] = field(default_factory=dict)  # keys a newer airoadmap wrote

    def __post_init__(self) -> None:
        _freeze_extra(self)


_NOTHING: Mapping[str, Any] = MappingProxyType({})


def frozen(value: Any) -> Any:
    """`value` made read-only all the way down: tables as read-only mappings, lists as tuples.
    Keys a newer airoadmap wrote are kept this way, so no change can edit them in place."""
    if isinstance(value, Mapping):
        if isinstance(value, MappingProxyType) and all(
            isinstance(v, str | int | float | bool | datetime) for v in value.values()
        ):
            return value  # already frozen, and flat: the common case
        return MappingProxyType({key: frozen(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(frozen(item) for item in value)
    return value


def _freeze_extra(model: Card | Record | LogEntry) -> None:
    """Make a model's unknown keys read-only (one shared empty mapping when it has none, as
    most records have not)."""
    if model.extra:
        object.__setattr__(model, "extra", frozen(model.extra))
    elif type(model.extra) is not MappingProxyType:
        object.__setattr__(model, "extra", _NOTHING)


@dataclass(frozen=True, slots=True)
class Record:
    """A learner's record of one topic. No record (or no status) means `todo`. `extra` holds
    keys this version does not know, so an older airoadmap never drops a newer one's.

    Records are values: frozen, their `extra` read-only, so a change makes a new record (with
    `replace`) and can never edit one in place unseen."""

    status: Status | None = None
    started: datetime | None = None
    finished: datetime | None = None
    note: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    card: Card | None = None  # a done topic's review card
    hours: float | None = field(default=None, metadata={CHECK: {"ge": 0, "le": 100_000}})
    # the time the topic really took (`done --hours`, `log-hours`): the learner's pace

    def __post_init__(self) -> None:
        if self.status is Status.TODO:  # `todo` is no status
            object.__setattr__(self, "status", None)
        _freeze_extra(self)

    @property
    def effective(self) -> Status:
        return self.status or Status.TODO

    def is_empty(self) -> bool:
        return self == Record()

    def replace(self, **changes: Any) -> Record:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Goal:
    """What a learner aims to finish in one curriculum (topics, maps or areas, by id), and
    optionally by when (an ISO date) and at how many hours a week. Kept in the hub's table of
    the store as `goal`, a key an older airoadmap keeps without knowing it."""

    targets: tuple[str, ...]
    by: str | None = field(default=None, metadata={CHECK: {"pattern": r"^\d{4}-\d{2}-\d{2}$"}})
    hours_per_week: float | None = field(default=None, metadata={CHECK: {"gt": 0, "le": 168}})

    def within(self, curriculum: Container[str]) -> list[str]:
        """The targets that `curriculum` has: what `next` steers toward."""
        return [t for t in self.targets if t in curriculum]


@dataclass(frozen=True, slots=True)
class LogEntry:
    """One action, with the records it changed as they were before, so it can be undone, and
    the hub of the curriculum it was taken in (None only in a store older than hubs)."""

    at: datetime
    action: str
    targets: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    before: Mapping[str, Record] = field(default_factory=dict)
    extra: Mapping[str, Any] = field(default_factory=dict)
    rating: Rating | None = None  # a review's answer
    hub: str | None = None
    goal: Goal | None = None  # a `goal` action's: the goal as it was before (None: none)

    def __post_init__(self) -> None:
        object.__setattr__(self, "targets", tuple(self.targets))
        object.__setattr__(self, "topics", tuple(self.topics))
        object.__setattr__(self, "before", MappingProxyType(dict(self.before)))
        _freeze_extra(self)


@dataclass(slots=True)
class HubRecords:
    """A learner's records in the curriculum of one hub, keyed by topic id. Unknown keys of the
    hub's table (`extra`) are kept on rewrite."""

    topics: dict[str, Record] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class StoreContents:
    """Everything a store file holds: each hub's records, the log of every hub (newest last),
    and unknown top-level keys (`extra`). `topics` holds the records of a store written before
    records were kept per hub (schema 1), whose hub `progress.hubs` decides when it is read."""

    learner: str
    schema: int = STORE_SCHEMA
    hubs: dict[str, HubRecords] = field(default_factory=dict)
    topics: dict[str, Record] = field(default_factory=dict)
    log: list[LogEntry] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Progress:
    """A learner's progress in the curriculum of one hub: its records (`topics`) and its log
    entries (`log`, newest last), which the commands read and change. The rest of the store is
    carried along to be written back as it was: unknown top-level keys (`extra`) and those of
    this hub's table (`hub_extra`), other hubs' records (`elsewhere`), and the whole log as read
    (`history`, every hub's entries in file order; not part of equality)."""

    learner: str
    schema: int = STORE_SCHEMA
    topics: dict[str, Record] = field(default_factory=dict)
    log: list[LogEntry] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)
    hub: str = BUNDLED_HUB
    hub_extra: dict[str, Any] = field(default_factory=dict)
    elsewhere: dict[str, HubRecords] = field(default_factory=dict)
    history: tuple[LogEntry, ...] = field(default=(), compare=False, repr=False)

    def record(self, topic_id: str) -> Record:
        return self.topics.get(topic_id) or Record()

    def last_activity(self) -> datetime | None:
        """The latest moment anything was logged, started or finished in this hub."""
        moments = [e.at for e in self.log] + [
            m for r in self.topics.values() for m in (r.started, r.finished) if m is not None
        ]
        return max(moments, default=None)
