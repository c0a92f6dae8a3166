from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.resolve import resolve
from airoadmap.errors import ResolveError
from airoadmap.locations import bundled_curriculum
from airoadmap.notes.loader import load_curriculum
from tests.conftest import SMALL, WriteNote

SMALL_CURRICULUM = load_curriculum(SMALL)
BUNDLED = load_curriculum(bundled_curriculum())


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("linear-algebra", "linear-algebra"),  # id
        ("Linear Algebra", "linear-algebra"),  # title
        ("LINEAR ALGEBRA", "linear-algebra"),  # any case
        ("linalg", "linear-algebra"),  # alias
        ("[[Math for Tests]]", "math"),  # a wikilink, as pasted from a note
        ("calc", "calculus"),  # unique prefix
        ("Serv", "serving"),
        ("algebra", "linear-algebra"),  # unique word
        ("for tests", "math"),  # words
    ],
)
def test_resolves_small(query: str, expected: str) -> None:
    assert resolve(SMALL_CURRICULUM, query).id == expected


def test_exact_beats_prefix() -> None:
    # "math" is an id and also a prefix of "maths" (alias) and "math/linear"; exact wins.
    assert resolve(SMALL_CURRICULUM, "math").id == "math"


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("mathematics", "mathematics-for-ai"),
        ("MLOps", "mlops"),
        ("genai", "generative-ai-systems"),
        ("rl", "reinforcement-learning-systems"),
        ("serving", "inference-serving-systems"),
    ],
)
def test_resolves_bundled(query: str, expected: str) -> None:
    assert resolve(BUNDLED, query).id == expected


def test_ambiguous_lists_the_candidates() -> None:
    with pytest.raises(ResolveError) as caught:
        resolve(BUNDLED, "data")
    message = str(caught.value)
    assert "ambiguous" in message
    assert "data-foundations-for-ai (Data Foundations for AI)" in message
    assert message.endswith("more")  # a long list is cut short
    assert "\n" not in message


def test_unknown_suggests_close_names() -> None:
    with pytest.raises(ResolveError) as caught:
        resolve(BUNDLED, "mlpos")
    assert "no topic 'mlpos'" in str(caught.value)
    assert "mlops" in str(caught.value)


def test_unknown_without_anything_close() -> None:
    with pytest.raises(ResolveError, match="no topic 'zzz'"):
        resolve(BUNDLED, "zzz")


def test_empty_name() -> None:
    with pytest.raises(ResolveError, match="no topic given"):
        resolve(BUNDLED, "  ")


@given(st.text(max_size=300))
def test_any_argument_gives_a_topic_or_a_resolve_error(query: str) -> None:
    curriculum: Curriculum = BUNDLED
    try:
        topic = resolve(curriculum, query)
    except ResolveError as exc:
        assert "\n" not in str(exc).replace(query, "")
    else:
        assert topic.id in curriculum


def test_an_exact_id_wins_over_a_title_that_reads_the_same(write_note: WriteNote) -> None:
    write_note("Hub.md", "---\nkind: hub\n---\n")
    write_note("Rag.md", "---\nup: '[[Hub]]'\n---\n")  # id `rag`
    vault = write_note(
        "Retrieval.md", "---\nup: '[[Hub]]'\ntitle: RAG pipelines\naliases: [rag]\n---\n"
    )
    curriculum = load_curriculum(vault)
    assert resolve(curriculum, "rag").id == "rag"
    assert resolve(curriculum, "RAG pipelines").id == "retrieval"
