"""Pydantic types: the frontmatter of a note, and the topics a curriculum is made of."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from airoadmap.links import printable


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


def _scalar_to_str(value: Any) -> Any:
    """YAML reads `title: 2024` as a number (and `2024-01-31` as a date); it is text all the same.
    Control characters are dropped: text from a note is printed to terminals."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return printable(value)
    return value


def _link_to_str(value: Any) -> Any:
    """Unquoted `up: [[Note]]` is a nested list in YAML; read it as the wikilink it meant."""
    depth = 0
    while isinstance(value, list) and len(value) == 1:
        value, depth = value[0], depth + 1
    if depth and isinstance(value, str):
        return f"[[{value}]]"
    return _scalar_to_str(value)


def _one_or_many(convert: Any) -> Any:
    def validate(value: Any) -> Any:
        if value is None:
            return []
        if not isinstance(value, list):
            value = [value]
        return [convert(item) for item in value]

    return validate


Text = Annotated[str, BeforeValidator(_scalar_to_str)]
Link = Annotated[str, BeforeValidator(_link_to_str)]
TextList = Annotated[list[str], BeforeValidator(_one_or_many(_scalar_to_str))]
LinkList = Annotated[list[str], BeforeValidator(_one_or_many(_link_to_str))]

ID_PATTERN = re.compile(r"[^\W_][\w.-]*")


class Resource(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, defer_build=True)

    title: Text
    url: str = Field(pattern=r"^https?://\S+$")
    type: ResourceType


class NoteMeta(BaseModel):
    """The frontmatter keys airoadmap knows; other keys (a vault's own) are ignored."""

    model_config = ConfigDict(extra="ignore", defer_build=True)

    id: Text | None = None
    title: Text | None = None
    aliases: TextList = Field(default_factory=list)
    kind: Kind = Kind.TOPIC
    up: Link | None = None
    order: float | None = Field(default=None, allow_inf_nan=False)
    requires: LinkList = Field(default_factory=list)
    hours: float | None = Field(default=None, ge=0, allow_inf_nan=False)
    optional: bool = False
    tags: TextList = Field(default_factory=list)
    summary: Text | None = None
    outcomes: TextList = Field(default_factory=list)
    resources: list[Resource] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str | None) -> str | None:
        if value is not None and not (value == value.lower() and ID_PATTERN.fullmatch(value)):
            raise ValueError(
                f"{value!r} is not a valid id (lowercase letters, digits, '-', '_', '.')"
            )
        return value


class Topic(BaseModel):
    """One note of a curriculum, placed in its tree with its links resolved to ids."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    title: str
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
    body: str = ""
    source: Path

    @property
    def is_leaf(self) -> bool:
        return not self.children


# --- a learner's progress ----------------------------------------------------------------------


def _as_utc(value: datetime | None) -> datetime | None:
    """A hand-edited store may hold a time without a zone: read it as UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


class Status(StrEnum):
    TODO = "todo"
    LEARNING = "learning"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def finished(self) -> bool:
        return self in {Status.DONE, Status.SKIPPED}


class Record(BaseModel):
    """A learner's record of one topic. No record (or no status) means `todo`.

    Keys this version does not know are kept, so an older airoadmap never drops a newer one's."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    status: Status | None = None
    started: datetime | None = None
    finished: datetime | None = None
    note: str | None = None

    @field_validator("started", "finished")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        return _as_utc(value)

    @field_validator("status")
    @classmethod
    def _todo_is_no_status(cls, value: Status | None) -> Status | None:
        return None if value is Status.TODO else value

    @property
    def effective(self) -> Status:
        return self.status or Status.TODO

    def is_empty(self) -> bool:
        return self == Record()


class LogEntry(BaseModel):
    """One action, with the records it changed as they were before, so it can be undone."""

    model_config = ConfigDict(extra="allow", defer_build=True)

    at: datetime
    action: str

    @field_validator("at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return _as_utc(value) or value

    targets: list[str] = []
    topics: list[str] = []
    before: dict[str, Record] = {}
