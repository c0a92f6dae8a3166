"""Plan to a date: a goal that steers `next`, the week-by-week plan, the learner's pace, the
calendar file and the charts."""

from __future__ import annotations

import json
import os
import shutil
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from airoadmap.domain import planner
from airoadmap.domain.tracker import Tracker
from airoadmap.models import Record, Status
from airoadmap.notes.loader import load_curriculum
from tests.conftest import SMALL, WriteNote, run

NOW = "2026-12-01T09:00:00Z"
START = "2026-12-07"


@pytest.fixture(autouse=True)
def _fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIROADMAP_NOW", NOW)


def store_path(learner: str = "default") -> Path:
    return Path(os.environ["AIROADMAP_HOME"]) / "learners" / f"{learner}.toml"


def plan_json(runner: CliRunner, *args: str) -> dict[str, Any]:
    _, out, _ = run(runner, "plan", "--json", "--start", START, *args)
    document: dict[str, Any] = json.loads(out)
    return document


def required_leaves(folder: Path) -> dict[str, set[str]]:
    """Each leaf's requirements, expanded to leaves (its ancestors' too)."""
    curriculum = load_curriculum(folder)
    return {
        leaf: {r for node in curriculum.requirement_nodes(leaf) for r in curriculum.leaves(node)}
        for leaf in curriculum.all_leaves()
    }


def check_plan(document: dict[str, Any], folder: Path) -> None:
    """Every requirement is respected (in the order and in the weeks), every week holds its
    hours and no more, and the weeks sum to the topics' hours plus the review reserve."""
    requires = required_leaves(folder)
    order = [t["id"] for t in document["topics"]]
    finished_in: dict[str, int] = {}
    started_in: dict[str, int] = {}
    for week in document["weeks"]:
        total = sum(b["hours"] for b in week["blocks"]) + week["review_hours"]
        assert total <= document["hours_per_week"] + 0.02
        for block in week["blocks"]:
            started_in.setdefault(block["id"], week["week"])
            if block["finishes"]:
                finished_in[block["id"]] = week["week"]
    for place, topic in enumerate(order):
        for required in requires[topic] & set(order):
            assert order.index(required) < place, (required, topic)
            assert finished_in[required] <= started_in[topic]
    study = sum(b["hours"] for w in document["weeks"] for b in w["blocks"])
    reserve = sum(w["review_hours"] for w in document["weeks"])
    assert study == pytest.approx(sum(t["hours"] for t in document["topics"]), abs=0.05)
    assert study + reserve == pytest.approx(
        document["study_hours"] + document["review_hours"], abs=0.05
    )
    assert set(finished_in) == set(order)


# --- the plan --------------------------------------------------------------------------------


def test_a_plan_of_the_small_roadmap_respects_requirements_and_sums(runner: CliRunner) -> None:
    run(runner, "done", "-c", str(SMALL), "linear-algebra")  # a card: reviews fall due
    document = plan_json(runner, "-c", str(SMALL), "--hours-per-week", "4")
    order = [t["id"] for t in document["topics"]]
    assert order == ["calculus", "python", "training"]  # serving is optional: left out
    assert document["study_hours"] == 15 + 10 + 8
    assert document["reviews"] >= 1 and document["review_hours"] > 0
    check_plan(document, SMALL)
    first = document["weeks"][0]
    # a long topic is split across weeks, and says which part
    assert first["blocks"][0]["id"] == "calculus" and first["blocks"][0]["parts"] > 1


def test_a_plan_keeps_topics_in_progress_first(runner: CliRunner) -> None:
    run(runner, "start", "-c", str(SMALL), "python")
    document = plan_json(runner, "-c", str(SMALL), "-w", "6")
    assert document["topics"][0]["id"] == "python"
    assert document["weeks"][0]["blocks"][0]["id"] == "python"
    check_plan(document, SMALL)


def test_a_plan_of_the_bundled_roadmap_respects_every_requirement(runner: CliRunner) -> None:
    from airoadmap.locations import bundled_curriculum

    run(runner, "done", "python", "linear-algebra")
    run(runner, "start", "probability")
    document = plan_json(runner, "deep-learning", "-w", "9")
    assert document["topics"][0]["id"] == "probability"
    check_plan(document, bundled_curriculum())


