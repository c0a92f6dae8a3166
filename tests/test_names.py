from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from airoadmap.domain.names import fold, link_target, slugify


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


# A note's name: anything a file name can hold but the characters a wikilink gives a meaning to;
# a name that ends in .md (any case) is a file name, whose .md a link drops.
note_names = st.text(alphabet=st.characters(exclude_characters="[]|#/")).filter(
    lambda name: not name.strip().lower().endswith(".md")
)
no_bracket = st.text(alphabet=st.characters(exclude_characters="]"))
folders = st.text(alphabet=st.characters(exclude_characters="[]|#"))
outside = st.sampled_from(["", " ", "  ", "\t", "\n", " \n\t"])


@given(
    name=note_names,
    label=no_bracket,
    heading=no_bracket,
    folder=folders,
    pad=outside,
    md=st.sampled_from([".md", ".MD", ".Md"]),
)
def test_every_link_form_names_its_note_whatever_the_name(
    name: str, label: str, heading: str, folder: str, pad: str, md: str
) -> None:
    target = name.strip()
    assert link_target(name) == target
    assert link_target(f"{pad}[[{name}]]{pad}") == target
    assert link_target(f"[[{name}{md}]]") == target
    assert link_target(f"[[{name}|{label}]]") == target
    assert link_target(f"[[{name}#{heading}]]") == target
    assert link_target(f"[[{name}#{heading}|{label}]]") == target
    assert link_target(f"[[{folder}/{name}]]") == target
    assert link_target(f"[[{folder}/{name}{md}|{label}]]") == target


@given(st.text())
def test_a_slug_is_lower_case_without_spaces_or_edge_dashes(text: str) -> None:
    slug = slugify(text)
    assert slug == slug.lower()
    assert not any(c.isupper() or c.isspace() for c in slug)
    assert not slug.startswith("-")
    assert not slug.endswith("-")


@pytest.mark.xfail(
    strict=True,
    reason="known: '_' becomes '-' after runs of separators are collapsed, so 'snake__case' "
    "gives 'snake--case', whose slug is 'snake-case'; fixing it changes the ids of such notes, "
    "and so needs a migration of the records keyed by them",
)
@example("snake__case")
@example("a _b")
@given(st.text())
def test_a_slug_is_its_own_slug(text: str) -> None:
    slug = slugify(text)
    assert slugify(slug) == slug


@given(st.text())
def test_fold_is_idempotent_and_single_spaced(text: str) -> None:
    folded = fold(text)
    assert fold(folded) == folded
    assert folded == " ".join(folded.split())


@given(st.text(alphabet=st.characters(max_codepoint=127)))
def test_fold_ignores_ascii_case(text: str) -> None:
    assert fold(text.upper()) == fold(text) == fold(text.lower()) == fold(text.swapcase())
