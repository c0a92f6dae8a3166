"""`review` through the CLI: what is due, rating one, a session, and how next and stats tell."""

from __future__ import annotations

import json
import os
import time
import tomllib
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from tests.conftest import run, stored_records
from tests.zones import fixture_zone  # noqa: F401


def today(zone: ZoneInfo) -> datetime:
    """09:00 on 2026-11-28 in the learner's time zone."""
    return datetime(2026, 11, 28, 9, tzinfo=zone)


def month_later(zone: ZoneInfo) -> datetime:
    """09:00 on 2026-12-28 in the learner's time zone."""
    return datetime(2026, 12, 28, 9, tzinfo=zone)


def store_path(learner: str = "default") -> Path:
    return Path(os.environ["AIROADMAP_HOME"]) / "learners" / f"{learner}.toml"


def at(monkeypatch: pytest.MonkeyPatch, when: str | datetime) -> None:
    """Set "now": an ISO text or offset, or a moment (given with its zone's offset)."""
    monkeypatch.setenv("AIROADMAP_NOW", when if isinstance(when, str) else when.isoformat())


def due_ids(runner: CliRunner, *args: str) -> list[str]:
    _, out, _ = run(runner, "review", "--json", *args)
    return [r["id"] for r in json.loads(out)]


def reviews_logged() -> list[tuple[str, str]]:
    log = tomllib.loads(store_path().read_text())["log"]
    return [(e["topics"][0], e["rating"]) for e in log if e["action"] == "review"]


@pytest.fixture
def three_done(runner: CliRunner, monkeypatch: pytest.MonkeyPatch, zone: ZoneInfo) -> list[str]:
    """Three topics finished today; a month later all three are due (local days, each zone)."""
    at(monkeypatch, today(zone))
    run(runner, "done", "linear-algebra", "calculus", "probability")
    at(monkeypatch, month_later(zone))
    return ["linear-algebra", "calculus", "probability"]


def test_done_today_is_not_due_today_but_is_a_month_later(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, zone: ZoneInfo
) -> None:
    at(monkeypatch, today(zone))
    run(runner, "done", "linear-algebra")
    assert due_ids(runner) == []
    _, out, _ = run(runner, "review")
    assert out.startswith("Nothing due. Next review: Linear Algebra, 2026-11-30 (in 2 days).")
    at(monkeypatch, month_later(zone))
    [item] = json.loads(run(runner, "review", "--json")[1])
    assert (item["id"], item["due"], item["status"]) == ("linear-algebra", True, "done")
    assert item["card"]["last_review"] == today(zone).astimezone(UTC).isoformat()  # kept in UTC
    assert 0 < item["retrievability"] < 0.9


def test_rating_good_schedules_later_than_again(
    runner: CliRunner, three_done: list[str], zone: ZoneInfo
) -> None:
    _, out, _ = run(runner, "review", "calculus", "--rating", "good")
    assert out.startswith("Calculus and Gradients: good · next review 2027-")
    run(runner, "review", "linear-algebra", "-r", "1")  # again, by its number
    cards = {t: r["card"] for t, r in stored_records(store_path()).items()}
    assert cards["calculus"]["due"] > cards["linear-algebra"]["due"]
    assert cards["linear-algebra"]["due"] > month_later(zone)
    assert reviews_logged() == [("calculus", "good"), ("linear-algebra", "again")]
    assert due_ids(runner) == ["probability"]


def test_a_session_over_three_due_topics_records_three_reviews(
    runner: CliRunner, three_done: list[str]
) -> None:
    _, out, _ = run(runner, "review", "--session", input="3\nhard\n4\n")
    assert sorted(reviews_logged()) == [
        ("calculus", "hard"),
        ("linear-algebra", "good"),
        ("probability", "easy"),
    ]
    assert "[1/3] " in out and "[3/3] " in out and "Can you still:" in out
    assert "Reviewed 3 topics (1 hard, 1 good, 1 easy). Nothing left due." in out
    assert due_ids(runner) == []


@pytest.mark.parametrize("answers", ["3\nq\n", "3\n", "3\n\nnonsense\nQ\n2\n"])
def test_stopping_a_session_after_one_answer_keeps_exactly_one(
    runner: CliRunner, three_done: list[str], answers: str
) -> None:
    """q, the end of input, or q after answers that are not ratings: the first answer is kept."""
    _, out, _ = run(runner, "review", "--session", input=answers)
    assert len(reviews_logged()) == 1
    assert "Reviewed 1 topic (1 good). 2 reviews still due." in out
    assert len(due_ids(runner)) == 2


def test_a_session_shows_the_summary_outcomes_and_your_note(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, zone: ZoneInfo
) -> None:
    at(monkeypatch, today(zone))
    run(runner, "done", "calculus")
    run(runner, "note", "calculus", "chain rule twice")
    at(monkeypatch, month_later(zone))
    _, out, _ = run(runner, "review", "--session", input="q\n")
    assert "Derivatives, gradients and the chain rule" in out
    assert "  • Derive the gradient of a softmax cross-entropy loss" in out
    assert "Your note: chain rule twice" in out
    assert "Reviewed 0 topics. 1 review still due." in out


