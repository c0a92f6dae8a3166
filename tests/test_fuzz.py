"""Arbitrary input never escapes as a traceback: exit codes 0, 1 and 2, and the tool's errors."""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from airoadmap.cli import app
from airoadmap.domain import reviews
from airoadmap.errors import StoreError
from airoadmap.models import Rating
from airoadmap.progress.store import parse
from tests.conftest import SMALL

COMMANDS = [
    "tree",
    "list",
    "show",
    "start",
    "done",
    "skip",
    "reset",
    "undo",
    "note",
    "next",
    "path",
    "stats",
    "log",
    "learners",
    "validate",
    "review",
    "import",
    "use",
]
FLAGS = [
    "--json",
    "--yes",
    "--all",
    "--clear",
    "--ready",
    "--blocked",
    "-n",
    "--depth",
    "--under",
    "--kind",
    "--status",
    "-l",
    "--learner",
    "--session",
    "--bundled",
    "--rating",
    "-r",
]

# Free text: any Unicode (control characters and lone surrogates included), sometimes huge;
# never an option-looking word or a path that would walk the whole disk.
free_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(exclude_categories=()), max_size=20),  # surrogates too
    st.sampled_from(
        [
            "mathematics",
            "linalg",
            "data",
            "",
            " ",
            "\x00",
            "\udcff",
            "a\udcffb",
            "x" * 100_000,
            "ü" * 5000,
            "0",
            "-1",
            "99999999999999999999",
            "todo",
            "map",
            "[[Python]]",
            "\x1b]0;title\x07",
        ]
    ),
).filter(lambda s: not s.startswith("-") and "/" not in s and s.strip(".") != "")

argv = st.tuples(
    st.sampled_from(COMMANDS),
    st.lists(st.one_of(free_text, st.sampled_from(FLAGS)), max_size=5),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(command=argv, small=st.booleans())
def test_any_command_line_ends_in_0_1_or_2(command: tuple[str, list[str]], small: bool) -> None:
    name, args = command
    # Each example starts from nothing: its own empty home and working directory, so that a
    # failure found here reproduces alone (hypothesis forbids function-scoped fixtures here).
    with tempfile.TemporaryDirectory() as folder, pytest.MonkeyPatch.context() as patch:
        home = Path(folder) / "home"
        work = Path(folder) / "work"
        work.mkdir()
        patch.chdir(work)
        patch.setenv("AIROADMAP_HOME", str(home))
        patch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
        patch.setenv("XDG_CACHE_HOME", str(home / "xdg-cache"))
        patch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
        if small:
            patch.setenv("AIROADMAP_CURRICULUM", str(SMALL))
        else:
            patch.delenv("AIROADMAP_CURRICULUM", raising=False)
        result = CliRunner().invoke(app, [name, *args], input="")
    assert result.exit_code in {0, 1, 2}, (name, args, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        name,
        args,
        result.exception,
    )
    if result.exit_code == 1:
        assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [
        ["validate", "a\x00b"],
        ["init", "a\x00b"],
        ["import", "a\x00b"],
        ["export", "-o", "a\x00b"],
        ["tree", "--curriculum", "a\x00b"],
        ["next", "--home", "a\x00b"],
    ],
)
def test_a_nul_in_a_path_is_a_usage_error(args: list[str]) -> None:
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "a path cannot contain a NUL byte" in result.output


NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)

toml_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.text(max_size=10),
        st.datetimes(),
        st.floats(allow_nan=False),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
# Records that look right, with a review card that may be right, or out of any range.
extreme_times = st.one_of(
    st.datetimes(timezones=st.sampled_from([UTC, timezone(timedelta(hours=14))])),
    st.sampled_from(
        [
            datetime.min.replace(tzinfo=timezone(timedelta(hours=14))),
            datetime.max.replace(tzinfo=UTC),
            datetime(8999, 12, 31, 23, 59, tzinfo=UTC),
            datetime(1000, 1, 1, tzinfo=UTC),
            datetime(1999, 12, 31, 23, 59, tzinfo=timezone(timedelta(hours=-12))),
        ]
    ),
)
card_like = st.fixed_dictionaries(
    {},
    optional={
        "due": extreme_times,
        "last_review": extreme_times,
        "stability": st.floats(allow_nan=False),
        "difficulty": st.floats(allow_nan=False),
        "state": st.sampled_from(["learning", "review", "relearning", "lost"]),
        "step": st.integers(),
    },
)
record_like = st.fixed_dictionaries(
    {},
    optional={
        "status": st.sampled_from(["done", "learning", "skipped", "todo"]),
        "started": extreme_times,
        "finished": extreme_times,
        "card": st.one_of(card_like, toml_values),
    },
)
store_like = st.fixed_dictionaries(
    {"schema": st.one_of(st.just(1), st.integers()), "learner": st.text(max_size=5)},
    optional={
        "topics": st.dictionaries(
            st.sampled_from(["a", "b"]), st.one_of(toml_values, record_like), max_size=2
        ),
        "log": st.lists(toml_values, max_size=2),
        "extra": toml_values,
    },
)


def _drop_none(value: object) -> object:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_drop_none(v) for v in value if v is not None]
    return value


@settings(max_examples=300, deadline=None)
@given(
    data=st.one_of(
        st.binary(max_size=300), store_like.map(lambda d: tomli_w.dumps(_drop_none(d)).encode())
    )
)  # type: ignore[arg-type]
def test_any_bytes_give_a_store_or_a_store_error(data: bytes) -> None:
    try:
        progress = parse(data, Path("fuzz.toml"))
    except StoreError as exc:
        assert str(exc).startswith("fuzz.toml: ")
    else:
        for record in progress.topics.values():  # whatever loads is usable
            assert record.effective.value in {"todo", "learning", "done", "skipped"}
            card = reviews.card_of(record)  # and can be reviewed, if it is done
            if card is not None:
                assert 0 <= reviews.retrievability(card, NOW) <= 1
                reviews.is_due(card, NOW)
                assert reviews.rate(card, Rating.GOOD, NOW).last_review == NOW


@settings(max_examples=200, deadline=None)
@given(
    record=st.fixed_dictionaries(
        {"status": st.just("done"), "finished": extreme_times},
        optional={"started": extreme_times, "card": card_like},
    ),
    zone=st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))]),
)
def test_any_done_record_a_store_accepts_can_be_reviewed(
    record: dict[str, object], zone: timezone
) -> None:
    """Whatever times a hand-edited store holds, reading it either names the field or gives
    records that can be listed and reviewed in any time zone: never an overflow."""
    data = tomli_w.dumps({"schema": 1, "learner": "ada", "topics": {"x": record}}).encode()
    try:
        progress = parse(data, Path("fuzz.toml"))
    except StoreError as exc:
        assert str(exc).startswith("fuzz.toml: field 'topics.x.")
        return
    card = reviews.card_of(progress.topics["x"])
    assert card is not None
    now = NOW.astimezone(zone)
    reviews.is_due(card, now)
    assert 0 <= reviews.retrievability(card, now) <= 1
    assert reviews.rate(card, Rating.AGAIN, now).due > now
