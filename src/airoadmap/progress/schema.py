"""The schema of a progress store, derived from the models it holds (`Progress`, `Record`,
`Card`, `LogEntry`): unknown keys are kept at every level but a review card's, and every time
is read in UTC within the range airoadmap accepts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ValidationError

from airoadmap import derive
from airoadmap.domain.clock import EARLIEST, LATEST
from airoadmap.models import Card, LogEntry, Progress, Record


def _as_utc(value: datetime) -> datetime:
    """A store's time in UTC. A hand-edited store may hold a time without a zone: it is read as
    UTC. A time outside EARLIEST to LATEST is refused."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    try:
        moment = value.astimezone(UTC)
    except OverflowError:
        moment = None
    if moment is None or not EARLIEST <= moment < LATEST:
        raise ValueError(f"{value.isoformat()} is out of range (years 1000 to 8999)")
    return moment


_TIME = Annotated[datetime, AfterValidator(_as_utc)]
# A card's keys are all airoadmap's own: an unknown one is an error, not kept.
_CARD = derive.schema(Card, swap={datetime: _TIME}, extra="forbid")
_RECORD = derive.schema(Record, swap={datetime: _TIME, Card: _CARD}, extra="allow")
_LOG_ENTRY = derive.schema(LogEntry, swap={datetime: _TIME, Record: _RECORD}, extra="allow")
_PROGRESS = derive.schema(Progress, swap={Record: _RECORD, LogEntry: _LOG_ENTRY}, extra="allow")


def check_progress(raw: dict[str, Any]) -> Progress:
    """A parsed store's mapping as Progress; `ValidationError` names a wrong field."""
    checked: BaseModel = _PROGRESS.model_validate(raw)
    return derive.build(Progress, checked)  # type: ignore[no-any-return]


def check_records(raw: dict[str, Any]) -> dict[str, Record]:
    """Records by topic id (from an export) checked as a store's are."""
    checked = _PROGRESS.model_validate({"learner": "import", "topics": raw})
    return derive.build(Progress, checked).topics  # type: ignore[no-any-return]


def first_error(exc: ValidationError, *, skip: int = 0) -> tuple[str, str]:
    """(the dotted place of the first wrong field, less its first `skip` parts; the reason)."""
    error = exc.errors(include_url=False)[0]
    return ".".join(str(part) for part in error["loc"][skip:]), error["msg"]