def test_the_text_plan_says_the_reserve_the_forecast_and_the_weeks(runner: CliRunner) -> None:
    run(runner, "done", "-c", str(SMALL), "linear-algebra")
    _, out, _ = run(runner, "plan", "-c", str(SMALL), "-w", "5", "--start", START, "--no-chart")
    lines = out.splitlines()
    assert lines[0] == "Plan for Roadmap: 3 topics, 33h to study (estimated 33h × your pace 1.00)"
    assert any(line.startswith("At 5h a week from 2026-12-07, with ") for line in lines)
    assert any("min each" in line for line in lines)
    assert any(line.startswith("Most likely done 2027-") and "between" in line for line in lines)
    assert "week\tfrom\tstudy\treviews\ttopics" in lines


def test_by_with_too_little_time_says_how_much_is_missing(runner: CliRunner) -> None:
    document = plan_json(runner, "-c", str(SMALL), "-w", "2", "--by", "2027-01-04")
    assert document["days_late"] > 0
    assert document["needs_hours_per_week"] > 2
    _, out, _ = run(
        runner, "plan", "-c", str(SMALL), "-w", "2", "--by", "2027-01-04", "--start", START
    )
    said = next(line for line in out.splitlines() if line.startswith("Not by 2027-01-04"))
    needs = document["needs_hours_per_week"]
    assert f"late at 2h a week; it needs {needs:g}h a week, {needs - 2:.1f}h a week more" in said


def test_by_alone_gives_the_hours_a_week_that_fit(runner: CliRunner) -> None:
    document = plan_json(runner, "-c", str(SMALL), "--by", "2027-02-28")
    assert document["days_late"] <= 0
    assert document["hours_per_week"] == document["needs_hours_per_week"]
    assert document["forecast"]["likely"] <= "2027-02-28"
    check_plan(document, SMALL)
    _, out, _ = run(runner, "plan", "-c", str(SMALL), "--by", "2026-12-11", "--start", START)
    assert any(
        line.startswith("By 2026-12-11: it needs 74.3h a week.") for line in out.splitlines()
    )
    _, out, _ = run(runner, "plan", "-c", str(SMALL), "--by", "2026-12-08", "--start", START)
    lines = out.splitlines()
    assert "Impossible by 2026-12-08: even 168h a week finishes later, 1 day late." in lines


def test_an_impossible_date_says_so(runner: CliRunner) -> None:
    _, out, _ = run(runner, "plan", "-c", str(SMALL), "--by", "2026-12-01", "--start", START)
    assert any(line.startswith("Impossible by 2026-12-01: ") for line in out.splitlines())


# --- the pace ----------------------------------------------------------------------------------


def wide_vault(write_note: WriteNote, topics: int = 30) -> Path:
    write_note("Hub.md", "---\nkind: hub\n---\n")
    write_note("M.md", "---\nkind: map\nup: '[[Hub]]'\n---\n")
    for i in range(topics):
        vault = write_note(f"T{i:02}.md", f"---\nup: '[[M]]'\norder: {i}\nhours: 10\n---\n")
    return vault


def test_twice_the_estimates_gives_a_forecast_about_twice_as_long(
    runner: CliRunner, write_note: WriteNote
) -> None:
    vault = wide_vault(write_note)
    for i in range(14):
        run(runner, "done", "-c", str(vault), "-l", "slow", f"t{i:02}", "--hours", "20")
        run(runner, "done", "-c", str(vault), "-l", "even", f"t{i:02}", "--hours", "10")
    args = ("-c", str(vault), "-w", "10", "--review-minutes", "0")
    slow = plan_json(runner, *args, "-l", "slow")
    even = plan_json(runner, *args, "-l", "even")
    assert even["pace"]["ratio"] == pytest.approx(1.0)
    assert 1.75 < slow["pace"]["ratio"] < 2.0
    start = date.fromisoformat(START)

    def days(document: dict[str, Any], which: str = "likely") -> int:
        return (date.fromisoformat(document["forecast"][which]) - start).days

    assert 1.7 < days(slow) / days(even) < 2.1
    assert days(slow, "earliest") < days(slow) < days(slow, "latest")
    _, out, _ = run(runner, "stats", "-c", str(vault), "-l", "slow")
    assert any(
        line.startswith("Pace: 1.8") and "from 14 topics timed" in line for line in out.splitlines()
    )


