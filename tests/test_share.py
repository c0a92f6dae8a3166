"""Obsidian vaults, init and --from-map, export/import, the cohort report, shell completion."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import WriteNote, run

# --- a real Obsidian vault --------------------------------------------------------------------


@pytest.fixture
def obsidian(write_note: WriteNote) -> Path:
    write_note("Roadmap.md", "---\nkind: hub\ncssclasses: [wide]\ncreated: 2026-01-05\n---\n")
    write_note(".obsidian/workspace.json", "{}")
    write_note(".obsidian/Hidden.md", "---\nkind: hub\n---\n")
    write_note(".trash/Old.md", "---\nkind: hub\n---\n")
    write_note("attachments/diagram.png", raw=b"\x89PNG\r\n\x1a\n")
    write_note(
        "Areas/Core/Core.md",
        "---\nkind: area\nup: '[[Roadmap]]'\naliases: basics\ntags: study/core\n---\n",
    )
    write_note(
        "Areas/Core/Maps/Math.md",
        "---\nkind: map\nup: '[[Areas/Core/Core|the core]]'\ntags: [math, study/math]\n"
        "rating: 4\nreviewed: [2026-01-01, 2026-02-01]\n---\n",
    )
    write_note(
        "Areas/Core/Maps/Algebra.md",
        raw=(
            '\ufeff---\r\nup: "[[Math#Topics]]"\r\naliases: [linalg, matrices]\r\n---\r\nBody\r\n'
        ).encode(),
    )
    write_note(
        "Areas/Core/Maps/Calculus.md",
        "---\nup: '[[Math#^block-id]]'\nrequires: ['[[Areas/Core/Maps/Algebra]]']\n---\n",
    )
    write_note("Daily/2026-11-28.md", "Today I studied [[Algebra]]. No frontmatter here.\n")
    write_note("Scratch/Idea.md", "---\ntags: idea\n---\nNot part of the roadmap.\n")
    # A note without frontmatter is part of the curriculum when a member links it as its `up`.
    write_note("Plain Map.md", "Just a body.\n")
    return write_note("Under Plain.md", "---\nup: '[[Plain Map]]'\n---\n")


def test_an_obsidian_vault_loads_with_its_conventions(runner: CliRunner, obsidian: Path) -> None:
    _, out, err = run(runner, "validate", str(obsidian))
    assert "ignored" in out and err == ""
    _, out, _ = run(runner, "tree", "-c", str(obsidian), "--json")
    tree = json.loads(out)

    def ids(node: dict[str, object]) -> list[str]:
        children = node["children"]
        assert isinstance(children, list)
        return [str(node["id"])] + [i for c in children for i in ids(c)]

    assert ids(tree) == ["roadmap", "core", "math", "algebra", "calculus"]
    _, out, _ = run(runner, "show", "-c", str(obsidian), "matrices", "--json")
    algebra = json.loads(out)
    assert algebra["aliases"] == ["linalg", "matrices"] and algebra["unlocks"] == ["calculus"]
    _, out, _ = run(runner, "show", "-c", str(obsidian), "core", "--json")
    assert json.loads(out)["tags"] == ["study/core"]


def test_a_note_without_frontmatter_joins_when_linked_as_a_part(
    runner: CliRunner, obsidian: Path
) -> None:
    (obsidian / "Plain Map.md").write_text("Just a body.\n")
    (obsidian / "Under Plain.md").write_text("---\nup: '[[Plain Map]]'\n---\n")
    (obsidian / "Roadmap.md").write_text("---\nkind: hub\n---\n")
    (obsidian / "Plain Map.md").write_text("---\nup: '[[Roadmap]]'\n---\nJust a body.\n")
    _, out, _ = run(runner, "list", "-c", str(obsidian), "--json")
    assert "under-plain" in [t["id"] for t in json.loads(out)]


def test_several_hubs_need_hub(runner: CliRunner, obsidian: Path) -> None:
    (obsidian / "Other Hub.md").write_text("---\nkind: hub\n---\n")
    (obsidian / "Other Topic.md").write_text("---\nup: '[[Other Hub]]'\n---\n")
    code, _, err = run(runner, "tree", "-c", str(obsidian), ok=False)
    assert code == 1 and "several hubs" in err and "--hub" in err
    _, out, _ = run(runner, "tree", "-c", str(obsidian), "--hub", "other hub")
    assert out.startswith("○ Other Hub") and "Other Topic" in out and "Algebra" not in out


# --- init ---------------------------------------------------------------------------------------


def test_init_makes_a_valid_starter_and_never_overwrites(runner: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "mine"
    _, out, _ = run(runner, "init", str(target))
    assert "wrote 11 notes" in out
    run(runner, "validate", str(target))
    _, out, _ = run(runner, "next", "-c", str(target), "--json")
    assert json.loads(out)[0]["id"] == "linear-algebra"
    hub = target / "My Roadmap.md"
    hub.write_text(hub.read_text() + "\nMy own words.\n")
    code, _, err = run(runner, "init", str(target), ok=False)
    assert code == 1 and "already exist" in err and "--force" in err
    assert "My own words." in hub.read_text()
    run(runner, "init", str(target), "--force")
    assert "My own words." in (target / "My Roadmap.md.bak").read_text()
    assert "My own words." not in hub.read_text()


def files_under(folder: Path) -> dict[str, bytes]:
    """Every file under `folder` (hidden ones too), with its bytes."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_init_into_a_folder_holding_a_hub_writes_nothing(
    runner: CliRunner, write_note: WriteNote
) -> None:
    vault = write_note("Roadmap.md", "---\nkind: hub\n---\n")
    write_note("Daily/2026-11-29.md", "Went for a walk.\n")
    before = files_under(vault)
    code, _, err = run(runner, "init", str(vault), ok=False)
    assert code == 1
    assert f"already holds a hub ({vault / 'Roadmap.md'})" in err and "nothing written" in err
    code, _, _ = run(runner, "init", str(vault), "--force", ok=False)  # --force adds no hub
    assert code == 1
    assert files_under(vault) == before


