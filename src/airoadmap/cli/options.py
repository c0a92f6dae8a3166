"""Options shared by every command, and where their values come from (option, env, default)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Annotated

import typer

from airoadmap.curriculum import Curriculum
from airoadmap.loader import load_curriculum
from airoadmap.locations import bundled_curriculum, default_cache, default_home
from airoadmap.models import Topic
from airoadmap.planner import Standing
from airoadmap.resolve import resolve
from airoadmap.store import Progress, Store


def complete_topic(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion of a TOPIC: ids (with titles) whose id or title starts so."""
    from airoadmap.errors import AiroadmapError
    from airoadmap.links import fold

    try:
        loaded = Session(
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
    from airoadmap.store import list_learners

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
HubOpt = Annotated[
    str | None,
    typer.Option(
        "--hub",
        envvar="AIROADMAP_HUB",
        metavar="TOPIC",
        help="The hub to use when the folder has several (its id or title).",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document instead.")]


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


NOW_VARIABLE = "AIROADMAP_NOW"


def curriculum_dir(option: Path | None) -> Path:
    return option if option is not None else bundled_curriculum()


@dataclass
class Session:
    """The curriculum, the learner's store and the clock of one command, loaded on demand."""

    curriculum_option: Path | None = None
    home_option: Path | None = None
    learner: str = "default"
    hub: str | None = None

    @cached_property
    def cache_dir(self) -> Path:
        return default_cache(self.home_option)

    @cached_property
    def curriculum(self) -> Curriculum:
        return load_curriculum(
            curriculum_dir(self.curriculum_option), hub=self.hub, cache_dir=self.cache_dir
        )

    @cached_property
    def home(self) -> Path:
        return self.home_option if self.home_option is not None else default_home()

    @cached_property
    def store(self) -> Store:
        return Store(self.home, self.learner, cache_dir=self.cache_dir)

    @cached_property
    def progress(self) -> Progress:
        return self.store.load()

    def standing(self, progress: Progress | None = None) -> Standing:
        return Standing(self.curriculum, (progress or self.progress).topics)

    def resolve(self, query: str) -> Topic:
        return resolve(self.curriculum, query)

    @cached_property
    def _now(self) -> datetime:
        real = datetime.now(UTC).replace(microsecond=0)
        setting = os.environ.get(NOW_VARIABLE)
        if not setting:
            return real
        from airoadmap.clock import moment

        return moment(setting, real, source=NOW_VARIABLE)

    def now(self) -> datetime:
        """The command's one moment, in UTC: the clock's, or the one $AIROADMAP_NOW sets."""
        return self._now

    def local_now(self) -> datetime:
        """The same moment in the learner's time zone (whose day decides what is due)."""
        return self._now.astimezone()