def test_the_pace_has_a_prior() -> None:
    none = planner.pace([])
    assert none.ratio == 1.0 and none.low < 1 < none.high
    one = planner.pace([planner.Sample("a", 10, 30, "measured")])
    assert 1.0 < one.ratio < 2.0  # one topic three times as long moves it a little
    many = planner.pace([planner.Sample(str(i), 10, 30, "measured") for i in range(40)])
    assert 2.7 < many.ratio < 3.0 and many.high / many.low < 1.3


def test_start_and_finish_dates_count_at_a_steady_rhythm(write_note: WriteNote) -> None:
    from datetime import UTC, datetime

    vault = wide_vault(write_note, 3)
    curriculum = load_curriculum(vault)
    record = Record(
        status=Status.DONE,
        started=datetime(2026, 1, 1, tzinfo=UTC),
        finished=datetime(2026, 1, 15, tzinfo=UTC),
    )
    assert planner.samples(curriculum, {"t00": record}) == []
    [sample] = planner.samples(curriculum, {"t00": record}, rhythm=10)
    assert sample.source == "rhythm" and sample.actual == pytest.approx(20)


def test_done_hours_and_log_hours_are_stored_and_undone(runner: CliRunner) -> None:
    run(runner, "done", "-c", str(SMALL), "python", "--hours", "14")
    record = tomllib.loads(store_path().read_text())["hubs"]["roadmap"]["topics"]["python"]
    assert record["hours"] == 14 and record["status"] == "done"
    _, out, _ = run(runner, "log-hours", "-c", str(SMALL), "python", "12.5")
    assert out.strip() == "Python: 12.5h logged (estimate 10h)"
    run(runner, "undo", "-c", str(SMALL))
    _, out, _ = run(runner, "show", "-c", str(SMALL), "python", "--json")
    assert json.loads(out)["record"]["hours"] == 14
    run(runner, "undo", "-c", str(SMALL))  # done and its hours: one action
    assert "python" not in tomllib.loads(store_path().read_text()).get("hubs", {}).get(
        "roadmap", {}
    ).get("topics", {})
    code, _, err = run(runner, "log-hours", "-c", str(SMALL), "python", "3", ok=False)
    assert code == 1 and "todo" in err
    code, _, err = run(runner, "done", "-c", str(SMALL), "math", "--hours", "3", ok=False)
    assert code == 2


# --- the goal --------------------------------------------------------------------------------


def next_ids(runner: CliRunner, *args: str) -> list[str]:
    _, out, _ = run(runner, "next", "--json", "-c", str(SMALL), *args)
    return [t["id"] for t in json.loads(out)]


def test_a_goal_changes_nexts_order_and_survives_undo(runner: CliRunner) -> None:
    assert next_ids(runner) == ["linear-algebra", "calculus", "python"]
    _, out, _ = run(runner, "goal", "-c", str(SMALL), "python", "--by", "2027-03-01", "-w", "4")
    assert out.splitlines()[:2] == [
        "goal set: Python",
        "Goal: Python (by 2027-03-01, at 4h a week)",
    ]
    assert next_ids(runner) == ["python", "linear-algebra", "calculus"]  # the others still after
    _, out, _ = run(runner, "next", "--json", "-c", str(SMALL))
    assert json.loads(out)[0]["reason"].endswith("toward your goal: Python")
    assert "toward your goal" not in json.loads(out)[1]["reason"]
    run(runner, "goal", "-c", str(SMALL), "calculus")
    assert next_ids(runner)[0] == "calculus"
    run(runner, "undo", "-c", str(SMALL))
    assert next_ids(runner)[0] == "python"
    _, out, _ = run(runner, "goal", "-c", str(SMALL), "--json")
    assert json.loads(out)["by"] == "2027-03-01" and json.loads(out)["hours_per_week"] == 4
    # the plan takes the goal's target and numbers
    document = plan_json(runner, "-c", str(SMALL))
    assert document["targets"] == ["python"] and document["hours_per_week"] == 4
    assert document["by"] == "2027-03-01"
    run(runner, "undo", "-c", str(SMALL))
    assert next_ids(runner) == ["linear-algebra", "calculus", "python"]
    _, out, _ = run(runner, "goal", "-c", str(SMALL))
    assert out.startswith("No goal yet")
    run(runner, "goal", "-c", str(SMALL), "python")
    _, out, _ = run(runner, "goal", "-c", str(SMALL), "--clear")
    assert out.strip() == "goal cleared"
    assert next_ids(runner)[0] == "linear-algebra"


