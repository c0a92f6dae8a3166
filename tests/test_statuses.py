"""Honest statuses: a topic begun is `learning` everywhere, blocked or not, and says what it
waits on; optional is inherited; and every command counts topics and hours one way."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from tests.conftest import SMALL, run


def as_json(runner: CliRunner, *args: str) -> Any:
    return json.loads(run(runner, *args, "--json")[1])


def test_a_blocked_topic_begun_is_learning_everywhere(runner: CliRunner) -> None:
    _, out, err = run(runner, "start", "numpy")
    assert out.strip() == "NumPy and pandas: started"
    assert err.strip() == "warning: NumPy and pandas waits on Python for AI (not finished yet)"
    (row,) = as_json(runner, "list", "--status", "learning")
    assert (row["id"], row["status"], row["blocked"], row["waiting_on"]) == (
        "numpy-pandas",
        "learning",
        True,
        ["python"],
    )
    tree = run(runner, "tree", "Programming Foundations for AI")[1]
    assert "▶ NumPy and pandas  15h · waiting on Python for AI" in tree
    assert "⊘ NumPy and pandas" not in tree
    shown = run(runner, "show", "numpy")[1]
    assert shown.startswith("▶ NumPy and pandas")
    assert "learning · waiting on Python for AI" in shown
    first = as_json(runner, "next")[0]  # in progress comes first, blocked or not
    assert first["id"] == "numpy-pandas" and "waiting on Python for AI" in first["reason"]
    listed = run(runner, "list", "--status", "learning")[1]
    assert "▶ learning" in listed and "blocked" not in listed


def test_a_ready_topic_begun_gives_no_warning(runner: CliRunner) -> None:
    _, out, err = run(runner, "start", "python")
    assert out.strip() == "Python for AI: started" and err == ""
    _, _, err = run(runner, "skip", "debugging")  # skipping a blocked topic is no warning
    assert err == ""


def test_next_says_how_each_requirement_was_met(runner: CliRunner) -> None:
    run(runner, "skip", "python")
    run(runner, "done", "probability")
    reasons = {s["id"]: s["reason"] for s in as_json(runner, "next", "-n", "100")}
    assert reasons["numpy-pandas"].startswith("ready: Python for AI is skipped")
    assert reasons["agents-environments"].startswith(
        "ready: Probability is done; Python for AI is skipped"
    )


def test_optional_is_inherited_and_next_says_side_path(runner: CliRunner) -> None:
    rl = as_json(runner, "tree", "reinforcement-learning-systems")
    assert rl["optional"] is True
    assert rl["children"] and all(child["optional"] for child in rl["children"])
    run(runner, "done", "foundations", "data & systems", "--yes")
    side = [s for s in as_json(runner, "next", "-n", "200") if s["optional"]]
    assert side and all(s["reason"].endswith("optional side path") for s in side)


def test_next_says_when_the_roadmap_is_finished(runner: CliRunner) -> None:
    run(runner, "done", "-c", str(SMALL), "roadmap", "serving")
    out = run(runner, "next", "-c", str(SMALL))[1]
    assert out.strip() == "The roadmap is finished: all 5 topics done or skipped."


def counts(runner: CliRunner) -> None:
    """tree, stats, list and report agree on the topics and hours that count, and on the side
    paths shown apart."""
    hub = as_json(runner, "tree")
    stats = as_json(runner, "stats")
    leaves = [t for t in as_json(runner, "list") if t["kind"] == "topic" or not t.get("children")]
    for report in as_json(runner, "report"):  # a learner once their store exists
        assert (report["topics"], report["hours"]) == (hub["leaves"], hub["hours"])
    assert hub["leaves"] == stats["topics"] and hub["hours"] == stats["hours"]
    assert stats["hours_done"] + stats["hours_skipped"] + stats["hours_left"] == hub["hours"]
    assert hub["optional_leaves"] == stats["optional_topics"]
    assert len(leaves) == hub["leaves"] + hub["optional_leaves"]
    assert sum(t["hours"] for t in leaves) == hub["hours"] + hub["optional_hours"]
    for area in hub["children"]:  # each node's children add up to it
        assert area["leaves"] + area["optional_leaves"] == sum(
            m["leaves"] + m["optional_leaves"] for m in area["children"]
        )
    tree_line = run(runner, "tree", "--depth", "0")[1].splitlines()[0]
    assert (
        f"{hub['leaves']} topics" in tree_line
        and f"+{hub['optional_leaves']} optional" in tree_line
    )
    stats_head = run(runner, "stats")[1].splitlines()[0]
    assert f"of {stats['topics']} topics finished" in stats_head


def test_every_command_counts_topics_and_hours_one_way(runner: CliRunner) -> None:
    counts(runner)
    run(runner, "start", "agents")  # a side path begun counts from then on
    run(runner, "skip", "python")
    run(runner, "done", "linear-algebra")
    counts(runner)
    assert len(as_json(runner, "report")) == 1
