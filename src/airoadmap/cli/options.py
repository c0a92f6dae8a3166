"""Options shared by every command, and where their values come from (option, env, default)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from airoadmap.curriculum import Curriculum
from airoadmap.loader import load_curriculum
from airoadmap.locations import bundled_curriculum

CurriculumOpt = Annotated[
    Path | None,
    typer.Option(
        "--curriculum",
        "-c",
        envvar="AIROADMAP_CURRICULUM",
        metavar="DIR",
        help="Folder of Markdown notes to use [default: the bundled AI Engineer roadmap].",
        show_default=False,
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document instead.")]


def curriculum_dir(option: Path | None) -> Path:
    return option if option is not None else bundled_curriculum()


def open_curriculum(option: Path | None) -> Curriculum:
    return load_curriculum(curriculum_dir(option))
