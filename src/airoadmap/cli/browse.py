"""Read-only commands: tree, list, show, validate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from airoadmap.cli import output, render
from airoadmap.cli.app import app
from airoadmap.cli.options import (
    CurriculumOpt,
    HomeOpt,
    HubOpt,
    JsonOpt,
    LearnerOpt,
    Session,
    TopicArg,
    curriculum_dir,
)
from airoadmap.errors import CurriculumError, StoreError
from airoadmap.loader import load_curriculum
from airoadmap.models import Kind, Status
from airoadmap.planner import Standing
from airoadmap.store import list_learners
from airoadmap.views import detail_dict, topic_dict, tree_dict


@app.command()
def tree(
    topic: Annotated[str | None, typer.Argument(help="Show only this part of the tree.")] = None,
    depth: Annotated[
        int | None, typer.Option("--depth", "-d", min=0, help="Levels to show below the top.")
    ] = None,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
    json: JsonOpt = False,
) -> None:
    """The roadmap as a tree, with each topic's status and each node's completion."""
    session = Session(curriculum, home, learner, hub)
    root = session.resolve(topic) if topic is not None else session.curriculum.hub
    standing = session.standing()
    if json:
        output.print_json(tree_dict(session.curriculum, root, depth, standing))
        return
    lines = render.tree_lines(session.curriculum, root, depth, standing)
    output.print_lines(lines)
    output.print_lines([[(render.LEGEND, "dim")]])


@app.command("list")
def list_(
    under: Annotated[
        str | None, typer.Option("--under", "-u", help="Only topics under this one.")
    ] = None,
    kind: Annotated[
        Kind | None, typer.Option("--kind", "-k", help="Only this kind \\[default: leaf topics].")
    ] = None,
    status: Annotated[
        Status | None, typer.Option("--status", "-s", help="Only topics with this status.")
    ] = None,
    ready: Annotated[bool, typer.Option("--ready", help="Only topics ready to study.")] = False,
    blocked: Annotated[
        bool, typer.Option("--blocked", help="Only topics waiting on a requirement.")
    ] = False,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
    json: JsonOpt = False,
) -> None:
    """Topics as a table, in curriculum order (leaves unless --kind says otherwise)."""
    session = Session(curriculum, home, learner, hub)
    loaded = session.curriculum
    root = session.resolve(under) if under is not None else loaded.hub
    standing = session.standing()
    if kind is None:
        topics = [loaded[leaf] for leaf in loaded.leaves(root.id)]
    else:
        topics = [t for t in loaded.subtree(root.id) if t.kind is kind]
    topics = [
        t
        for t in topics
        if (status is None or standing.status(t.id) is status)
        and (not ready or (t.is_leaf and standing.is_ready(t.id)))
        and (not blocked or (t.is_leaf and standing.is_blocked(t.id)))
    ]
    if json:
        output.print_json([topic_dict(loaded, t, standing) for t in topics])
    else:
        output.stdout().print(render.topic_table(loaded, topics, standing))


@app.command()
def show(
    topic: TopicArg,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
    json: JsonOpt = False,
) -> None:
    """One topic: where it sits, summary, outcomes, resources, requirements, your record."""
    session = Session(curriculum, home, learner, hub)
    found = session.resolve(topic)
    standing = session.standing()
    if json:
        output.print_json(detail_dict(session.curriculum, found, standing))
    else:
        output.stdout().print(render.page(session.curriculum, found, standing, session.local_now()))


@app.command()
def validate(
    directory: Annotated[
        Path | None,
        typer.Argument(help="The curriculum folder to check \\[default: the one in use]."),
    ] = None,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
) -> None:
    """Check a curriculum: links, cycles, duplicate ids, field types. Exit 1 on any problem.

    Also reports the records of learners' progress whose topics the curriculum no longer has."""
    folder = directory if directory is not None else curriculum_dir(curriculum)
    session = Session(curriculum, home, learner, hub)
    try:
        loaded = load_curriculum(folder, hub=hub, cache_dir=session.cache_dir)
    except CurriculumError as exc:
        for problem in exc.problems:
            output.error(str(problem))
        count = len(exc.problems)
        output.stdout().print(f"{render.count(count, 'problem')} in {folder}", markup=False)
        raise typer.Exit(1) from None
    for problem in loaded.warnings:
        output.warning(str(problem))
    for name in list_learners(session.home):
        try:
            records = Session(curriculum, home, name, hub).progress.topics
        except StoreError as exc:
            output.warning(str(exc))
            continue
        unknown = Standing(loaded, records).unknown_records()
        if unknown:
            output.warning(
                f"learner {name}: records for {len(unknown)} topics not in this curriculum "
                f"(kept): {', '.join(unknown)}"
            )
    kinds = {k: sum(1 for t in loaded if t.kind is k) for k in Kind}
    leaves = len(loaded.all_leaves())
    output.stdout().print(
        f"[green]✓[/] {folder}: {len(loaded)} notes in the curriculum "
        f"({kinds[Kind.AREA]} areas, {kinds[Kind.MAP]} maps, {leaves} leaf topics, "
        f"{render.hours(loaded.hours(loaded.hub_id))}); "
        f"{loaded.ignored} notes outside it ignored",
        soft_wrap=True,
    )
