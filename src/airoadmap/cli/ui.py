"""`ui`: the roadmap as a full-screen terminal app (the app itself is `airoadmap.tui`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime

from airoadmap.cli.context import NOW_VARIABLE, CommandContext, with_context
from airoadmap.errors import AiroadmapError


@with_context()
def ui(ctx: CommandContext) -> None:
    """A full-screen app: the tree, the selected topic, and keys to study and review.

    Keys: arrows or j/k/h/l move, / searches, s start, d done, x skip, u undo, e edit the note,
    n next topic, r review, t hide finished, ? help, q quit. Changes are saved at once, as the
    commands save them, and what another shell changes shows within a second.

    Examples:
      airoadmap ui
      airoadmap ui -l ada"""
    from airoadmap.tui.session import Session, Source

    # Read before the screen opens: a broken store or curriculum stops here, with its one line.
    session = Session(
        Source(ctx.folder, ctx.hub_name, ctx.home, ctx.learner, ctx.cache_dir),
        _clock(ctx),
        curriculum=ctx.curriculum,
        progress=ctx.progress,
    )
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise AiroadmapError("ui needs a terminal (for scripts: next, tree, show, done ...)")
    from airoadmap.tui.app import RoadmapApp

    RoadmapApp(session).run()


def _clock(ctx: CommandContext) -> Callable[[], datetime]:
    """The app's clock: $AIROADMAP_NOW's moment when set (as every command's), else the time."""
    if os.environ.get(NOW_VARIABLE):
        return ctx.now
    return lambda: datetime.now(UTC).replace(microsecond=0)
