"""Topics, records and plans as plain JSON-ready dicts: the documented `--json` shapes."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.reviews import Review
from airoadmap.domain.tracker import Suggestion, Tracker
from airoadmap.models import Card, Goal, LogEntry, Record, Topic
from airoadmap.plain import document


def topic_dict(curriculum: Curriculum, topic: Topic, tracker: Tracker) -> dict[str, Any]:
    """The fields every topic carries in JSON output. The counts are the tracker's one
    definition: `leaves` and `hours` those that count (side paths once started), with
    `optional_leaves` and `optional_hours` the side paths not started, shown apart. `optional`
    is inherited from an optional map or area; a leaf says whether it is `blocked` and what it
    is `waiting_on` (unmet requirements, a topic in progress too)."""
    counts = tracker.counts[topic.id]
    node: dict[str, Any] = {
        "id": topic.id,
        "title": topic.title,
        "kind": topic.kind.value,
        "path": curriculum.path_ids(topic.id),
        "requires": list(topic.requires),
        "hours": counts.hours_total,
        "optional": curriculum.is_optional(topic.id),
        "aliases": list(topic.aliases),
        "tags": list(topic.tags),
        "leaves": counts.total,
        "optional_leaves": counts.optional,
        "optional_hours": counts.hours_optional,
        "status": tracker.status(topic.id).value,
        "completion": round(tracker.completion(topic.id), 4),
    }
    if topic.is_leaf:
        node["blocked"] = tracker.is_blocked(topic.id)
        node["waiting_on"] = tracker.waiting_on(topic.id)
    return node


def tree_dict(
    curriculum: Curriculum, topic: Topic, depth: int | None, tracker: Tracker
) -> dict[str, Any]:
    """`topic_dict` with `children` nested, down to `depth` levels below `topic` (all if None)."""
    node = topic_dict(curriculum, topic, tracker)
    below = None if depth is None else depth - 1
    node["children"] = (
        [tree_dict(curriculum, c, below, tracker) for c in curriculum.children(topic.id)]
        if depth is None or depth > 0
        else []
    )
    return node


def _jsonable(value: Any) -> Any:
    """Times, dates and times of day (TOML has all three, in keys a newer airoadmap wrote) in
    ISO 8601, at any depth."""
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value.isoformat() if isinstance(value, date | time) else value


def record_dict(record: Record) -> dict[str, Any]:
    """A record as stored (its review card nested as `card`), times in ISO 8601."""
    data: dict[str, Any] = _jsonable(document(record))
    data["status"] = record.effective.value
    return data


def detail_dict(
    curriculum: Curriculum, topic: Topic, tracker: Tracker, body: str
) -> dict[str, Any]:
    """Everything `show` shows; `body` is the note's Markdown body."""
    return {
        **topic_dict(curriculum, topic, tracker),
        "summary": topic.summary,
        "outcomes": list(topic.outcomes),
        "resources": document(topic.resources),
        "children": list(topic.children),
        "required_leaves": curriculum.required_leaves(topic.id),
        "requirements": [
            {
                "id": r,
                "title": curriculum[r].title,
                "status": tracker.status(r).value,
                "met": tracker.is_complete(r),
            }
            for r in curriculum.requirement_nodes(topic.id)
        ],
        "unlocks": curriculum.unlocks(topic.id),
        "record": record_dict(tracker.record(topic.id)),
        "body": body,
        "source": topic.source or None,  # None: a linked note not written yet
    }


def suggestion_dict(tracker: Tracker, suggestion: Suggestion) -> dict[str, Any]:
    curriculum = tracker.curriculum
    return {
        **topic_dict(curriculum, curriculum[suggestion.topic], tracker),
        "reason": suggestion.reason,
        "unlocks": suggestion.unlocks,
    }


def log_dict(
    entry: LogEntry, after: Mapping[str, Record] | None = None, goal: Goal | None = None
) -> dict[str, Any]:
    """A log entry; with its outcome (`activity.outcomes`), an `hours` or `note` entry also
    gives the value it set (null: cleared) and a `goal` entry the goal it set."""
    data: dict[str, Any] = {
        "at": entry.at.isoformat(),
        "action": entry.action,
        "targets": entry.targets,
        "topics": entry.topics,
    }
    if entry.rating is not None:
        data["rating"] = entry.rating.value
    if after is not None and entry.topics and entry.action in {"hours", "note"}:
        data[entry.action] = getattr(after[entry.topics[0]], entry.action)
    if after is not None and entry.action == "goal":
        data["goal"] = None if goal is None else goal_dict(goal)
    return data


def goal_dict(goal: Goal) -> dict[str, Any]:
    return {"targets": goal.targets, "by": goal.by, "hours_per_week": goal.hours_per_week}


def card_dict(card: Card) -> dict[str, Any]:
    return {
        "due": card.due.isoformat(),
        "last_review": card.last_review.isoformat(),
        "stability": round(card.stability, 4),
        "difficulty": round(card.difficulty, 4),
        "state": card.state.value,
    }


def review_dict(tracker: Tracker, review: Review) -> dict[str, Any]:
    """A topic to review: the topic, its card, its retrievability now and whether it is due."""
    curriculum = tracker.curriculum
    return {
        **topic_dict(curriculum, curriculum[review.topic], tracker),
        "due": review.due,
        "retrievability": round(review.retrievability, 4),
        "card": card_dict(review.card),
    }