def test_a_goal_survives_sync(runner: CliRunner, tmp_path: Path) -> None:
    run(runner, "start", "-c", str(SMALL), "calculus")
    base = tmp_path / "base.toml"
    shutil.copy(store_path(), base)
    run(runner, "goal", "-c", str(SMALL), "python")  # ours: the goal
    ours = tmp_path / "ours.toml"
    shutil.copy(store_path(), ours)
    shutil.copy(base, store_path())
    run(runner, "done", "-c", str(SMALL), "linear-algebra")  # theirs: a topic done elsewhere
    theirs = tmp_path / "theirs.toml"
    shutil.copy(store_path(), theirs)
    run(runner, "merge-store", str(base), str(ours), str(theirs))
    shutil.copy(ours, store_path())
    hub = tomllib.loads(store_path().read_text())["hubs"]["roadmap"]
    assert hub["goal"] == {"targets": ["python"]}
    assert hub["topics"]["linear-algebra"]["status"] == "done"
    assert next_ids(runner)[0] == "python"
    run(runner, "undo", "-c", str(SMALL))  # the last action in time: the merged log's
    assert store_path().exists()


def test_a_broken_goal_is_one_line(runner: CliRunner) -> None:
    run(runner, "goal", "-c", str(SMALL), "python")
    import tomli_w

    data = tomllib.loads(store_path().read_text())
    data["hubs"]["roadmap"]["goal"]["targets"] = 3
    store_path().write_text(tomli_w.dumps(data))
    code, _, err = run(runner, "next", "-c", str(SMALL), ok=False)
    assert code == 1 and "goal --clear" in err
    run(runner, "goal", "-c", str(SMALL), "--clear")
    assert next_ids(runner)[0] == "linear-algebra"


# --- the calendar and the charts ---------------------------------------------------------------


def test_the_ics_file_parses_and_holds_the_blocks(runner: CliRunner, tmp_path: Path) -> None:
    from icalendar import Calendar

    run(runner, "done", "-c", str(SMALL), "linear-algebra")
    ics = tmp_path / "plan.ics"
    document = plan_json(runner, "-c", str(SMALL), "-w", "4", "--ics", str(ics))
    calendar = Calendar.from_ical(ics.read_bytes())
    events = list(calendar.walk("VEVENT"))
    blocks = [(w, b) for w in document["weeks"] for b in w["blocks"]]
    study = [e for e in events if str(e["summary"]).startswith("Study ")]
    reviews = [e for e in events if str(e["summary"]).startswith("Reviews: ")]
    assert len(study) == len(blocks)
    assert len(reviews) == sum(1 for w in document["weeks"] if w["reviews"])
    for event, (week, block) in zip(study, blocks, strict=True):
        assert event["dtstart"].dt == date.fromisoformat(week["start"])
        assert block["title"] in str(event["summary"]) and f"{block['hours']:.1f}h" in str(
            event["summary"]
        )
        assert f"airoadmap show {block['id']}" in str(event["description"])
    assert len({str(e["uid"]) for e in events}) == len(events)


def test_the_burn_up_chart_draws(write_note: WriteNote) -> None:
    from airoadmap.cli.charts import burnup, weekly

    curriculum = load_curriculum(SMALL)
    tracker = Tracker(curriculum, {})
    made = planner.plan(
        tracker=tracker,
        targets=[curriculum.hub_id],
        start=date(2026, 12, 7),
        pace=planner.pace([]),
        hours_per_week=5,
    )
    history = [(date(2026, 11, 30), 3.0)]
    drawn = burnup(history, made, width=70).splitlines()
    assert any("likely" in line for line in drawn) and any("slow" in line for line in drawn)
    assert all(len(line) <= 70 and "\x1b" not in line for line in drawn)
    assert "Hours finished per week" in weekly(history * 3, width=60)


