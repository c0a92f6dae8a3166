"""Map-of-content curricula: the tree read *down* from a hub through its links, the way an
Obsidian hub note reads. In the hub, each link is a map and the heading or list label above it
its area; a map's links are its topics; a linked note that is itself a map (`kind: map`, or a
`#map`/`#moc` tag) nests as a map; a link to a note not written yet is a topic all the same.
A leaf's own links are not followed, and a note linked twice stays where it first appears."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from airoadmap.domain.names import fold, link_targets, printable, slugify
from airoadmap.errors import Problem
from airoadmap.models import Kind
from airoadmap.notes.files import NoteFile
from airoadmap.notes.index import Index
from airoadmap.notes.note import Meta, Note, note_body, read_note_and_body
from airoadmap.notes.outline import Link, Outline, read_outline

MAP_TAGS = frozenset({"map", "moc"})
"""Tags (any case, or any part of a nested tag: `type/moc`) that make a linked note a map."""

_NESTS = (Kind.HUB, Kind.AREA, Kind.MAP)


def is_map_note(note: Note, body_tags: set[str] | None = None) -> bool:
    """Whether a note says it is a map: by `kind`, or by a map tag in its frontmatter or body."""
    if "kind" in note.key_lines:
        return note.meta.kind in _NESTS
    tags = {fold(t) for t in note.meta.tags} | (body_tags or set())
    return any(MAP_TAGS.intersection(tag.split("/")) for tag in tags)


class Vault:
    """The notes of a folder found by file name or path, each read only when it is reached."""

    def __init__(self, root: Path, files: list[NoteFile]) -> None:
        self.files = files
        prefix = str(root).rstrip(os.sep) + os.sep
        self.stems: dict[str, list[int]] = {}
        self.paths: list[str] = []
        for i, file in enumerate(files):
            relative = file.path[len(prefix) :] if file.path.startswith(prefix) else file.path
            path = fold(relative[:-3].replace(os.sep, "/"))
            self.paths.append(path)
            self.stems.setdefault(path.rsplit("/", 1)[-1], []).append(i)

    def find(self, link: str) -> list[int]:
        """The files a link names: by path (`[[05 - Concepts/Markdown]]`, a suffix of the
        note's path), else by file name, as Obsidian resolves links."""
        targets = link_targets(link)
        for name in targets:
            wanted = fold(name).strip("/")
            found = self.stems.get(wanted.rsplit("/", 1)[-1], [])
            if "/" in wanted:
                found = [i for i in found if f"/{self.paths[i]}".endswith(f"/{wanted}")]
            if found:
                return found
        return []


@dataclass
class Walk:
    """Notes placed by reading maps down: the notes themselves (those read, then those made for
    areas and for links to notes not written yet), and where each is placed."""

    notes: list[Note]
    hub: int
    resolve: Callable[[str, int], int | None]  # a link from a note → the note it names
    outline: Callable[[int], Outline]  # a note's body as an outline
    parent: dict[int, int] = field(default_factory=dict)
    placed: set[int] = field(default_factory=set)
    position: dict[int, int] = field(default_factory=dict)  # where its link is in its map
    unwritten: dict[str, int] = field(default_factory=dict)  # a link's name → its made note
    areas: dict[str, int] = field(default_factory=dict)  # a label of the hub → its area
    origin: dict[int, str] = field(default_factory=dict)  # a made note → the note naming it

    def down(self, start: int) -> None:
        """Place what `start` links to under it, and on down through the maps among them."""
        self.placed.add(start)
        stack = [start]
        while stack:
            node = stack.pop()
            maps = []
            for position, (group, link) in enumerate(self.outline(node).in_order()):
                area = group.title if node == self.hub and group else None
                found = self._place(link, node, area, position)
                if found is not None and self.notes[found].meta.kind in _NESTS:
                    maps.append(found)
            stack.extend(reversed(maps))

    def _place(self, link: Link, node: int, area: str | None, position: int) -> int | None:
        """Place the note `link` names under `node` (in the hub, under the `area` its label
        names), unless it is placed already; the note placed, if any."""
        found = self.resolve(link.target, node)
        default = Kind.MAP if node == self.hub else Kind.TOPIC
        if found is None:  # a note not written yet: a topic (or, from the hub, a map) all the same
            key = fold(link_targets(link.target)[0])
            if key in self.unwritten:
                return None
            found = self._made(link.title, slugify(link.title) or link.title, default)
            self.unwritten[key] = found
            self.origin[found] = self.notes[node].path
        elif found in self.placed:  # an ancestor, or placed where it first appeared
            return None
        else:
            note = self.notes[found]
            if "kind" in note.key_lines and note.meta.kind is Kind.HUB:
                return None  # "back to [[the hub]]" of another roadmap: no structure
            kind = note.meta.kind if "kind" in note.key_lines else default
            if kind is Kind.TOPIC and is_map_note(note, self.outline(found).tags):
                kind = Kind.MAP
            self.notes[found] = _placed(note, kind)
        self.placed.add(found)
        self.parent[found] = node if area is None else self._area(area, position)
        self.position[found] = position
        self.notes[found] = _described(self.notes[found], link.summary)
        return found

    def _area(self, title: str, position: int) -> int:
        """The hub's area of this title: a note of the hub's already, or one made for it."""
        key = fold(title)
        if key not in self.areas:
            for child, parent in self.parent.items():
                if parent == self.hub and fold(self.notes[child].title) == key:
                    self.areas[key] = child
                    return child
            self.areas[key] = self._made(title, "", Kind.AREA)
            self.origin[self.areas[key]] = self.notes[self.hub].path
            self.placed.add(self.areas[key])
            self.parent[self.areas[key]] = self.hub
            self.position[self.areas[key]] = position
        return self.areas[key]

    def _made(self, title: str, id_: str, kind: Kind) -> int:
        """A note the vault does not have: an area named by a label, or a link's target."""
        meta = Meta(id=id_ or None, title=printable(title), kind=kind)
        self.notes.append(Note("", meta, False))
        return len(self.notes) - 1

    def name_areas(self) -> None:
        """Give each area an id its title makes, unless a note has it (`MLOps` the area and
        `MLOps` the map): then `-area` is added."""
        made = [i for i in self.areas.values() if not self.notes[i].path]
        taken = {note.id for i, note in enumerate(self.notes) if i not in made}
        for i in made:
            note = self.notes[i]
            wanted = slugify(note.title) or "area"
            given = wanted if wanted not in taken else f"{wanted}-area"
            number = 1
            while given in taken:
                number += 1
                given = f"{wanted}-area-{number}"
            taken.add(given)
            self.notes[i] = dataclasses.replace(note, meta=dataclasses.replace(note.meta, id=given))


def _placed(note: Note, kind: Kind) -> Note:
    if note.meta.kind is kind:
        return note
    return dataclasses.replace(note, meta=dataclasses.replace(note.meta, kind=kind))


def _described(note: Note, summary: str) -> Note:
    """The note with the summary its link gives it, where its frontmatter has none."""
    if note.meta.summary or not summary:
        return note
    return dataclasses.replace(
        note, meta=dataclasses.replace(note.meta, summary=printable(summary))
    )


class LazyNotes:
    """The notes of a vault read only when a walk reaches them: `notes` grows as they are."""

    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.notes: list[Note] = []
        self.read: dict[int, int] = {}  # a file of the vault → its note in `notes`
        self.bodies: dict[int, str] = {}
        self.outlines: dict[int, Outline] = {}
        self.warnings: list[Problem] = []

    def note_of(self, file: int) -> int:
        if file not in self.read:
            note, body = read_note_and_body(self.vault.files[file].path)
            self.notes.append(note)
            self.read[file] = len(self.notes) - 1
            self.bodies[self.read[file]] = body
        return self.read[file]

    def resolve(self, link: str, source: int | None = None) -> int | None:
        """The note `link` names, from the note `source`. Of several notes of that name, the
        one in the source's folder, else the one nearest the vault's root (as Obsidian does),
        with a warning naming the others."""
        found = self.vault.find(link)
        if not found:
            return None
        if len(found) > 1:
            origin = self.notes[source].path if source is not None else ""
            found.sort(key=lambda f: self._nearness(f, origin))
            paths = [self.vault.files[f].path for f in found]
            message = f"[[{link}]] names {len(found)} notes: took {paths[0]}, not "
            self.warnings.append(Problem(origin or paths[0], message + ", ".join(paths[1:])))
        return self.note_of(found[0])

    def _nearness(self, file: int, origin: str) -> tuple[bool, int, str]:
        """How near a note of a link's name is: in the linking note's folder, then by depth."""
        path = self.vault.files[file].path
        elsewhere = path.rpartition(os.sep)[0] != origin.rpartition(os.sep)[0]
        return (elsewhere, self.vault.paths[file].count("/"), self.vault.paths[file])

    def outline(self, i: int) -> Outline:
        if i not in self.outlines:
            note = self.notes[i]
            self.outlines[i] = read_outline(self.bodies.get(i, ""), note.stem or note.title)
        return self.outlines[i]


def index_reader(
    notes: list[Note], index: Index
) -> tuple[Callable[[str, int], int | None], Callable[[int], Outline]]:
    """How a walk over notes already read (a vault of `up` links) resolves links (by id,
    title or alias) and outlines notes (their bodies read again, only for the maps walked)."""
    outlines: dict[int, Outline] = {}

    def resolve(link: str, source: int) -> int | None:
        found = index.resolve(link)
        return found[0] if found else None

    def outline(i: int) -> Outline:
        if i not in outlines:
            note = notes[i]
            body = note_body(note.path) if note.path and not note.problems else ""
            outlines[i] = read_outline(body, note.stem or note.title)
        return outlines[i]

    return resolve, outline
