from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SMALL, WriteNote, run, stored_records


def store_path(learner: str = "default") -> Path:
    return Path(os.environ["AIROADMAP_HOME"]) / "learners" / f"{learner}.toml"


def next_ids(runner: CliRunner, *args: str) -> list[str]:
    _, out, _ = run(runner, "next", "--json", *args)
    return [t["id"] for t in json.loads(out)]


def test_a_new_learners_first_suggestion_is_a_foundations_topic(runner: CliRunner) -> None:
    _, out, _ = run(runner, "next", "--json")
    first = json.loads(out)[0]
    assert first["path"][:2] == ["ai-engineer", "foundations"]
    assert first["status"] == "todo" and first["reason"].startswith("ready")


def test_done_mathematics_then_next_then_undo(runner: CliRunner) -> None:
    _, out, _ = run(runner, "start", "mathematics")
    before = stored_records(store_path())
    _, out, _ = run(runner, "done", "mathematics")
    # every topic of the map but the optional side path (Information Theory Basics)
    assert out.strip() == "Mathematics for AI: 6 topics done"
    assert tomllib.loads(store_path().read_text())["schema"] == 2
    records = stored_records(store_path())
    math = ["linear-algebra", "matrix-decompositions", "calculus", "probability", "statistics"]
    math += ["optimization"]
    assert all(records[t]["status"] == "done" for t in math)
    assert "information-theory" not in records
    _, out, _ = run(runner, "next", "--json")
    suggestions = json.loads(out)
    assert suggestions
    assert all("mathematics-for-ai" not in s["path"] for s in suggestions[:1])
    _, out, _ = run(runner, "undo")
    assert out.strip() == "undid: done Mathematics for AI (6 topics)"
    assert stored_records(store_path()) == before


def test_marking_a_map_reports_how_many_topics(runner: CliRunner) -> None:
    _, out, _ = run(runner, "done", "-c", str(SMALL), "math")
    assert out.strip() == "Math for Tests: 2 topics done"
    _, out, _ = run(runner, "done", "-c", str(SMALL), "math")
    assert out.strip() == "Math for Tests: nothing to change (already done)"
    _, out, _ = run(runner, "skip", "-c", str(SMALL), "python", "training")
    assert out.splitlines() == ["Python: skipped", "Training: skipped"]
    _, out, _ = run(runner, "log", "-c", str(SMALL), "--json")
    assert [e["action"] for e in json.loads(out)] == ["skip", "done"]


def test_two_learners_keep_independent_progress(runner: CliRunner) -> None:
    run(runner, "done", "-l", "ada", "mathematics")
    run(runner, "start", "-l", "bob", "programming")
    _, ada, _ = run(runner, "show", "-l", "ada", "mathematics", "--json")
    _, bob, _ = run(runner, "show", "-l", "bob", "mathematics", "--json")
    assert json.loads(ada)["status"] == "done" and json.loads(bob)["status"] == "todo"
    _, out, _ = run(runner, "learners", "--json")
    rows = {row["learner"]: row for row in json.loads(out)}
    assert set(rows) == {"ada", "bob"}
    assert rows["ada"]["finished"] == 6 and rows["bob"]["finished"] == 0
    assert rows["ada"]["completion"] > 0 and rows["bob"]["last_activity"]
    _, out, _ = run(runner, "learners")
    assert "ada" in out and "bob" in out


