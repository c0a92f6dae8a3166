"""The command-line interface: parse, resolve locations, call the core, render.

The commands live in one module per help panel, listed here in the order a learner meets them;
each module names its panel (`PANEL`) and its commands in order (`COMMANDS`)."""

from __future__ import annotations

import gc

from airoadmap.cli import browse, curricula, progress, review, study, use
from airoadmap.cli.app import app

GROUPS = (study, review, browse, progress, use, curricula)


def _register() -> None:
    for group in GROUPS:
        for name, command in group.COMMANDS.items():
            app.command(name, rich_help_panel=group.PANEL)(command)


_register()


def main() -> None:
    # A command runs for well under a second and builds many small objects that live until it
    # exits: cyclic garbage collection would only spend time (about an eighth of a cold load
    # of a 10,000-note vault) finding nothing to free.
    gc.disable()
    app(prog_name="airoadmap")  # also under `python -m airoadmap`


__all__ = ["app", "main"]
