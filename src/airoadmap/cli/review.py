"""`review`: spaced review of finished topics — list what is due, rate one, or go through them."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from typing import Annotated

import typer
from rich.text import Text

from airoadmap.cli import output, render
from airoadmap.cli.context import CommandContext, with_context
from airoadmap.cli.options import UnderOpt, complete_topic_to_change
from airoadmap.domain.as_json import review_dict
from airoadmap.domain.names import printable
from airoadmap.domain.reviews import Review, changed_since, reviews
from airoadmap.errors import AiroadmapError
from airoadmap.models import Card, Progress, Rating, Topic
from airoadmap.progress import actions

_ANSWERS = {
    **{r.value: r for r in Rating},
    **{r.value[0]: r for r in Rating},
    **{str(n): r for n, r in enumerate(Rating, start=1)},
}
CHOICES = "again, hard, good or easy (or 1-4)"


def parse_rating(text: str) -> Rating | None:
    """again/hard/good/easy, their first letters, or 1-4; None for anything else."""
    return _ANSWERS.get(text.strip().lower())


def _rating_option(value: str | None) -> Rating | None:
    if value is None:
        return None
    rating = parse_rating(value)
    if rating is None:
        raise typer.BadParameter(f"{value!r} is not a rating: use {CHOICES}")
    return rating


def _complete_rating(incomplete: str) -> list[str]:
    return [r.value for r in Rating if r.value.startswith(incomplete.lower())]


@with_context(json=True)
def review(
    ctx: CommandContext,
    topic: Annotated[
        str | None,
        typer.Argument(
            help="A finished topic to record a review of (with --rating).",
            metavar="TOPIC",
            autocompletion=complete_topic_to_change,
            show_default=False,
        ),
    ] = None,
    rating: Annotated[
        str | None,
        typer.Option(
            "--rating",
            "-r",
            metavar="RATING",
            help=f"How well you recalled TOPIC: {CHOICES}.",
            autocompletion=_complete_rating,
            show_default=False,
        ),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option("--session", "-s", help="Go through the due topics one by one, rating each."),
    ] = False,
    all_: Annotated[
        bool, typer.Option("--all", help="List every finished topic's review, due or not.")
    ] = False,
    count: Annotated[
        int | None,
        typer.Option("-n", "--count", min=1, help="At most this many topics.", show_default=False),
    ] = None,
    under: UnderOpt = None,
) -> None:
    """Review what you finished, so you keep it: the topics due now, most at risk first.

    With TOPIC and --rating, record a review and schedule the next; with --session, go through
    the due topics one by one. Reviews are scheduled by FSRS; `undo` takes one back.

    Examples:
      airoadmap review --session
      airoadmap review calculus --rating good"""
    chosen = _rating_option(rating)
    json = ctx.json
    if interactive:
        if topic is not None or chosen is not None or json or all_:
            raise typer.BadParameter("--session takes no TOPIC, --rating, --all or --json")
        _go_through(ctx, count, _scope(ctx, under))
    elif topic is not None or chosen is not None:
        if topic is None or chosen is None:
            raise typer.BadParameter(f"give both a TOPIC and --rating ({CHOICES})")
        if json or all_ or under is not None:
            raise AiroadmapError("a review with --rating takes no --all, --under or --json")
        _rate(ctx, ctx.resolve(topic), chosen)
    else:
        _list(ctx, all_=all_, count=count, json=json, under=_scope(ctx, under))


def _scope(ctx: CommandContext, under: str | None) -> str | None:
    return ctx.resolve(under).id if under is not None else None


def _every_card(ctx: CommandContext, now: datetime, under: str | None) -> list[Review]:
    """Every finished topic's review (under `under`), due or not, most at risk first."""
    return reviews(ctx.curriculum, ctx.progress.topics, now, due_only=False, under=under)


def _list(
    ctx: CommandContext, *, all_: bool, count: int | None, json: bool, under: str | None
) -> None:
    now = ctx.local_now()
    everything = _every_card(ctx, now, under)
    if all_:
        found = sorted(everything, key=lambda r: r.card.due)
    else:
        found = [r for r in everything if r.due]
    shown = found[:count] if count is not None else found
    if json:
        tracker = ctx.tracker()
        output.print_json([review_dict(tracker, r) for r in shown])
        return
    console = output.stdout()
    if not found:
        console.print(_nothing_due(everything, ctx, now), markup=False)
        return
    header = (
        f"{render.count(len(found), 'finished topic')}, soonest due first:"
        if all_
        else f"{render.count(len(found), 'review')} due for {ctx.learner}, most at risk first:"
    )
    lines: list[list[render.Part]] = [[(header, "")]]
    for number, item in enumerate(shown, start=1):
        lines.extend(_lines(ctx, number, item, now))
    if len(shown) < len(found):
        lines.append([(f"… and {len(found) - len(shown)} more", "dim")])
    if any(r.due for r in found):
        lines.append(
            [
                (
                    "Rate one: airoadmap review TOPIC --rating again|hard|good|easy · "
                    "or go through them: airoadmap review --session",
                    "dim",
                )
            ]
        )
    output.print_lines(lines, wrap=True)  # plain when piped: thousands print at once


def _lines(
    ctx: CommandContext, number: int, item: Review, now: datetime
) -> list[list[render.Part]]:
    when = f"     last reviewed {render.day(item.card.last_review, now)} · " + render.recall(
        item.card, item.retrievability, now
    )
    return [
        [
            (f"{number:>3}. ", ""),
            (ctx.curriculum[item.topic].title, "bold"),
            (f"  {render.where(ctx.curriculum, item.topic)}", "dim"),
        ],
        [(when, "" if item.due else "dim")],
    ]