def test_learner_from_the_environment(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIROADMAP_LEARNER", "cy")
    run(runner, "done", "mlops")
    assert store_path("cy").exists() and not store_path().exists()


def test_home_option(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, "done", "--home", str(tmp_path / "elsewhere"), "mlops")
    assert (tmp_path / "elsewhere" / "learners" / "default.toml").exists()


def test_path_lists_unmet_prerequisites_in_order(runner: CliRunner) -> None:
    run(runner, "done", "mathematics")
    _, out, _ = run(runner, "path", "generative-ai-systems", "--json")
    path = json.loads(out)
    order = [t["id"] for t in path]
    assert all(t["status"] in {"todo", "learning"} and t["kind"] == "topic" for t in path)
    assert not {"linear-algebra", "calculus", "probability"} & set(order)  # done already
    for expected in [
        "rag",
        "prompting",
        "llm-basics",
        "transformers",
        "embeddings",
        "python",
        "deep-learning",
        "retrieval",
    ]:
        assert expected in order
    assert "multi-agent" not in order  # an optional side path of the map
    for i, topic in enumerate(order):
        _, detail, _ = run(runner, "show", topic, "--json")
        needed = set(json.loads(detail)["required_leaves"]) & set(order)
        assert needed <= set(order[:i]), topic
    _, out, _ = run(runner, "path", "generative-ai-systems")
    assert out.startswith(f"To finish Generative AI Systems: {len(order)} topics, ")


def test_next_when_everything_is_done(runner: CliRunner) -> None:
    run(runner, "done", "-c", str(SMALL), "roadmap", "serving")
    _, out, _ = run(runner, "next", "-c", str(SMALL))
    assert out.strip() == "The roadmap is finished: all 5 topics done or skipped."


def test_next_under_a_blocked_topic_names_what_to_finish_first(runner: CliRunner) -> None:
    _, out, _ = run(runner, "next", "-c", str(SMALL), "--under", "models")
    assert out.startswith("Nothing in Models is ready yet. Finish first: Linear Algebra, Calculus")


def test_next_text_gives_reasons(runner: CliRunner) -> None:
    run(runner, "done", "-c", str(SMALL), "math", "python")
    _, out, _ = run(runner, "next", "-c", str(SMALL), "-n", "1")
    lines = out.splitlines()
    assert lines[0].split() == ["1.", "○", "Training", "Models", "·", "8h"]
    assert lines[1].strip() == "ready: Math for Tests and Python are done; unlocks 1 topic"


def test_tree_marks_and_list_filters(runner: CliRunner) -> None:
    run(runner, "done", "-c", str(SMALL), "linear-algebra")
    run(runner, "start", "-c", str(SMALL), "python")
    _, out, _ = run(runner, "tree", "-c", str(SMALL))
    assert "✓ Linear Algebra" in out and "▶ Python" in out and "⊘ Training" in out
    assert "○ Calculus" in out and "▶ Math for Tests  map · 2 topics · 35h · 50%" in out

    def ids(*args: str) -> list[str]:
        _, listed, _ = run(runner, "list", "-c", str(SMALL), "--json", *args)
        return [t["id"] for t in json.loads(listed)]

    assert ids("--status", "done") == ["linear-algebra"]
    assert ids("--status", "learning") == ["python"]
    assert ids("--ready") == ["calculus", "python"]
    assert ids("--blocked") == ["training", "serving"]
    _, out, _ = run(runner, "tree", "-c", str(SMALL), "--json")
    doc = json.loads(out)
    assert doc["status"] == "learning" and doc["completion"] == 0.25


def test_show_has_the_record_and_requirement_status(runner: CliRunner) -> None:
    run(runner, "done", "-c", str(SMALL), "math")
    run(runner, "note", "-c", str(SMALL), "training", "Use the small dataset")
    _, out, _ = run(runner, "show", "-c", str(SMALL), "training")
    assert "Note      Use the small dataset" in out
    assert "Requires  ✓ Math for Tests, ○ Python" in out
    _, out, _ = run(runner, "show", "-c", str(SMALL), "training", "--json")
    doc = json.loads(out)
    assert doc["record"] == {"status": "todo", "note": "Use the small dataset"}
    assert doc["requirements"] == [
        {"id": "math", "title": "Math for Tests", "status": "done", "met": True},
        {"id": "python", "title": "Python", "status": "todo", "met": False},
    ]


def test_note_set_print_clear(runner: CliRunner) -> None:
    _, out, _ = run(runner, "note", "mathematics", "Revisit eigenvectors")
    assert out.strip() == "Mathematics for AI: note saved"
    _, out, _ = run(runner, "note", "mathematics")
    assert out == "Revisit eigenvectors\n"
    run(runner, "note", "mathematics", "--clear")
    _, out, _ = run(runner, "note", "mathematics")
    assert out.strip() == "Mathematics for AI: no note"
    code, _, err = run(runner, "note", "mathematics", "x", "--clear", ok=False)
    assert code == 2 and "one of them" in err  # a usage error


def test_reset_asks_first(runner: CliRunner) -> None:
    run(runner, "done", "linear-algebra", "mlops")
    code, _, _ = run(runner, "reset", "linalg", input="n\n", ok=False)
    assert code == 1
    assert "linear-algebra" in stored_records(store_path())
    _, out, _ = run(runner, "reset", "linalg", input="y\n")
    assert "1 record forgotten" in out
    assert "linear-algebra" not in stored_records(store_path())
    _, out, _ = run(runner, "reset", "--all", "--yes")
    assert stored_records(store_path()) == {}
    run(runner, "undo")
    assert "ci-cd" in stored_records(store_path())
    code, _, err = run(runner, "reset", ok=False)
    assert code == 2 and "--all" in err  # a usage error


def test_undo_with_nothing_to_undo(runner: CliRunner) -> None:
    code, _, err = run(runner, "undo", ok=False)
    assert code == 1 and err.strip() == "error: nothing to undo"


def test_stats_and_log(runner: CliRunner) -> None:
    run(runner, "done", "-c", str(SMALL), "math")
    run(runner, "start", "-c", str(SMALL), "python")
    _, out, _ = run(runner, "stats", "-c", str(SMALL))
    lines = out.splitlines()
    assert (
        lines[0]
        == "default: 50% of Roadmap (2 of 4 topics finished, 1 in progress; 1 optional apart)"
    )
    assert any(
        line.split()[:2] == ["Math", "for"] and "100%" in line and "2/2" in line for line in lines
    )
    assert "Hours: 35h done, 18h left" in out
    assert "Last 7 days: 3 started, 2 finished" in out and "streak: 1 day" in out
    _, out, _ = run(runner, "stats", "-c", str(SMALL), "--json")
    doc = json.loads(out)
    assert doc["completion"] == 0.5 and doc["hours_done"] == 35 and doc["streak_days"] == 1
    _, out, _ = run(runner, "log", "-c", str(SMALL))
    assert [line.split()[2:] for line in out.splitlines()] == [
        ["start", "Python", "(1", "topic)"],
        ["done", "Math", "for", "Tests", "(2", "topics)"],
    ]
    _, out, _ = run(runner, "log", "-c", str(SMALL), "-n", "1", "--json")
    assert len(json.loads(out)) == 1


def test_records_of_removed_topics_are_kept_and_reported(runner: CliRunner) -> None:
    store_path().parent.mkdir(parents=True)
    store_path().write_text(
        'schema = 1\nlearner = "default"\n[topics.old-topic]\nstatus = "done"\n'
    )
    run(runner, "done", "mlops")
    assert "old-topic" in stored_records(store_path())
    _, _, err = run(runner, "stats")
    assert "records for 1 topic not in this curriculum (kept): old-topic" in err
    _, _, err = run(runner, "validate")
    assert "learner default" in err and "old-topic" in err


BROKEN = b'schema = 1\nlearner = "default"\n[topics.mlops\nstatus = "done"\n'


@pytest.mark.parametrize(
    "args",
    [
        ["next"],
        ["tree"],
        ["list"],
        ["show", "mlops"],
        ["stats"],
        ["log"],
        ["path", "mlops"],
        ["done", "mlops"],
        ["start", "mlops"],
        ["undo"],
        ["note", "mlops", "x"],
        ["reset", "--all", "--yes"],
    ],
)
def test_a_broken_store_stops_every_command_and_stays_unchanged(
    runner: CliRunner, args: list[str]
) -> None:
    store_path().parent.mkdir(parents=True)
    store_path().write_bytes(BROKEN)
    code, out, err = run(runner, *args, ok=False)
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "default.toml: broken TOML" in err and "line 3, column" in err
    assert store_path().read_bytes() == BROKEN


def test_newer_schema_is_refused_for_writing(runner: CliRunner) -> None:
    store_path().parent.mkdir(parents=True)
    newer = b'schema = 99\nlearner = "default"\n'
    store_path().write_bytes(newer)
    code, _, err = run(runner, "done", "mlops", ok=False)
    assert code == 1 and "written by a newer airoadmap" in err and "upgrade" in err
    assert store_path().read_bytes() == newer


@pytest.mark.parametrize("name", ["../x", "", "a b"])
def test_bad_learner_names(runner: CliRunner, name: str) -> None:
    code, _, err = run(runner, "done", "-l", name, "mlops", ok=False)
    assert code == 1 and "invalid learner name" in err
    code, _, err = run(runner, "next", "-l", name, ok=False)
    assert code == 1 and "invalid learner name" in err


def test_a_failed_write_is_reported_and_changes_nothing(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from airoadmap.progress import store

    run(runner, "done", "mathematics")
    old = store_path().read_bytes()

    def full(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store.os, "replace", full)
    code, _, err = run(runner, "done", "mlops", ok=False)
    assert code == 1
    assert "progress not saved; previous progress intact (No space left on device)" in err
    assert store_path().read_bytes() == old


def test_eight_processes_marking_at_once_lose_nothing(write_note: WriteNote) -> None:
    write_note("Hub.md", "---\nkind: hub\n---\n")
    topics = [f"t{i}" for i in range(8)]
    for topic in topics:
        vault = write_note(f"{topic}.md", "---\nup: '[[Hub]]'\n---\n")
    env = {**os.environ, "AIROADMAP_CURRICULUM": str(vault)}
    processes = [
        subprocess.Popen(
            [sys.executable, "-m", "airoadmap", "done", topic],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for topic in topics
    ]
    for process in processes:
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    data = tomllib.loads(store_path().read_text())
    records = stored_records(store_path(), "hub")
    assert sorted(records) == topics
    assert all(r["status"] == "done" for r in records.values())
    assert len(data["log"]) == 8


def test_data_options_work_before_the_command_as_after_it(runner: CliRunner) -> None:
    run(runner, "-l", "ada", "done", "python")
    run(runner, "done", "linear-algebra", "-l", "ada")
    before = json.loads(run(runner, "-l", "ada", "stats", "--json")[1])
    after = json.loads(run(runner, "stats", "--json", "-l", "ada")[1])
    assert before == after and before["finished"] == 2
    assert json.loads(run(runner, "stats", "--json")[1])["finished"] == 0  # not the default's
    tree = json.loads(run(runner, "-c", str(SMALL), "tree", "--json")[1])
    assert tree["title"] == "Roadmap"


def test_a_data_option_given_twice_or_where_it_does_nothing_is_a_usage_error(
    runner: CliRunner,
) -> None:
    code, out, err = run(runner, "-l", "ada", "next", "-l", "bob", ok=False)
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "error: Invalid value for --learner: given both before and after the command: keep one",
        "hint: see 'airoadmap next -h'",
    ]
    code, _, err = run(runner, "-c", str(SMALL), "use", ok=False)
    assert code == 2 and "use takes no --curriculum" in err
    assert not (Path(os.environ["AIROADMAP_HOME"]) / "learners").exists()


def test_a_usage_error_is_one_line_and_a_hint(runner: CliRunner) -> None:
    code, _, err = run(runner, "next", "--bogus", ok=False)
    assert code == 2
    assert err.splitlines() == ["error: No such option: --bogus", "hint: see 'airoadmap next -h'"]


def test_a_note_joins_its_words_reads_stdin_or_opens_the_editor(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    run(runner, "note", "linalg", "revisit", "eigen", "vectors")
    assert run(runner, "note", "linalg")[1] == "revisit eigen vectors\n"
    run(runner, "note", "linalg", "-", input="  from a pipe\n")
    assert run(runner, "note", "linalg")[1] == "from a pipe\n"
    editor = tmp_path / "editor.py"  # an editor that changes a word of the file it is given
    editor.write_text(
        "import sys, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text().replace('pipe', 'editor'))\n"
        "sys.exit(int(sys.argv[2]) if len(sys.argv) > 2 else 0)\n"
    )
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {editor}")
    run(runner, "note", "linalg", "--edit")
    assert run(runner, "note", "linalg")[1] == "from a editor\n"
    code, _, err = run(runner, "note", "linalg", "text", "--clear", ok=False)
    assert code == 2 and err.startswith("error: ")


def test_a_change_of_many_topics_asks_first(runner: CliRunner) -> None:
    code, out, err = run(runner, "done", "ai-engineer", ok=False)  # no terminal to ask on
    assert code == 1 and out == ""
    assert (
        err.strip()
        == "error: this would mark done 103 topics: add --yes to do it without being asked"
    )
    assert not store_path().exists()
    run(runner, "done", "mathematics")  # 6 topics: no question
    _, out, _ = run(runner, "done", "ai-engineer", "--yes")
    assert out.strip() == "AI Engineer: 97 topics done"


def test_a_topic_named_twice_changes_once(runner: CliRunner) -> None:
    _, out, _ = run(runner, "done", "linalg", "linear-algebra", "Linear Algebra")
    assert out == "Linear Algebra: done\n"
    (entry,) = json.loads(run(runner, "log", "--json")[1])
    assert entry["targets"] == ["linear-algebra"] and entry["topics"] == ["linear-algebra"]


def test_starting_a_finished_topic_says_its_review_card_goes(runner: CliRunner) -> None:
    run(runner, "done", "python", "linalg")  # Python first: Linear Algebra's requirement
    _, out, err = run(runner, "start", "linalg")
    assert out.strip() == "Linear Algebra: started"
    assert err.strip() == (
        "warning: no longer finished, so no longer reviewed (its card is gone): Linear Algebra"
    )
    assert "card" not in stored_records(store_path())["linear-algebra"]


def test_depth_0_is_the_node_alone_and_contradictory_filters_are_usage_errors(
    runner: CliRunner,
) -> None:
    lines = run(runner, "tree", "mathematics", "--depth", "0")[1].splitlines()
    assert len(lines) == 2 and lines[0].startswith("○ Mathematics for AI  map · 6 topics")
    code, _, err = run(runner, "list", "--ready", "--blocked", ok=False)
    assert code == 2 and "choose --ready or --blocked" in err


def test_log_says_what_each_hours_note_and_goal_entry_set_even_after_undo(
    runner: CliRunner,
) -> None:
    """An entry keeps only what it changed as it was before (for undo): `log` must still show
    the value each one set, the last one's and the earlier ones' alike."""
    run(runner, "start", "linear-algebra")
    run(runner, "log-hours", "linear-algebra", "3")
    run(runner, "log-hours", "linear-algebra", "5.5")
    run(runner, "goal", "mathematics", "--by", "2027-03-01")
    run(runner, "note", "linear-algebra", "rank", "and", "null", "space")
    run(runner, "goal", "--clear")
    _, out, _ = run(runner, "log")
    said = [line.split(None, 3)[2:] for line in out.splitlines()]
    assert said == [
        ["goal", "cleared"],
        ["note", "Linear Algebra: “rank and null space”"],
        ["goal", "Mathematics for AI by 2027-03-01"],
        ["hours", "Linear Algebra: 5.5h"],
        ["hours", "Linear Algebra: 3h"],
        ["start", "Linear Algebra (1 topic)"],
    ]
    run(runner, "undo")
    run(runner, "undo")
    run(runner, "undo")
    _, out, _ = run(runner, "log", "--json")
    entries = json.loads(out)
    assert [(e["action"], e.get("hours")) for e in entries] == [
        ("hours", 5.5),
        ("hours", 3),
        ("start", None),
    ]
    run(runner, "undo")
    _, out, _ = run(runner, "log")
    assert out.splitlines()[0].endswith("hours  Linear Algebra: 3h")
