"""Pydantic schemas for what airoadmap reads from disk: a note's frontmatter and a learner's
store. They type-check untrusted input and turn it into the plain types of `models`; they are
imported only when a file has to be parsed (a warm command reads caches instead)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from airoadmap.clock import EARLIEST, LATEST
from airoadmap.links import printable
from airoadmap.models import (
    ID_PATTERN,
    Card,
    CardState,
    Kind,
    LogEntry,
    Rating,
    Record,
    ResourceType,
    Status,
)


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


class ResourceSpec(BaseModel):
    model_config = ConfigDict(extra="ignore")

    title: Text
    url: str = Field(pattern=r"^https?://\S+$")
    type: ResourceType


class NoteMeta(BaseModel):
    """The frontmatter keys airoadmap knows; other keys (a vault's own) are ignored."""

    model_config = ConfigDict(extra="ignore")

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
    resources: list[ResourceSpec] = Field(default_factory=list)

    @field_validator("id")
    @classmethod
    def _id_is_slug(cls, value: str | None) -> str | None:
        if value is not None and not (value == value.lower() and ID_PATTERN.fullmatch(value)):
            raise ValueError(
                f"{value!r} is not a valid id (lowercase letters, digits, '-', '_', '.')"
            )
        return value


# --- the progress store ------------------------------------------------------------------------


def _as_utc(value: datetime | None) -> datetime | None:
    """A store's time in UTC. A hand-edited store may hold a time without a zone: it is read as
    UTC. A time outside EARLIEST to LATEST is refused."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        moment = value.astimezone(UTC)
    except OverflowError:
        moment = None
    if moment is None or not EARLIEST <= moment < LATEST:
        raise ValueError(f"{value.isoformat()} is out of range (years 1000 to 8999)")
    return moment


class _CardSchema(BaseModel):
    """A review card. Its keys are all airoadmap's own: an unknown one is an error, not kept."""

    model_config = ConfigDict(extra="forbid")

    due: datetime
    last_review: datetime
    stability: float = Field(gt=0, allow_inf_nan=False)
    difficulty: float = Field(ge=1, le=10, allow_inf_nan=False)
    state: CardState = CardState.REVIEW
    step: int | None = Field(default=None, ge=0)

    @field_validator("due", "last_review")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return _as_utc(value) or value

    def plain(self) -> Card:
        return Card(
            self.due, self.last_review, self.stability, self.difficulty, self.state, self.step
        )


class _RecordSchema(BaseModel):
    model_config = ConfigDict(extra="allow")

    status: Status | None = None
    started: datetime | None = None
    finished: datetime | None = None
    note: str | None = None
    card: _CardSchema | None = None

    @field_validator("started", "finished")
    @classmethod
    def _aware(cls, value: datetime | None) -> datetime | None:
        return _as_utc(value)

    def plain(self) -> Record:
        status = None if self.status is Status.TODO else self.status
        return Record(
            status,
            self.started,
            self.finished,
            self.note,
            dict(self.model_extra or {}),
            self.card.plain() if self.card is not None else None,
        )


class _LogEntrySchema(BaseModel):
    model_config = ConfigDict(extra="allow")

    at: datetime
    action: str
    targets: list[str] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    before: dict[str, _RecordSchema] = Field(default_factory=dict)
    rating: Rating | None = None

    @field_validator("at")
    @classmethod
    def _aware(cls, value: datetime) -> datetime:
        return _as_utc(value) or value

    def plain(self) -> LogEntry:
        return LogEntry(
            at=self.at,
            action=self.action,
            targets=list(self.targets),
            topics=list(self.topics),
            before={k: v.plain() for k, v in self.before.items()},
            extra=dict(self.model_extra or {}),
            rating=self.rating,
        )


class StoreSchema(BaseModel):
    """A whole store file. Unknown keys, at any level, are kept."""

    model_config = ConfigDict(extra="allow")

    schema_: int = Field(default=1, alias="schema")
    learner: str
    topics: dict[str, _RecordSchema] = Field(default_factory=dict)
    log: list[_LogEntrySchema] = Field(default_factory=list)
