from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from airoadmap.errors import CurriculumError
from airoadmap.models import Kind
from airoadmap.notes.loader import load_curriculum
from airoadmap.notes.note import MAX_NOTE_BYTES, read_body, read_note
from tests.conftest import SMALL, WriteNote, require


def problems(root: Path) -> list[str]:
    with pytest.raises(CurriculumError) as caught:
        load_curriculum(root)
    return [str(p) for p in caught.value.problems]


# --- the small fixture curriculum -------------------------------------------------------------


def test_small_curriculum_builds_the_tree_in_order() -> None:
    c = load_curriculum(SMALL)
    assert c.hub.id == "roadmap"
    assert [t.id for t in c] == [
        "roadmap",
        "basics",
        "math",
        "linear-algebra",
        "calculus",
        "code",
        "python",
        "applied",
        "models",
        "training",
        "serving",
    ]
    assert [t.id for t in c.children("basics")] == ["math", "code"]
    assert c["math"].title == "Math for Tests"
    assert c["math"].kind is Kind.MAP
    assert c["linear-algebra"].kind is Kind.TOPIC


def test_notes_outside_the_tree_and_hidden_folders_are_ignored_and_counted() -> None:
    c = load_curriculum(SMALL)
    assert "orphan" not in c and "unrelated-note" not in c
    assert c.ignored == 2  # Orphan.md and Unrelated note.md; .obsidian/ is never read


def test_every_link_form_resolves() -> None:
    c = load_curriculum(SMALL)
    assert c["math"].parent == "basics"  # [[Basics|the basics]]
    assert c["linear-algebra"].parent == "math"  # [[Math for Tests#Topics]] by title
    assert c["calculus"].parent == "math"  # bare id
    assert c["code"].parent == "basics"  # [[basics]], any case
    assert c["models"].requires == ("math",)


def test_fields_are_read_and_unknown_keys_ignored() -> None:
    curriculum = load_curriculum(SMALL)
    topic = curriculum["linear-algebra"]
    assert topic.title == "Linear Algebra"
    assert topic.aliases == ("linalg",)  # a string is a one-item list
    assert topic.tags == ("math", "math/linear")
    assert topic.hours == 20
    assert topic.outcomes == ("Multiply matrices",)
    assert topic.resources[0].url == "https://example.org/book"
    assert (
        read_body(curriculum["linear-algebra"].source)
        == "# Linear Algebra\n\nBody of linear algebra."
    )
    assert topic.source == str(SMALL / "Basics" / "Math" / "Linear Algebra.md")


def test_requirements_expand_to_leaves_and_inherit_from_ancestors() -> None:
    c = load_curriculum(SMALL)
    assert c.leaves("basics") == ("linear-algebra", "calculus", "python")
    # Training: its own [[Python]], and Math (all its leaves) from the Models map above it.
    assert c.required_leaves("training") == ["linear-algebra", "calculus", "python"]
    assert c.required_leaves("serving") == ["linear-algebra", "calculus", "training"]
    assert c.required_leaves("models") == ["linear-algebra", "calculus", "python"]
    assert c.unlocks("training") == ["serving"]
    assert c.unlocks("math") == ["training", "serving"]
    assert c.hours("applied") == 13
    assert [t.id for t in c.ancestors("serving")] == ["roadmap", "applied", "models"]


def test_bom_and_crlf_are_accepted(hub_vault: WriteNote) -> None:
    raw = "\ufeff---\r\nup: '[[M]]'\r\nhours: 3\r\n---\r\nBody\r\n".encode()
    vault = hub_vault("T.md", raw=raw)
    c = load_curriculum(vault)
    assert c["t"].hours == 3 and read_body(c["t"].source) == "Body"


def test_unquoted_wikilink_in_yaml_is_read_as_a_link(hub_vault: WriteNote) -> None:
    vault = hub_vault("T.md", "---\nup: [[M]]\nrequires: [[Other]]\n---\n")
    hub_vault("Other.md", "---\nup: [[M]]\n---\n")
    c = load_curriculum(vault)
    assert c["t"].parent == "m" and c["t"].requires == ("other",)


def test_order_then_title_sorts_siblings(hub_vault: WriteNote) -> None:
    for name, order in [("Zeta", None), ("Alpha", None), ("Last", 9), ("First", 1)]:
        line = f"order: {order}\n" if order is not None else ""
        vault = hub_vault(f"{name}.md", f"---\nup: '[[M]]'\n{line}---\n")
    assert [t.title for t in load_curriculum(vault).children("m")] == [
        "First",
        "Last",
        "Alpha",
        "Zeta",
    ]


