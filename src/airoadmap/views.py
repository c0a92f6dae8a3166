"""Topics as plain JSON-ready dicts: the documented shape of every `--json` output."""

from __future__ import annotations

from typing import Any

from airoadmap.curriculum import Curriculum
from airoadmap.models import Topic

JSON_SCHEMA_VERSION = 1


def topic_dict(curriculum: Curriculum, topic: Topic) -> dict[str, Any]:
    """The fields every topic carries in JSON output."""
    return {
        "id": topic.id,
        "title": topic.title,
        "kind": topic.kind.value,
        "path": curriculum.path_ids(topic.id),
        "requires": list(topic.requires),
        "hours": curriculum.hours(topic.id),
        "optional": topic.optional,
        "aliases": list(topic.aliases),
        "tags": list(topic.tags),
        "leaves": len(curriculum.leaves(topic.id)),
    }


def tree_dict(curriculum: Curriculum, topic: Topic, depth: int | None = None) -> dict[str, Any]:
    """`topic_dict` with `children` nested, down to `depth` levels below `topic` (all if None)."""
    node = topic_dict(curriculum, topic)
    if depth is None or depth > 0:
        below = None if depth is None else depth - 1
        node["children"] = [tree_dict(curriculum, c, below) for c in curriculum.children(topic.id)]
    else:
        node["children"] = []
    return node


def detail_dict(curriculum: Curriculum, topic: Topic) -> dict[str, Any]:
    """Everything `show` shows."""
    return {
        **topic_dict(curriculum, topic),
        "summary": topic.summary,
        "outcomes": list(topic.outcomes),
        "resources": [r.model_dump(mode="json") for r in topic.resources],
        "children": list(topic.children),
        "required_leaves": curriculum.required_leaves(topic.id),
        "unlocks": curriculum.unlocks(topic.id),
        "body": topic.body,
        "source": str(topic.source),
    }