def test_init_into_a_vault_without_a_hub_leaves_its_notes_alone(
    runner: CliRunner, write_note: WriteNote
) -> None:
    vault = write_note("Daily/2026-11-29.md", "Went for a walk.\n")
    write_note("Clipping.md", "---\nsource: somewhere\n---\nText.\n")
    before = files_under(vault)
    _, out, _ = run(runner, "init", str(vault))
    assert "wrote 11 notes" in out
    after = files_under(vault)
    assert {k: after[k] for k in before} == before
    assert len(after) == len(before) + 11  # and no temporary folder left behind
    _, out, _ = run(runner, "tree", "-c", str(vault), "--json")
    assert json.loads(out)["title"] == "My Roadmap"


@pytest.mark.parametrize("state", ["no folder", "a vault", "a starter"])
def test_init_that_fails_leaves_the_folder_as_it_was(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, state: str
) -> None:
    """A failure after the notes are staged (here: the third move into place) takes back what
    was moved, restores what --force replaced, and removes the folders it made."""
    target = tmp_path / "new" / "roadmap"
    if state == "a vault":
        (target / "Daily").mkdir(parents=True)
        (target / "Daily" / "2026-11-29.md").write_text("Went for a walk.\n")
    if state == "a starter":
        run(runner, "init", str(target))
        (target / "Basics" / "Math.md").write_text("my own math")
    before = files_under(tmp_path)
    folders = sorted(p.name for p in target.iterdir()) if target.exists() else None
    real_replace = Path.replace
    moves: list[Path] = []

    def failing_replace(self: Path, target_path: Path) -> Path:
        if ".airoadmap-init-" in str(self):
            moves.append(self)
            if len(moves) == 3:
                raise OSError(28, "No space left on device")
        return real_replace(self, target_path)

    monkeypatch.setattr(Path, "replace", failing_replace)
    code, _, err = run(runner, "init", str(target), "--force", ok=False)
    assert code == 1 and "cannot write: No space left on device" in err
    assert files_under(tmp_path) == before
    if folders is None:
        assert not (tmp_path / "new").exists()
    else:
        assert sorted(p.name for p in target.iterdir()) == folders


