"""Read a JSON export back: the records it holds, checked, to merge into a learner's store."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from airoadmap.errors import AiroadmapError, read_text
from airoadmap.models import Record
from airoadmap.progress.exporting import EXPORT_FORMAT, EXPORT_VERSION


def read_export(path: Path) -> tuple[str, dict[str, Record]]:
    """(the learner it was exported for, its records by topic id); an error naming the file
    (and the line and column) when it is not an airoadmap JSON export this version reads."""
    text = read_text(path)
    try:
        document: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise AiroadmapError(
            f"{path}: not JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise AiroadmapError(f"{path}: not JSON: nested too deeply") from None
    if not isinstance(document, dict) or document.get("format") != EXPORT_FORMAT:
        raise AiroadmapError(f"{path}: not an airoadmap export (`export --format json` makes one)")
    version = document.get("version")
    if not isinstance(version, int) or version > EXPORT_VERSION:
        raise AiroadmapError(f"{path}: export version {version!r} is newer than this airoadmap's")
    records = document.get("records")
    if not isinstance(records, dict):
        raise AiroadmapError(f"{path}: field 'records' must be a mapping of topic ids")
    from pydantic import ValidationError

    from airoadmap.progress.schema import check_records, first_error

    try:
        checked = check_records(records)
    except ValidationError as exc:
        where, reason = first_error(exc, skip=1)
        raise AiroadmapError(f"{path}: field 'records.{where}': {reason}") from None
    learner = document.get("learner")
    return learner if isinstance(learner, str) else "", checked


def _latest(record: Record) -> datetime | None:
    moments = [m for m in (record.started, record.finished) if m is not None]
    if record.card is not None:
        moments.append(record.card.last_review)
    return max(moments) if moments else None


def newer(incoming: Record, current: Record | None) -> bool:
    """Whether `incoming` should replace `current`: the newest record wins (by its latest
    start, finish or review); a record with no times at all only fills a gap."""
    if current is None or current.is_empty():
        return not incoming.is_empty()
    theirs, ours = _latest(incoming), _latest(current)
    return theirs is not None and (ours is None or theirs > ours)
