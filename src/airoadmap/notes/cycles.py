"""Cycles in a curriculum's requirements, as they are meant: a node needs what it and its
ancestors require, and requiring a node means requiring all its leaves."""

from __future__ import annotations

import graphlib

from airoadmap.errors import CurriculumError, Problem
from airoadmap.notes.note import Note


def format_cycle(ids: list[str]) -> str:
    compact = [ids[0]]
    for topic_id in ids[1:]:
        if topic_id != compact[-1]:
            compact.append(topic_id)
    return " → ".join(compact)


def check_requirement_cycles(
    notes: list[Note],
    members: list[int],
    parent: dict[int, int],
    children: dict[int, list[int]],
    requires: dict[int, list[int]],
) -> None:
    """A cycle in requirements as they are meant: a node needs what it and its ancestors
    require, and requiring a node means requiring all its leaves. Linear in notes + links."""
    need = "need"  # ("need", n): what n needs before it can start
    done = "done"  # ("done", n): every leaf under n finished
    sorter: graphlib.TopologicalSorter[tuple[str, int]] = graphlib.TopologicalSorter()
    for i in members:
        for r in requires[i]:
            sorter.add((need, i), (done, r))
        if i in parent:
            sorter.add((need, i), (need, parent[i]))
        kids = children.get(i, [])
        for c in kids:
            sorter.add((done, i), (done, c))
        if not kids:
            sorter.add((done, i), (need, i))
    try:
        sorter.prepare()
    except graphlib.CycleError as exc:
        cycle: list[tuple[str, int]] = list(reversed(exc.args[1]))
        first = notes[cycle[0][1]]
        text = format_cycle([notes[i].id for _, i in cycle])
        raise CurriculumError(
            [Problem(first.path, f"cycle in requires: {text}", first.line("requires"))]
        ) from None
