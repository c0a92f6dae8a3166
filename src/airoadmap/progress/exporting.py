"""A learner's progress in the formats people use: JSON (which `import` reads back), a Markdown
checklist, a Mermaid flowchart, and CSV."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

from airoadmap import __version__
from airoadmap.domain.as_json import record_dict, topic_dict
from airoadmap.domain.names import json_text, printable
from airoadmap.domain.tracker import Tracker
from airoadmap.models import Record, Status, Topic

EXPORT_FORMAT = "airoadmap-export"
EXPORT_VERSION = 1
FORMATS = ("json", "markdown", "mermaid", "csv")


def _moment(value: datetime | None) -> str:
    return value.isoformat() if value is not None else ""


def export_json(tracker: Tracker, learner: str, now: datetime) -> str:
    """The documented, versioned export: the tree with statuses and records, and every record
    (also those of topics the curriculum no longer has), keyed by topic id."""
    curriculum = tracker.curriculum

    def node(topic: Topic) -> dict[str, Any]:
        data = topic_dict(curriculum, topic, tracker)
        if topic.id in tracker.records:
            data["record"] = record_dict(tracker.records[topic.id])
        data["children"] = [node(child) for child in curriculum.children(topic.id)]
        return data

    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "airoadmap": __version__,
        "learner": learner,
        "exported": now.isoformat(),
        "curriculum": {"hub": curriculum.hub_id, "title": curriculum.hub.title},
        "completion": round(tracker.completion(curriculum.hub_id), 4),
        "tree": node(curriculum.hub),
        "records": {k: record_dict(tracker.records[k]) for k in sorted(tracker.records)},
    }
    return json_text(document)


def _checkbox(tracker: Tracker, topic: Topic) -> str:
    status = tracker.status(topic.id)
    mark = "x" if status.finished else " "
    words = []
    if status is Status.SKIPPED:
        words.append("skipped")
    elif status is Status.LEARNING and topic.is_leaf:
        words.append("learning")
    if not topic.is_leaf:
        words.append(f"{tracker.completion(topic.id) * 100:.0f}%")
    note = tracker.record(topic.id).note
    suffix = f" ({', '.join(words)})" if words else ""
    text = f"- [{mark}] {topic.title}{suffix}"
    return text + (f" — {' '.join(printable(note).split())}" if note else "")


def export_markdown(tracker: Tracker) -> str:
    """A nested checklist, pasteable into GitHub or Obsidian."""
    curriculum = tracker.curriculum
    lines = [f"# {curriculum.hub.title}", ""]
    stack = [(child, 0) for child in reversed(curriculum.children(curriculum.hub_id))]
    while stack:
        topic, depth = stack.pop()
        lines.append("  " * depth + _checkbox(tracker, topic))
        stack.extend((child, depth + 1) for child in reversed(curriculum.children(topic.id)))
    return "\n".join(lines) + "\n"


def _label(text: str) -> str:
    return text.replace('"', "#quot;").replace("\n", " ")


def export_mermaid(tracker: Tracker) -> str:
    """A Mermaid flowchart: the tree as solid edges, `requires` as dotted ones, nodes styled
    by status."""
    curriculum = tracker.curriculum
    ids = {topic.id: f"n{i}" for i, topic in enumerate(curriculum)}
    lines = ["flowchart TD"]
    for topic in curriculum:
        status = tracker.status(topic.id).value
        lines.append(f'    {ids[topic.id]}["{_label(topic.title)}"]:::{status}')
    for topic in curriculum:
        for child in topic.children:
            lines.append(f"    {ids[topic.id]} --> {ids[child]}")
    for topic in curriculum:
        for required in topic.requires:
            lines.append(f"    {ids[required]} -.-> {ids[topic.id]}")
    lines += [
        "    classDef done fill:#c8e6c9,stroke:#2e7d32",
        "    classDef skipped fill:#eeeeee,stroke:#9e9e9e,color:#616161",
        "    classDef learning fill:#fff3c4,stroke:#f9a825",
        "    classDef todo fill:#ffffff,stroke:#90a4ae",
    ]
    return "\n".join(lines) + "\n"


CSV_COLUMNS = ("id", "title", "path", "kind", "status", "started", "finished", "hours", "note")


def export_csv(tracker: Tracker) -> str:
    """A row per topic, for spreadsheets."""
    curriculum = tracker.curriculum
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for topic in curriculum:
        record: Record = tracker.record(topic.id)
        writer.writerow(
            [
                topic.id,
                topic.title,
                "/".join([*curriculum.path_ids(topic.id), topic.id]),
                topic.kind.value,
                tracker.status(topic.id).value,
                _moment(record.started),
                _moment(record.finished),
                f"{tracker.counts[topic.id].hours_total:g}",  # the hours that count, as tree says
                printable(record.note or ""),  # text, never terminal control
            ]
        )
    return out.getvalue()


def export(fmt: str, tracker: Tracker, learner: str, now: datetime) -> str:
    if fmt == "json":
        return export_json(tracker, learner, now)
    if fmt == "markdown":
        return export_markdown(tracker)
    if fmt == "mermaid":
        return export_mermaid(tracker)
    if fmt == "csv":
        return export_csv(tracker)
    raise ValueError(fmt)
