"""Read-only commands: tree, list, show, validate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from airoadmap.cli import output, render
from airoadmap.cli.app import app
from airoadmap.cli.options import CurriculumOpt, JsonOpt, curriculum_dir, open_curriculum
from airoadmap.errors import CurriculumError
from airoadmap.loader import load_curriculum
from airoadmap.models import Kind
from airoadmap.resolve import resolve
from airoadmap.views import detail_dict, topic_dict, tree_dict

TopicArg = Annotated[str, typer.Argument(help="A topic: id, title, alias, or a unique prefix.")]


@app.command()
def tree(
    topic: Annotated[str | None, typer.Argument(help="Show only this part of the tree.")] = None,
    depth: Annotated[
        int | None, typer.Option("--depth", "-d", min=0, help="Levels to show below the top.")
    ] = None,
    curriculum: CurriculumOpt = None,
    json: JsonOpt = False,
) -> None:
    """The roadmap as a tree: areas, maps and topics, with hours."""
    loaded = open_curriculum(curriculum)
    root = resolve(loaded, topic) if topic is not None else loaded.hub
    if json:
        output.print_json(tree_dict(loaded, root, depth))
    else:
        output.stdout().print(render.tree(loaded, root, depth))


@app.command("list")
def list_(
    under: Annotated[
        str | None, typer.Option("--under", "-u", help="Only topics under this one.")
    ] = None,
    kind: Annotated[
        Kind | None, typer.Option("--kind", "-k", help="Only this kind [default: leaf topics].")
    ] = None,
    curriculum: CurriculumOpt = None,
    json: JsonOpt = False,
) -> None:
    """Topics as a table, in curriculum order (leaves unless --kind says otherwise)."""
    loaded = open_curriculum(curriculum)
    root = resolve(loaded, under) if under is not None else loaded.hub
    inside = set(loaded.leaves(root.id)) if kind is None else None
    below = {root.id, *(t.id for t in loaded.ancestors(root.id))}
    topics = [
        t
        for t in loaded
        if (t.id in inside if inside is not None else t.kind is kind)
        and (root.id in loaded.path_ids(t.id) or t.id == root.id)
        and (t.id not in below or t.is_leaf)
    ]
    if json:
        output.print_json([topic_dict(loaded, t) for t in topics])
    else:
        output.stdout().print(render.topic_table(loaded, topics))


@app.command()
def show(topic: TopicArg, curriculum: CurriculumOpt = None, json: JsonOpt = False) -> None:
    """One topic: where it sits, summary, outcomes, resources, requirements, and its notes."""
    loaded = open_curriculum(curriculum)
    found = resolve(loaded, topic)
    if json:
        output.print_json(detail_dict(loaded, found))
    else:
        output.stdout().print(render.page(loaded, found))


@app.command()
def validate(
    directory: Annotated[
        Path | None,
        typer.Argument(help="The curriculum folder to check [default: the one in use]."),
    ] = None,
    curriculum: CurriculumOpt = None,
) -> None:
    """Check a curriculum: links, cycles, duplicate ids, field types. Exit 1 on any problem."""
    folder = directory if directory is not None else curriculum_dir(curriculum)
    try:
        loaded = load_curriculum(folder)
    except CurriculumError as exc:
        for problem in exc.problems:
            output.error(str(problem))
        count = len(exc.problems)
        output.stderr().print(f"{count} problem{'s' if count != 1 else ''} in {folder}")
        raise typer.Exit(1) from None
    for problem in loaded.warnings:
        output.warning(str(problem))
    kinds = {k: sum(1 for t in loaded if t.kind is k) for k in Kind}
    leaves = len(loaded.all_leaves())
    output.stdout().print(
        f"[green]✓[/] {folder}: {len(loaded)} notes in the curriculum "
        f"({kinds[Kind.AREA]} areas, {kinds[Kind.MAP]} maps, {leaves} leaf topics, "
        f"{render.hours(loaded.hours(loaded.hub_id))}); "
        f"{loaded.ignored} notes outside it ignored",
        soft_wrap=True,
    )
