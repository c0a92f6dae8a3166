"""Three versions of one learner's store merged by meaning (git's merge driver for stores).

Per topic, a record changed on one side only is taken from that side; changed on both, the
newer change wins — by its latest start, finish or review, or the time of the latest log entry
that touched it (a note, a reset) — and a tie goes to the record that sorts last, so the result
is the same whichever side is "ours". A review card follows its record. The logs are united in
time order without duplicates. Unknown keys of either side are kept, by the same rule."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from airoadmap import plain
from airoadmap.models import HubRecords, LogEntry, Record, StoreContents

T = TypeVar("T")
_LEGACY = "\0schema-1"  # the records of a schema-1 store, merged as a hub of their own


def _key(value: object) -> str:
    """A value's canonical text: equal values give equal text, and it orders ties."""
    return json.dumps(plain.document(value, canonical=True), sort_keys=True, default=str)


def _pick(
    base: T | None, ours: T | None, theirs: T | None, newer: Callable[[], int] = lambda: 0
) -> T | None:
    """The merged value of one key: the side that changed it, or, changed on both, the newer
    (`newer()` > 0: ours), a tie to the one that sorts last. None: no value."""
    if ours == theirs:
        return ours
    if ours == base:
        return theirs
    if theirs == base:
        return ours
    order = newer()
    if order:
        return ours if order > 0 else theirs
    return max(ours, theirs, key=lambda v: "" if v is None else _key(v))


def _mapping(
    base: Mapping[str, Any], ours: Mapping[str, Any], theirs: Mapping[str, Any]
) -> dict[str, Any]:
    merged = {}
    for key in sorted({*ours, *theirs}):
        value = _pick(base.get(key), ours.get(key), theirs.get(key))
        if value is not None:
            merged[key] = value
    return merged


def _touched(log: list[LogEntry]) -> dict[tuple[str, str], datetime]:
    """The time of the latest log entry that touched each (hub, topic)."""
    latest: dict[tuple[str, str], datetime] = {}
    for entry in log:
        for topic in entry.topics:
            key = (entry.hub or "", topic)
            if key not in latest or entry.at > latest[key]:
                latest[key] = entry.at
    return latest


def _changed_at(record: Record | None, logged: datetime | None) -> datetime | None:
    moments = [logged] if logged is not None else []
    if record is not None:
        moments += [m for m in (record.started, record.finished) if m is not None]
        if record.card is not None:
            moments.append(record.card.last_review)
    return max(moments, default=None)


def _records(
    hub: str,
    base: Mapping[str, Record],
    ours: Mapping[str, Record],
    theirs: Mapping[str, Record],
    logged: tuple[dict[tuple[str, str], datetime], dict[tuple[str, str], datetime]],
) -> dict[str, Record]:
    merged = {}
    for topic in sorted({*ours, *theirs, *base}):
        mine, other = ours.get(topic), theirs.get(topic)
        when = (
            _changed_at(mine, logged[0].get((hub, topic))),
            _changed_at(other, logged[1].get((hub, topic))),
        )
        record = _pick(base.get(topic), mine, other, functools.partial(_later, *when))
        if record is not None:
            merged[topic] = record
    return merged


def _later(a: datetime | None, b: datetime | None) -> int:
    """1 if `a` is later than `b`, -1 if earlier, 0 if the same (no time is earliest)."""
    if a == b:
        return 0
    return 1 if b is None or (a is not None and a > b) else -1


def _tables(contents: StoreContents) -> dict[str, HubRecords]:
    tables = dict(contents.hubs)
    if contents.topics:
        tables[_LEGACY] = HubRecords(dict(contents.topics))
    return tables


def merge(
    base: StoreContents | None, ours: StoreContents, theirs: StoreContents, *, log_limit: int
) -> StoreContents:
    """Merge two versions of a store that share `base` (None: they share nothing)."""
    base = base or StoreContents(learner=ours.learner, schema=min(ours.schema, theirs.schema))
    logged = (_touched(ours.log), _touched(theirs.log))
    tables = (_tables(base), _tables(ours), _tables(theirs))
    hubs: dict[str, HubRecords] = {}
    for name in sorted({*tables[1], *tables[2]}):
        old, mine, other = (t.get(name, HubRecords()) for t in tables)
        records = _records(
            "" if name == _LEGACY else name, old.topics, mine.topics, other.topics, logged
        )
        extra = _mapping(old.extra, mine.extra, other.extra)
        if records or extra:
            hubs[name] = HubRecords(records, extra)
    entries = {_key(entry): entry for entry in [*ours.log, *theirs.log]}
    log = sorted(entries.values(), key=lambda e: (e.at, _key(e)))[-log_limit:]
    legacy = hubs.pop(_LEGACY, HubRecords())
    return StoreContents(
        learner=_pick(base.learner, ours.learner, theirs.learner) or ours.learner,
        schema=max(ours.schema, theirs.schema),
        hubs=hubs,
        topics=legacy.topics,
        log=log,
        extra=_mapping(base.extra, ours.extra, theirs.extra),
    )