HUB_NOTE = """---
tags: [moc]
---
# AI Engineer

AI engineers build systems around models.

Foundations:
- [[Mathematics for AI]] — math needed for ML/DL (linear algebra, calculus, probability)
- [[Programming Foundations for AI]] - Python, debugging, testing
- [[Computer Science Foundations for AI]]: data structures, complexity

**Data & Systems**
- [[Data Foundations for AI]] — collection, cleaning, labeling
- [[Data Engineering for AI|data engineering]] — ETL, schemas
- [[Mathematics for AI]] — listed again: stays under Foundations

## 5. Production & Operations
1. [[MLOps]] — packaging, CI/CD, monitoring
2. [[Cloud for AI]] — compute, GPUs, IAM

## Further reading
See [[Generative AI Systems]] and [[NLP Systems#Embeddings]] when you are ready.
"""


def test_init_from_a_map_note(runner: CliRunner, tmp_path: Path) -> None:
    note = tmp_path / "AI Engineer.md"
    note.write_text(HUB_NOTE)
    target = tmp_path / "curriculum"
    run(runner, "init", "--from-map", str(note), str(target))
    run(runner, "validate", str(target))
    _, out, _ = run(runner, "tree", "-c", str(target), "--json")
    tree = json.loads(out)
    assert tree["title"] == "AI Engineer"
    assert tree["tags"] == ["moc"]  # the map note's own tags stay with it
    areas = {a["title"]: [m["title"] for m in a["children"]] for a in tree["children"]}
    assert areas == {
        "Foundations": [
            "Mathematics for AI",
            "Programming Foundations for AI",
            "Computer Science Foundations for AI",
        ],
        "Data & Systems": ["Data Foundations for AI", "Data Engineering for AI"],
        "Production & Operations": ["MLOps", "Cloud for AI"],
        "Further reading": ["Generative AI Systems", "NLP Systems"],
    }
    assert all(m["kind"] == "map" for a in tree["children"] for m in a["children"])
    _, out, _ = run(runner, "show", "-c", str(target), "mathematics", "--json")
    assert json.loads(out)["summary"] == (
        "math needed for ML/DL (linear algebra, calculus, probability)"
    )
    _, out, _ = run(runner, "show", "-c", str(target), "mlops", "--json")
    assert json.loads(out)["summary"] == "packaging, CI/CD, monitoring"
    assert [c["title"] for c in tree["children"]].index("Production & Operations") == 2


def test_init_writes_titles_that_look_like_other_types_as_text(
    runner: CliRunner, tmp_path: Path
) -> None:
    """A YAML 1.2 reader (Obsidian) reads a bare `1e3` as a number and a bare `null` as
    nothing: every text value is written quoted, and reads back as the same text."""
    note = tmp_path / "Hub.md"
    note.write_text("## 2024\n- [[1e3]] — 10: really\n- [[null]]\n- [[yes]]\n")
    target = tmp_path / "curriculum"
    run(runner, "init", "--from-map", str(note), str(target))
    text = (target / "2024" / "1e3.md").read_text()
    assert 'title: "1e3"' in text and 'summary: "10: really"' in text
    assert 'up: "[[2024]]"' in text
    _, out, _ = run(runner, "list", "-c", str(target), "--kind", "map", "--json")
    assert [t["title"] for t in json.loads(out)] == ["1e3", "null", "yes"]


def test_init_from_a_note_without_links(runner: CliRunner, tmp_path: Path) -> None:
    note = tmp_path / "Empty.md"
    note.write_text("# Nothing here\n")
    code, _, err = run(runner, "init", "--from-map", str(note), str(tmp_path / "c"), ok=False)
    assert code == 1 and "no [[links]]" in err


# --- export and import --------------------------------------------------------------------------


@pytest.fixture
def studied(runner: CliRunner) -> CliRunner:
    run(runner, "done", "mathematics")
    run(runner, "start", "python")
    run(runner, "skip", "version-control")
    run(runner, "note", "python", 'Read "Fluent Python", ch. 1-3')
    return runner


