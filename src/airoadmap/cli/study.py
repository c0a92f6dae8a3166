"""Study: what to learn now and the way to a target, and marking topics as you go."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.text import Text

from airoadmap.cli import output, render
from airoadmap.cli.context import CommandContext, with_context
from airoadmap.cli.options import TopicArg, TopicsArg, UnderOpt
from airoadmap.domain import reviews
from airoadmap.domain.names import printable
from airoadmap.domain.tracker import Suggestion, Tracker
from airoadmap.errors import AiroadmapError
from airoadmap.models import Progress, Status
from airoadmap.progress.actions import ASK_ABOVE


@with_context(json=True)
def next_(
    ctx: CommandContext,
    count: Annotated[int, typer.Option("-n", "--count", min=1, help="How many to suggest.")] = 5,
    under: UnderOpt = None,
) -> None:
    """What to study now: the ready topics, best first, each with why.

    Examples:
      airoadmap next
      airoadmap next -n 10 --under mathematics"""
    scope = ctx.resolve(under) if under is not None else ctx.curriculum.hub
    tracker = ctx.tracker()
    suggestions = _steered(ctx, tracker, scope.id, count)
    if ctx.json:
        from airoadmap.domain.as_json import suggestion_dict

        output.print_json([suggestion_dict(tracker, s) for s in suggestions])
        return
    _reviews_due(ctx, tracker)
    if not suggestions:
        output.stdout().print(_nothing_ready(tracker, scope.id), markup=False)
        return
    for number, suggestion in enumerate(suggestions, start=1):
        line = render.mark(tracker, suggestion.topic)
        line.append_text(render.leaf_line(ctx.curriculum, suggestion.topic))
        output.print_hanging(f"{number:>2}. ", line)
        output.print_hanging("    ", Text(suggestion.reason, style="dim"))


def _steered(ctx: CommandContext, tracker: Tracker, scope: str, count: int) -> list[Suggestion]:
    """The suggestions, those on the way to the learner's goal first (when there is one)."""
    from airoadmap.domain import planner
    from airoadmap.progress.actions import goal_targets

    toward = goal_targets(ctx.progress, ctx.curriculum)
    return planner.suggest(tracker, under=scope, count=count, toward=toward)


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
        output.print_text(Text(f"{render.count(due, 'review')} due — airoadmap review", "yellow"))


@with_context(json=True, pager=True)
def path(ctx: CommandContext, target: TopicArg) -> None:
    """Every remaining topic needed to finish TARGET, in an order that respects requirements.

    Examples:
      airoadmap path deep-learning
      airoadmap path "Linear Algebra" --json"""
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
        line = render.mark(tracker, leaf)
        line.append_text(render.leaf_line(loaded, leaf, bold=False))
        output.print_hanging(f"{number:>3}. ", line)


YesOpt = Annotated[
    bool, typer.Option("--yes", "-y", help=f"Do not ask first when over {ASK_ABOVE} topics change.")
]


def _ask(what: str) -> None:
    """Ask before a change of many topics; with no terminal to ask on, refuse (`--yes`)."""
    if not sys.stdin.isatty():
        raise AiroadmapError(f"this would {what}: add --yes to do it without being asked")
    if not typer.confirm(f"{what[0].upper()}{what[1:]}?", default=False, err=True):
        raise AiroadmapError("nothing changed")


def _mark(
    ctx: CommandContext, topics: list[str], status: Status, *, yes: bool, hours: float | None = None
) -> None:
    from airoadmap.progress import actions

    targets = list({t.id: t for t in (ctx.resolve(name) for name in topics)}.values())
    if hours is not None and (len(targets) != 1 or not targets[0].is_leaf):
        raise typer.BadParameter("--hours is the time of one topic: name one", param_hint="--hours")
    pending = actions.changing(ctx.progress, ctx.curriculum, targets, status)
    if len(pending) > ASK_ABOVE and not yes:
        _ask(f"{render.STATUS_VERBS[status]} {render.count(len(pending), 'topic')}")

    timed: list[str] = []

    def marked(progress: Progress) -> actions.Change:
        change = actions.set_status(progress, ctx.curriculum, targets, status, ctx.now())
        if hours is not None:  # one action with the status when it changed, so one undo
            logged = actions.set_hours(
                progress, targets[0].id, hours, ctx.now(), logged=not change.topics
            )
            timed[:] = logged.topics
        return change

    change = ctx.store.update(marked)
    changed = set(change.topics)
    lost = actions.lost_cards(change, status)
    if lost:
        output.warning(render.lost_cards_warning(ctx.curriculum, lost))
    tracker = ctx.tracker() if status is not Status.SKIPPED and changed else None
    for target in targets:
        unmet = tracker.unmet(target.id) if tracker is not None else []
        if unmet and changed.intersection(ctx.curriculum.leaves(target.id)):
            output.warning(render.waits_warning(ctx.curriculum, target, unmet))
        under = [leaf for leaf in ctx.curriculum.leaves(target.id) if leaf in changed]
        if not under and timed and hours is not None:
            # Already done: the hours are still recorded (an action of their own), and said.
            word = render.STATUS_WORDS[status]
            output.print_text(f"{target.title}: already {word}; {hours:g}h logged")
        else:
            if tracker is None:
                tracker = ctx.tracker()
            said = render.marked_line(ctx.curriculum, tracker, target, status, changed)
            output.print_text(said)


