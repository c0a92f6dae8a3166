"""Dataview inline fields in a note's body (`hours:: 12`, `requires:: [[Calculus]]`, and the
bracketed `[hours:: 12]` inside a sentence): read the same as frontmatter keys, which win."""

from __future__ import annotations

import re
from typing import Any

_WHOLE_LINE = re.compile(r"^[ \t>*+\-]*(?:\*\*|__)?([A-Za-z][\w-]*)(?:\*\*|__)?::[ \t]*(.*)$")
_BRACKETED = re.compile(r"[\[(]([A-Za-z][\w-]*)::[ \t]*((?:\[\[[^\]]*\]\]|[^\])])*)[\])]")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_LINK = re.compile(r"\[\[[^\]]+\]\]")

LISTS = frozenset({"aliases", "requires", "tags"})
"""Keys whose values are lists: a comma-separated value, or links, or the key given again."""


def inline_fields(
    body: str, keys: frozenset[str], first_line: int
) -> tuple[dict[str, Any], dict[str, int]]:
    """The fields of `keys` in `body` (outside code blocks), and the line of each (counting
    from `first_line`, the body's first line in the file). A key given twice is a list."""
    if "::" not in body:  # the common case, at the cost of one scan
        return {}, {}
    values: dict[str, Any] = {}
    lines: dict[str, int] = {}
    fenced = False
    for number, line in enumerate(body.split("\n"), start=first_line):
        if _FENCE.match(line):
            fenced = not fenced
            continue
        if fenced or "::" not in line:
            continue
        whole = _WHOLE_LINE.match(line)
        found = [whole.groups()] if whole else _BRACKETED.findall(line)
        for name, value in found:
            key = name.lower()
            if key not in keys:
                continue
            lines.setdefault(key, number)
            _add(values, key, value.strip())
    return values, lines


def _add(values: dict[str, Any], key: str, value: str) -> None:
    if key not in LISTS:
        values.setdefault(key, value)
        return
    links = _LINK.findall(value)
    items = links if links else [part.strip() for part in value.split(",")]
    values.setdefault(key, []).extend(item for item in items if item)
