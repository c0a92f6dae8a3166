"""Notes → the topic tree: place each note under the hub, resolve its links, and check the
requirement graph. Every problem found is collected and raised together in one
`CurriculumError`."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path

from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.names import fold, link_targets
from airoadmap.errors import CurriculumError, Problem
from airoadmap.models import Kind, Topic
from airoadmap.notes.cycles import check_requirement_cycles, format_cycle
from airoadmap.notes.down import LazyNotes, Vault, Walk, index_reader, is_map_note
from airoadmap.notes.index import Index, ambiguous, describe, resolve_link
from airoadmap.notes.note import Meta, Note


def _order_key(note: Note, position: int | None = None) -> tuple[bool, float, float, str]:
    """Siblings in their `order`, then the others where their map lists them, then by title."""
    order = note.meta.order
    return (
        order is None,
        order or 0.0,
        float("inf") if position is None else position,
        fold(note.title),
    )


def _names(note: Note) -> set[str]:
    return {fold(note.id), fold(note.title), fold(note.stem), *map(fold, note.meta.aliases)}


def _no_hub(notes: list[Note], hub: str, hubs: list[int]) -> str:
    """No note of the hub's name: say so, with the names that come close and the hubs there are."""
    import difflib

    titles = sorted({note.title for note in notes})
    key = fold(hub)
    close = [t for t in titles if key in fold(t)][:3]
    close += [t for t in difflib.get_close_matches(hub, titles, n=3) if t not in close]
    message = f"no note named {hub!r} to use as the hub"
    if close:
        message += f"; did you mean {', '.join(repr(t) for t in close[:3])}?"
    if hubs:
        message += f" (notes with `kind: hub`: {', '.join(notes[i].title for i in hubs)})"
    return message


def _find_hub(notes: list[Note], hub: str | None, root: Path) -> int:
    hubs = [i for i, note in enumerate(notes) if note.meta.kind is Kind.HUB]
    if hub is not None:
        wanted = {fold(name) for name in link_targets(hub)}  # a title may hold `/`
        chosen = [i for i in hubs if wanted & _names(notes[i])]  # id, title, file name, alias
        if not chosen:  # a map-of-content hub: any note of that name, read down (`notes.down`)
            chosen = [i for i in range(len(notes)) if wanted & _names(notes[i])]
            if len(chosen) == 1:
                note = notes[chosen[0]]
                meta = dataclasses.replace(note.meta, kind=Kind.HUB, up=None)
                notes[chosen[0]] = dataclasses.replace(note, meta=meta)
        if len(chosen) > 1:
            message = f"--hub {hub!r} names {len(chosen)} notes: {describe(notes, chosen)}"
            raise CurriculumError([Problem(root, message + "; give its path instead")])
        if not chosen:
            raise CurriculumError([Problem(root, _no_hub(notes, hub, hubs))])
        return chosen[0]
    if not hubs:
        raise CurriculumError(
            [
                Problem(
                    root,
                    "no hub: one note needs `kind: hub` (the root of the roadmap), or name a "
                    "map-of-content note as the hub with --hub NOTE",
                )
            ]
        )
    if len(hubs) > 1:
        titles = ", ".join(f"{notes[i].title} ({notes[i].path})" for i in hubs)
        raise CurriculumError([Problem(root, f"several hubs: {titles}; choose one with --hub")])
    return hubs[0]


SKIPPED = "skipped, not in the curriculum"
"""How the warning about a note outside the curriculum that has a problem begins."""


@dataclass
class _Placing:
    """The notes being placed under the hub, and the problems found so far."""

    notes: list[Note]
    index: Index
    problems: list[Problem] = field(default_factory=list)
    skipped: dict[int, Problem] = field(default_factory=dict)  # why a note is left out
    linked: set[int] = field(default_factory=set)  # notes outside that members require
    unsure: dict[int, list[int]] = field(default_factory=dict)  # an `up` that names several
    origin: dict[int, str] = field(default_factory=dict)  # a note not written: who links it

    def resolve(
        self, source: int, link: str, key: str, prefer: Callable[[int], bool] | None = None
    ) -> int | None:
        return resolve_link(
            self.notes, self.index, source, link, key=key, problems=self.problems, prefer=prefer
        )

    def problem(self, i: int, message: str, key: str) -> None:
        note = self.notes[i]
        self.problems.append(Problem(note.path or self.origin.get(i, ""), message, note.line(key)))


