"""A map-of-content note turned into a curriculum: the note is the hub, each heading or bold
label an area, each `[[link]]` under it a map (`init --from-map`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from airoadmap.domain.names import fold, link_target, slugify
from airoadmap.errors import AiroadmapError, read_text
from airoadmap.notes.scaffold import note_text, safe_name

_WIKILINK = re.compile(r"(!?)\[\[([^\]]+)\]\]")  # an embed (`![[...]]`) is no structure
_NUMBERING = re.compile(r"^\s*\d+[.)]\s+")
_LEAD = re.compile(r"^[\s\-–—:|,;.]+")
_NOT_TEXT = re.compile(r"`[^`]*`")  # code spans (comments go before parsing)
_EMPHASIS = re.compile(r"^(\*\*|__)(.+)\1$")
_LINK_TEXT = re.compile(r"!?\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
_COMMENTS = re.compile(r"<!--.*?-->|%%.*?%%", re.DOTALL)


@dataclass
class _Group:
    title: str
    order: int
    links: list[tuple[str, str]] = field(default_factory=list)  # (title, summary)


def _label(text: str) -> str | None:
    """The area a line of text names, if it is a label: one short line, ending in `:` or in
    bold (`Foundations:`, `**Data & Systems**`, `**Relevance Links:**`)."""
    line = text.strip()
    if not line or "\n" in line or len(line) > 80:
        return None
    bold = _EMPHASIS.match(line.rstrip(":").strip())
    if not (bold or line.endswith(":")):
        return None
    return _title(bold.group(2) if bold else line)


def _title(text: str) -> str | None:
    """A heading or label as an area's title: links as their text, no emphasis, no trailing
    colon, no numbering."""
    text = _LINK_TEXT.sub(lambda m: m.group(2) or link_target(m.group(1)), text)
    text = re.sub(r"[*_`]", "", text).strip().rstrip(":").strip()
    return _NUMBERING.sub("", text).strip() or text or None


@dataclass
class _Outline:
    """The note read as an outline: each `[[link]]` goes to the innermost heading or label
    above it (a label holding only other labels is no area, since nothing lands in it)."""

    hub: str
    loose: _Group  # links above every heading and label hang from the hub itself
    groups: dict[str, _Group] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    heading: str | None = None
    section: str | None = None  # a label paragraph outside lists, until the next heading
    items: list[str | None] = field(default_factory=list)  # each open list item's label
    waiting: tuple[_Group, int, int] | None = None  # a link item whose summary may be nested

    def area(self) -> _Group:
        name = next((label for label in reversed(self.items) if label), None)
        name = name or self.section or self.heading
        if name is None:
            return self.loose
        if fold(name) not in self.groups:
            self.groups[fold(name)] = _Group(name, len(self.groups) + 1)
        return self.groups[fold(name)]

    def links(self, text: str) -> bool:
        """Add the links in `text` (a paragraph, heading or item); whether it had any."""
        matches = [m for m in _WIKILINK.finditer(text) if not m.group(1)]
        for i, match in enumerate(matches):
            target = link_target(match.group(2))
            key = fold(target)
            if not target or key in self.seen or key == fold(self.hub):
                continue
            self.seen.add(key)
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            summary = " ".join(_LEAD.sub("", text[match.end() : end]).split())
            summary = re.sub(r"\[\[([^\]|]+\|)?([^\]]+)\]\]", r"\2", summary)
            group = self.area()
            group.links.append((target, summary))
            if not summary and len(matches) == 1:
                self.waiting = (group, len(group.links) - 1, len(self.items))
        return bool(matches)

    def item_text(self, text: str) -> None:
        """The first paragraph of a list item: its links, a label, or the summary of the link
        item it is nested in."""
        if self.links(text):
            return
        waiting = self.waiting
        if waiting is not None and waiting[2] == len(self.items) - 1:
            group, index, _ = waiting
            group.links[index] = (group.links[index][0], " ".join(text.split()))
            self.waiting = None
            return
        self.items[-1] = _label(text)

    def read(self, body: str) -> None:
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").parse(_COMMENTS.sub("", body))
        first_paragraph = False
        for i, token in enumerate(tokens):
            if token.type == "heading_open":
                self.heading, self.section, self.waiting = _title(tokens[i + 1].content), None, None
            elif token.type == "list_item_open":
                self.items.append(None)
                first_paragraph = True
            elif token.type == "list_item_close":
                self.items.pop()
                if self.waiting is not None and self.waiting[2] > len(self.items):
                    self.waiting = None  # the link's item is over: nothing more is its summary
            elif token.type == "inline" and tokens[i - 1].type == "paragraph_open":
                text = _NOT_TEXT.sub("", token.content)
                if self.items and first_paragraph:
                    first_paragraph = False
                    self.item_text(text)
                elif not self.items:
                    self.paragraph(text)

    def paragraph(self, text: str) -> None:
        """A paragraph outside lists: a label (for what follows), links, or both — a label on
        its first line over links on the next."""
        first, _, rest = text.partition("\n")
        label = _label(first)
        if label is not None and rest:
            self.section = label
            self.links(rest)
        elif not self.links(text):
            self.section = label or self.section


_KEPT = ("aliases", "tags", "cssclasses")
"""Keys of the map note's frontmatter the hub keeps (Obsidian's own)."""


def _read(note: Path) -> tuple[str, dict[str, object]]:
    """The note's text after its frontmatter, and the keys of it the hub keeps."""
    from airoadmap.errors import NoteProblem
    from airoadmap.notes.yamlsafe import split_frontmatter

    text = read_text(note, encoding="utf-8-sig")
    try:
        split = split_frontmatter(text)
    except NoteProblem as exc:
        raise AiroadmapError(f"{note}:{exc.line or 1}: {exc.message}") from None
    if split is None:
        return text, {}
    frontmatter, body, _ = split
    return body, {key: frontmatter[key] for key in _KEPT if frontmatter.get(key)}