def test_undo_takes_back_a_review_exactly(runner: CliRunner, three_done: list[str]) -> None:
    before = store_path().read_bytes()
    run(runner, "review", "calculus", "--rating", "easy")
    _, out, _ = run(runner, "log", "-n", "1")
    assert out.rstrip().endswith("review Calculus and Gradients (1 topic) · easy")
    assert json.loads(run(runner, "log", "--json", "-n", "1")[1])[0]["rating"] == "easy"
    _, out, _ = run(runner, "undo")
    assert out.strip() == "undid: review Calculus and Gradients (1 topic)"
    assert store_path().read_bytes() == before


def test_reset_and_undo_take_the_card_with_the_record(
    runner: CliRunner, three_done: list[str]
) -> None:
    run(runner, "review", "calculus", "--rating", "easy")
    card = stored_records(store_path())["calculus"]["card"]
    run(runner, "reset", "calculus", "--yes")
    assert "calculus" not in due_ids(runner, "--all")
    run(runner, "undo")
    assert stored_records(store_path())["calculus"]["card"] == card


def test_the_list_puts_the_most_at_risk_first_and_all_shows_upcoming(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, zone: ZoneInfo
) -> None:
    at(monkeypatch, datetime(2026, 10, 1, 9, tzinfo=zone))
    run(runner, "done", "python")
    at(monkeypatch, today(zone))
    run(runner, "done", "linear-algebra")
    at(monkeypatch, datetime(2026, 12, 10, 9, tzinfo=zone))
    _, out, _ = run(runner, "review")
    lines = out.splitlines()
    assert lines[0] == "2 reviews due for default, most at risk first:"
    assert lines[1].startswith("  1. Python for AI")
    assert lines[3].startswith("  2. Linear Algebra")
    assert "airoadmap review --session" in lines[-1]
    run(runner, "review", "python", "-r", "good")
    assert due_ids(runner) == ["linear-algebra"]
    assert due_ids(runner, "--all") == ["linear-algebra", "python"]  # soonest due first
    assert due_ids(runner, "--all", "-n", "1") == ["linear-algebra"]


def test_next_and_stats_mention_reviews(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, three_done: list[str], zone: ZoneInfo
) -> None:
    _, out, _ = run(runner, "next")
    assert out.splitlines()[0] == "3 reviews due — airoadmap review"
    run(runner, "review", "calculus", "--rating", "good")
    _, out, _ = run(runner, "stats")
    assert "Reviews: 2 due · 1 done in the last 30 days · average recall of 3 topics done:" in out
    data = json.loads(run(runner, "stats", "--json")[1])["reviews"]
    assert (data["cards"], data["due"], data["last_30_days"]) == (3, 2, 1)
    assert 0.5 < data["average_retrievability"] < 1
    at(monkeypatch, today(zone))
    assert "review" not in run(runner, "next")[1].splitlines()[0]


def test_show_tells_when_a_done_topic_is_next_reviewed(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, zone: ZoneInfo
) -> None:
    at(monkeypatch, today(zone))
    run(runner, "done", "calculus")
    _, out, _ = run(runner, "show", "calculus")
    assert "Review    due 2026-11-30 (in 2 days) · recall 100%" in out
    record = json.loads(run(runner, "show", "calculus", "--json")[1])["record"]
    due = datetime(2026, 11, 30, 9, tzinfo=zone).astimezone(UTC)
    assert record["card"]["due"] == due.isoformat()  # kept in UTC


def test_an_export_carries_the_cards_into_an_import(
    runner: CliRunner, three_done: list[str], tmp_path: Path
) -> None:
    run(runner, "review", "calculus", "--rating", "hard")
    exported = tmp_path / "ada.json"
    run(runner, "export", "--format", "json", "-o", str(exported))
    run(runner, "import", str(exported), "-l", "copy")
    mine = stored_records(store_path())
    theirs = stored_records(store_path("copy"))
    assert theirs == mine


def test_a_review_made_on_another_machine_wins_on_import(
    runner: CliRunner, three_done: list[str], tmp_path: Path
) -> None:
    """Reviews change no start or finish: the newest review still decides which record wins."""
    before, laptop = tmp_path / "before.json", tmp_path / "laptop.json"
    run(runner, "export", "--format", "json", "-o", str(before))
    run(runner, "import", str(before), "-l", "laptop")
    run(runner, "review", "calculus", "--rating", "easy", "-l", "laptop")
    run(runner, "export", "--format", "json", "-o", str(laptop), "-l", "laptop")
    _, out, _ = run(runner, "import", str(laptop))
    assert "Calculus and Gradients" in out
    reviewed = stored_records(store_path("laptop"))["calculus"]["card"]
    assert stored_records(store_path())["calculus"]["card"] == reviewed
    run(runner, "import", str(before))  # the older export: the review is kept
    assert stored_records(store_path())["calculus"]["card"] == reviewed