def build(root: Path, notes: list[Note], *, hub: str | None = None) -> Curriculum:
    """Place notes in the tree under the hub, resolve links, and check the requirement graph.

    The steps: find the hub; give each note the parent its `up` names; keep the notes whose
    chain of parents reaches the hub; read down the maps that no note names as `up` (their
    links are their children, `notes.down`); judge only the notes so placed (a note outside
    that cannot be read, or whose `up` names no note, is skipped with a warning); check their
    ids are unique; order each node's children; resolve `requires`; then, with no problem so
    far, check requirements for cycles."""
    placing = _Placing(notes, Index(notes))
    hub_index = _find_hub(notes, hub, root)
    parent = _parents(placing, hub_index)
    position: dict[int, int] = {}
    members = _mix(placing, hub_index, parent, _members(placing, parent, hub_index), position)
    ignored = sum(1 for note in notes if note.path) - sum(1 for i in members if notes[i].path)
    return _assemble(root, placing, hub_index, parent, members, ignored, position)


def build_down(
    root: Path, vault: Vault, hub_file: int, read: list[str] | None = None
) -> Curriculum:
    """The curriculum of a map-of-content hub (a note without `kind: hub`), read down through
    its links: only the notes it reaches are read at all. Frontmatter `up` among them wins.
    The path of every note read, placed or not, is added to `read`."""
    lazy = LazyNotes(vault)
    notes = lazy.notes
    hub_index = lazy.note_of(hub_file)
    notes[hub_index] = dataclasses.replace(
        notes[hub_index], meta=dataclasses.replace(notes[hub_index].meta, kind=Kind.HUB, up=None)
    )
    walk = Walk(notes, hub_index, lazy.resolve, lazy.outline)
    walk.down(hub_index)
    walk.name_areas()
    placing = _Placing(notes, Index(notes), origin=walk.origin)
    _follow_up(placing, walk)
    for i in sorted(walk.placed):  # a requirement the hub does not reach: read, to say so
        for link in notes[i].meta.requires:
            if not placing.index.resolve(link):
                lazy.resolve(link, i)
    if len(notes) > len(placing.index.paths):
        placing.index = Index(notes)
    members = sorted(walk.placed)
    ignored = len(vault.files) - sum(1 for i in members if notes[i].path)
    curriculum = _assemble(root, placing, hub_index, walk.parent, members, ignored, walk.position)
    curriculum.warnings += lazy.warnings
    if read is not None:
        read.extend(vault.files[file].path for file in lazy.read)
    return curriculum


def _assemble(
    root: Path,
    placing: _Placing,
    hub_index: int,
    parent: dict[int, int],
    members: list[int],
    ignored: int,
    position: dict[int, int],
) -> Curriculum:
    notes = placing.notes
    _check_unique_ids(placing, members)
    children = _children(notes, members, parent, position)
    requires = _requirements(placing, members)
    warnings = _judge(placing, members)
    if placing.problems:
        raise CurriculumError(placing.problems, warnings)
    check_requirement_cycles(notes, members, parent, children, requires)
    topics = _topics(notes, hub_index, parent, children, requires)
    return Curriculum(
        root=root, hub=notes[hub_index].id, topics=topics, ignored=ignored, warnings=warnings
    )


