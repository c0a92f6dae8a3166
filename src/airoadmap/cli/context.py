"""What one command works on — the curriculum, the learner's store, the clock — loaded on demand,
and the decorator that gives a command the data options that choose them."""

from __future__ import annotations

import functools
import inspect
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any

import typer

from airoadmap.cli.options import CurriculumOpt, HomeOpt, HubOpt, JsonOpt, LearnerOpt
from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.tracker import Tracker
from airoadmap.errors import AiroadmapError
from airoadmap.locations import bundled_curriculum, default_cache, default_config, default_home
from airoadmap.models import Progress, Topic
from airoadmap.progress.store import Store
from airoadmap.settings import Defaults

NOW_VARIABLE = "AIROADMAP_NOW"


@dataclass
class CommandContext:
    """The curriculum, the learner's store and the clock of one command, loaded on demand."""

    curriculum_option: Path | None = None
    home_option: Path | None = None
    learner: str = "default"
    hub: str | None = None
    json: bool = False

    @cached_property
    def cache_dir(self) -> Path | None:
        return default_cache(self.home_option)

    @cached_property
    def defaults(self) -> Defaults:
        """What `airoadmap use` chose (read only when no option or variable names a folder)."""
        from airoadmap import settings

        return settings.read(default_config())

    @cached_property
    def folder(self) -> Path:
        """The curriculum folder: `--curriculum` or $AIROADMAP_CURRICULUM, else the one
        `airoadmap use` chose, else the bundled roadmap."""
        if self.curriculum_option is not None:
            return self.curriculum_option
        return self.defaults.curriculum or bundled_curriculum()

    @cached_property
    def hub_name(self) -> str | None:
        """`--hub` or $AIROADMAP_HUB, else the hub `use` chose with the folder it chose (also
        when `--curriculum` names that same folder)."""
        if self.hub is not None:
            return self.hub
        if self.curriculum_option is not None:
            try:
                chosen = self.defaults
            except AiroadmapError:  # a broken config: the folder given needs none of it
                return None
            same = chosen.curriculum is not None and _same_folder(
                chosen.curriculum, self.curriculum_option
            )
            return chosen.hub if same else None
        return self.defaults.hub

    @cached_property
    def curriculum(self) -> Curriculum:
        from airoadmap.notes.loader import load_curriculum

        return load_curriculum(self.folder, hub=self.hub_name, cache_dir=self.cache_dir)

    @cached_property
    def home(self) -> Path:
        return self.home_option if self.home_option is not None else default_home()

    @cached_property
    def store(self) -> Store:
        return Store(
            self.home,
            self.learner,
            cache_dir=self.cache_dir,
            hub=self.curriculum.hub_id,
            curriculum_ids=self.curriculum,
        )

    @cached_property
    def progress(self) -> Progress:
        return self.store.load()

    def tracker(self, progress: Progress | None = None) -> Tracker:
        return Tracker(self.curriculum, (progress or self.progress).topics)

    def resolve(self, query: str) -> Topic:
        from airoadmap.domain.resolve import resolve

        return resolve(self.curriculum, query)

    @cached_property
    def _now(self) -> datetime:
        real = datetime.now(UTC).replace(microsecond=0)
        setting = os.environ.get(NOW_VARIABLE)
        if not setting:
            return real
        from airoadmap.domain.clock import moment

        return moment(setting, real, source=NOW_VARIABLE)

    def now(self) -> datetime:
        """The command's one moment, in UTC: the clock's, or the one $AIROADMAP_NOW sets."""
        return self._now

    def local_now(self) -> datetime:
        """The same moment in the learner's time zone (whose day decides what is due)."""
        return self._now.astimezone()


def _same_folder(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except (OSError, ValueError):
        return False


def _option(name: str, annotation: Any, default: Any) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


_DATA_OPTIONS = {
    "curriculum": _option("curriculum", CurriculumOpt, None),
    "hub": _option("hub", HubOpt, None),
    "home": _option("home", HomeOpt, None),
    "learner": _option("learner", LearnerOpt, "default"),
    "json": _option("json", JsonOpt, False),
}


_CLICK_CONTEXT = _option("click_context", typer.Context, None)
_BEFORE = ("curriculum", "hub", "home", "learner")


def _before_the_command(click: typer.Context, values: dict[str, Any]) -> None:
    """Take the data options given before the command (`airoadmap -l ada next`); one given
    both before and after it is a usage error."""
    given = click.parent.params if click.parent is not None else {}
    for name in _BEFORE:
        if given.get(name) is None:
            continue
        if name not in values:
            raise typer.BadParameter(
                f"{click.command_path} takes no --{name}", param_hint=f"--{name}"
            )
        source = click.get_parameter_source(name)
        if source is not None and source.name == "COMMANDLINE":
            raise typer.BadParameter(
                "given both before and after the command: keep one", param_hint=f"--{name}"
            )
        value = given[name]
        values[name] = Path(value) if name in {"curriculum", "home"} else value


_NO_PAGER = _option(
    "no_pager",
    Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print all at once, not through $AIROADMAP_PAGER, $PAGER or `less -FRX` "
            "(a pager is only used on a terminal).",
        ),
    ],
    False,
)


def with_context(
    *, learner: bool = True, json: bool = False, pager: bool = False
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Give a command the data options (`--curriculum`, `--hub`, `--home`, and `--learner`
    unless `learner` is false; `--json` when `json`; `--no-pager` when `pager`: its output
    goes through a pager on a terminal), defined once here, and call it with the
    `CommandContext` they choose as its first argument."""
    names = [n for n in _DATA_OPTIONS if (n != "learner" or learner) and (n != "json" or json)]

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        first, *own = inspect.signature(command, eval_str=True).parameters.values()
        assert first.annotation is CommandContext, f"{command.__name__} takes the context first"
        parameters = own + [_DATA_OPTIONS[n] for n in names] + [_CLICK_CONTEXT]
        if pager:
            parameters.append(_NO_PAGER)

        @functools.wraps(command)
        def run(**values: Any) -> None:
            _before_the_command(values.pop("click_context"), values)
            if pager and not values.pop("no_pager") and not values.get("json"):
                from airoadmap.cli import output

                output.start_pager(os.environ.get("AIROADMAP_PAGER", os.environ.get("PAGER")))
            context = CommandContext(
                values.pop("curriculum"),
                values.pop("home"),
                values.pop("learner", "default"),
                values.pop("hub"),
                values.pop("json", False),
            )
            command(context, **values)

        run.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in parameters}
        return run

    return decorate
