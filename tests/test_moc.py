"""Map-of-content curricula, read in place (issue 13, point 1): a plain note named by `--hub` is
the hub, its links are maps grouped into areas by its headings and list labels, a map note's
links are its topics, and only the notes reached from the hub are read.

Everything goes through the CLI, as a learner uses it. The contract assumed:
- `tree -c VAULT --hub HUB --json`: the hub, each node with `id`, `title`, `kind`, `path` and
  `children` (areas under the hub, maps under areas, topics under maps);
- `list ... --json`: the leaf topics with `title`, `kind`, `status`, `hours`, `requires`,
  `optional`, `path`; `--blocked` only those waiting on a requirement;
- `next ... --json`: the ready topics, best first; `show TOPIC --json`: adds `summary` and
  `source` (the note's path, `null` for a link to a note not yet written);
- `done TOPIC` on a map prints "<map>: <n> topics done"; `validate VAULT --hub HUB` exits 0 and
  warns on stderr about what it skipped, `--all-notes` naming each unreadable note.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.conftest import WriteNote, run
from tests.vaults import IssueVault, MocVault, issue_vault, moc_vault

Node = dict[str, Any]


# --- helpers --------------------------------------------------------------------------------------


def tree(runner: CliRunner, vault: Path, hub: str) -> Node:
    _, out, _ = run(runner, "tree", "-c", str(vault), "--hub", hub, "--json")
    root: Node = json.loads(out)
    return root


def nodes(node: Node) -> Iterator[Node]:
    yield node
    for child in node["children"]:
        yield from nodes(child)


def titles(node: Node) -> list[str]:
    return [n["title"] for n in nodes(node)]


def find(root: Node, title: str) -> Node:
    """The one node titled `title` (a note is placed once, wherever it is linked from)."""
    found = [n for n in nodes(root) if n["title"] == title]
    assert len(found) == 1, f"{title!r}: {len(found)} nodes"
    return found[0]


def leaves(node: Node) -> list[str]:
    """The titles of the leaves under `node`, in tree order (whatever groups lie between)."""
    return [n["title"] for n in nodes(node) if not n["children"] and n is not node]


def areas(root: Node) -> dict[str, list[str]]:
    """The hub's areas, in order, each with its children's titles."""
    return {
        a["title"]: [c["title"] for c in a["children"]]
        for a in root["children"]
        if a["kind"] == "area"
    }


def listed(runner: CliRunner, vault: Path, hub: str, *options: str) -> dict[str, Node]:
    _, out, _ = run(runner, "list", "-c", str(vault), "--hub", hub, "--json", *options)
    return {t["title"]: t for t in json.loads(out)}


def show(runner: CliRunner, vault: Path, hub: str, topic: str) -> Node:
    _, out, _ = run(runner, "show", "-c", str(vault), "--hub", hub, topic, "--json")
    shown: Node = json.loads(out)
    return shown


def suggested(runner: CliRunner, vault: Path, hub: str) -> list[Node]:
    _, out, _ = run(runner, "next", "-c", str(vault), "--hub", hub, "--json")
    ranked: list[Node] = json.loads(out)
    return ranked


# Which files a command opens: an audit hook, installed once, that records only while asked to.
_OPENED: list[list[str]] = []
_HOOKED: list[bool] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _OPENED and event == "open" and isinstance(args[0], str | bytes | os.PathLike):
        _OPENED[-1].append(os.fsdecode(args[0]))


@contextmanager
def files_opened() -> Iterator[set[Path]]:
    """The files (resolved) that the code run inside the block opens (`open`, `os.open`,
    `Path.read_*`: every call that raises the `open` audit event)."""
    if not _HOOKED:
        sys.addaudithook(_audit)  # for the rest of the session; it does nothing when not asked
        _HOOKED.append(True)
    paths: set[Path] = set()
    _OPENED.append([])
    try:
        yield paths
    finally:
        paths.update(Path(p).resolve() for p in _OPENED.pop())


# --- the issue's vault ("Done when") --------------------------------------------------------------


@pytest.fixture
def issue(tmp_path: Path) -> IssueVault:
    return issue_vault(tmp_path / "vault")


def test_tree_shows_the_five_areas_every_map_and_the_map_notes_topics(
    runner: CliRunner, issue: IssueVault
) -> None:
    _, out, err = run(runner, "tree", "-c", str(issue.root), "--hub", issue.hub)
    shown = [*issue.areas, *issue.maps, *(t for ts in issue.topics.values() for t in ts)]
    assert [title for title in shown if title not in out] == []
    assert not [p.name for p in issue.junk if p.name in out + err]

    root = tree(runner, issue.root, issue.hub)
    assert (root["title"], root["kind"]) == ("AI Engineer", "hub")
    # Five areas in the order they first appear; none for `**Links / Tags:**`, `Relevance Links`
    # (labels holding only labels) or `4. Foundations (must-have)` (only a link listed before).
    assert [(c["title"], c["kind"]) for c in root["children"]] == [
        (area, "area") for area in issue.areas
    ]
    assert areas(root) == issue.areas
    for title, topics in issue.topics.items():
        map_ = find(root, title)
        assert map_["kind"] == "map"
        assert leaves(map_) == topics, title
        assert {find(root, t)["kind"] for t in topics} == {"topic"}
    for title in set(issue.maps) - set(issue.topics):  # linked maps with no note yet
        assert find(root, title)["children"] == []
    every = titles(root)
    assert len(every) == len(set(every))
    for not_a_node in ("Convex Analysis", "Links / Tags", "Relevance Links", "Note Type", "Up"):
        assert not_a_node not in every
    assert "Foundations (must-have)" not in every and every.count("AI Engineer") == 1


def test_summaries_hours_and_requirements_of_the_issues_vault(
    runner: CliRunner, issue: IssueVault
) -> None:
    def summary(topic: str) -> str | None:
        value: str | None = show(runner, issue.root, issue.hub, topic)["summary"]
        return value

    # where a link is listed twice, its first place gives the summary
    assert summary("Mathematics for AI") == "math needed for ML/DL (linear algebra, calculus)"
    assert summary("Model Lifecycle for AI Systems") == (
        "training → validation → deployment → monitoring"
    )
    assert summary("Inference & Serving Systems") == "batching, latency, throughput, cost"
    assert summary("Drift Detection") == "data drift, concept drift, alerts"
    assert summary("Information Theory") == "entropy, cross-entropy, KL divergence"
    topics = listed(runner, issue.root, issue.hub)
    assert topics["Linear Algebra"]["hours"] == 12  # hours:: 12
    assert (topics["Calculus"]["hours"], topics["Calculus"]["requires"]) == (20, ["linear-algebra"])
    assert (topics["Embeddings"]["hours"], topics["Embeddings"]["requires"]) == (
        6,
        ["tokenization"],
    )
    blocked = listed(runner, issue.root, issue.hub, "--blocked")
    assert set(blocked) == {"Calculus", "Embeddings"}


def test_done_mathematics_marks_mathematics_for_ais_topics(
    runner: CliRunner, issue: IssueVault
) -> None:
    _, out, _ = run(runner, "done", "-c", str(issue.root), "--hub", issue.hub, "mathematics")
    math = issue.topics["Mathematics for AI"]
    assert out.strip() == f"Mathematics for AI: {len(math)} topics done"
    status = {t: row["status"] for t, row in listed(runner, issue.root, issue.hub).items()}
    assert {t for t, s in status.items() if s == "done"} == set(math)
    assert set(status.values()) == {"done", "todo"}
    assert show(runner, issue.root, issue.hub, "mathematics")["status"] == "done"


def test_next_suggests_topics(runner: CliRunner, issue: IssueVault) -> None:
    ranked = suggested(runner, issue.root, issue.hub)
    assert ranked, "nothing suggested"
    first = ranked[0]
    assert (first["title"], first["kind"], first["status"]) == ("Linear Algebra", "topic", "todo")
    assert first["path"][0] == "ai-engineer" and first["reason"].startswith("ready")
    assert "Calculus" not in [t["title"] for t in ranked]  # it waits on Linear Algebra
    run(runner, "done", "-c", str(issue.root), "--hub", issue.hub, "Linear Algebra")
    ranked = suggested(runner, issue.root, issue.hub)
    assert ranked[0]["title"] == "Calculus"
    run(runner, "done", "-c", str(issue.root), "--hub", issue.hub, "mathematics")
    ranked = suggested(runner, issue.root, issue.hub)
    assert ranked and all(t["status"] == "todo" for t in ranked)
    assert not [t["title"] for t in ranked if "mathematics-for-ai" in t["path"]]


def test_after_use_plain_next_reads_the_vault(runner: CliRunner, issue: IssueVault) -> None:
    run(runner, "use", str(issue.root), "--hub", issue.hub)
    _, out, _ = run(runner, "next", "--json")
    first = json.loads(out)[0]
    assert first["title"] == "Linear Algebra" and first["path"][:2] == [
        "ai-engineer",
        "foundations",
    ]
    run(runner, "done", "mathematics")  # the vault's map, not the bundled roadmap's
    _, out, _ = run(runner, "show", "calculus", "--json")
    shown = json.loads(out)
    assert shown["status"] == "done" and shown["source"].startswith(str(issue.root))
    run(runner, "use", "--bundled")
    _, out, _ = run(runner, "show", "calculus", "--json")
    assert not json.loads(out)["source"].startswith(str(issue.root))


def test_validate_passes_and_warns_about_what_it_skipped(
    runner: CliRunner, issue: IssueVault
) -> None:
    code, out, err = run(runner, "validate", str(issue.root), "--hub", issue.hub)
    assert code == 0 and str(issue.root) in out
    warnings = err.strip().splitlines()
    assert warnings and all(line.startswith("warning:") for line in warnings), err
    assert "skipped" in err
    _, _, err = run(runner, "validate", str(issue.root), "--hub", issue.hub, "--all-notes")
    for note in issue.junk:
        assert str(note) in err, note.name
    for note in issue.other:  # readable: nothing to say about them
        assert str(note) not in err


def test_a_topic_with_no_note_yet_can_be_tracked(runner: CliRunner, issue: IssueVault) -> None:
    vault, hub = issue.root, issue.hub
    registry = show(runner, vault, hub, "Model Registry")
    assert (registry["kind"], registry["source"]) == ("topic", None)
    assert "mlops" in registry["path"] and registry["path"][0] == "ai-engineer"
    written = show(runner, vault, hub, "Docker for ML")
    assert Path(written["source"]).resolve() == (vault / "Topics/Docker for ML.md").resolve()
    run(runner, "start", "-c", str(vault), "--hub", hub, "Model Registry")
    assert listed(runner, vault, hub)["Model Registry"]["status"] == "learning"
    run(runner, "done", "-c", str(vault), "--hub", hub, "Model Registry")
    assert listed(runner, vault, hub)["Model Registry"]["status"] == "done"
    assert show(runner, vault, hub, "mlops")["status"] == "learning"  # 1 of its 4 topics done


def test_the_issues_vault_reads_only_what_the_hub_reaches(
    runner: CliRunner, issue: IssueVault
) -> None:
    with files_opened() as opened:
        tree(runner, issue.root, issue.hub)
        suggested(runner, issue.root, issue.hub)
    vault = issue.root.resolve()
    assert (vault / "AI Engineer.md") in opened  # the hook sees the loader's reads
    assert (vault / "Topics/Calculus.md") in opened
    for note in (*issue.junk, *issue.other):
        assert note.resolve() not in opened, note.name


# --- a community MOC vault ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def community(tmp_path_factory: pytest.TempPathFactory) -> MocVault:
    return moc_vault(tmp_path_factory.mktemp("obsidian-hub") / "vault", notes=3000)


def test_a_moc_vault_loads_from_its_top_moc(runner: CliRunner, community: MocVault) -> None:
    root = tree(runner, community.root, community.hub)
    assert (root["title"], root["kind"]) == ("community-vault", "hub")
    # the top MOC's index is under its heading `## MOC`; the link in its prose hangs from it
    assert areas(root) == {"MOC": community.sections}
    assert find(root, "00 - Start here")["path"] == [root["id"]]
    for section in community.sections:
        assert find(root, section)["kind"] == "map"
    for sub in ("🗂️ People", "🗂️ Events", "🗂️ Plugins", "🗂️ Templates", "🗂️ Guides"):
        assert find(root, sub)["kind"] == "map", sub  # tags MOC, #MOC, `tags: moc`
    assert find(root, "🗂️ Languages")["kind"] == "map"
    courses = find(root, "🗂️ Courses")  # tagged seedling: a topic; its link is not followed
    assert (courses["kind"], courses["children"]) == ("topic", [])
    every = titles(root)
    assert len(every) == len(set(every))
    assert not community.not_structure & set(every)
    assert not [t for t in every if t.startswith(("Clipping ", "🗂️ Old index", "20"))]
    assert set(leaves(find(root, community.section))) == community.section_notes
    assert len(leaves(root)) == len(listed(runner, community.root, community.hub))


def test_a_moc_vault_validates(runner: CliRunner, community: MocVault) -> None:
    code, _, err = run(runner, "validate", str(community.root), "--hub", community.hub)
    assert code == 0
    assert "error" not in err


def test_marking_a_section_moc_done_marks_its_notes(runner: CliRunner, community: MocVault) -> None:
    vault, hub, section = community.root, community.hub, community.section
    _, out, _ = run(runner, "done", "-c", str(vault), "--hub", hub, section, "--yes")
    assert out.strip() == f"{section}: {len(community.section_notes)} topics done"
    status = {t: row["status"] for t, row in listed(runner, vault, hub).items()}
    assert {t for t, s in status.items() if s == "done"} == community.section_notes
    assert show(runner, vault, hub, "Online Courses")["title"] == "🗂️ Courses"  # an alias
    assert show(runner, vault, hub, "Sprachen")["title"] == "🗂️ Languages"


# --- one small vault per rule ---------------------------------------------------------------------


def test_an_area_is_the_innermost_heading_or_label_numbering_stripped(
    runner: CliRunner, write_note: WriteNote
) -> None:
    vault = write_note(
        "Hub.md",
        """
        # Roadmap

        ## 1. First Area
        - [[A1]]
        - Sub Label:
        \t- [[A2]]
        - [[A3]]

        ## 10) Second Area
        **3. Bold Label**
        - [[B1]]

        ### Deeper
        * [[C1]]
          * [[C2]]
        """,
    )
    root = tree(runner, vault, "Hub")
    assert areas(root) == {
        "First Area": ["A1", "A3"],
        "Sub Label": ["A2"],
        "Bold Label": ["B1"],
        "Deeper": ["C1", "C2"],
    }
    assert [c["title"] for c in root["children"]] == list(areas(root))


def test_a_label_that_holds_only_labels_is_no_area(
    runner: CliRunner, write_note: WriteNote
) -> None:
    vault = write_note(
        "Hub.md",
        """
        **Note Type:**
        #map

        **Links / Tags:**
        - **Relevance Links:**
            - Foundations:
        \t    - [[M1]] — first
        \t- **Data**
        \t    - [[M2]]
        """,
    )
    root = tree(runner, vault, "Hub")
    assert [(c["title"], c["kind"]) for c in root["children"]] == [
        ("Foundations", "area"),
        ("Data", "area"),
    ]
    assert areas(root) == {"Foundations": ["M1"], "Data": ["M2"]}


def test_links_before_any_label_hang_from_the_hub(runner: CliRunner, write_note: WriteNote) -> None:
    write_note("Intro.md", "- [[Welcome]]\n- [[Tour]]\n")
    vault = write_note("Hub.md", "Start with [[Intro]] and [[Orientation]].\n\n## Core\n- [[M1]]\n")
    root = tree(runner, vault, "Hub")
    assert {c["title"] for c in root["children"]} == {"Intro", "Orientation", "Core"}
    intro = find(root, "Intro")
    assert (intro["kind"], intro["path"]) == ("map", [root["id"]])
    assert leaves(intro) == ["Welcome", "Tour"]
    assert find(root, "Orientation")["path"] == [root["id"]]
    assert areas(root) == {"Core": ["M1"]}


def test_a_link_listed_twice_stays_where_it_first_appears(
    runner: CliRunner, write_note: WriteNote
) -> None:
    write_note("M1.md", "- [[Shared]]\n- [[Only in M1]]\n")
    write_note("M2.md", "- [[Only in M2]]\n- [[Shared]]\n- [[Only in M1]]\n")
    write_note("M3.md", "- [[Only in M3]]\n- [[Shared]]\n")
    vault = write_note(
        "Hub.md",
        "## A\n- [[M1]]\n- [[M2]]\n## B\n- [[M1]] — again\n- [[M3]]\n## C\n- [[M2]]\n",
    )
    root = tree(runner, vault, "Hub")
    assert areas(root) == {"A": ["M1", "M2"], "B": ["M3"]}  # C holds nothing new: no area
    assert leaves(find(root, "M1")) == ["Shared", "Only in M1"]
    assert leaves(find(root, "M2")) == ["Only in M2"]
    assert leaves(find(root, "M3")) == ["Only in M3"]
    assert sorted(listed(runner, vault, "Hub")) == [
        "Only in M1",
        "Only in M2",
        "Only in M3",
        "Shared",
    ]


def test_a_summary_is_the_text_after_the_link_the_next_line_or_the_nested_item(
    runner: CliRunner, write_note: WriteNote
) -> None:
    write_note(
        "Map.md",
        "- [[T1]] — after the topic's link\n- [[T2]]\n  on the topic's next line\n"
        "- [[T3]]\n    - in the topic's nested item\n- [[T4]]\n",
    )
    vault = write_note(
        "Hub.md",
        "## Area\n"
        "- [[M1]] — after the link\n"
        "- [[M2]]\n  on the continuation line\n"
        "- [[M3]]\n\t- in a nested item\n"
        "- [[Map]]\n",
    )
    expected = {
        "M1": "after the link",
        "M2": "on the continuation line",
        "M3": "in a nested item",
        "Map": None,
        "T1": "after the topic's link",
        "T2": "on the topic's next line",
        "T3": "in the topic's nested item",
        "T4": None,
    }
    assert {t: show(runner, vault, "Hub", t)["summary"] for t in expected} == expected
    root = tree(runner, vault, "Hub")
    assert "in a nested item" not in titles(root)  # a nested line of text is no topic


def test_a_map_notes_links_are_its_topics(runner: CliRunner, write_note: WriteNote) -> None:
    write_note("T1.md", "---\ntags: [basics]\n---\nSee also:\n- [[Deeper]]\n")
    write_note("Deeper.md", "#map\n- [[Deepest]]\n")
    write_note(
        "Map.md",
        "Some words on this map, and [[T1]].\n- [[T2]]\n\n## Later\n- Extras:\n  - [[T3]]\n",
    )
    vault = write_note("Hub.md", "## Area\n- [[Map]]\n")
    root = tree(runner, vault, "Hub")
    map_ = find(root, "Map")
    assert map_["kind"] == "map"
    assert leaves(map_) == ["T1", "T2", "T3"]
    assert {find(root, t)["kind"] for t in ("T1", "T2", "T3")} == {"topic"}
    assert "Deeper" not in titles(root) and "Deepest" not in titles(root)
    _, out, _ = run(runner, "done", "-c", str(vault), "--hub", "Hub", "Map")
    assert out.strip() == "Map: 3 topics done"


MARKERS = {
    "body #map": "#map\n",
    "body #moc": "#moc\n",
    "body #MOC": "Index of things. #MOC\n",
    "body nested #map/ai": "#map/ai\n",
    "tags [MOC]": "---\ntags: [MOC]\n---\n",
    "tags moc": "---\ntags: moc\n---\n",
    "tags '#map'": "---\ntags: ['#map']\n---\n",
    "nested tag": "---\ntags:\n  - study/moc\n---\n",
    "kind: map": "---\nkind: map\n---\n",
}


@pytest.mark.parametrize("marker", MARKERS.values(), ids=MARKERS.keys())
def test_a_linked_note_marked_as_a_map_nests_as_a_map(
    runner: CliRunner, write_note: WriteNote, marker: str
) -> None:
    write_note("Sub.md", f"{marker}\n- [[S1]]\n- [[S2]]\n")
    write_note("Map.md", "- [[T1]]\n- [[Sub]]\n- [[T2]]\n")
    vault = write_note("Hub.md", "## Area\n- [[Map]]\n")
    root = tree(runner, vault, "Hub")
    sub = find(root, "Sub")
    assert sub["kind"] == "map"
    assert leaves(sub) == ["S1", "S2"]
    assert leaves(find(root, "Map")) == ["T1", "S1", "S2", "T2"]
    assert find(root, "Map")["id"] in sub["path"]
    _, out, _ = run(runner, "done", "-c", str(vault), "--hub", "Hub", "Sub")
    assert out.strip() == "Sub: 2 topics done"


@pytest.mark.parametrize(
    "marker", ["#mapping\n", "---\ntags: [maps, mocha]\n---\n", "---\nkind: topic\n---\n#map\n"]
)
def test_a_linked_note_not_marked_as_a_map_is_a_topic(
    runner: CliRunner, write_note: WriteNote, marker: str
) -> None:
    """Tags that only begin like `map`; and `kind: topic` in the frontmatter wins over a tag."""
    write_note("Sub.md", f"{marker}\n- [[S1]]\n- [[S2]]\n")
    write_note("Map.md", "- [[T1]]\n- [[Sub]]\n")
    vault = write_note("Hub.md", "## Area\n- [[Map]]\n")
    root = tree(runner, vault, "Hub")
    assert (find(root, "Sub")["kind"], find(root, "Sub")["children"]) == ("topic", [])
    assert "S1" not in titles(root)


def test_links_back_to_an_ancestor_are_no_structure(
    runner: CliRunner, write_note: WriteNote
) -> None:
    write_note("Sub.md", "#map\nBack to [[Map]], or up to [[Hub|the hub]].\n- [[S1]]\n")
    write_note("Map.md", "Up: [[Hub]]\n- [[Sub]]\n- [[T1]]\n- [[Map]]\n")
    vault = write_note("Hub.md", "## Area\n- [[Map]]\n")
    root = tree(runner, vault, "Hub")
    assert leaves(find(root, "Map")) == ["S1", "T1"]
    assert titles(root).count("Hub") == 1 and titles(root).count("Map") == 1
    code, _, err = run(runner, "validate", str(vault), "--hub", "Hub")
    assert code == 0 and "cycle" not in err


def test_code_comments_and_embeds_are_no_structure(
    runner: CliRunner, write_note: WriteNote
) -> None:
    for name in ("In Fence", "In Embed", "In Percent Block", "In Html Comment", "Hidden Map"):
        write_note(f"{name}.md", "A note that exists.\n")
    write_note(
        "Map.md",
        """
        %% Hub MOCs: Don’t edit below  %%
        -  [[T1]]
        %% Hub MOCs: Don’t edit above  %%

        ```python
        links = "[[In Fence]]"
        ```

            [[In Indented Code]]

        Inline `[[In Code Span]]` here.

        <!-- [[In Html Comment]] -->
        <!--
        - [[In Html Block]]
        -->
        Text %% [[In Percent Inline]] %% text.
        %%
        - [[In Percent Block]]
        %%
        ![[In Embed]]
        ![[picture.png]]
        - ![[In Embed Item]]
        - [[T2]]
        """,
    )
    vault = write_note(
        "Hub.md",
        "## Area\n- [[Map]]\n<!-- - [[Hidden Map]] -->\n%% - [[Draft Map]] %%\n![[In Embed]]\n",
    )
    root = tree(runner, vault, "Hub")
    assert areas(root) == {"Area": ["Map"]}
    assert leaves(find(root, "Map")) == ["T1", "T2"]
    assert sorted(listed(runner, vault, "Hub")) == ["T1", "T2"]


def test_a_leafs_own_links_are_not_followed(runner: CliRunner, write_note: WriteNote) -> None:
    write_note("Elsewhere.md", "---\nkind: map\n---\n- [[Far Away]]\n")
    write_note("T1.md", "Read [[Elsewhere]] next.\n- [[Elsewhere]]\n- [[Nowhere]]\n")
    write_note("Map.md", "- [[T1]]\n")
    vault = write_note("Hub.md", "## Area\n- [[Map]]\n")
    with files_opened() as opened:
        root = tree(runner, vault, "Hub")
    assert leaves(root) == ["T1"]
    assert find(root, "T1")["kind"] == "topic"
    assert (vault / "Elsewhere.md").resolve() not in opened
    assert (vault / "T1.md").resolve() in opened


def test_the_frontmatter_of_a_linked_note_wins(runner: CliRunner, write_note: WriteNote) -> None:
    write_note(
        "T1.md",
        "---\nid: first\nsummary: From the frontmatter\nhours: 7.5\naliases: [uno, '']\n---\n",
    )
    write_note("T2.md", "---\noptional: true\nrequires: ['[[T1]]']\n---\n")
    write_note(
        "Map.md", "---\nsummary: The map's own words\n---\n- [[T1]] — from the link\n- [[T2]]\n"
    )
    vault = write_note("Hub.md", "## Area\n- [[Map]] — from the hub's link\n")
    topics = listed(runner, vault, "Hub")
    assert topics["T1"]["id"] == "first" and topics["T1"]["hours"] == 7.5
    assert (topics["T2"]["optional"], topics["T2"]["requires"]) == (True, ["first"])
    assert show(runner, vault, "Hub", "uno")["id"] == "first"
    assert show(runner, vault, "Hub", "first")["summary"] == "From the frontmatter"
    assert show(runner, vault, "Hub", "Map")["summary"] == "The map's own words"


def test_order_in_the_frontmatter_wins_over_the_place_of_the_link(
    runner: CliRunner, write_note: WriteNote
) -> None:
    write_note("Gamma.md", "---\norder: 1\n---\n")
    write_note("Alpha.md", "---\norder: 2\n---\n")
    write_note("Map.md", "- [[Alpha]]\n- [[Beta]]\n- [[Gamma]]\n")
    vault = write_note("Hub.md", "## Area\n- [[Map]]\n")
    assert leaves(find(tree(runner, vault, "Hub"), "Map")) == ["Gamma", "Alpha", "Beta"]


def test_up_in_the_frontmatter_wins_over_the_map_that_links_the_note(
    runner: CliRunner, write_note: WriteNote
) -> None:
    write_note("Moved.md", "---\nup: '[[Map B]]'\n---\n")
    write_note("Map A.md", "- [[A1]]\n- [[Moved]]\n")
    write_note("Map B.md", "- [[B1]]\n")
    vault = write_note("Hub.md", "## Area\n- [[Map A]]\n- [[Map B]]\n")
    root = tree(runner, vault, "Hub")
    assert leaves(find(root, "Map A")) == ["A1"]
    assert set(leaves(find(root, "Map B"))) == {"B1", "Moved"}


def test_dataview_inline_fields_count_as_frontmatter(
    runner: CliRunner, write_note: WriteNote
) -> None:
    write_note("Calculus.md", "# Calculus\n\nhours:: 12\n\nLimits and derivatives.\n")
    write_note("Gradients.md", "Builds on calculus.\nrequires:: [[Calculus]]\nhours:: 3\n")
    write_note("Map.md", "- [[Gradients]]\n- [[Calculus]]\n")
    vault = write_note("Hub.md", "## Area\n- [[Map]]\n")
    topics = listed(runner, vault, "Hub")
    assert topics["Calculus"]["hours"] == 12
    assert (topics["Gradients"]["hours"], topics["Gradients"]["requires"]) == (3, ["calculus"])
    assert list(listed(runner, vault, "Hub", "--blocked")) == ["Gradients"]
    assert [t["title"] for t in suggested(runner, vault, "Hub")] == ["Calculus"]


def mixed(write_note: WriteNote) -> Path:
    """A frontmatter hub and area; one map whose topics name it in `up`, one map note that
    lists its topics as links (some not written yet)."""
    write_note("Roadmap.md", "---\nkind: hub\n---\n# Roadmap\n")
    write_note("Areas/Core.md", "---\nkind: area\nup: '[[Roadmap]]'\n---\n")
    write_note("Maps/Up Map.md", "---\nkind: map\nup: '[[Core]]'\norder: 1\n---\n")
    write_note("Topics/Up Topic.md", "---\nup: '[[Up Map]]'\nhours: 2\n---\n")
    write_note(
        "Maps/Reading Map.md",
        "---\nkind: map\nup: '[[Core]]'\norder: 2\n---\n"
        "- [[Linked Topic]] — placed by the link\n- [[Unwritten Topic]]\n",
    )
    return write_note("Topics/Linked Topic.md", "hours:: 3\n")


def test_frontmatter_up_notes_and_map_of_content_notes_mix_under_one_hub(
    runner: CliRunner, write_note: WriteNote
) -> None:
    vault = mixed(write_note)
    _, out, _ = run(runner, "tree", "-c", str(vault), "--json")
    root = json.loads(out)
    assert [c["title"] for c in find(root, "Core")["children"]] == ["Up Map", "Reading Map"]
    assert leaves(find(root, "Up Map")) == ["Up Topic"]
    assert leaves(find(root, "Reading Map")) == ["Linked Topic", "Unwritten Topic"]
    assert show(runner, vault, "Roadmap", "Linked Topic")["summary"] == "placed by the link"
    code, _, _ = run(runner, "validate", str(vault))
    assert code == 0
    _, out, _ = run(runner, "done", "-c", str(vault), "core")
    assert out.strip() == "Core: 3 topics done"


def test_an_up_note_joins_a_map_note_without_taking_its_links_away(
    runner: CliRunner, write_note: WriteNote
) -> None:
    """A learner used to Breadcrumbs adds one note with `up` to a map note that lists its
    topics as links: the note joins the map, and the linked topics stay."""
    vault = mixed(write_note)
    write_note("Topics/Extra Topic.md", "---\nup: '[[Reading Map]]'\n---\n")
    _, out, _ = run(runner, "tree", "-c", str(vault), "--json")
    assert set(leaves(find(json.loads(out), "Reading Map"))) == {
        "Linked Topic",
        "Unwritten Topic",
        "Extra Topic",
    }


def test_a_link_to_a_note_not_yet_written_is_a_topic(
    runner: CliRunner, write_note: WriteNote
) -> None:
    write_note("Written.md", "Some notes.\n")
    write_note("Map.md", "- [[Written]]\n- [[Not Yet Written]] — someday\n")
    vault = write_note("Hub.md", "## Area\n- [[Map]]\n")
    unwritten = show(runner, vault, "Hub", "Not Yet Written")
    assert (unwritten["kind"], unwritten["source"], unwritten["summary"]) == (
        "topic",
        None,
        "someday",
    )
    assert unwritten["id"] == "not-yet-written"
    assert (
        Path(show(runner, vault, "Hub", "Written")["source"]).resolve()
        == (vault / "Written.md").resolve()
    )
    run(runner, "start", "-c", str(vault), "--hub", "Hub", "Not Yet Written")
    assert listed(runner, vault, "Hub")["Not Yet Written"]["status"] == "learning"
    assert suggested(runner, vault, "Hub")[0]["title"] == "Not Yet Written"  # learning first
    run(runner, "done", "-c", str(vault), "--hub", "Hub", "not-yet-written")
    assert [t["title"] for t in suggested(runner, vault, "Hub")] == ["Written"]


@pytest.mark.parametrize("name", ["Roadmap", "my roadmap", "Hubs/Roadmap", "Hubs/Roadmap.md"])
def test_the_hub_is_named_by_title_alias_or_path(
    runner: CliRunner, write_note: WriteNote, name: str
) -> None:
    write_note("Old Roadmap.md", "---\nkind: hub\n---\n")  # a hub of the other kind
    write_note("Old Map.md", "---\nkind: map\nup: '[[Old Roadmap]]'\n---\n")
    vault = write_note("Hubs/Roadmap.md", "---\naliases: [my roadmap]\n---\n## Area\n- [[Map]]\n")
    root = tree(runner, vault, name)
    assert root["title"] == "Roadmap" and areas(root) == {"Area": ["Map"]}


def test_the_hub_from_the_environment(
    runner: CliRunner, write_note: WriteNote, monkeypatch: pytest.MonkeyPatch
) -> None:
    vault = write_note("Roadmap.md", "## Area\n- [[Map]]\n")
    monkeypatch.setenv("AIROADMAP_HUB", "Roadmap")
    _, out, _ = run(runner, "tree", "-c", str(vault), "--json")
    assert areas(json.loads(out)) == {"Area": ["Map"]}


# --- only the notes reached are read --------------------------------------------------------------


@pytest.fixture
def small(write_note: WriteNote) -> Path:
    write_note("Map.md", "#map\n- [[T1]]\n- [[T2]] — second\n- [[T3]]\n")
    write_note("T1.md", "hours:: 2\n")
    write_note("T2.md", "---\nrequires: ['[[T1]]']\n---\n")
    return write_note("Hub.md", "## Area\n- [[Map]]\n")


def outputs(runner: CliRunner, vault: Path) -> tuple[str, str]:
    """What a learner sees: tree and next, as text and as JSON, and everything on stderr."""
    seen: list[str] = []
    errors: list[str] = []
    for args in (("tree",), ("next",), ("tree", "--json"), ("next", "--json")):
        _, out, err = run(runner, *args, "-c", str(vault), "--hub", "Hub")
        seen.append(out)
        errors.append(err)
    return "\n".join(seen), "".join(errors)


def unreached(vault: Path) -> list[Path]:
    notes = {
        "Daily/2026-11-28.md": "---\ntitle: [unclosed\n---\n- [[T1]]\n",
        "Big.md": "- [[T1]] a long clipping\n" * 90_000,
        "Stray.md": "---\nkind: map\nup: '[[Map]]'\ntags: [MOC]\n---\n- [[T9]]\n",
        "Meeting.md": "---\nkind: meeting\n---\n",
    }
    paths = []
    for name, text in notes.items():
        path = vault / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    (vault / "Latin.md").write_bytes(b"---\ntitle: caf\xe9\n---\n")
    return [*paths, vault / "Latin.md"]


def test_notes_the_hub_does_not_reach_are_never_opened(runner: CliRunner, small: Path) -> None:
    notes = unreached(small)
    assert (small / "Big.md").stat().st_size > 2 << 20
    with files_opened() as opened:
        outputs(runner, small)
    assert (small / "Hub.md").resolve() in opened and (small / "T2.md").resolve() in opened
    assert [p.name for p in notes if p.resolve() in opened] == []


def test_notes_the_hub_does_not_reach_change_nothing(runner: CliRunner, small: Path) -> None:
    before = outputs(runner, small)
    notes = unreached(small)
    after = outputs(runner, small)
    assert after == before
    for note in notes:
        assert note.name not in after[0] + after[1]
    assert "T9" not in after[0]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its mode")
def test_an_unreadable_note_the_hub_does_not_reach_changes_nothing(
    runner: CliRunner, small: Path
) -> None:
    before = outputs(runner, small)
    secret = small / "Private" / "Journal.md"
    secret.parent.mkdir()
    secret.write_text("---\nkind: map\n---\n- [[T1]]\n")
    secret.chmod(0)
    try:
        after = outputs(runner, small)
    finally:
        secret.chmod(0o600)
    assert after == before
    assert "Journal" not in after[0] + after[1]