def _mix(
    placing: _Placing,
    hub_index: int,
    parent: dict[int, int],
    members: list[int],
    position: dict[int, int],
) -> list[int]:
    """The members, and the notes that the hub and the maps among them link to, read down as
    a map-of-content (`notes.down`): the two ways mix under one hub. A note placed by its
    `up` stays there."""
    notes = placing.notes
    children = _children(notes, members, parent, position)
    in_order, stack = [], [hub_index]  # the maps in curriculum order: a link seen first wins
    while stack:
        node = stack.pop()
        in_order.append(node)
        stack.extend(reversed(children.get(node, [])))
    starts = [
        i for i in in_order if not notes[i].problems and (i == hub_index or is_map_note(notes[i]))
    ]
    if not starts:
        return members
    resolve, outline = index_reader(notes, placing.index)
    walk = Walk(notes, hub_index, resolve, outline, parent=parent, placed=set(members))
    walk.position = position
    for start in starts:
        walk.down(start)
    walk.name_areas()
    placing.origin = walk.origin
    if len(notes) > len(placing.index.paths):
        placing.index = Index(notes)
    return members + sorted(walk.placed.difference(members))


def _follow_up(placing: _Placing, walk: Walk) -> None:
    """A note placed by a link whose frontmatter `up` names another placed note goes there
    (frontmatter wins), unless that note is below it."""
    for i in sorted(walk.placed):
        up = placing.notes[i].meta.up
        if i == walk.hub or up is None:
            continue
        found = placing.index.resolve(up, lambda j: j in walk.placed)
        if len(found) != 1 or found[0] not in walk.placed or found[0] == walk.parent.get(i):
            continue
        node: int | None = found[0]
        while node is not None and node != i:
            node = walk.parent.get(node)
        if node is None:  # `i` is not above its new parent
            walk.parent[i] = found[0]


def _parents(placing: _Placing, hub_index: int) -> dict[int, int]:
    """Each note's parent, by its `up` link (the hub has none)."""
    if placing.notes[hub_index].meta.up is not None:
        placing.problem(hub_index, "the hub must not have an `up` link", "up")
    parent: dict[int, int] = {}
    notes = placing.notes
    for i, note in enumerate(notes):
        if i == hub_index or note.meta.up is None:
            continue
        found = placing.index.resolve(note.meta.up, lambda j: not notes[j].problems)
        if not found:  # leads nowhere: not in the curriculum
            message = f"up: unresolved link {note.meta.up!r}"
            placing.skipped[i] = Problem(note.path, message, note.line("up"))
        elif len(found) > 1:  # an error if the curriculum may be what it means (`_judge`)
            placing.unsure[i] = found
        else:
            parent[i] = found[0]
    return parent


def _judge(placing: _Placing, members: list[int]) -> list[Problem]:
    """The problems of the notes in the curriculum, or that it requires, are errors; a note
    outside it that has one is skipped, with one warning line."""
    inside = set(members)
    warnings: list[Problem] = []
    for i, found in placing.unsure.items():
        problem = ambiguous(placing.notes, i, placing.notes[i].meta.up or "", "up", found)
        if inside.intersection(found):
            placing.problems.append(problem)
        else:
            placing.skipped[i] = problem
    for i, note in enumerate(placing.notes):
        if i in inside or i in placing.linked:
            placing.problems.extend(note.problems)
            if i in placing.linked and not note.problems and i in placing.skipped:
                placing.problems.append(placing.skipped[i])
            continue
        why = note.problems[0] if note.problems else placing.skipped.get(i)
        if why is not None:
            message = f"{SKIPPED}: {why.message}"
            warnings.append(Problem(why.file, message, why.line))
    return warnings


def _members(placing: _Placing, parent: dict[int, int], hub_index: int) -> list[int]:
    """The notes whose chain of `up` links reaches the hub; a chain that loops is a problem."""
    notes = placing.notes
    member: dict[int, bool] = {hub_index: True}
    for start in range(len(notes)):
        chain: list[int] = []
        on_chain: set[int] = set()
        node: int | None = start
        while node is not None and node not in member:
            if node in on_chain:  # never reaches the hub: outside the curriculum
                cycle = [notes[n].id for n in chain[chain.index(node) :]] + [notes[node].id]
                message = f"cycle in up: {format_cycle(cycle)}"
                placing.skipped[node] = Problem(notes[node].path, message, notes[node].line("up"))
                break
            chain.append(node)
            on_chain.add(node)
            node = parent.get(node)
        reached = node is not None and member.get(node, False)
        for n in chain:
            member[n] = reached
    return [i for i in range(len(notes)) if member.get(i)]