def test_export_json_then_import_reproduces_the_statuses(studied: CliRunner) -> None:
    _, out, _ = run(studied, "export", "--format", "json")
    doc = json.loads(out)
    assert (doc["format"], doc["version"], doc["learner"]) == ("airoadmap-export", 1, "default")
    assert doc["tree"]["id"] == "ai-engineer" and doc["tree"]["children"]
    assert doc["records"]["python"]["note"] == 'Read "Fluent Python", ch. 1-3'
    export_file = Path(os.environ["AIROADMAP_HOME"]) / "export.json"
    export_file.write_text(out)
    _, out, _ = run(studied, "import", str(export_file), "-l", "fresh")
    assert "imported" in out
    _, mine, _ = run(studied, "list", "--json")
    _, theirs, _ = run(studied, "list", "--json", "-l", "fresh")
    status = lambda text: {t["id"]: t["status"] for t in json.loads(text)}  # noqa: E731
    assert status(mine) == status(theirs)
    _, out, _ = run(studied, "import", str(export_file), "-l", "fresh")
    assert "nothing newer" in out
    run(studied, "undo", "-l", "fresh")  # the import was one undoable action
    _, theirs, _ = run(studied, "list", "--json", "-l", "fresh")
    assert set(status(theirs).values()) == {"todo"}


def test_import_keeps_the_newest_record(studied: CliRunner, tmp_path: Path) -> None:
    _, out, _ = run(studied, "export")
    old = tmp_path / "old.json"
    old.write_text(out)
    run(studied, "done", "python")  # newer than the exported "learning"
    run(studied, "import", str(old))
    _, out, _ = run(studied, "show", "python", "--json")
    assert json.loads(out)["status"] == "done"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("{not json", "not JSON"),
        ('{"format": "other"}', "not an airoadmap export"),
        ('{"format": "airoadmap-export", "version": 9, "records": {}}', "newer"),
        (
            '{"format": "airoadmap-export", "version": 1, "records": {"x": {"status": "gone"}}}',
            "records.x.status",
        ),
    ],
)
def test_import_refuses_what_it_cannot_read(
    runner: CliRunner, tmp_path: Path, text: str, reason: str
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(text)
    code, _, err = run(runner, "import", str(bad), ok=False)
    assert code == 1 and reason in err and len(err.strip().splitlines()) == 1


def test_export_markdown_is_a_nested_checklist(studied: CliRunner) -> None:
    _, out, _ = run(studied, "export", "-f", "markdown")
    lines = out.splitlines()
    assert lines[0] == "# AI Engineer"
    items = [line for line in lines if line.strip().startswith("- [")]
    assert all(re.fullmatch(r"( {2})*- \[[ x]\] .+", line) for line in items)
    assert "    - [x] Linear Algebra" in lines
    assert any(line.startswith("    - [ ] Python for AI (learning) — Read") for line in lines)
    assert "    - [x] Version Control with Git (skipped)" in lines
    assert lines[2].startswith("- [ ] Foundations (")


def test_export_mermaid_has_the_grammars_shape(studied: CliRunner) -> None:
    _, out, _ = run(studied, "export", "-f", "mermaid")
    lines = out.splitlines()
    assert lines[0] == "flowchart TD"
    nodes = edges = dotted = 0
    for raw in lines[1:]:
        line = raw.strip()
        if re.fullmatch(r'n\d+\["[^"]*"\]:::(done|learning|todo|skipped)', line):
            nodes += 1
        elif re.fullmatch(r"n\d+ --> n\d+", line):
            edges += 1
        elif re.fullmatch(r"n\d+ -\.-> n\d+", line):
            dotted += 1
        else:
            assert re.fullmatch(r"classDef (done|learning|todo|skipped) .+", line), line
    assert nodes == 131 and edges == 130 and dotted > 50
    assert ":::done" in out and ":::learning" in out


def test_export_csv_to_a_file(studied: CliRunner, tmp_path: Path) -> None:
    target = tmp_path / "progress.csv"
    _, _, err = run(studied, "export", "-f", "csv", "-o", str(target))
    assert "wrote" in err
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert list(rows[0]) == [
        "id",
        "title",
        "path",
        "kind",
        "status",
        "started",
        "finished",
        "hours",
        "note",
    ]
    python = next(r for r in rows if r["id"] == "python")
    assert python["status"] == "learning" and python["note"].startswith('Read "Fluent')
    assert python["path"] == "ai-engineer/foundations/programming-foundations-for-ai/python"
    assert len(rows) == 131


# --- the cohort report --------------------------------------------------------------------------


def test_report_over_three_learners(runner: CliRunner) -> None:
    run(runner, "done", "-l", "ada", "mathematics")
    run(runner, "done", "-l", "bob", "foundations", "--yes")  # 21 topics: more than 20 asks
    run(runner, "start", "-l", "cy", "python")
    _, out, _ = run(runner, "report", "--json")
    rows = {r["learner"]: r for r in json.loads(out)}
    assert set(rows) == {"ada", "bob", "cy"}
    _, stats, _ = run(runner, "stats", "-l", "bob", "--json")
    assert rows["bob"]["completion"] == json.loads(stats)["completion"] > rows["ada"]["completion"]
    assert rows["cy"]["completion"] == 0 and rows["cy"]["current_map"] == (
        "Programming Foundations for AI"
    )
    assert rows["ada"]["hours_done"] == 102
    _, out, _ = run(runner, "report")
    assert len(out.strip().splitlines()) == 4


# --- shell completion ---------------------------------------------------------------------------


def complete(words: str, tmp_home: str) -> list[str]:
    env = {
        **os.environ,
        "_AIROADMAP_COMPLETE": "complete_bash",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - 1),
        "AIROADMAP_HOME": tmp_home,
    }
    done = subprocess.run(
        [sys.executable, "-m", "airoadmap"], env=env, capture_output=True, text=True, check=False
    )
    return done.stdout.split()