@pytest.mark.parametrize(
    ("args", "message", "usage"),
    [
        (["review", "python", "-r", "good"], "Python for AI is not done yet", False),
        (["review", "mathematics", "-r", "good"], "Mathematics for AI is a map", False),
        (["review", "calculus"], "give both a TOPIC and --rating", True),
        (["review", "-r", "good"], "give both a TOPIC and --rating", True),
        (["review", "--session", "calculus"], "--session takes no TOPIC", True),
        (["review", "nosuchtopic", "-r", "good"], "nosuchtopic", False),
    ],
)
def test_review_mistakes_are_one_line_and_change_nothing(
    runner: CliRunner, three_done: list[str], args: list[str], message: str, usage: bool
) -> None:
    """A mistake of use is exit 2 with a hint line; one about the data is exit 1."""
    before = store_path().read_bytes()
    code, _, err = run(runner, *args, ok=False)
    assert code == (2 if usage else 1)
    assert err.startswith("error: ") and message in err.splitlines()[0]
    assert err.count("\n") == (2 if usage else 1)
    assert store_path().read_bytes() == before


def test_a_bad_rating_is_a_usage_error(runner: CliRunner, three_done: list[str]) -> None:
    code, _, err = run(runner, "review", "calculus", "-r", "meh", ok=False)
    assert code == 2 and "'meh' is not a rating" in err


def test_a_bad_now_is_one_clear_error(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    at(monkeypatch, "next tuesday")
    code, _, err = run(runner, "done", "calculus", ok=False)
    assert code == 1
    assert err.startswith("error: AIROADMAP_NOW: 'next tuesday' is not a time")
    assert not store_path().exists()


def test_now_offsets_move_the_whole_command(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, zone: ZoneInfo
) -> None:
    at(monkeypatch, "-3d")
    run(runner, "done", "calculus")
    finished = stored_records(store_path())["calculus"]["finished"]
    assert abs(datetime.now(UTC) - timedelta(days=3) - finished) < timedelta(minutes=5)
    monkeypatch.delenv("AIROADMAP_NOW")
    assert due_ids(runner) == ["calculus"]  # finished three days ago: due after two


def test_a_review_due_this_evening_is_due_this_morning_in_your_zone(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    at(monkeypatch, "2026-11-29T00:30:00Z")  # 19:30 on the 28th at UTC-5
    run(runner, "done", "calculus")  # due two days on: 19:30 on the 30th, UTC-5
    at(monkeypatch, "2026-11-30T14:00:00Z")  # 09:00 on the 30th, UTC-5
    assert due_ids(runner) == []  # in UTC it falls due on December 1st
    monkeypatch.setenv("TZ", "Etc/GMT+5")  # POSIX sign: five hours behind UTC
    time.tzset()
    assert due_ids(runner) == ["calculus"]
    _, out, _ = run(runner, "review")
    assert "due 2026-11-30 (today)" in out


def test_a_review_due_this_evening_is_due_this_morning_in_every_zone(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, zone: ZoneInfo
) -> None:
    """Done at 19:30 on the 28th, due at 19:30 on the 30th: due all that day, from its
    morning, wherever the learner is (in Los Angeles that evening is December 1st in UTC)."""
    at(monkeypatch, datetime(2026, 11, 28, 19, 30, tzinfo=zone))
    run(runner, "done", "calculus")
    at(monkeypatch, datetime(2026, 11, 29, 23, 0, tzinfo=zone))
    assert due_ids(runner) == []
    _, out, _ = run(runner, "review")
    assert "Calculus and Gradients, 2026-11-30 (tomorrow)" in out
    at(monkeypatch, datetime(2026, 11, 30, 9, 0, tzinfo=zone))
    assert due_ids(runner) == ["calculus"]
    _, out, _ = run(runner, "review")
    assert "due 2026-11-30 (today)" in out


def test_the_cohort_report_counts_each_learners_due_reviews(
    runner: CliRunner, three_done: list[str]
) -> None:
    run(runner, "start", "python", "-l", "bob")
    run(runner, "review", "calculus", "--rating", "good")
    rows = {r["learner"]: r for r in json.loads(run(runner, "report", "--json")[1])}
    assert (rows["default"]["reviews_due"], rows["bob"]["reviews_due"]) == (2, 0)
    _, out, _ = run(runner, "report")
    assert "reviews due" in out.splitlines()[0]


def test_under_keeps_the_list_and_the_session_to_one_map(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, three_done: list[str], zone: ZoneInfo
) -> None:
    at(monkeypatch, today(zone))
    run(runner, "done", "python")
    at(monkeypatch, month_later(zone))
    assert due_ids(runner, "--under", "programming") == ["python"]
    assert sorted(due_ids(runner, "-u", "mathematics")) == sorted(three_done)
    _, out, _ = run(runner, "review", "--session", "--under", "programming", input="4\n")
    assert "[1/1] Python for AI" in out and reviews_logged() == [("python", "easy")]
    _, out, _ = run(runner, "review", "--under", "programming")
    assert out.startswith("Nothing due. Next review: Python for AI, 2027-")
