"""A map-of-content note turned into a curriculum: the note is the hub, each heading or bold
label an area, each `[[link]]` under it a map (`init --from-map`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from airoadmap.domain.names import fold, link_target
from airoadmap.errors import AiroadmapError
from airoadmap.notes.scaffold import note_text, safe_name

_WIKILINK = re.compile(r"\[\[([^\]]+)\]\]")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_LABEL = re.compile(r"^\s*(?:\*\*|__)?\s*([^*_\[\]\-][^\[\]]*?)\s*:?\s*(?:\*\*|__)?\s*:?\s*$")
_NUMBERING = re.compile(r"^\s*(\d+)[.)]\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_LEAD = re.compile(r"^[\s\-–—:|,;.]+")


@dataclass
class _Group:
    title: str
    order: int
    links: list[tuple[str, str]] = field(default_factory=list)  # (title, summary)


def _group_title(line: str) -> str | None:
    """The title a heading or a bold label (`**Foundations:**`, `Foundations:`) sets."""
    heading = _HEADING.match(line)
    if heading:
        text = heading.group(2)
    elif _LIST_ITEM.match(line) or "[[" in line:
        return None
    else:
        stripped = line.strip()
        bold = stripped.startswith(("**", "__")) and stripped.rstrip(":").endswith(("**", "__"))
        if not (bold or stripped.endswith(":")) or len(stripped) > 80:
            return None
        label = _LABEL.match(line)
        if label is None:
            return None
        text = label.group(1)
    text = re.sub(r"[*_`]", "", text).strip().rstrip(":").strip()
    return text or None


def _body(note: Path) -> str:
    """The note's text after its frontmatter."""
    try:
        text = note.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AiroadmapError(
            f"{note}: cannot read: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    if text.startswith("---"):
        end = re.search(r"^---\s*$", text[3:], re.MULTILINE)
        return text[3 + end.end() :] if end else text
    return text


def from_map(note: Path) -> dict[str, str]:
    """Turn a map-of-content note into a curriculum: the note is the hub; each heading or bold
    label is an area; each distinct `[[link]]` listed under it becomes a map, summarised by the
    text after the link. A link listed twice is one map, under the first group it appears in."""
    body = _body(note)
    hub = note.stem
    loose = _Group(hub, 0)  # links before any group hang from the hub itself
    groups: list[_Group] = []
    seen: set[str] = set()
    current = loose
    for line in body.splitlines():
        title = _group_title(line)
        if title is not None:
            # The order is the note's own: "## 5. Production" is just the fifth heading.
            current = _Group(_NUMBERING.sub("", title).strip() or title, len(groups) + 1)
            groups.append(current)
            continue
        matches = list(_WIKILINK.finditer(line))
        for i, match in enumerate(matches):
            target = link_target(match.group(1))
            if not target or fold(target) in seen or fold(target) == fold(hub):
                continue
            seen.add(fold(target))
            after_end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
            summary = _LEAD.sub("", line[match.end() : after_end]).strip()
            current.links.append((target, re.sub(r"\[\[([^\]|]+\|)?([^\]]+)\]\]", r"\2", summary)))
    groups = [g for g in groups if g.links]
    if not loose.links and not groups:
        raise AiroadmapError(f"{note}: no [[links]] to turn into maps")
    files: dict[str, str] = {
        f"{safe_name(hub)}.md": note_text(hub, "hub", None, None, None, body),
    }
    taken = {fold(hub)} | seen
    for group in groups:
        area = group.title
        if fold(area) in taken:
            area = f"{area} (area)"
        taken.add(fold(area))
        folder = safe_name(area)
        files[f"{folder}/{folder}.md"] = note_text(
            area, "area", hub, group.order, None, f"# {area}"
        )
        for order, (title, summary) in enumerate(group.links, start=1):
            files[f"{folder}/{safe_name(title)}.md"] = note_text(
                title, "map", area, order, summary or None, f"# {title}"
            )
    for order, (title, summary) in enumerate(loose.links, start=1):
        files[f"{safe_name(title)}.md"] = note_text(
            title, "map", hub, order, summary or None, f"# {title}"
        )
    return files
