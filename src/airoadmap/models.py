"""The plain types airoadmap works with: topics, and a learner's records and log.

They are dataclasses, cheap to build, copy and cache; untrusted input is checked by the pydantic
schemas in `schema` before it becomes one of these."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple

ID_PATTERN = re.compile(r"[^\W_][\w.-]*")


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


class Resource(NamedTuple):
    title: str
    url: str
    type: str  # a ResourceType value (checked when the note is read)


@dataclass(frozen=True, slots=True)
class Topic:
    """One note of a curriculum, placed in its tree with its links resolved to ids. The note's
    body is not kept: `Curriculum.body` reads it when it is shown."""

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
    stability: float
    difficulty: float
    state: CardState = CardState.REVIEW
    step: int | None = None

    def as_dict(self) -> dict[str, Any]:
        """The card as stored (TOML has no null: an unset step is left out)."""
        data: dict[str, Any] = {
            "due": self.due,
            "last_review": self.last_review,
            "stability": self.stability,
            "difficulty": self.difficulty,
            "state": self.state.value,
        }
        if self.step is not None:
            data["step"] = self.step
        return data


@dataclass(slots=True)
class Record:
    """A learner's record of one topic. No record (or no status) means `todo`. `extra` holds
    keys this version does not know, so an older airoadmap never drops a newer one's."""

    status: Status | None = None
    started: datetime | None = None
    finished: datetime | None = None
    note: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    card: Card | None = None  # a done topic's review card

    @property
    def effective(self) -> Status:
        return self.status or Status.TODO

    def is_empty(self) -> bool:
        return self == Record()

    def replace(self, **changes: Any) -> Record:
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        """The record as stored: its known keys that are set, and the unknown ones."""
        data: dict[str, Any] = dict(self.extra)
        for key in ("status", "started", "finished", "note"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value.value if isinstance(value, Status) else value
        if self.card is not None:
            data["card"] = self.card.as_dict()
        return data


@dataclass(slots=True)
class LogEntry:
    """One action, with the records it changed as they were before, so it can be undone."""

    at: datetime
    action: str
    targets: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    before: dict[str, Record] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)
    rating: Rating | None = None  # a review's answer

    def as_dict(self) -> dict[str, Any]:
        data = {
            **self.extra,
            "at": self.at,
            "action": self.action,
            "targets": list(self.targets),
            "topics": list(self.topics),
            "before": {k: v.as_dict() for k, v in self.before.items()},
        }
        if self.rating is not None:
            data["rating"] = self.rating.value
        return data
