"""The options and arguments commands share, defined once, with their shell completion."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from airoadmap.locations import default_home


def complete_topic(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of a TOPIC: ids (with titles) whose id or title starts so."""
    from airoadmap.cli.context import CommandContext
    from airoadmap.domain.names import fold
    from airoadmap.errors import AiroadmapError

    try:
        loaded = CommandContext(
            _given_path(ctx, "curriculum", "AIROADMAP_CURRICULUM"),
            _given_path(ctx, "home", "AIROADMAP_HOME"),
            hub=ctx.params.get("hub") or os.environ.get("AIROADMAP_HUB"),
        ).curriculum
    except (AiroadmapError, OSError, ValueError):
        return []
    key = fold(incomplete)
    found = [
        (topic.id, topic.title)
        for topic in loaded
        if topic.id.startswith(incomplete) or fold(topic.title).startswith(key)
    ]
    return found[:100]


def _complete_learner(ctx: typer.Context, incomplete: str) -> list[str]:
    """Shell completion of `--learner`: the learners in the data folder."""
    from airoadmap.progress.store import list_learners

    home = _given_path(ctx, "home", "AIROADMAP_HOME") or default_home()
    try:
        return [name for name in list_learners(home) if name.startswith(incomplete)]
    except OSError:
        return []


def _given_path(ctx: typer.Context, param: str, variable: str) -> Path | None:
    """A path option as given so far on the command line being completed (where it may still
    be a string), or its environment variable."""
    value = ctx.params.get(param) or os.environ.get(variable)
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
        help="Topics: ids, titles, aliases or unique prefixes.", autocompletion=complete_topic
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