def test_completion_of_topics_and_learners(runner: CliRunner) -> None:
    home = os.environ["AIROADMAP_HOME"]
    run(runner, "done", "-l", "ada", "mlops")
    # The id that starts so first, then a topic with an alias that does ("lineage").
    assert complete("airoadmap show linea", home) == ["linear-algebra", "model-versioning"]
    assert "mathematics-for-ai" in complete("airoadmap done linalg mathem", home)
    assert complete("airoadmap next -l a", home) == ["ada"]


def test_store_untouched_by_export(studied: CliRunner) -> None:
    store = Path(os.environ["AIROADMAP_HOME"]) / "learners" / "default.toml"
    before = store.read_bytes()
    run(studied, "export", "-f", "json")
    assert store.read_bytes() == before and tomllib.loads(before.decode())["schema"] == 2


def test_dates_in_keys_of_a_newer_airoadmap_are_shown_and_exported_as_iso(
    runner: CliRunner,
) -> None:
    """TOML has dates and times of day, which JSON has not: a record keeping them (written by a
    newer airoadmap, or by hand) still shows and exports, in ISO 8601."""
    store = Path(os.environ["AIROADMAP_HOME"]) / "learners" / "default.toml"
    store.parent.mkdir(parents=True)
    store.write_text(
        'schema = 1\nlearner = "default"\n\n[topics.python]\nstatus = "learning"\n'
        "started = 2026-11-20T10:00:00Z\nmood = 2024-01-01\nalarm = 07:30:00\n"
        "days = [2024-01-02, 2024-01-03]\n"
    )
    _, out, _ = run(runner, "show", "python", "--json")
    record = json.loads(out)["record"]
    assert record["mood"] == "2024-01-01" and record["alarm"] == "07:30:00"
    assert record["days"] == ["2024-01-02", "2024-01-03"]
    _, out, _ = run(runner, "export")
    assert json.loads(out)["records"]["python"]["mood"] == "2024-01-01"


OBSIDIAN_HUB = (
    "**Note Type:**\n#map\n\n**Links / Tags:**\n- **Relevance Links:**\n    - Foundations:\n"
    "\t    - [[Mathematics for AI]] — math needed for ML/DL (linear algebra, calculus)\n"
    "\t    - [[Programming Foundations for AI]] — programming mental models\n"
    "\t- Data + Systems:\n"
    "\t    - [[Data Foundations for AI]] — data collection, cleaning, labeling, leakage\n"
    "\t- Production / Deployment:\n"
    "\t    - [[MLOps]] — packaging, versioning, CI/CD, monitoring\n"
    "---\n# AI Engineer\n## 2. Model Lifecycle & Runtime Systems\n"
    "- [[Model Lifecycle for AI Systems]]\n\t- training → validation → deployment → monitoring\n"
    "## 3. Applied Domains\n- [[NLP Systems]]\n  tokenization, embeddings, retrieval\n"
    "- [[Vision Systems]] <!-- [[Not a map]] --> `[[Not one either]]` ![[diagram.png]]\n"
    "## 4. Foundations (must-have)\n- [[Mathematics for AI]]\n"
    "  linear algebra, probability, statistics, optimization\n"
)


