"""The options and arguments commands share, defined once, with their shell completion."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from airoadmap.domain.names import printable
from airoadmap.errors import AiroadmapError
from airoadmap.locations import default_home

if TYPE_CHECKING:
    from airoadmap.cli.context import CommandContext
    from airoadmap.models import Topic


def complete_topic(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of a TOPIC: ids, with their titles (which zsh and fish show beside
    them), of the topics whose id starts so, or whose title or an alias has a word starting so
    (`show mach` offers ml-fundamentals, Machine Learning Fundamentals)."""
    context = _completing(ctx)
    if context is None:
        return []
    try:
        return _matching(context, incomplete, lambda _: True)
    except (AiroadmapError, OSError, ValueError):
        return []


def complete_topic_to_change(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of the topics a command changes, as `complete_topic`, leaving out those
    it would not change: `done` offers no finished topic, `start` none in progress, `skip` none
    skipped (nor a map or area with nothing left to change under it), `reset` only topics with
    a record, `review` only topics done."""
    from airoadmap.domain.reviews import card_of
    from airoadmap.models import Status
    from airoadmap.progress.actions import changing

    context = _completing(ctx)
    if context is None:
        return []
    command = ctx.command.name or ""
    statuses = {"start": Status.LEARNING, "done": Status.DONE, "skip": Status.SKIPPED}
    try:
        loaded, progress = context.curriculum, context.progress

        def offered(topic: Topic) -> bool:
            if command in statuses:
                return bool(changing(progress, loaded, [topic], statuses[command]))
            if command == "reset":
                return any(i in progress.topics for i in [topic.id, *loaded.leaves(topic.id)])
            if command == "review":
                return topic.is_leaf and card_of(progress.record(topic.id)) is not None
            return True

        return _matching(context, incomplete, offered)
    except (AiroadmapError, OSError, ValueError):
        return []


def _completing(ctx: typer.Context) -> CommandContext | None:
    """The curriculum and store of the command line being completed, as the data options given
    so far (after the command or before it) or their environment variables choose them."""
    from airoadmap.cli.context import CommandContext

    try:
        return CommandContext(
            _given_path(ctx, "curriculum", "AIROADMAP_CURRICULUM"),
            _given_path(ctx, "home", "AIROADMAP_HOME"),
            _given(ctx, "learner") or os.environ.get("AIROADMAP_LEARNER") or "default",
            hub=_given(ctx, "hub") or os.environ.get("AIROADMAP_HUB"),
        )
    except (AiroadmapError, OSError, ValueError):
        return None


def _matching(
    context: CommandContext, incomplete: str, offered: Callable[[Topic], bool]
) -> list[tuple[str, str]]:
    """The topics `offered` takes whose id starts with `incomplete`, then those whose title or
    an alias (or one of their words) does, case and spacing aside: (id, title), at most 100."""
    from airoadmap.domain.names import fold

    key = fold(incomplete)
    by_id: list[tuple[str, str]] = []
    by_name: list[tuple[str, str]] = []
    for topic in context.curriculum:
        if topic.id.startswith(incomplete):
            found = by_id
        elif any(_starts(name, key) for name in (topic.title, *topic.aliases)):
            found = by_name
        else:
            continue
        if len(by_id) + len(by_name) < _MOST and offered(topic):
            value = topic.id if found is by_id else _ByName(topic.id)
            found.append((value, printable(topic.title)))
    return by_id + by_name


_MOST = 100
_WORD = re.compile(r"\w+")


class _ByName(str):
    """The id of a topic offered for its title or alias: Typer keeps only the completions that
    start with what was typed, and this one does not, yet is meant (bash shows it; zsh and fish
    filter by their own rules)."""

    __slots__ = ()

    def startswith(self, *_: object) -> bool:
        return True


def _starts(name: str, key: str) -> bool:
    """Whether the name (folded) or one of its words starts with `key` (folded)."""
    from airoadmap.domain.names import fold

    folded = fold(name)
    return folded.startswith(key) or any(w.startswith(key) for w in _WORD.findall(folded))


def _complete_learner(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of `--learner`: the learners in the data folder."""
    from airoadmap.progress.store import list_learners

    home = _given_path(ctx, "home", "AIROADMAP_HOME") or default_home()
    try:
        return [name for name in list_learners(home) if name.startswith(incomplete)]
    except OSError:
        return []


def _given(ctx: typer.Context, param: str) -> str | None:
    """A data option as given so far on the command line being completed: after the command
    (or, completing an option before the command, before it), else before the command."""
    source = ctx.get_parameter_source(param)
    if source is not None and source.name == "COMMANDLINE" and ctx.params.get(param):
        return str(ctx.params[param])
    before = ctx.parent.params.get(param) if ctx.parent is not None else None
    return str(before) if before else None


def _given_path(ctx: typer.Context, param: str, variable: str) -> Path | None:
    """A path option as given so far on the command line being completed (where it may still
    be a string), or its environment variable."""
    value = _given(ctx, param) or os.environ.get(variable)
    return Path(value) if value else None


# --- the data options: every command that reads a curriculum or progress takes them ----------

CurriculumOpt = Annotated[
    Path | None,
    typer.Option(
        "--curriculum",
        "-c",
        envvar="AIROADMAP_CURRICULUM",
        metavar="DIR",
        help="Folder of Markdown notes to use \\[default: the bundled AI Engineer roadmap].",
        show_default=False,
    ),
]
HubOpt = Annotated[
    str | None,
    typer.Option(
        "--hub",
        envvar="AIROADMAP_HUB",
        metavar="NOTE",
        help="The hub note: its id, title, alias or path. A note without `kind: hub` is read "
        "as a map of content, down through its links.",
        show_default=False,
    ),
]
HomeOpt = Annotated[
    Path | None,
    typer.Option(
        "--home",
        envvar="AIROADMAP_HOME",
        metavar="DIR",
        help="Data folder holding the learners' progress \\[default: your user data folder].",
        show_default=False,
    ),
]
LearnerOpt = Annotated[
    str,
    typer.Option(
        "--learner",
        "-l",
        envvar="AIROADMAP_LEARNER",
        help="Whose progress to use.",
        autocompletion=_complete_learner,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document instead.")]


# --- arguments and options several commands take ---------------------------------------------

TopicArg = Annotated[
    str,
    typer.Argument(
        help="A topic: id, title, alias, or a unique prefix.", autocompletion=complete_topic
    ),
]
TopicsArg = Annotated[
    list[str],
    typer.Argument(
        help="Topics: ids, titles, aliases or unique prefixes.",
        autocompletion=complete_topic_to_change,
    ),
]
UnderOpt = Annotated[
    str | None,
    typer.Option(
        "--under",
        "-u",
        metavar="TOPIC",
        help="Only the topics under this one.",
        autocompletion=complete_topic,
        show_default=False,
    ),
]
