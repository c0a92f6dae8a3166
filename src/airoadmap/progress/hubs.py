"""Progress belongs to its curriculum: a store keeps each hub's records and log entries apart.

`view` is one hub's progress in a store, what the commands read and change; `gather` makes the
store whole again from a changed view, every other hub's records and entries as they were. A
store written before records were kept per hub (schema 1) is read through `placer`'s rule, and
written in the new form by the first change (reading never writes)."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Container
from functools import cache

from airoadmap.models import (
    BUNDLED_HUB,
    STORE_SCHEMA,
    HubRecords,
    LogEntry,
    Progress,
    StoreContents,
)

_ID_LINE = re.compile(r"^id:[ \t]*(['\"]?)([^'\"\s#]+)\1[ \t]*(?:#.*)?$", re.MULTILINE)


@cache
def bundled_ids() -> frozenset[str]:
    """The topic ids of the bundled roadmap, from the `id:` line each of its notes' frontmatter
    has (a test checks them against the loaded roadmap). Only placing a schema-1 store's records
    under another curriculum asks, and this costs milliseconds where loading the roadmap would
    cost a parse of every note."""
    from airoadmap.locations import bundled_curriculum

    ids: set[str] = set()
    for path in bundled_curriculum().rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        end = text.find("\n---", 3) if text.startswith("---") else -1
        found = _ID_LINE.search(text, 0, end) if end > 0 else None
        if found is not None:
            ids.add(found.group(2))
    return frozenset(ids)


def placer(hub: str, curriculum_ids: Container[str]) -> Callable[[str], str]:
    """Where a record made before stores kept hubs belongs, by its topic id: to `hub` (the
    curriculum in use, which has `curriculum_ids`) when that curriculum has the id and the
    bundled roadmap has not; to the bundled roadmap's hub otherwise, and whenever unsure."""

    def place(topic_id: str) -> str:
        if hub != BUNDLED_HUB and topic_id in curriculum_ids and topic_id not in bundled_ids():
            return hub
        return BUNDLED_HUB

    return place


def _entry_hub(entry: LogEntry, place: Callable[[str], str]) -> str:
    """Where a log entry made before stores kept hubs belongs: with the records it changed, to
    the curriculum in use if any of them belongs there, else to the bundled roadmap's hub."""
    for topic_id in (*entry.topics, *entry.before):
        placed = place(topic_id)
        if placed != BUNDLED_HUB:
            return placed
    return BUNDLED_HUB


def _placed(
    contents: StoreContents, place: Callable[[str], str]
) -> tuple[dict[str, HubRecords], list[LogEntry]]:
    """Every hub's records and the whole log, with the records and entries that have no hub yet
    (a schema-1 store's) placed. A topic both in a hub's own table and without a hub (a store
    merged from a schema-1 and a schema-2 version) is merged part by part, the newer winning."""
    hubs = {
        name: HubRecords(dict(table.topics), table.extra) for name, table in contents.hubs.items()
    }
    from airoadmap.progress.merging import newer_parts

    for topic_id, record in contents.topics.items():
        table = hubs.setdefault(place(topic_id), HubRecords())
        held = table.topics.get(topic_id)
        table.topics[topic_id] = record if held is None else newer_parts(held, record)
    log = [
        entry if entry.hub is not None else dataclasses.replace(entry, hub=_entry_hub(entry, place))
        for entry in contents.log
    ]
    return hubs, log


def view(contents: StoreContents, hub: str, curriculum_ids: Container[str] = ()) -> Progress:
    """The progress in `contents` of the curriculum whose hub is `hub` (and whose topic ids are
    `curriculum_ids`, which place a schema-1 store's records)."""
    hubs, log = contents.hubs, contents.log
    if contents.topics or any(entry.hub is None for entry in log):
        hubs, log = _placed(contents, placer(hub, curriculum_ids))
    mine = hubs.get(hub) or HubRecords()
    return Progress(
        learner=contents.learner,
        schema=contents.schema,
        topics=dict(mine.topics),
        log=[entry for entry in log if entry.hub == hub],
        extra=contents.extra,
        hub=hub,
        hub_extra=dict(mine.extra),
        elsewhere={name: table for name, table in hubs.items() if name != hub},
        history=tuple(log),
    )


def _whole_log(progress: Progress) -> list[LogEntry]:
    """Every hub's log entries, in the order read, with this hub's as the change left them.

    A change appends to this hub's log or takes entries off its end (`undo`): the entries it
    kept stay where they were among the other hubs', and those it added come last."""
    hub = progress.hub
    kept = 0
    for old, new in zip((e for e in progress.history if e.hub == hub), progress.log, strict=False):
        if old != new:
            break
        kept += 1
    whole: list[LogEntry] = []
    seen = 0
    for entry in progress.history:
        if entry.hub != hub:
            whole.append(entry)
        else:
            if seen < kept:
                whole.append(entry)
            seen += 1
    whole.extend(
        entry if entry.hub == hub else dataclasses.replace(entry, hub=hub)
        for entry in progress.log[kept:]
    )
    return whole


def gather(progress: Progress) -> StoreContents:
    """The whole store to write after a change to `progress`, in the current form: this hub's
    records and log entries as they are now, everything else as it was read (a hub left without
    records or keys is left out)."""
    hubs = {
        name: table for name, table in progress.elsewhere.items() if table.topics or table.extra
    }
    if progress.topics or progress.hub_extra:
        hubs[progress.hub] = HubRecords(dict(progress.topics), dict(progress.hub_extra))
    return StoreContents(
        learner=progress.learner,
        schema=STORE_SCHEMA,
        hubs=hubs,
        log=_whole_log(progress),
        extra=progress.extra,
    )