# --- every error names the file, and the line where there is one ------------------------------


def test_no_hub(write_note: WriteNote) -> None:
    vault = write_note("A.md", "---\ntitle: A\n---\n")
    assert any("no hub" in p for p in problems(vault))


def test_several_hubs(write_note: WriteNote) -> None:
    write_note("A.md", "---\nkind: hub\n---\n")
    vault = write_note("B.md", "---\nkind: hub\n---\n")
    [line] = problems(vault)
    assert "several hubs" in line and "A.md" in line and "B.md" in line


def test_unresolved_link_names_file_line_and_link(hub_vault: WriteNote) -> None:
    vault = hub_vault("T.md", "---\nup: '[[M]]'\nrequires:\n  - '[[Nowhere]]'\n---\n")
    [line] = problems(vault)
    assert line.startswith(f"{vault / 'T.md'}:3:")
    assert "unresolved link '[[Nowhere]]'" in line


def test_ambiguous_link(hub_vault: WriteNote) -> None:
    hub_vault("a/Same.md", "---\nid: same-a\nup: '[[M]]'\n---\n")
    hub_vault("b/Same.md", "---\nid: same-b\nup: '[[M]]'\n---\n")
    vault = hub_vault("T.md", "---\nup: '[[M]]'\nrequires: ['[[Same]]']\n---\n")
    [line] = problems(vault)
    assert "T.md:3" in line and "ambiguous link" in line
    assert "Same.md" in line


def test_duplicate_id(hub_vault: WriteNote) -> None:
    hub_vault("A.md", "---\nid: twin\nup: '[[M]]'\n---\n")
    vault = hub_vault("B.md", "---\nid: twin\nup: '[[M]]'\n---\n")
    lines = problems(vault)
    assert len(lines) == 2
    assert all("duplicate id 'twin'" in line for line in lines)
    assert any(line.startswith(f"{vault / 'A.md'}:2") for line in lines)


def test_a_cycle_in_up_never_reaches_the_hub_and_is_skipped(hub_vault: WriteNote) -> None:
    hub_vault("A.md", "---\nup: '[[B]]'\n---\n")
    vault = hub_vault("B.md", "---\nup: '[[A]]'\n---\n")
    [warning] = [str(w) for w in load_curriculum(vault).warnings]
    assert "skipped, not in the curriculum: cycle in up:" in warning
    assert "a → b → a" in warning or "b → a → b" in warning
    [line] = problems(require(vault, "A"))  # the curriculum requires it: an error
    assert "cycle in up:" in line


def test_cycle_in_requires_is_printed_as_a_cycle(hub_vault: WriteNote) -> None:
    hub_vault("A.md", "---\nup: '[[M]]'\nrequires: ['[[B]]']\n---\n")
    hub_vault("B.md", "---\nup: '[[M]]'\nrequires: ['[[C]]']\n---\n")
    vault = hub_vault("C.md", "---\nup: '[[M]]'\nrequires: ['[[A]]']\n---\n")
    [line] = problems(vault)
    assert "cycle in requires:" in line
    cycle = line.split("cycle in requires: ")[1].split(" → ")
    assert cycle[0] == cycle[-1] and sorted(cycle[:-1]) == ["a", "b", "c"]
    # each step is a real `requires` edge: a → b, b → c, c → a
    edges = {("a", "b"), ("b", "c"), ("c", "a")}
    assert all(step in edges for step in itertools.pairwise(cycle))


def test_requiring_your_own_map_is_a_cycle(hub_vault: WriteNote) -> None:
    hub_vault("M.md", "---\nkind: map\nup: '[[Hub]]'\nrequires: ['[[T]]']\n---\n")
    vault = hub_vault("T.md", "---\nup: '[[M]]'\n---\n")
    [line] = problems(vault)
    assert "cycle in requires: " in line and "m" in line and "t" in line


@pytest.mark.parametrize(
    ("field", "line_number"),
    [
        ("hours: lots", 3),
        ("kind: chapter", 3),
        ("optional: [1, 2]", 3),
        ("resources: 5", 3),
        ("id: Not A Slug", 3),
    ],
)
def test_field_of_the_wrong_type(hub_vault: WriteNote, field: str, line_number: int) -> None:
    vault = hub_vault("T.md", f"---\nup: '[[M]]'\n{field}\n---\n")
    [line] = problems(vault)
    key = field.split(":", maxsplit=1)[0]
    assert line.startswith(f"{vault / 'T.md'}:{line_number}: field '{key}")


