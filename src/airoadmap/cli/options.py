"""Options shared by every command, and where their values come from (option, env, default)."""

from __future__ import annotations

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


def _usable_path(value: Path | None) -> Path | None:
    if value is not None and "\x00" in str(value):
        raise typer.BadParameter("a path cannot contain a NUL byte")
    return value


CurriculumOpt = Annotated[
    Path | None,
    typer.Option(
        "--curriculum",
        "-c",
        envvar="AIROADMAP_CURRICULUM",
        metavar="DIR",
        help="Folder of Markdown notes to use [default: the bundled AI Engineer roadmap].",
        show_default=False,
        callback=_usable_path,
    ),
]
HomeOpt = Annotated[
    Path | None,
    typer.Option(
        "--home",
        envvar="AIROADMAP_HOME",
        metavar="DIR",
        help="Data folder holding the learners' progress [default: your user data folder].",
        show_default=False,
        callback=_usable_path,
    ),
]
LearnerOpt = Annotated[
    str,
    typer.Option("--learner", "-l", envvar="AIROADMAP_LEARNER", help="Whose progress to use."),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document instead.")]
TopicArg = Annotated[str, typer.Argument(help="A topic: id, title, alias, or a unique prefix.")]
TopicsArg = Annotated[
    list[str], typer.Argument(help="Topics: ids, titles, aliases or unique prefixes.")
]


def curriculum_dir(option: Path | None) -> Path:
    return option if option is not None else bundled_curriculum()


@dataclass
class Session:
    """The curriculum, the learner's store and the clock of one command, loaded on demand."""

    curriculum_option: Path | None = None
    home_option: Path | None = None
    learner: str = "default"

    @cached_property
    def cache_dir(self) -> Path:
        return default_cache(self.home_option)

    @cached_property
    def curriculum(self) -> Curriculum:
        return load_curriculum(curriculum_dir(self.curriculum_option), cache_dir=self.cache_dir)

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

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC).replace(microsecond=0)
