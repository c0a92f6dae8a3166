"""Links among notes: which note a `[[link]]` or an id names, by id, title, alias or file name,
ignoring case; and the problems of a link that names none, or several."""

from __future__ import annotations

import os
from collections.abc import Callable

from airoadmap.domain.names import fold, link_targets
from airoadmap.errors import Problem
from airoadmap.notes.note import Note


class Index:
    """Resolves link targets to notes by id, then by title or alias, ignoring case."""

    def __init__(self, notes: list[Note]) -> None:
        self.by_id: dict[str, list[int]] = {}
        self.by_name: dict[str, list[int]] = {}
        self.paths = [note.path.replace(os.sep, "/") for note in notes]
        for index, note in enumerate(notes):
            self.by_id.setdefault(fold(note.id), []).append(index)
            names = {fold(note.title), fold(note.stem), *map(fold, note.meta.aliases)}
            for name in names:
                self.by_name.setdefault(name, []).append(index)

    def resolve(self, link: str, prefer: Callable[[int], bool] | None = None) -> list[int]:
        """The notes `link` names: a title holding `/` first, else the note after the path.
        Of several, those under the folder the link names (`[[Index1/Index]]`), then those
        `prefer` picks (members, readable notes), if that leaves one."""
        targets = link_targets(link)
        for name in targets:
            target = fold(name)
            found = list(dict.fromkeys(self.by_id.get(target) or self.by_name.get(target, [])))
            if len(found) > 1 and len(targets) > 1:
                suffix = fold(targets[0]).replace("\\", "/")
                under = [i for i in found if fold(self.paths[i]).endswith(f"/{suffix}.md")]
                found = under or found
            if len(found) > 1 and prefer is not None:
                found = [i for i in found if prefer(i)] or found
            if found:
                return found
        return []


def describe(notes: list[Note], indices: list[int]) -> str:
    """The notes' paths (a link to a note not written yet: the link)."""
    return ", ".join(notes[i].path or f"[[{notes[i].title}]] (not written yet)" for i in indices)


def ambiguous(notes: list[Note], source: int, link: str, key: str, found: list[int]) -> Problem:
    note = notes[source]
    message = f"{key}: ambiguous link {link!r} matches {describe(notes, found)}"
    return Problem(note.path, message, note.line(key))


def resolve_link(
    notes: list[Note],
    index: Index,
    source: int,
    link: str,
    *,
    key: str,
    problems: list[Problem],
    prefer: Callable[[int], bool] | None = None,
) -> int | None:
    found = index.resolve(link, prefer)
    note = notes[source]
    if not found:
        problems.append(Problem(note.path, f"{key}: unresolved link {link!r}", note.line(key)))
        return None
    if len(found) > 1:
        problems.append(ambiguous(notes, source, link, key, found))
        return None
    return found[0]
