"""Study: what to learn now and the way to a target, and marking topics as you go."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.text import Text

from airoadmap.cli import output, render
from airoadmap.cli.context import CommandContext, with_context
from airoadmap.cli.options import TopicArg, TopicsArg, UnderOpt
from airoadmap.domain import reviews
from airoadmap.domain.names import printable
from airoadmap.domain.tracker import Tracker
from airoadmap.errors import AiroadmapError
from airoadmap.models import Status
from airoadmap.progress import actions


@with_context(json=True)
def next_(
    ctx: CommandContext,
    count: Annotated[int, typer.Option("-n", "--count", min=1, help="How many to suggest.")] = 5,
    under: UnderOpt = None,
) -> None:
    """What to study now: the ready topics, best first, each with why."""
    scope = ctx.resolve(under) if under is not None else ctx.curriculum.hub
    tracker = ctx.tracker()
    suggestions = tracker.suggest(scope.id, count)
    if ctx.json:
        from airoadmap.domain.as_json import suggestion_dict

        output.print_json([suggestion_dict(tracker, s) for s in suggestions])
        return
    console = output.stdout()
    _reviews_due(ctx, tracker)
    if not suggestions:
        console.print(_nothing_ready(tracker, scope.id), markup=False)
        return
    for number, suggestion in enumerate(suggestions, start=1):
        line = Text(f"{number:>2}. ")
        line.append_text(render.mark(tracker, suggestion.topic))
        line.append_text(render.leaf_line(ctx.curriculum, suggestion.topic))
        console.print(line)
        console.print(Text(f"    {suggestion.reason}"), style="dim")


def _nothing_ready(tracker: Tracker, scope: str) -> str:
    """What `next` says when no topic under `scope` is ready: all done, or what to finish."""
    curriculum = tracker.curriculum
    title = curriculum[scope].title
    if tracker.is_complete(scope):
        counts = tracker.counts[scope]
        whole = "The roadmap" if scope == curriculum.hub_id else title
        said = f"{whole} is finished: all {render.count(counts.total, 'topic')} done or skipped."
        if counts.optional:
            said += f" {render.count(counts.optional, 'optional topic')} left, if you want them."
        return said
    first = [leaf for leaf in tracker.path(scope) if tracker.is_ready(leaf)]
    names = ", ".join(curriculum[leaf].title for leaf in first[:5])
    return (
        f"Nothing in {title} is ready yet. Finish first: {names} "
        f"(`airoadmap path {scope}` shows the whole way)."
    )


def _reviews_due(ctx: CommandContext, tracker: Tracker) -> None:
    """Before what to study next: what to review first, when anything is due."""
    due = reviews.due_count(ctx.curriculum, tracker.records, ctx.local_now())
    if due:
        output.stdout().print(
            f"{render.count(due, 'review')} due — airoadmap review", style="yellow"
        )


@with_context(json=True)
def path(ctx: CommandContext, target: TopicArg) -> None:
    """Every remaining topic needed to finish TARGET, in an order that respects requirements."""
    found = ctx.resolve(target)
    tracker = ctx.tracker()
    order = tracker.path(found.id)
    loaded = ctx.curriculum
    if ctx.json:
        from airoadmap.domain.as_json import topic_dict

        output.print_json([topic_dict(loaded, loaded[leaf], tracker) for leaf in order])
        return
    console = output.stdout()
    if not order:
        console.print(f"{found.title}: nothing left to do.", markup=False)
        return
    total = sum(loaded[leaf].hours or 0 for leaf in order)
    console.print(
        f"To finish {found.title}: {render.count(len(order), 'topic')}, {render.hours(total)}",
        markup=False,
    )
    for number, leaf in enumerate(order, start=1):
        line = Text(f"{number:>3}. ")
        line.append_text(render.mark(tracker, leaf))
        line.append_text(render.leaf_line(loaded, leaf, bold=False))
        console.print(line)


_WORDS = {Status.LEARNING: "started", Status.DONE: "done", Status.SKIPPED: "skipped"}


def _mark(ctx: CommandContext, topics: list[str], status: Status) -> None:
    targets = [ctx.resolve(t) for t in topics]
    change = ctx.store.update(
        lambda progress: actions.set_status(progress, ctx.curriculum, targets, status, ctx.now())
    )
    changed = set(change.topics)
    console = output.stdout()
    tracker = ctx.tracker() if status is not Status.SKIPPED and changed else None
    for target in targets:
        unmet = tracker.unmet(target.id) if tracker is not None else []
        if unmet and changed.intersection(ctx.curriculum.leaves(target.id)):
            names = ", ".join(ctx.curriculum[u].title for u in unmet)
            output.warning(f"{target.title} waits on {names} (not finished yet)")
        under = [leaf for leaf in ctx.curriculum.leaves(target.id) if leaf in changed]
        word = _WORDS[status]
        if not under:
            now = {ctx.tracker().leaf_status(leaf) for leaf in ctx.curriculum.leaves(target.id)}
            said = ", ".join(_WORDS.get(s, s.value) for s in sorted(now, key=list(Status).index))
            console.print(f"{target.title}: nothing to change (already {said})", markup=False)
        elif target.is_leaf:
            console.print(f"{target.title}: {word}", markup=False)
        else:
            console.print(
                f"{target.title}: {render.count(len(under), 'topic')} {word}", markup=False
            )


@with_context()
def start(ctx: CommandContext, topics: TopicsArg) -> None:
    """Mark topics as being learned (on a map or area: every topic not yet begun under it)."""
    _mark(ctx, topics, Status.LEARNING)


@with_context()
def done(ctx: CommandContext, topics: TopicsArg) -> None:
    """Mark topics done (on a map or area: every remaining topic under it)."""
    _mark(ctx, topics, Status.DONE)


@with_context()
def skip(ctx: CommandContext, topics: TopicsArg) -> None:
    """Skip topics you already know (they count as finished for requirements)."""
    _mark(ctx, topics, Status.SKIPPED)


@with_context()
def note(
    ctx: CommandContext,
    topic: TopicArg,
    text: Annotated[
        str | None, typer.Argument(help="The note; without it, print the note.")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the note.")] = False,
) -> None:
    """Set, print or clear your note on a topic."""
    found = ctx.resolve(topic)
    if clear and text is not None:
        raise AiroadmapError("give a note or --clear, not both")
    if text is None and not clear:
        current = ctx.progress.record(found.id).note
        if current is None:
            output.stdout().print(f"{found.title}: no note", markup=False)
        else:
            typer.echo(printable(current))
        return
    clear = clear or not (text or "").strip()
    change = ctx.store.update(
        lambda p: actions.set_note(p, found.id, None if clear else text, ctx.now())
    )
    verb = "cleared" if clear else "saved"
    result = f"note {verb}" if change.topics else "note unchanged"
    output.stdout().print(f"{found.title}: {result}", markup=False)
