"""`use`: which curriculum (and hub) every command uses by default."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Annotated

import typer

from airoadmap.cli import output, render
from airoadmap.errors import AiroadmapError
from airoadmap.settings import Defaults


def use(
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="The curriculum folder every command uses from now on.", show_default=False
        ),
    ] = None,
    hub: Annotated[
        str | None,
        typer.Option(
            "--hub",
            metavar="NOTE",
            help="Its hub, when the folder has several (id or title).",
            show_default=False,
        ),
    ] = None,
    bundled: Annotated[
        bool, typer.Option("--bundled", help="Go back to the bundled AI Engineer roadmap.")
    ] = False,
) -> None:
    """Remember which curriculum (and hub) commands use; without DIR, show the one in use.

    `--curriculum` and $AIROADMAP_CURRICULUM (and `--hub`, $AIROADMAP_HUB) still win.

    Examples:
      airoadmap use ~/notes/roadmap --hub "AI Roadmap"
      airoadmap use --bundled"""
    import os

    from airoadmap import settings
    from airoadmap.locations import default_cache, default_config
    from airoadmap.notes.loader import load_curriculum

    config = default_config()
    if directory is None and not bundled:
        if hub is not None:
            raise AiroadmapError("--hub goes with a folder: airoadmap use DIR --hub NOTE")
        output.stdout().print(_in_use(settings.read(config), config, os.environ), markup=False)
        return
    if bundled and (directory is not None or hub is not None):
        raise AiroadmapError("--bundled takes no folder or --hub")
    if bundled:
        settings.write(config, settings.Defaults())
        output.stdout().print("using the bundled AI Engineer roadmap", markup=False)
        return
    assert directory is not None
    folder = directory.expanduser().resolve()
    home = os.environ.get("AIROADMAP_HOME")
    cache = default_cache(Path(home) if home else None)
    loaded = load_curriculum(folder, hub=hub, cache_dir=cache)  # checked before it is recorded
    settings.write(config, settings.Defaults(folder, hub))
    output.stdout().print(
        f"using {folder}: {loaded.hub.title}, {render.count(len(loaded.all_leaves()), 'topic')}"
        " (`airoadmap use --bundled` goes back)",
        markup=False,
    )
    if os.environ.get("AIROADMAP_CURRICULUM"):
        output.warning("$AIROADMAP_CURRICULUM is set, and wins over this while it is")


def _in_use(defaults: Defaults, config: Path, environ: Mapping[str, str]) -> str:
    """Which curriculum commands use, and what decides it."""
    variable = environ.get("AIROADMAP_CURRICULUM")
    if variable:
        return f"curriculum: {variable} (from $AIROADMAP_CURRICULUM, which wins over {config})"
    if defaults.curriculum is None:
        return "curriculum: the bundled AI Engineer roadmap (`airoadmap use DIR` changes it)"
    hub = f", hub {defaults.hub}" if defaults.hub else ""
    if environ.get("AIROADMAP_HUB"):
        hub = f", hub {environ['AIROADMAP_HUB']} (from $AIROADMAP_HUB)"
    return f"curriculum: {defaults.curriculum}{hub} (set in {config})"
