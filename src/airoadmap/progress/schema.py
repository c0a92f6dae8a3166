"""The schema of a progress store, derived from the models it holds (`StoreContents`,
`HubRecords`, `Record`, `Card`, `LogEntry`): unknown keys are kept at every level, and every
time is read in UTC within the range airoadmap accepts."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ValidationError

from airoadmap import derive
from airoadmap.domain.clock import EARLIEST, LATEST
from airoadmap.domain.names import check_name, shown
from airoadmap.models import Card, Goal, HubRecords, LogEntry, Record, StoreContents


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
_ID = Annotated[str, AfterValidator(check_name)]  # a topic id or hub name: printed, so checked
# Unknown keys are kept everywhere, a review card's too: a newer airoadmap may write them.
_CARD = derive.schema(Card, swap={datetime: _TIME}, extra="allow")
_RECORD = derive.schema(Record, swap={datetime: _TIME, Card: _CARD}, extra="allow")
_GOAL = derive.schema(Goal, swap={}, field_swap={"targets": tuple[_ID, ...]}, extra="ignore")
_LOG_ENTRY = derive.schema(
    LogEntry,
    swap={datetime: _TIME, Record: _RECORD, Goal: _GOAL},
    field_swap={
        "action": _ID,
        "targets": tuple[_ID, ...],
        "topics": tuple[_ID, ...],
        "before": dict[_ID, _RECORD],  # type: ignore[valid-type]
    },
    extra="allow",
)
_HUB = derive.schema(
    HubRecords,
    swap={Record: _RECORD},
    field_swap={"topics": dict[_ID, _RECORD]},  # type: ignore[valid-type]
    extra="allow",
)
_CONTENTS = derive.schema(
    StoreContents,
    swap={Record: _RECORD, LogEntry: _LOG_ENTRY, HubRecords: _HUB},
    field_swap={
        "topics": dict[_ID, _RECORD],  # type: ignore[valid-type]
        "hubs": dict[_ID, _HUB],  # type: ignore[valid-type]
    },
    extra="allow",
)


def check_contents(raw: dict[str, Any]) -> StoreContents:
    """A parsed store's mapping as StoreContents; `ValidationError` names a wrong field."""
    checked: BaseModel = _CONTENTS.model_validate(raw)
    return derive.build(StoreContents, checked)  # type: ignore[no-any-return]


def check_records(raw: dict[str, Any]) -> dict[str, Record]:
    """Records by topic id (from an export) checked as a store's are."""
    checked = _CONTENTS.model_validate({"learner": "import", "topics": raw})
    return derive.build(StoreContents, checked).topics  # type: ignore[no-any-return]


def check_goal(raw: Any) -> Goal:
    """A goal as a store's hub table holds it (`goal`), checked; `ValidationError` otherwise."""
    checked: BaseModel = _GOAL.model_validate(raw)
    return derive.build(Goal, checked)  # type: ignore[no-any-return]


def first_error(exc: ValidationError, *, skip: int = 0) -> tuple[str, str]:
    """(the dotted place of the first wrong field, less its first `skip` parts; the reason)."""
    error = exc.errors(include_url=False)[0]
    return ".".join(shown(str(part)) for part in error["loc"][skip:]), shown(error["msg"])