def test_init_from_an_obsidian_hub_note_as_people_write_them(
    runner: CliRunner, tmp_path: Path
) -> None:
    """Bold labels, list labels nested in labels, tabs mixed with spaces, a `#map` tag, links
    listed twice, summaries after the link, on the next line or in a nested item."""
    note = tmp_path / "AI Engineer.md"
    note.write_text(OBSIDIAN_HUB)
    target = tmp_path / "curriculum"
    run(runner, "init", "--from-map", str(note), str(target))
    run(runner, "validate", str(target))
    _, out, _ = run(runner, "tree", "-c", str(target), "--json")
    areas = {a["title"]: [m["title"] for m in a["children"]] for a in json.loads(out)["children"]}
    assert areas == {
        "Foundations": ["Mathematics for AI", "Programming Foundations for AI"],
        "Data + Systems": ["Data Foundations for AI"],
        "Production / Deployment": ["MLOps"],
        "Model Lifecycle & Runtime Systems": ["Model Lifecycle for AI Systems"],
        "Applied Domains": ["NLP Systems", "Vision Systems"],
    }
    summaries = {}
    for topic in ("mathematics", "model-lifecycle-for-ai-systems", "nlp"):
        _, out, _ = run(runner, "show", "-c", str(target), topic, "--json")
        summaries[topic] = json.loads(out)["summary"]
    assert summaries == {
        "mathematics": "math needed for ML/DL (linear algebra, calculus)",
        "model-lifecycle-for-ai-systems": "training → validation → deployment → monitoring",
        "nlp": "tokenization, embeddings, retrieval",
    }


def test_init_from_a_map_note_with_odd_markdown(runner: CliRunner, tmp_path: Path) -> None:
    note = tmp_path / "Hub.md"
    note.write_text(
        "## [[Languages]]\n- [[C++]] — templates\n- [[C--]]\n- [[C]]\n\n"
        "**Tools**\n[[Git]] — history\n[[Make]]\n\n"
        "%% drafts:\n\n- [[Not a map]]\n%%\n"
        "## Later\n- [[Rust]]\n- [[Go]]\n  - remember to add more\n"
    )
    target = tmp_path / "curriculum"
    run(runner, "init", "--from-map", str(note), str(target))
    _, out, _ = run(runner, "tree", "-c", str(target), "--json")
    areas = {a["title"]: [m["title"] for m in a["children"]] for a in json.loads(out)["children"]}
    assert areas == {
        "Languages": ["C++", "C--", "C"],
        "Tools": ["Git", "Make"],
        "Later": ["Rust", "Go"],
    }
    _, out, _ = run(runner, "list", "-c", str(target), "--kind", "map", "--json")
    maps = {m["title"]: m for m in json.loads(out)}
    assert len({m["id"] for m in maps.values()}) == 7  # C++, C-- and C each an id of their own
    _, out, _ = run(runner, "show", "-c", str(target), maps["Rust"]["id"], "--json")
    assert json.loads(out)["summary"] is None  # the nested line belongs to Go, not to Rust


def test_init_whose_notes_would_clash_with_the_folders_writes_nothing(
    runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "vault"
    (target / "Old").mkdir(parents=True)
    (target / "Old" / "Math.md").write_text("---\ntitle: Math\n---\nSchool notes.\n")
    before = files_under(target)
    code, _, err = run(runner, "init", str(target), ok=False)
    assert code == 1 and "ambiguous link" in err and str(target / "Basics") in err
    assert files_under(target) == before
    assert sorted(p.name for p in target.iterdir()) == ["Old"]