def _nothing_due(upcoming: list[Review], ctx: CommandContext, now: datetime) -> str:
    """What to say when nothing of `upcoming` (every card in scope, none due) is due."""
    if not upcoming:
        return (
            "Nothing to review yet: a topic you mark done comes back for review a few days later."
        )
    first = min(upcoming, key=lambda r: r.card.due)
    title = ctx.curriculum[first.topic].title
    return f"Nothing due. Next review: {title}, {render.day(first.card.due, now)}."


def _save(ctx: CommandContext, topic: Topic, rating: Rating) -> Card:
    """Record the review (locked and atomic, one undoable action); the card it scheduled."""

    def change(progress: Progress) -> Card:
        actions.review(progress, topic, rating, ctx.now())
        card = progress.record(topic.id).card
        assert card is not None
        return card

    return ctx.store.update(change)


def _rate(ctx: CommandContext, topic: Topic, rating: Rating) -> None:
    if not topic.is_leaf:
        raise AiroadmapError(
            f"{topic.title} is a {topic.kind.value}: review its topics one at a time "
            "(airoadmap review lists those due)"
        )
    card = _save(ctx, topic, rating)
    output.stdout().print(
        f"{topic.title}: {rating.value} · next review {render.day(card.due, ctx.local_now())}",
        markup=False,
    )


def _ask() -> Rating | None:
    """One answer from the learner: a rating, or None to stop (q, end of input, Ctrl-C)."""
    while True:
        try:
            answer = typer.prompt(
                "Rating (1 again, 2 hard, 3 good, 4 easy, q stop)",
                default="",
                show_default=False,
            )
        except (typer.Abort, EOFError):
            typer.echo()
            return None
        if answer.strip().lower() in {"q", "quit"}:
            return None
        rating = parse_rating(answer)
        if rating is not None:
            return rating
        if answer.strip():
            typer.echo(f"  {answer.strip()!r}? Answer 1, 2, 3 or 4, or q to stop.")


def _go_through(ctx: CommandContext, count: int | None, under: str | None) -> None:
    now = ctx.local_now()
    everything = _every_card(ctx, now, under)
    due = [r for r in everything if r.due]
    console = output.stdout()
    if not due:
        console.print(_nothing_due(everything, ctx, now), markup=False)
        return
    chosen = due[:count] if count is not None else due
    console.print(
        f"{render.count(len(due), 'review')} due; going through {len(chosen)}. Recall what you "
        "can of each, then rate how well you did. Each answer is saved at once.",
        markup=False,
    )
    tally: Counter[Rating] = Counter()
    elsewhere = 0  # topics another airoadmap changed since the session began: skipped
    for number, item in enumerate(chosen, start=1):
        topic = ctx.curriculum[item.topic]
        why = changed_since(item, ctx.store.load().record(item.topic))
        if why is not None:
            elsewhere += 1
            console.print(
                f"\n[{number}/{len(chosen)}] {topic.title}: skipped, changed elsewhere ({why})",
                style="dim",
                markup=False,
            )
            continue
        _print_card(ctx, topic, item, number, len(chosen), now)
        rating = _ask()
        if rating is None:
            break
        answer = _save_unless_changed(ctx, topic, item, rating)
        if isinstance(answer, str):
            elsewhere += 1
            console.print(
                f"  not saved: changed elsewhere while you answered ({answer})",
                style="dim",
                markup=False,
            )
            continue
        tally[rating] += 1
        console.print(f"  {rating.value} · next review {render.day(answer.due, now)}", style="dim")
    reviewed = sum(tally.values())
    parts = ", ".join(f"{tally[r]} {r.value}" for r in Rating if tally[r])
    left = len(due) - reviewed - elsewhere
    console.print(
        f"\nReviewed {render.count(reviewed, 'topic')}"
        + (f" ({parts})" if parts else "")
        + ". "
        + (f"{elsewhere} skipped, changed elsewhere. " if elsewhere else "")
        + (f"{render.count(left, 'review')} still due." if left else "Nothing left due.")
        + (" `airoadmap undo` takes back the last answer." if reviewed else ""),
        markup=False,
    )


def _save_unless_changed(
    ctx: CommandContext, topic: Topic, item: Review, rating: Rating
) -> Card | str:
    """Record a session's answer (as `_save`) while the topic is as the session showed it: the
    card scheduled, or how another airoadmap changed the topic meanwhile (nothing saved)."""
    return ctx.store.update(
        lambda progress: actions.review_unless_changed(progress, topic, item, rating, ctx.now())
    )


def _print_card(
    ctx: CommandContext, topic: Topic, item: Review, number: int, total: int, now: datetime
) -> None:
    """A card of the session: the topic, its summary and outcomes to recall, your note; on a
    terminal each wraps at word boundaries, outcomes under themselves."""
    head = Text(f"[{number}/{total}] ", style="dim")
    head.append(topic.title, style="bold")
    head.append(
        f"  {render.where(ctx.curriculum, topic.id)} · last reviewed "
        f"{render.day(item.card.last_review, now)} · recall {render.percent(item.retrievability)}",
        style="dim",
    )
    output.print_text()
    output.print_text(head)
    if topic.summary:
        output.print_text(topic.summary)
    if topic.outcomes:
        output.print_text(Text("Can you still:", style="bold"))
        for outcome in topic.outcomes:
            output.print_hanging("  • ", Text(outcome))
    note = ctx.progress.record(topic.id).note
    if note:
        output.print_hanging("Your note: ", Text(printable(note), style="italic"))
