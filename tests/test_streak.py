"""The streak through the CLI, in the learner's own days, in zones where evenings or mornings
fall on another day in UTC; and the `zone` fixture these tests run under."""

from __future__ import annotations

import json
import os
import time
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from tests.conftest import run
from tests.zones import fixture_zone, local_zone  # noqa: F401


def at(monkeypatch: pytest.MonkeyPatch, moment: datetime) -> None:
    """Set "now" to `moment`, as ISO 8601 with its zone's offset (2026-11-27T21:30:00-08:00)."""
    assert moment.utcoffset() is not None
    monkeypatch.setenv("AIROADMAP_NOW", moment.isoformat())


def streak(runner: CliRunner) -> tuple[int, str]:
    """The streak as `stats --json` gives it, and the line of `stats` that tells it."""
    days = json.loads(run(runner, "stats", "--json")[1])["streak_days"]
    [line] = [line for line in run(runner, "stats")[1].splitlines() if "streak: " in line]
    return days, line


def study(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, first: datetime) -> None:
    """Linear Algebra done at `first` on the 27th, Probability at 21:30 the next evening."""
    at(monkeypatch, first)
    run(runner, "done", "linear-algebra")
    at(monkeypatch, datetime(2026, 11, 28, 21, 30, tzinfo=first.tzinfo))
    run(runner, "done", "probability")


def streak_at(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, moment: datetime
) -> tuple[int, str]:
    at(monkeypatch, moment)
    return streak(runner)


def test_two_evenings_in_a_row_are_a_streak_of_two_days(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, zone: ZoneInfo
) -> None:
    """21:30 on the 27th and on the 28th: in Los Angeles both are the next day in UTC, and at
    UTC+14 the mornings after are the day before in UTC. The streak counts local days."""
    study(runner, monkeypatch, datetime(2026, 11, 27, 21, 30, tzinfo=zone))

    days, line = streak_at(runner, monkeypatch, datetime(2026, 11, 28, 22, 0, tzinfo=zone))
    assert days == 2
    assert "streak: 2 days" in line

    # nothing yet today
    days, line = streak_at(runner, monkeypatch, datetime(2026, 11, 29, 9, 0, tzinfo=zone))
    assert days == 2
    assert "streak: 2 days" in line

    # the 29th went by without
    days, line = streak_at(runner, monkeypatch, datetime(2026, 11, 30, 9, 0, tzinfo=zone))
    assert days == 0
    assert "streak: 0 days" in line


def test_a_morning_and_the_next_evening_are_a_streak_of_two_days(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, zone: ZoneInfo
) -> None:
    """10:00 on the 27th and 21:30 on the 28th: in Los Angeles those are the 27th and the 29th
    in UTC, at UTC+14 the 26th and the 28th, so UTC days give a streak of 1 where the learner
    studied two days running."""
    study(runner, monkeypatch, datetime(2026, 11, 27, 10, 0, tzinfo=zone))
    days, line = streak_at(runner, monkeypatch, datetime(2026, 11, 28, 22, 0, tzinfo=zone))
    assert days == 2
    assert "streak: 2 days" in line


def test_the_zone_fixture_runs_after_the_isolated_one(zone: ZoneInfo) -> None:
    """conftest's autouse `_isolated` sets TZ=UTC; `zone`, requested, runs after it and wins."""
    assert os.environ["TZ"] == str(zone)
    moment = datetime(2026, 11, 28, 12, 0, tzinfo=UTC)
    assert moment.astimezone().utcoffset() == moment.astimezone(zone).utcoffset()


def test_a_zone_is_undone_after_its_block() -> None:
    moment = datetime(2026, 11, 28, 12, 0, tzinfo=UTC).timestamp()
    assert os.environ["TZ"] == "UTC"
    with local_zone("Pacific/Kiritimati") as kiritimati:
        assert str(kiritimati) == "Pacific/Kiritimati"
        assert time.localtime(moment).tm_gmtoff == 14 * 3600
        with local_zone("America/Los_Angeles"):
            assert time.localtime(moment).tm_gmtoff == -8 * 3600
        assert os.environ["TZ"] == "Pacific/Kiritimati"
        assert time.localtime(moment).tm_gmtoff == 14 * 3600
    assert os.environ["TZ"] == "UTC"
    assert time.localtime(moment).tm_gmtoff == 0