def test_resource_needs_a_known_type_and_a_web_url(hub_vault: WriteNote) -> None:
    text = """
    ---
    up: '[[M]]'
    resources:
      - {title: X, url: ftp://x, type: book}
      - {title: Y, url: https://y.org, type: podcast}
    ---
    """
    vault = hub_vault("T.md", text)
    found = problems(vault)
    assert any("field 'resources.0.url'" in p for p in found)
    assert any("field 'resources.1.type'" in p for p in found)


def test_invalid_yaml_names_the_line(hub_vault: WriteNote) -> None:
    vault = hub_vault("T.md", "---\nup: '[[M]]'\nsummary: a: b\n---\n")
    [line] = problems(require(vault, "T"))
    assert line.startswith(f"{vault / 'T.md'}:3: invalid YAML")


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ("date: 2024-02-30", "'2024-02-30' is not a valid timestamp"),
        ("ok: !!bool maybe", "'maybe' is not a valid bool"),
        ("!!int x: 1", "'x' is not a valid int"),
        ("when: !!timestamp soon", "'soon' is not a valid timestamp"),
        ("nested: {a: [1, {b: 2024-13-01}]}", "'2024-13-01' is not a valid timestamp"),
        ("key: {[1, 2]: 3}", "a list or mapping used as a key"),
    ],
)
def test_a_value_its_tag_cannot_hold_is_a_problem_at_its_line(
    hub_vault: WriteNote, entry: str, reason: str
) -> None:
    # A vault's own keys are ignored, but YAML still builds their values: a date that does
    # not exist once stopped every command with a traceback.
    vault = hub_vault("T.md", f"---\nup: '[[M]]'\ntitle: T\n{entry}\n---\n")
    [line] = problems(require(vault, "T"))
    assert line == f"{vault / 'T.md'}:4: invalid YAML frontmatter: {reason}"


def test_unsafe_yaml_tags_are_refused(hub_vault: WriteNote) -> None:
    vault = hub_vault("T.md", "---\nup: !!python/object/apply:os.system ['true']\n---\n")
    [line] = problems(require(vault, "T"))
    assert "T.md:2: invalid YAML" in line


def test_frontmatter_that_is_not_a_mapping(hub_vault: WriteNote) -> None:
    vault = hub_vault("T.md", "---\n- a\n- b\n---\n")
    [line] = problems(require(vault, "T"))
    assert "T.md" in line and "not a mapping" in line


def test_unclosed_frontmatter(hub_vault: WriteNote) -> None:
    vault = hub_vault("T.md", "---\nup: '[[M]]'\n")
    [line] = problems(require(vault, "T"))
    assert "T.md:1" in line and "never closed" in line


def test_not_utf8_names_the_byte_and_line(hub_vault: WriteNote) -> None:
    vault = hub_vault("T.md", raw=b"---\nup: '[[M]]'\ntitle: caf\xe9\n---\n")
    [line] = problems(require(vault, "T"))
    assert line == f"{vault / 'T.md'}:3: not UTF-8: byte 0xe9"


def test_binary_file(hub_vault: WriteNote) -> None:
    vault = hub_vault("T.md", raw=b"\x89PNG\r\n\x1a\n\x00\x00")
    [line] = problems(require(vault, "T"))
    assert "T.md" in line and "binary" in line


def test_note_over_the_size_cap_is_refused_unread(hub_vault: WriteNote) -> None:
    vault = hub_vault("Big.md", "---\nup: '[[M]]'\n---\n" + "x" * MAX_NOTE_BYTES)
    [line] = problems(require(vault, "Big"))
    assert "Big.md" in line and "cap" in line


def test_all_problems_are_collected(hub_vault: WriteNote) -> None:
    hub_vault("A.md", "---\nhours: many\n---\n")
    vault = hub_vault("B.md", raw=b"\xff\xfe")
    found = problems(require(vault, "A", "B"))
    assert len(found) == 2
    assert any("A.md" in p for p in found) and any("B.md" in p for p in found)


def test_missing_folder(tmp_path: Path) -> None:
    [line] = problems(tmp_path / "nope")
    assert "nope" in line and "no such curriculum folder" in line


