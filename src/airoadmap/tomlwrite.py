"""A learner's store as TOML, byte for byte what `tomli_w` writes, but fast for the records.

`tomli_w` walks every value generically: for a store with 10,000 records (each with a review
card) that is about half a second of a `done`. Records holding only the keys airoadmap knows are
written here directly, in the same order and format; everything else (the head, records with
keys of a newer airoadmap, the log) goes through `tomli_w`. A property test checks the two give
the same bytes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from airoadmap.clock import utc
from airoadmap.models import Record

_BARE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")
_ESCAPES = {"\b": "\\b", "\n": "\\n", "\f": "\\f", "\r": "\\r", '"': '\\"', "\\": "\\\\"}
_ILLEGAL = frozenset('"\\') | frozenset(chr(i) for i in range(32) if i != 9) | {"\x7f"}
_TABLE_ARRAY = "[[log]]\n"


def plain(value: Any) -> Any:
    """Sorted, timezone-normalised, None-free data for a stable TOML rendering."""
    if isinstance(value, dict):
        return {k: plain(value[k]) for k in sorted(value) if value[k] is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime):
        return utc(value)
    return value


def _string(text: str) -> str:
    if _ILLEGAL.isdisjoint(text):
        return f'"{text}"'
    return (
        '"'
        + "".join(_ESCAPES.get(c, f"\\u{ord(c):04x}") if c in _ILLEGAL else c for c in text)
        + '"'
    )


def _key(part: str) -> str:
    return part if part and _BARE.issuperset(part) else _string(part)


def _record(key: str, record: Record) -> str:
    """A record with no unknown keys, as `tomli_w` writes its table under `topics`."""
    name = f"topics.{key}"
    lines = []
    if record.finished is not None:
        lines.append(f"finished = {utc(record.finished)}\n")
    if record.note is not None:
        lines.append(f"note = {_string(record.note)}\n")
    if record.started is not None:
        lines.append(f"started = {utc(record.started)}\n")
    if record.status is not None:
        lines.append(f"status = {_string(record.status.value)}\n")
    card = record.card
    if card is None:
        return f"[{name}]\n" + "".join(lines)
    table = (
        f"[{name}.card]\n"
        f"difficulty = {card.difficulty}\n"
        f"due = {utc(card.due)}\n"
        f"last_review = {utc(card.last_review)}\n"
        f"stability = {card.stability}\n"
        f"state = {_string(card.state.value)}\n"
    ) + (f"step = {card.step}\n" if card.step is not None else "")
    if not lines:
        return table
    return f"[{name}]\n" + "".join(lines) + "\n" + table


def render(head: dict[str, Any], topics: dict[str, Record], log: list[dict[str, Any]]) -> str:
    """`head` (plain already: schema, learner, unknown top-level keys, in that order), then
    `topics` by id, then the `log`: the same text as `render_generic`."""
    import tomli_w

    rendered_log = tomli_w.dumps({"log": plain(log)}) if log else ""
    if rendered_log and not rendered_log.startswith(_TABLE_ARRAY):
        return render_generic(head, topics, log)  # a log short enough to be written inline
    parts = [tomli_w.dumps(head)]
    if not topics:
        parts.append("[topics]\n")
    for topic_id in sorted(topics):
        record = topics[topic_id]
        if record.extra:
            parts.append(tomli_w.dumps({"topics": {topic_id: plain(record.as_dict())}}))
        else:
            parts.append(_record(_key(topic_id), record))
    if rendered_log:
        parts.append(rendered_log)
    return "\n".join(parts)


def render_generic(
    head: dict[str, Any], topics: dict[str, Record], log: list[dict[str, Any]]
) -> str:
    """The same document through `tomli_w` alone: the reference `render` is checked against."""
    import tomli_w

    document: dict[str, Any] = {
        **head,
        "topics": {k: plain(topics[k].as_dict()) for k in sorted(topics)},
    }
    if log:
        document["log"] = plain(log)
    return tomli_w.dumps(document)
