"""Snapshots of `airoadmap ui`'s main screen (pytest-textual-snapshot), at 80x24 and 120x40: the
demo learner of tools/ui_svg.py (the README's picture) at a pinned moment, so every run draws
the same screen. After a deliberate change to the screen: `pytest tests/test_ui_snapshots.py
--snapshot-update`, and look at the SVGs under tests/__snapshots__/ before committing them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tools.ui_svg import demo_session

from airoadmap.tui.app import RoadmapApp


@pytest.fixture
def demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> RoadmapApp:
    monkeypatch.delenv("NO_COLOR")  # the snapshots keep the colours a terminal shows
    return RoadmapApp(demo_session(tmp_path / "home"), poll_seconds=3600)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_main_screen(
    snap_compare: Callable[..., bool], demo: RoadmapApp, size: tuple[int, int]
) -> None:
    assert snap_compare(demo, terminal_size=size)


def test_the_review_session(snap_compare: Callable[..., bool], demo: RoadmapApp) -> None:
    async def reviewing(pilot: Any) -> None:
        await pilot.press("r")
        await pilot.pause()

    assert snap_compare(demo, terminal_size=(100, 30), run_before=reviewing)
