"""Browse: the roadmap as a tree, topics as a table, one topic in full."""

from __future__ import annotations

from typing import Annotated

import typer

from airoadmap.cli import output, render
from airoadmap.cli.context import CommandContext, with_context
from airoadmap.cli.options import TopicArg, UnderOpt, complete_topic
from airoadmap.models import Kind, Status


@with_context(json=True, pager=True)
def tree(
    ctx: CommandContext,
    topic: Annotated[
        str | None,
        typer.Argument(help="Show only this part of the tree.", autocompletion=complete_topic),
    ] = None,
    depth: Annotated[
        int | None, typer.Option("--depth", "-d", min=0, help="Levels to show below the top.")
    ] = None,
) -> None:
    """The roadmap as a tree, with each topic's status and each node's completion.

    Examples:
      airoadmap tree --depth 2
      airoadmap tree mathematics"""
    root = ctx.resolve(topic) if topic is not None else ctx.curriculum.hub
    tracker = ctx.tracker()
    if ctx.json:
        from airoadmap.domain.as_json import tree_dict

        output.print_json(tree_dict(ctx.curriculum, root, depth, tracker))
        return
    lines = render.tree_lines(ctx.curriculum, root, depth, tracker)
    output.print_lines(lines)
    output.print_lines([[(render.LEGEND, "dim")]])


@with_context(json=True, pager=True)
def list_(
    ctx: CommandContext,
    under: UnderOpt = None,
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
) -> None:
    """Topics as a table, in curriculum order (leaves unless --kind says otherwise).

    Examples:
      airoadmap list --status learning
      airoadmap list --ready --under foundations"""
    if ready and blocked:
        raise typer.BadParameter("a topic is never both: choose --ready or --blocked")
    loaded = ctx.curriculum
    root = ctx.resolve(under) if under is not None else loaded.hub
    tracker = ctx.tracker()
    if kind is None:
        topics = [loaded[leaf] for leaf in loaded.leaves(root.id)]
    else:
        topics = [t for t in loaded.subtree(root.id) if t.kind is kind]
    topics = [
        t
        for t in topics
        if (status is None or tracker.status(t.id) is status)
        and (not ready or (t.is_leaf and tracker.is_ready(t.id)))
        and (not blocked or (t.is_leaf and tracker.is_blocked(t.id)))
    ]
    if ctx.json:
        from airoadmap.domain.as_json import topic_dict

        output.print_json([topic_dict(loaded, t, tracker) for t in topics])
    else:
        render.print_topic_table(loaded, topics, tracker)


@with_context(json=True, pager=True)
def show(
    ctx: CommandContext,
    topic: TopicArg,
) -> None:
    """One topic: where it sits, summary, outcomes, resources, requirements, your record.

    Examples:
      airoadmap show linear-algebra
      airoadmap show "Machine Learning Fundamentals" --json"""
    found = ctx.resolve(topic)
    tracker = ctx.tracker()
    if ctx.json:
        from airoadmap.domain.as_json import detail_dict
        from airoadmap.notes.note import read_body

        output.print_json(detail_dict(ctx.curriculum, found, tracker, read_body(found.source)))
    else:
        render.print_page(ctx.curriculum, found, tracker, ctx.local_now())
