"""Three versions of one learner's store merged by meaning (git's merge driver for stores).

Per topic, part by part — its progress (status, start, finish and review card together), its
note, each unknown key — a part changed on one side only is taken from that side; changed on
both, the newer change wins (for progress its latest start, finish or review, or the latest log
entry that changed it; for a note the latest `note` entry), and a tie goes to the value that
sorts last, so the result is the same whichever side is "ours". The logs are united in time
order without duplicates. Unknown keys of either side are kept, by the same rule."""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import fields
from datetime import datetime
from pathlib import Path
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


Touched = dict[tuple[str, str, str], datetime]  # (hub, topic, part) → the latest log entry's time
_NOTE_ACTIONS = {"note"}
_BOTH = {"reset"}  # forgets status, dates and note together


def _touched(log: list[LogEntry]) -> Touched:
    """The time of the latest log entry that touched each part (`progress` or `note`) of
    each (hub, topic)."""
    latest: Touched = {}
    for entry in log:
        parts = (
            ("progress", "note")
            if entry.action in _BOTH
            else ("note",)
            if entry.action in _NOTE_ACTIONS
            else ("progress",)
        )
        for topic in entry.topics:
            for part in parts:
                key = (entry.hub or "", topic, part)
                if key not in latest or entry.at > latest[key]:
                    latest[key] = entry.at
    return latest


Progressed = tuple[Any, ...]  # a record's status, dates, card (all but note and extra): one part
PROGRESS = tuple(f.name for f in fields(Record) if f.name not in {"note", "extra"})


def _progress(record: Record | None) -> Progressed | None:
    if record is None:
        return None
    part = tuple(getattr(record, name) for name in PROGRESS)
    return None if all(value is None for value in part) else part


def _progressed_at(part: Progressed | None, logged: datetime | None) -> datetime | None:
    moments = [logged] if logged is not None else []
    if part is not None:
        values = dict(zip(PROGRESS, part, strict=True))
        moments += [values[n] for n in ("started", "finished") if values[n] is not None]
        if values["card"] is not None:
            moments.append(values["card"].last_review)
    return max(moments, default=None)


def _records(
    hub: str,
    base: Mapping[str, Record],
    ours: Mapping[str, Record],
    theirs: Mapping[str, Record],
    logged: tuple[Touched, Touched],
) -> dict[str, Record]:
    """Each topic's record merged part by part — its progress (status, dates, card), its note,
    each unknown key — so that a note made on one machine never takes away a finish made on
    the other."""
    merged = {}
    for topic in sorted({*ours, *theirs, *base}):
        old, mine, other = base.get(topic), ours.get(topic), theirs.get(topic)
        if mine == other:
            if mine is not None:
                merged[topic] = mine
            continue
        when = (
            _progressed_at(_progress(mine), logged[0].get((hub, topic, "progress"))),
            _progressed_at(_progress(other), logged[1].get((hub, topic, "progress"))),
        )
        progress = _pick(
            _progress(old), _progress(mine), _progress(other), functools.partial(_later, *when)
        )
        noted = (logged[0].get((hub, topic, "note")), logged[1].get((hub, topic, "note")))
        note = _pick(
            old.note if old else None,
            mine.note if mine else None,
            other.note if other else None,
            functools.partial(_later, *noted),
        )
        extra = _mapping(
            old.extra if old else {}, mine.extra if mine else {}, other.extra if other else {}
        )
        values = dict(zip(PROGRESS, progress or (None,) * len(PROGRESS), strict=True))
        record = Record(note=note, extra=extra, **values)
        if not record.is_empty():
            merged[topic] = record
    return merged


def _later(a: datetime | None, b: datetime | None) -> int:
    """1 if `a` is later than `b`, -1 if earlier, 0 if the same (no time is earliest)."""
    if a == b:
        return 0
    return 1 if b is None or (a is not None and a > b) else -1


def newer_parts(a: Record, b: Record) -> Record:
    """Two records of one topic with no common version (a hub's and a schema-1 one), merged
    part by part: a part only one has is kept; held by both, the newer, and `a` on a tie."""
    mine, other = _progress(a), _progress(b)
    if mine is None or (
        other is not None and _later(_progressed_at(other, None), _progressed_at(mine, None)) > 0
    ):
        mine = other
    values = dict(zip(PROGRESS, mine or (None,) * len(PROGRESS), strict=True))
    extra = {**b.extra, **a.extra}
    return Record(note=a.note if a.note is not None else b.note, extra=extra, **values)


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
    for side in (ours.log, theirs.log):  # what a side undid stays undone
        kept = {_key(entry) for entry in side}
        oldest = side[0].at if side else None  # older entries were only trimmed by the limit
        for entry in base.log:
            if _key(entry) not in kept and (oldest is None or entry.at >= oldest):
                entries.pop(_key(entry), None)
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


def merge_versions(base: bytes, ours: bytes, theirs: bytes, *, where: Path) -> bytes | None:
    """Three versions of the store `where` as bytes (empty: that version has none) merged by
    meaning, as the store's bytes; None when neither side has one. A version that is not a
    store, or one written by a newer airoadmap, is a `StoreError` naming it."""
    from airoadmap.errors import StoreError
    from airoadmap.models import STORE_SCHEMA
    from airoadmap.progress.store import LOG_LIMIT, dump, parse

    versions = []
    for label, data in (("base", base), ("ours", ours), ("theirs", theirs)):
        side = parse(data, Path(f"{where} ({label})")) if data.strip() else None
        if side is not None and side.schema > STORE_SCHEMA:
            raise StoreError(
                f"{where} ({label}): written by a newer airoadmap (schema {side.schema}): "
                "upgrade airoadmap to merge it"
            )
        versions.append(side)
    old, mine, other = versions
    if mine is None or other is None:
        kept = mine or other
        return None if kept is None else dump(kept).encode()
    return dump(merge(old, mine, other, log_limit=LOG_LIMIT)).encode()