def test_plan_draws_its_chart_when_asked(runner: CliRunner) -> None:
    _, out, _ = run(runner, "plan", "-c", str(SMALL), "-w", "5", "--chart")
    assert "Hours done, and the projection" in out
    _, out, _ = run(runner, "plan", "-c", str(SMALL), "-w", "5")  # piped: no chart
    assert "projection" not in out


# --- the user trial's defects -------------------------------------------------------------------


def test_a_passed_goal_date_warns_and_plans(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(runner, "goal", "-c", str(SMALL), "roadmap", "--by", "2027-03-01")
    monkeypatch.setenv("AIROADMAP_NOW", "2027-05-20T09:00:00Z")
    _, out, err = run(runner, "plan", "-c", str(SMALL), "--no-chart")
    assert "2027-03-01 has passed" in err and "80 days" in err
    assert any(line.startswith("At 10h a week (assumed") for line in out.splitlines())
    _, out, _ = run(runner, "plan", "-c", str(SMALL), "--by", "2027-05-20", "--no-chart")
    assert any(line.startswith("Impossible by 2027-05-20") for line in out.splitlines())
    _, _, err = run(runner, "goal", "-c", str(SMALL), "--by", "2027-05-01")
    assert "2027-05-01 has passed" in err


def test_done_hours_on_a_done_topic_records_them_and_says_so(runner: CliRunner) -> None:
    run(runner, "done", "-c", str(SMALL), "python", "--hours", "14")
    log = tomllib.loads(store_path().read_text())["log"]
    assert len(log) == 1
    _, out, _ = run(runner, "done", "-c", str(SMALL), "python", "--hours", "5")
    assert out.strip() == "Python: already done; 5h logged"
    run(runner, "undo", "-c", str(SMALL))
    _, out, _ = run(runner, "show", "-c", str(SMALL), "python", "--json")
    assert (
        json.loads(out)["record"]["hours"] == 14 and json.loads(out)["record"]["status"] == "done"
    )
    run(runner, "undo", "-c", str(SMALL))
    assert "python" not in tomllib.loads(store_path().read_text()).get("hubs", {}).get(
        "roadmap", {}
    ).get("topics", {})


def test_dates_are_capped_shared_and_second_to_logged_hours(write_note: WriteNote) -> None:
    from datetime import UTC, datetime

    vault = wide_vault(write_note, 3)
    curriculum = load_curriculum(vault)

    def done(start: int, finish: int, hours: float | None = None) -> Record:
        return Record(
            status=Status.DONE,
            started=datetime(2026, 1, start, tzinfo=UTC),
            finished=datetime(2026, 1, finish, tzinfo=UTC),
            hours=hours,
        )

    # Left open over a break: no more than 3× the estimate.
    [long] = planner.samples(curriculum, {"t00": done(1, 29)}, rhythm=10)
    assert long.actual == pytest.approx(30)
    # Two topics over the same two weeks: each gets half of it.
    both = planner.samples(curriculum, {"t00": done(1, 15), "t01": done(1, 15)}, rhythm=10)
    assert [s.actual for s in both] == pytest.approx([10, 10])
    # With logged hours, dates are not used: the goal's hours a week do not change the pace.
    records = {"t00": done(1, 15), "t01": done(1, 15, hours=12)}
    assert planner.samples(curriculum, records, rhythm=10) == planner.samples(
        curriculum, records, rhythm=3
    )
    assert [s.source for s in planner.samples(curriculum, records, rhythm=10)] == ["measured"]
    pace = planner.pace(planner.samples(curriculum, {"t00": done(1, 15)}, rhythm=10))
    from airoadmap.cli.plan import pace_words

    assert "3× the estimate" in pace_words(pace) and "shared" in pace_words(pace)


def test_by_with_the_goals_hours_says_whether_it_is_met(runner: CliRunner) -> None:
    run(runner, "goal", "-c", str(SMALL), "roadmap", "-w", "2")
    document = plan_json(runner, "-c", str(SMALL), "--by", "2027-01-04")
    assert document["hours_per_week"] == 2 and document["days_late"] > 0
    _, out, _ = run(runner, "plan", "-c", str(SMALL), "--by", "2027-01-04", "--start", START)
    assert any(line.startswith("Not by 2027-01-04: ") for line in out.splitlines())


def test_a_new_goal_target_keeps_the_date_and_hours(runner: CliRunner) -> None:
    run(runner, "goal", "-c", str(SMALL), "roadmap", "--by", "2027-06-30", "-w", "6")
    run(runner, "goal", "-c", str(SMALL), "python")
    _, out, _ = run(runner, "goal", "-c", str(SMALL), "--json")
    document = json.loads(out)
    assert document["by"] == "2027-06-30" and document["hours_per_week"] == 6
    run(runner, "goal", "-c", str(SMALL), "python", "-w", "3")
    _, out, _ = run(runner, "goal", "-c", str(SMALL), "--json")
    assert json.loads(out)["by"] == "2027-06-30" and json.loads(out)["hours_per_week"] == 3


def test_the_ics_uids_are_stable_and_blocks_not_tiny(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from icalendar import Calendar

    run(runner, "done", "-c", str(SMALL), "linear-algebra")

    def events(name: str) -> list[Any]:
        ics = tmp_path / name
        run(runner, "plan", "-c", str(SMALL), "-w", "4", "--start", START, "--ics", str(ics))
        return list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))

    first = events("a.ics")
    monkeypatch.setenv("AIROADMAP_NOW", "2026-12-02T09:00:00Z")
    second = events("b.ics")
    assert [str(e["uid"]) for e in first] == [str(e["uid"]) for e in second]
    assert not any("1 spaced reviews" in str(e["description"]) for e in first)


