"""Tests in several time zones: days (what is due today, the streak) are the learner's local
days, which a test pinned to UTC cannot tell from UTC days.

A test takes the `zone` fixture and runs once per zone in `ZONES`, with TZ set to it. The
fixture returns the zone, for building local moments: `datetime(2026, 11, 28, 21, tzinfo=zone)`.
Its module imports it as `from tests.zones import fixture_zone  # noqa: F401`: the function is
named apart from the fixture, so that a test's `zone` argument shadows no import (ruff F811).

Autouse fixtures run before the fixtures a test requests, so `zone` overrides the TZ=UTC that
conftest's `_isolated` sets (tests/test_streak.py checks that)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest

ZONES = ["UTC", "America/Los_Angeles", "Pacific/Kiritimati"]
"""UTC; UTC-8 in winter, UTC-7 in summer (its evenings are the next day in UTC); UTC+14 (its
mornings are the day before in UTC)."""


@contextmanager
def local_zone(name: str) -> Iterator[ZoneInfo]:
    """TZ set to `name` (and the C library told) for the block; afterwards TZ is as it was, and
    the C library told again."""
    try:
        with pytest.MonkeyPatch.context() as patch:
            patch.setenv("TZ", name)
            time.tzset()
            yield ZoneInfo(name)
    finally:
        time.tzset()


@pytest.fixture(name="zone", params=ZONES)
def fixture_zone(request: pytest.FixtureRequest) -> Iterator[ZoneInfo]:
    """The learner's time zone, each of `ZONES` in turn: TZ is set to it for the test."""
    with local_zone(request.param) as found:
        yield found