def test_symlink_out_of_the_folder_is_not_followed(hub_vault: WriteNote, tmp_path: Path) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("---\nup: '[[M]]'\n---\n")
    vault = hub_vault("Inside.md", "---\nup: '[[M]]'\n---\n")
    (vault / "Link.md").symlink_to(outside)
    (vault / "sub").mkdir()
    (vault / "sub" / "Again.md").symlink_to(vault / "Inside.md")  # inside: followed, read once
    c = load_curriculum(vault)
    assert "outside" not in c and "link" not in c and "inside" in c
    assert any("symlink out of the curriculum folder" in str(w) for w in c.warnings)
    assert any("Again.md: the same note as another path" in str(w) for w in c.warnings)


def test_symlink_loops_are_problems(hub_vault: WriteNote) -> None:
    vault = hub_vault("T.md", "---\nup: '[[M]]'\n---\n")
    (vault / "a.md").symlink_to(vault / "b.md")
    (vault / "b.md").symlink_to(vault / "a.md")
    (vault / "sub").mkdir()
    (vault / "sub" / "back").symlink_to(vault)
    found = problems(vault)
    assert any(line.startswith(f"{vault / 'a.md'}: symlink loop") for line in found)
    assert any(line.startswith(f"{vault / 'sub' / 'back'}: symlink loop") for line in found)


@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400))
def test_any_bytes_give_a_note_or_a_curriculum_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "Fuzz.md"
    path.write_bytes(b"---\n" + data)
    try:
        read_note(path)
    except CurriculumError as exc:
        assert all(p.file == path for p in exc.problems)


yaml_values = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(allow_nan=False),
        st.text(max_size=12),
        st.dates(),
    ),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)


@settings(max_examples=300)
@given(data=st.dictionaries(st.text(max_size=10), yaml_values, max_size=6), flow=st.booleans())
def test_the_fast_yaml_construction_equals_pyyamls(data: dict[str, object], flow: bool) -> None:
    import yaml

    from airoadmap.notes.yamlsafe import _FastLoader

    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    assert yaml.load(text, Loader=_FastLoader) == yaml.safe_load(text)


def test_lists_are_read_as_obsidian_reads_them(hub_vault: WriteNote) -> None:
    """Templates leave `aliases:` with an empty item, tags come with or without `#`, one value
    stands for a list of one; none of it is an error."""
    vault = hub_vault(
        "T.md",
        "---\nup: '[[M]]'\naliases:\n  -\n  - ''\n  - la\ntags: ['#math', ai/ml, null]\n"
        "outcomes: One thing\nrequires:\n---\n",
    )
    topic = load_curriculum(vault)["t"]
    assert topic.aliases == ("la",)
    assert topic.tags == ("math", "ai/ml")
    assert topic.outcomes == ("One thing",)
    assert topic.requires == ()


def test_names_that_fold_to_one_id_are_an_error_naming_both(hub_vault: WriteNote) -> None:
    hub_vault("C++.md", "---\nup: '[[M]]'\n---\n")
    vault = hub_vault("C#.md", "---\nup: '[[M]]'\n---\n")
    lines = problems(vault)
    assert len(lines) == 2
    assert any(
        line.startswith(f"{vault / 'C#.md'}: the name 'C#' gives the id 'c', as {vault / 'C++.md'}")
        and "set `id:` in the frontmatter of one of them" in line
        for line in lines
    )
    (vault / "C#.md").write_text("---\nup: '[[M]]'\nid: c-sharp\n---\n")
    assert {t.id for t in load_curriculum(vault)} >= {"c", "c-sharp"}


def test_a_title_holding_a_slash_is_linked_by_its_title(hub_vault: WriteNote) -> None:
    hub_vault(
        "Production - Deployment.md", "---\nup: '[[M]]'\ntitle: Production / Deployment\n---\n"
    )
    hub_vault(
        "Ops/Deploy.md", "---\nup: '[[Ops/Deploy]]'\n---\n"
    )  # a note may not be its own parent
    vault = hub_vault("T.md", "---\nup: '[[Production / Deployment]]'\n---\n")
    (vault / "Ops" / "Deploy.md").write_text("---\nup: '[[folder/M]]'\n---\n")
    curriculum = load_curriculum(vault)
    assert curriculum["t"].parent == "production-deployment"
    assert curriculum["deploy"].parent == "m"  # a path: the note after it