def test_a_plan_remade_the_next_day_keeps_its_review_events(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without --start a plan's weeks begin on the day it is made: the reviews of a week must
    keep their event (named by the ISO week) for a calendar that subscribes to the file."""
    from icalendar import Calendar

    monkeypatch.setenv("AIROADMAP_NOW", "2026-11-20T09:00:00Z")
    run(runner, "done", "-c", str(SMALL), "linear-algebra")

    def review_uids(day: str) -> list[str]:
        monkeypatch.setenv("AIROADMAP_NOW", f"{day}T09:00:00Z")
        ics = tmp_path / f"{day}.ics"
        run(runner, "plan", "-c", str(SMALL), "-w", "4", "--ics", str(ics))
        events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
        return [str(e["uid"]) for e in events if str(e["summary"]).startswith("Reviews")]

    tuesday, wednesday = review_uids("2026-12-01"), review_uids("2026-12-02")
    assert tuesday and tuesday == wednesday
    assert tuesday[0] == "default-reviews-2026-W49@airoadmap"


def test_no_study_block_is_under_a_quarter_hour() -> None:
    laid = planner.schedule(
        order=["a", "b"], hours={"a": 4.1, "b": 3.0}, start=date(2026, 12, 7), hours_per_week=4
    )
    blocks = [b for w in laid.weeks for b in w.blocks]
    assert all(b.hours >= 0.25 for b in blocks)
    assert sum(b.hours for b in blocks) == pytest.approx(7.1)


def test_plan_help_has_no_stray_space() -> None:
    from airoadmap.cli import plan as plan_module

    text = Path(plan_module.__file__).read_text()
    assert " [default: today]." not in text and " [default: on a terminal]." not in text


def test_the_readme_lists_goal_plan_and_log_hours() -> None:
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    table = readme.split("## Commands", 1)[1]
    for command in ("goal", "plan", "log-hours"):
        assert f"\n| `{command} " in table or f"\n| `{command}`" in table


def test_the_goal_shows_how_far_along_the_way_to_it(runner: CliRunner) -> None:
    run(runner, "goal", "rag")
    way = [t["id"] for t in json.loads(run(runner, "path", "rag", "--json")[1])]
    run(runner, "done", *way[:-1])  # every topic on the way but the target itself
    (row,) = json.loads(run(runner, "goal", "--json")[1])["targets"]
    assert row["completion"] == round((len(way) - 1) / len(way), 4) and row["topics_left"] == 1
