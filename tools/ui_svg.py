"""Regenerate docs/ui.svg, the README's picture of `airoadmap ui`: the main screen on the
bundled roadmap, for a demo learner at a pinned moment, drawn headless by Textual.

    python tools/ui_svg.py                   # rewrite docs/ui.svg (100x30)
    python tools/ui_svg.py --size 120x40 -o /tmp/ui.svg

The demo learner (`demo_session`) is also the one the snapshot tests draw
(tests/test_ui_snapshots.py), so the picture is what the tests check."""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # run from a checkout, installed or not

from airoadmap.locations import bundled_curriculum  # noqa: E402
from airoadmap.models import Status  # noqa: E402
from airoadmap.tui.session import Session, Source  # noqa: E402

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
"""The demo's moment: the dates the screen shows are relative to it."""


def demo_session(home: Path) -> Session:
    """A learner `ada` in `home` (no cache: nothing written elsewhere), three weeks in: Python
    and Git done, Linear Algebra begun with a note, Programming Mental Models skipped, and a
    goal; the clock pinned at `NOW`."""
    source = Source(bundled_curriculum(), None, home, "ada", None)
    steps: list[tuple[int, str, Status | str]] = [
        (21, "python", Status.DONE),
        (14, "version-control", Status.DONE),
        (13, "programming-mental-models", Status.SKIPPED),
        (3, "linear-algebra", Status.LEARNING),
        (2, "linear-algebra", "eigenvectors before calculus; 3Blue1Brown first"),
    ]
    session = Session(source, _pinned(NOW))
    curriculum = session.curriculum
    for days, topic, change in steps:
        session = Session(source, _pinned(NOW - timedelta(days=days)), curriculum=curriculum)
        if isinstance(change, Status):
            session.mark(topic, change)
        else:
            session.set_note(topic, change)
    from airoadmap.models import Goal
    from airoadmap.progress import actions

    goal = Goal(targets=("deep-learning",), by="2027-06-30", hours_per_week=6)
    session.store.update(lambda p: actions.set_goal(p, goal, NOW - timedelta(days=1)))
    return Session(source, _pinned(NOW), curriculum=curriculum)


def _pinned(moment: datetime) -> Callable[[], datetime]:
    return lambda: moment


async def screenshot(home: Path, size: tuple[int, int]) -> str:
    """The main screen as SVG, once drawn."""
    from airoadmap.tui.app import RoadmapApp

    app = RoadmapApp(demo_session(home), poll_seconds=3600)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause()
        return app.export_screenshot(title="airoadmap ui")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="100x30", help="COLUMNSxROWS (default 100x30)")
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "ui.svg")
    args = parser.parse_args(argv)
    columns, rows = (int(n) for n in args.size.split("x"))
    with tempfile.TemporaryDirectory(prefix="airoadmap-ui-svg-") as tmp:
        svg = asyncio.run(screenshot(Path(tmp), (columns, rows)))
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(svg, encoding="utf-8")
    print(f"wrote {args.output} ({columns}x{rows})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
