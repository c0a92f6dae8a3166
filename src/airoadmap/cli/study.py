"""Commands that change a learner's progress: start, done, skip, reset, undo, note."""

from __future__ import annotations

from typing import Annotated

import typer

from airoadmap import actions
from airoadmap.cli import output, render
from airoadmap.cli.app import app
from airoadmap.cli.options import (
    CurriculumOpt,
    HomeOpt,
    HubOpt,
    LearnerOpt,
    Session,
    TopicArg,
    TopicsArg,
)
from airoadmap.errors import AiroadmapError
from airoadmap.links import printable
from airoadmap.models import Status, Topic

_WORDS = {Status.LEARNING: "started", Status.DONE: "done", Status.SKIPPED: "skipped"}


def _mark(topics: list[str], status: Status, session: Session) -> None:
    targets = [session.resolve(t) for t in topics]
    change = session.store.update(
        lambda progress: actions.set_status(
            progress, session.curriculum, targets, status, session.now()
        )
    )
    changed = set(change.topics)
    console = output.stdout()
    for target in targets:
        under = [leaf for leaf in session.curriculum.leaves(target.id) if leaf in changed]
        word = _WORDS[status]
        if not under:
            console.print(f"{target.title}: nothing to change (already {word})", markup=False)
        elif target.is_leaf:
            console.print(f"{target.title}: {word}", markup=False)
        else:
            console.print(
                f"{target.title}: {render.count(len(under), 'topic')} {word}", markup=False
            )


@app.command()
def start(
    topics: TopicsArg,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
) -> None:
    """Mark topics as being learned (on a map or area: every topic not yet begun under it)."""
    _mark(topics, Status.LEARNING, Session(curriculum, home, learner, hub))


@app.command()
def done(
    topics: TopicsArg,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
) -> None:
    """Mark topics done (on a map or area: every remaining topic under it)."""
    _mark(topics, Status.DONE, Session(curriculum, home, learner, hub))


@app.command()
def skip(
    topics: TopicsArg,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
) -> None:
    """Skip topics you already know (they count as finished for requirements)."""
    _mark(topics, Status.SKIPPED, Session(curriculum, home, learner, hub))


@app.command()
def reset(
    topics: Annotated[list[str] | None, typer.Argument(help="Topics to forget.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Forget every record.")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first.")] = False,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
) -> None:
    """Forget records (status, dates and note) of topics, or of everything with --all."""
    session = Session(curriculum, home, learner, hub)
    if all_ == bool(topics):
        raise AiroadmapError("name the topics to reset, or use --all (not both)")
    targets: list[Topic] = [session.resolve(t) for t in topics or []]
    progress = session.progress
    if all_:
        ids, label = list(progress.topics), "all"
    else:
        ids = list(
            dict.fromkeys(i for t in targets for i in [t.id, *session.curriculum.leaves(t.id)])
        )
        label = ", ".join(t.title for t in targets)
    held = [i for i in ids if i in progress.topics]
    if not held:
        output.stdout().print(f"{label}: nothing to reset", markup=False)
        return
    if not yes:
        typer.confirm(
            f"Forget {render.count(len(held), 'record')} of learner {learner} ({label})?",
            abort=True,
        )
    change = session.store.update(
        lambda p: actions.reset(
            p, ids if not all_ else list(p.topics), [t.id for t in targets], session.now()
        )
    )
    output.stdout().print(
        f"{label}: {render.count(change.count, 'record')} forgotten (undo brings them back)",
        markup=False,
    )


@app.command()
def undo(
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
) -> None:
    """Revert the last change exactly; run it again to go further back."""
    session = Session(curriculum, home, learner, hub)
    entry = session.store.update(actions.undo)
    names = (
        ", ".join(
            session.curriculum[t].title if t in session.curriculum else t for t in entry.targets
        )
        or "all"
    )
    output.stdout().print(
        f"undid: {entry.action} {names} ({render.count(len(entry.topics), 'topic')})", markup=False
    )


@app.command()
def note(
    topic: TopicArg,
    text: Annotated[
        str | None, typer.Argument(help="The note; without it, print the note.")
    ] = None,
    clear: Annotated[bool, typer.Option("--clear", help="Remove the note.")] = False,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
) -> None:
    """Set, print or clear your note on a topic."""
    session = Session(curriculum, home, learner, hub)
    found = session.resolve(topic)
    if clear and text is not None:
        raise AiroadmapError("give a note or --clear, not both")
    if text is None and not clear:
        current = session.progress.record(found.id).note
        if current is None:
            output.stdout().print(f"{found.title}: no note", markup=False)
        else:
            typer.echo(printable(current))
        return
    clear = clear or not (text or "").strip()
    change = session.store.update(
        lambda p: actions.set_note(p, found.id, None if clear else text, session.now())
    )
    verb = "cleared" if clear else "saved"
    result = f"note {verb}" if change.topics else "note unchanged"
    output.stdout().print(f"{found.title}: {result}", markup=False)