def from_map(note: Path) -> dict[str, str]:
    """Turn a map-of-content note into a curriculum: the note is the hub; the innermost heading
    or label (`## 2. Model Lifecycle`, `- Foundations:`, `**Data & Systems**`) above each
    `[[link]]` is its area, numbering stripped; each distinct link becomes a map, summarised by
    the text after it, on the line after it, or in the item nested under it. A link listed
    twice is one map, under the first area it appears in. Code, comments (`<!-- -->`, `%% %%`)
    and embeds (`![[...]]`) are not structure."""
    body, kept = _read(note)
    hub = note.stem
    outline = _Outline(hub, _Group(hub, 0))
    outline.read(body)
    loose, seen = outline.loose, outline.seen
    groups = [g for g in outline.groups.values() if g.links]
    if not loose.links and not groups:
        raise AiroadmapError(f"{note}: no [[links]] to turn into maps")
    files: dict[str, str] = {
        f"{safe_name(hub)}.md": note_text(hub, "hub", None, None, None, body, keep=kept),
    }
    taken = {fold(hub)} | seen
    ids = _Ids(slugify(safe_name(hub)))
    for group in groups:
        area = group.title
        if fold(area) in taken:
            area = f"{area} (area)"
        taken.add(fold(area))
        folder = safe_name(area)  # links name notes by file: `Production / Deployment` → `-`
        files[f"{folder}/{folder}.md"] = note_text(
            area, "area", safe_name(hub), group.order, None, f"# {area}", id_=ids.of(folder)
        )
        for order, (title, summary) in enumerate(group.links, start=1):
            files[f"{folder}/{safe_name(title)}.md"] = note_text(
                title, "map", folder, order, summary or None, f"# {title}", id_=ids.of(title)
            )
    for order, (title, summary) in enumerate(loose.links, start=1):
        files[f"{safe_name(title)}.md"] = note_text(
            title, "map", safe_name(hub), order, summary or None, f"# {title}", id_=ids.of(title)
        )
    return files


class _Ids:
    """Ids for the notes written: the one a name gives, unless another note has it already
    (`C++` and `C#` both give `c`), and then a numbered one, written as `id:`."""

    def __init__(self, *taken: str) -> None:
        self.taken = set(taken)

    def of(self, name: str) -> str | None:
        wanted = slugify(safe_name(name)) or safe_name(name)
        given, number = wanted, 1
        while given in self.taken:
            number += 1
            given = f"{wanted}-{number}"
        self.taken.add(given)
        return None if given == wanted else given
