from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from airoadmap.notes.links import fold, link_target, slugify


@pytest.mark.parametrize(
    ("name", "slug"),
    [
        ("Inference & Serving Systems", "inference-serving-systems"),
        ("Linear Algebra", "linear-algebra"),
        ("  MLOps ", "mlops"),
        ("snake_case name", "snake-case-name"),
        ("Théorie des graphes", "théorie-des-graphes"),
    ],
)
def test_slugify_makes_ids_from_file_names(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize(
    "link",
    [
        "[[Linear Algebra]]",
        "[[Linear Algebra|linalg]]",
        "[[Linear Algebra#Eigenvectors]]",
        "[[Linear Algebra#^block-1]]",
        "[[math/Linear Algebra]]",
        "[[Linear Algebra.md]]",
        "Linear Algebra",
        "  [[ Linear Algebra ]] ",
    ],
)
def test_every_link_form_names_its_note(link: str) -> None:
    assert link_target(link) == "Linear Algebra"


def test_fold_ignores_case_and_spacing() -> None:
    assert fold("  Linear   ALGEBRA ") == fold("linear algebra")


@given(st.text())
def test_link_parsing_never_raises(text: str) -> None:
    assert isinstance(link_target(text), str)
    assert isinstance(slugify(text), str)
