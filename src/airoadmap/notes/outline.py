"""A map-of-content note read as an outline: each `[[link]]` goes to the innermost heading or
list label above it (`## 2. Model Lifecycle`, `- Foundations:`, `**Data & Systems**`), numbering
stripped, with the text after it (or on the next line, or nested under it) as its summary. A
link listed twice stays where it first appears; code, comments (`<!-- -->`, `%% %%`) and embeds
(`![[...]]`) are not structure. Read with markdown-it-py, imported only when a body is read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from airoadmap.domain.names import fold, link_target, link_targets

_WIKILINK = re.compile(r"(!?)\[\[([^\]]+)\]\]")  # an embed (`![[...]]`) is no structure
_NUMBERING = re.compile(r"^\s*\d+[.)]\s+")
_LEAD = re.compile(r"^[\s\-–—:|,;]+")  # between a link and its summary (not `.NET`)
_CODE = re.compile(r"`+([^`]*)`+")  # code spans: text, never links (comments go before parsing)
_EMPHASIS = re.compile(r"^(\*\*|__)(.+)\1$")
_LINK_TEXT = re.compile(r"!?\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")
_COMMENTS = re.compile(r"<!--.*?-->|%%.*?%%", re.DOTALL)


_TAG = re.compile(r"(?:^|(?<=\s))#([\w/-]*[^\W\d][\w/-]*)")  # `#map`, `#area/math`; not `#1`


@dataclass
class Link:
    """A `[[link]]` in an outline: the note it names (`target`, as the link wrote it, folders
    included), its text (`title`: the note's name) and the words that describe it."""

    target: str
    title: str
    summary: str = ""
    seq: int = 0  # its place among the note's links


@dataclass
class Group:
    title: str
    order: int
    links: list[Link] = field(default_factory=list)


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
class Outline:
    """The note read as an outline: each `[[link]]` goes to the innermost heading or label
    above it (a label holding only other labels is no group, since nothing lands in it)."""

    own: str  # the note's name: links to itself, and a heading of its name, are no structure
    loose: Group  # links above every heading and label
    groups: dict[str, Group] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)  # the body's `#tags`, folded
    heading: str | None = None
    section: str | None = None  # a label paragraph outside lists, until the next heading
    items: list[str | None] = field(default_factory=list)  # each open list item's label
    waiting: tuple[Group, int, int] | None = None  # a link item whose summary may be nested

    def area(self) -> Group:
        name = next((label for label in reversed(self.items) if label), None)
        name = name or self.section or self.heading
        if name is None:
            return self.loose
        if fold(name) not in self.groups:
            self.groups[fold(name)] = Group(name, len(self.groups) + 1)
        return self.groups[fold(name)]

    def in_order(self) -> list[tuple[Group | None, Link]]:
        """Every link with its group (None: under no heading or label), as they appear."""
        links: list[tuple[Group | None, Link]] = [(None, link) for link in self.loose.links]
        for group in self.groups.values():
            links.extend((group, link) for link in group.links)
        return sorted(links, key=lambda pair: pair[1].seq)

    def links(self, text: str) -> bool:
        """Add the links in `text` (a paragraph, heading or item); whether it had any."""
        self.tags.update(fold(tag) for tag in _TAG.findall(_WIKILINK.sub(" ", text)))
        matches = [m for m in _WIKILINK.finditer(text) if not m.group(1)]
        for i, match in enumerate(matches):
            target = match.group(2).split("|", 1)[0].split("#", 1)[0].strip()
            title = link_target(target)
            key = fold(link_targets(target)[0])
            if not title or key in self.seen or fold(title) == fold(self.own):
                continue
            self.seen.add(key)
            end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
            summary = " ".join(_LEAD.sub("", text[match.end() : end]).split())
            summary = re.sub(r"\[\[([^\]|]+\|)?([^\]]+)\]\]", r"\2", summary)
            group = self.area()
            group.links.append(Link(target, title, summary, len(self.seen)))
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
            group.links[index].summary = " ".join(text.split())
            self.waiting = None
            return
        self.items[-1] = _label(text)

    def read(self, body: str) -> None:
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").parse(_COMMENTS.sub("", body))
        first_paragraph = False
        for i, token in enumerate(tokens):
            if token.type == "heading_open":
                heading = _title(tokens[i + 1].content)
                if heading is not None and fold(heading) == fold(self.own):
                    heading = None  # `# AI Engineer` atop the note is its title, not a group
                self.heading, self.section, self.waiting = heading, None, None
            elif token.type == "list_item_open":
                self.items.append(None)
                first_paragraph = True
            elif token.type == "list_item_close":
                self.items.pop()
                if self.waiting is not None and self.waiting[2] > len(self.items):
                    self.waiting = None  # the link's item is over: nothing more is its summary
            elif token.type == "inline" and tokens[i - 1].type == "paragraph_open":
                text = _CODE.sub(_as_text, token.content)
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


def _as_text(code: re.Match[str]) -> str:
    """A code span's text, where no `[[link]]` is structure."""
    return code.group(1).replace("[[", "[ [").replace("]]", "] ]")


def read_outline(body: str, own: str) -> Outline:
    """The outline of a note's body; `own` is the note's name."""
    outline = Outline(own, Group(own, 0))
    # Links are wiki links and the only other thing an outline keeps is tags: a body with
    # neither (most notes of a vault placed by `up`) is not parsed as Markdown at all.
    if "[[" in body or _TAG.search(body):
        outline.read(body)
    return outline