def _check_unique_ids(placing: _Placing, members: list[int]) -> None:
    ids: dict[str, list[int]] = {}
    for i in members:
        ids.setdefault(placing.notes[i].id, []).append(i)
    for topic_id, holders in ids.items():
        for i in holders if len(holders) > 1 else []:
            others = describe(placing.notes, [h for h in holders if h != i])
            note = placing.notes[i]
            if not note.path:  # a link to a note not written yet
                message = (
                    f"the link [[{note.title}]] gives the id {topic_id!r}, as {others} does: "
                    "write the note with an `id:`, or set one in the other"
                )
            elif note.meta.id is None:  # made from the note's name: `C++` and `C#` are both `c`
                message = (
                    f"the name {note.stem!r} gives the id {topic_id!r}, as {others} does: "
                    "set `id:` in the frontmatter of one of them"
                )
            else:
                message = f"duplicate id {topic_id!r} (also {others})"
            placing.problem(i, message, "id")


def _children(
    notes: list[Note], members: list[int], parent: dict[int, int], position: dict[int, int]
) -> dict[int, list[int]]:
    """Each node's children, in their `order` (then where their map lists them, then by
    title)."""
    children: dict[int, list[int]] = {}
    for i in members:
        if i in parent:
            children.setdefault(parent[i], []).append(i)
    for kids in children.values():
        kids.sort(key=lambda k: _order_key(notes[k], position.get(k)))
    return children


def _requirements(placing: _Placing, members: list[int]) -> dict[int, list[int]]:
    """Each member's `requires`, resolved; a requirement outside the curriculum is a problem."""
    inside = set(members)

    def prefer(j: int) -> bool:  # of several notes of one name, the curriculum's own
        return j in inside and not placing.notes[j].problems

    requires: dict[int, list[int]] = {}
    for i in members:
        resolved: list[int] = []
        for link in placing.notes[i].meta.requires:
            found = placing.resolve(i, link, "requires", prefer)
            if found is None:
                continue
            troubled = placing.notes[found].problems or found in placing.skipped
            if found not in inside and (troubled or found in placing.unsure):
                placing.linked.add(found)  # why it is outside is an error, said once (`_judge`)
            elif found not in inside:
                message = (
                    f"requires: {link!r} is outside the curriculum (the hub does not reach it)"
                )
                placing.problem(i, message, "requires")
            elif found not in resolved:
                resolved.append(found)
        requires[i] = resolved
    return requires


# What a topic takes from its note's frontmatter as it is; the rest is placed or resolved.
_FROM_META = tuple(
    name
    for name in (f.name for f in fields(Topic))
    if name in {f.name for f in fields(Meta)} and name not in {"id", "title", "requires"}
)


def _topics(
    notes: list[Note],
    hub_index: int,
    parent: dict[int, int],
    children: dict[int, list[int]],
    requires: dict[int, list[int]],
) -> dict[str, Topic]:
    """The topics in curriculum order: the hub, then depth-first by each node's order."""
    topics: dict[str, Topic] = {}
    stack = [hub_index]
    while stack:
        i = stack.pop()
        note = notes[i]
        topics[note.id] = Topic(
            id=note.id,
            title=note.title,
            source=note.path,
            parent=notes[parent[i]].id if i in parent and i != hub_index else None,
            children=tuple(notes[c].id for c in children.get(i, [])),
            requires=tuple(notes[r].id for r in requires.get(i, [])),
            **{name: getattr(note.meta, name) for name in _FROM_META},
        )
        stack.extend(reversed(children.get(i, [])))
    return topics