@with_context()
def start(ctx: CommandContext, topics: TopicsArg, yes: YesOpt = False) -> None:
    """Mark topics as being learned (on a map or area: every topic not yet begun under it).

    Examples:
      airoadmap start python
      airoadmap start "Linear Algebra" calculus"""
    _mark(ctx, topics, Status.LEARNING, yes=yes)


@with_context()
def done(
    ctx: CommandContext,
    topics: TopicsArg,
    yes: YesOpt = False,
    hours: Annotated[
        float | None,
        typer.Option(
            "--hours",
            min=0.1,
            max=100_000,
            help="The hours the topic really took (your pace, for `plan`).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Mark topics done (on a map or area: every remaining topic under it).

    Examples:
      airoadmap done python --hours 30
      airoadmap done mathematics --yes"""
    _mark(ctx, topics, Status.DONE, yes=yes, hours=hours)


@with_context()
def skip(ctx: CommandContext, topics: TopicsArg, yes: YesOpt = False) -> None:
    """Skip topics you already know (they count as finished for requirements).

    Examples:
      airoadmap skip python
      airoadmap skip programming-foundations --yes"""
    _mark(ctx, topics, Status.SKIPPED, yes=yes)


@with_context()
def note(
    ctx: CommandContext,
    topic: TopicArg,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[TEXT]...",
            help="The note (its words joined; `-` reads it from stdin); without it, print it.",
            show_default=False,
        ),
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the note.")] = False,
    edit: Annotated[
        bool, typer.Option("--edit", "-e", help="Write the note in $VISUAL or $EDITOR.")
    ] = False,
) -> None:
    """Set, print or clear your note on a topic.

    Examples:
      airoadmap note linalg revisit eigenvectors before calculus
      echo "a note from a script" | airoadmap note linalg -"""
    found = ctx.resolve(topic)
    if sum([bool(words), clear, edit]) > 1:
        raise typer.BadParameter("give a note, --clear or --edit: one of them")
    if edit:
        text: str | None = _edited(ctx.progress.record(found.id).note or "")
    elif words == ["-"]:
        text = sys.stdin.read()
    else:
        text = " ".join(words) if words else None
    if text is None and not clear:
        current = ctx.progress.record(found.id).note
        if current is None:
            output.stdout().print(f"{found.title}: no note", markup=False)
        else:
            typer.echo(printable(current))
        return
    text = (text or "").strip()
    clear = clear or not text
    from airoadmap.progress import actions

    change = ctx.store.update(
        lambda p: actions.set_note(p, found.id, None if clear else text, ctx.now())
    )
    verb = "cleared" if clear else "saved"
    result = f"note {verb}" if change.topics else "note unchanged"
    output.stdout().print(f"{found.title}: {result}", markup=False)


def _edited(current: str) -> str:
    """The note as written in the user's editor ($VISUAL, $EDITOR, else `vi`), from `current`."""
    import os
    import shlex
    import subprocess
    import tempfile

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    with tempfile.TemporaryDirectory(prefix="airoadmap-") as folder:
        path = Path(folder) / "note.md"
        path.write_text(current, encoding="utf-8")
        try:
            done = subprocess.run([*shlex.split(editor), path], check=False)
        except OSError as exc:
            raise AiroadmapError(f"cannot start the editor {editor!r}: {exc.strerror}") from None
        if done.returncode != 0:
            raise AiroadmapError(f"the editor {editor!r} exited {done.returncode}: note unchanged")
        return path.read_text(encoding="utf-8")
