"""Arbitrary input never escapes as a traceback: exit codes 0, 1 and 2, and the tool's errors."""

from __future__ import annotations

from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from airoadmap.cli import app
from airoadmap.errors import StoreError
from airoadmap.store import parse
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


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(command=argv, small=st.booleans())
def test_any_command_line_ends_in_0_1_or_2(
    command: tuple[str, list[str]], small: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    name, args = command
    if small:
        monkeypatch.setenv("AIROADMAP_CURRICULUM", str(SMALL))
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
store_like = st.fixed_dictionaries(
    {"schema": st.one_of(st.just(1), st.integers()), "learner": st.text(max_size=5)},
    optional={
        "topics": st.dictionaries(st.sampled_from(["a", "b"]), toml_values, max_size=2),
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
