"""Hypothesis strategies shared by the tests of the store, its cache and reviews."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import strategies as st

from airoadmap.domain.names import check_name
from airoadmap.models import (
    BUNDLED_HUB,
    Card,
    CardState,
    LogEntry,
    Progress,
    Rating,
    Record,
    Status,
)

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

# Records, log entries and whole progress as a store may hold them.
text_ = st.text(max_size=12)  # control characters, quotes, backslashes, any Unicode
unknown_keys = st.dictionaries(
    st.text(min_size=1, max_size=6).filter(
        lambda k: k not in {"status", "started", "finished", "note", "card"}
    ),
    st.one_of(st.integers(), text_, st.booleans(), st.lists(st.integers(), max_size=2)),
    max_size=2,
)
store_unknown_keys = unknown_keys.filter(  # beside `schema`, `learner`, `hubs`, `log`
    lambda keys: not keys.keys() & {"schema", "learner", "hubs", "topics", "log"}
)
records = st.builds(
    Record,
    status=st.none() | st.sampled_from([Status.LEARNING, Status.DONE, Status.SKIPPED]),
    started=st.none() | store_times,
    finished=st.none() | store_times,
    note=st.none() | text_,
    extra=st.one_of(st.just({}), unknown_keys),
    card=st.none() | cards,
)


def _is_name(text: str) -> bool:
    try:
        check_name(text)
    except ValueError:
        return False
    return True


# Ids as notes give them (slugs, or any printable name); a store refuses others (`check_name`).
topic_ids = st.one_of(
    st.from_regex(r"[a-z0-9][a-z0-9.-]{0,10}", fullmatch=True), text_.filter(_is_name)
)
log_entries = st.builds(
    LogEntry,
    at=store_times,
    action=st.sampled_from(["done", "start", "review", "reset"]),
    targets=st.lists(topic_ids, max_size=3),
    topics=st.lists(topic_ids, max_size=3),
    before=st.dictionaries(topic_ids, records, max_size=2),
    rating=st.none() | st.sampled_from(Rating),
    hub=st.just(BUNDLED_HUB),  # the hub of the progress they are in, as a store's view has it
)
progresses = st.builds(
    Progress,
    learner=st.just("ada"),
    topics=st.dictionaries(topic_ids, records, max_size=6),
    log=st.lists(log_entries, max_size=3),
    extra=st.one_of(st.just({}), st.just({"settings": {"goal": "rag", "hours": 6}})),
)
