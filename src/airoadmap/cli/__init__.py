"""The command-line interface: parse, resolve locations, call the core, render."""

from __future__ import annotations

import gc

# Importing the command modules registers their commands, in this order, on `app`.
from airoadmap.cli import browse as _browse  # noqa: F401
from airoadmap.cli import plan as _plan  # noqa: F401
from airoadmap.cli import review as _review  # noqa: F401
from airoadmap.cli import share as _share  # noqa: F401
from airoadmap.cli import study as _study  # noqa: F401
from airoadmap.cli.app import app


def main() -> None:
    # A command runs for well under a second and builds many small objects that live until it
    # exits: cyclic garbage collection would only spend time (about an eighth of a cold load
    # of a 10,000-note vault) finding nothing to free.
    gc.disable()
    app(prog_name="airoadmap")  # also under `python -m airoadmap`


__all__ = ["app", "main"]
