"""Hypothesis strategies shared by the tests of the store and of reviews."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from airoadmap.models import Card, CardState

# Times as a store keeps them: UTC, whole seconds, inside the range it accepts.
store_times = st.datetimes(
    min_value=datetime(1990, 1, 1), max_value=datetime(2300, 1, 1), timezones=st.just(UTC)
).map(lambda m: m.replace(microsecond=0))

cards = st.builds(
    Card,
    due=store_times,
    last_review=store_times,
    stability=st.floats(min_value=0.001, max_value=36500),
    difficulty=st.floats(min_value=1, max_value=10),
    state=st.sampled_from(CardState),
    step=st.none() | st.integers(min_value=0, max_value=9),
)
