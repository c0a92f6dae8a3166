"""`airoadmap ui` (issue 19), driven by Textual's pilot: the tree and its keys, each key's effect
on the store (read back from the TOML file), undo, the review session, search, a store changed
by another process, and writes that fail. Snapshots of the main screen are in
tests/test_ui_snapshots.py, the real terminal (tmux) in tests/test_ui_terminal.py."""

from __future__ import annotations

import asyncio
import io
import os
import subprocess
import sys
import tomllib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import TextArea
from typer.testing import CliRunner

from airoadmap.locations import bundled_curriculum
from airoadmap.models import Status
from airoadmap.progress import actions
from airoadmap.progress.store import Store
from airoadmap.tui.app import MainScreen, RoadmapApp
from airoadmap.tui.panel import TopicPanel
from airoadmap.tui.session import Session, Source
from tests.conftest import run, stored_records

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
LEARNER = "ada"

Pilot = Any  # textual.pilot.Pilot[None]


def source(home: Path, folder: Path | None = None) -> Source:
    return Source(folder or bundled_curriculum(), None, home, LEARNER, home / "cache")


def session_at(home: Path, now: datetime = NOW, folder: Path | None = None) -> Session:
    return Session(source(home, folder), lambda: now)


def drive(
    session: Session,
    steps: Callable[[Pilot, RoadmapApp], Awaitable[None]],
    *,
    size: tuple[int, int] = (100, 30),
    poll: float = 60.0,
) -> RoadmapApp:
    """Run the app headless with `steps`, then return it (closed)."""
    app = RoadmapApp(session, poll_seconds=poll)

    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            MAIN[app] = screen(app)
            await steps(pilot, app)
            await pilot.pause()
            LAST[app] = text_of(screen(app).query_one("#status"))

    asyncio.run(go())
    return app


MAIN: dict[RoadmapApp, MainScreen] = {}
LAST: dict[RoadmapApp, str] = {}


def screen(app: RoadmapApp) -> MainScreen:
    if app in MAIN:
        return MAIN[app]
    found = app.screen_stack[0]
    assert isinstance(found, MainScreen)
    return found


def text_of(widget: Any) -> str:
    """The text a Static shows, as a terminal 200 columns wide would."""
    from rich.console import Console

    console = Console(width=200, no_color=True, record=True, file=io.StringIO())
    console.print(widget.content)
    return "\n".join(line.rstrip() for line in console.export_text().splitlines()).strip()


def status_line(app: RoadmapApp) -> str:
    """The status line: as it is now, or as it was when the app closed."""
    if app.is_running:
        return text_of(screen(app).query_one("#status"))
    return LAST[app]


def records(home: Path) -> dict[str, Any]:
    return stored_records(home / "learners" / f"{LEARNER}.toml")


def log_actions(home: Path) -> list[str]:
    data = tomllib.loads((home / "learners" / f"{LEARNER}.toml").read_text(encoding="utf-8"))
    return [entry["action"] for entry in data.get("log", [])]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


# --- opening and moving -------------------------------------------------------------------------


def test_it_opens_on_the_first_next_topic_with_the_header(home: Path) -> None:
    seen: dict[str, Any] = {}

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        main = screen(app)
        seen["topic"] = main.topic_tree.topic
        seen["panel"] = main.query_one(TopicPanel).shown
        seen["header"] = text_of(main.query_one("#header"))
        seen["heading"] = text_of(main.query_one("#heading"))

    drive(session_at(home), steps)
    assert seen["topic"] == "python"
    assert seen["panel"] == "python"
    assert seen["header"].startswith("ada · 0% done (0/103) · 933h left · 0 reviews due")
    assert "Python for AI" in seen["heading"]
    assert not (home / "learners").exists(), "opening writes nothing"


def test_j_k_and_arrows_move_h_and_l_close_and_open(home: Path) -> None:
    seen: list[str | None] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        tree = screen(app).topic_tree
        for key in ["j", "j", "k", "down", "up", "h", "h", "l", "l"]:
            await pilot.press(key)
            seen.append(tree.topic)
        seen.append(str(tree.nodes["programming-foundations-for-ai"].is_expanded))
        await pilot.press("k", "h")  # from the map's first topic up to the map, then close it
        seen.append(tree.topic)
        seen.append(str(tree.nodes["programming-foundations-for-ai"].is_expanded))

    drive(session_at(home), steps)
    assert seen[:5] == [
        "programming-mental-models",
        "numpy-pandas",
        "programming-mental-models",
        "numpy-pandas",
        "programming-mental-models",
    ]
    # h on a topic goes up to its map; h again closes the map; l opens it, l goes in.
    assert seen[5:9] == [
        "programming-foundations-for-ai",
        "programming-foundations-for-ai",
        "programming-foundations-for-ai",
        "python",
    ]
    assert seen[9] == "True"
    assert seen[10:] == ["programming-foundations-for-ai", "False"]


# --- each key's effect on the store -------------------------------------------------------------


def test_s_d_and_x_mark_the_selected_topic_in_the_store(home: Path) -> None:
    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await pilot.press("s")  # python: learning
        await pilot.press("j", "x")  # programming-mental-models: skipped
        await pilot.press("k", "d")  # python: done

    app = drive(session_at(home), steps)
    stored = records(home)
    assert stored["python"]["status"] == "done"
    assert stored["programming-mental-models"]["status"] == "skipped"
    assert log_actions(home) == ["start", "skip", "done"]
    assert status_line(app) == "Python for AI: done"
    # What the app shows is what the store holds.
    assert Session(source(home), lambda: NOW).tracker.leaf_status("python") is Status.DONE


def test_u_undoes_the_last_change_exactly(home: Path) -> None:
    lines: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await pilot.press("d", "u")
        lines.append(status_line(app))
        lines.append(text_of(screen(app).query_one("#header")))
        await pilot.press("u")
        lines.append(status_line(app))

    drive(session_at(home), steps)
    assert records(home) == {}
    assert log_actions(home) == []
    assert lines[0] == "undid: done Python for AI (1 topic)"
    assert "0% done (0/103)" in lines[1]
    assert lines[2] == "error: nothing to undo"


def test_e_edits_the_note_inline_and_esc_cancels(home: Path) -> None:
    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await pilot.press("e")
        await pilot.press(*"try the exercises")
        await pilot.press("ctrl+s")
        await pilot.press("e", "x", "escape")  # cancelled: the note stays as saved
        facts.append(text_of(screen(app).query_one("#facts")))

    facts: list[str] = []
    app = drive(session_at(home), steps)
    assert records(home)["python"]["note"] == "try the exercises"
    assert status_line(app) == "note unchanged"
    assert "Note     try the exercises" in facts[0]


def test_n_jumps_to_the_next_suggested_topic(home: Path) -> None:
    seen: list[str | None] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        tree = screen(app).topic_tree
        await pilot.press("d")  # python done: the first topic it unlocks comes next
        await pilot.press("j", "j", "j", "n")
        seen.append(tree.topic)
        await pilot.press("j", "j", "s")  # a topic begun comes first
        seen.append(tree.topic)
        await pilot.press("k", "k", "k", "n")
        seen.append(tree.topic)

    drive(session_at(home), steps)
    assert seen[0] == "linear-algebra"
    assert seen[1] == seen[2] == "calculus"
    assert records(home)["calculus"]["status"] == "learning"


def test_t_hides_and_shows_finished_topics(home: Path) -> None:
    seen: list[bool] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        tree = screen(app).topic_tree
        await pilot.press("d", "t")
        seen.append("python" in tree.nodes)
        seen.append(tree.topic == "programming-foundations-for-ai")
        await pilot.press("t")
        seen.append("python" in tree.nodes)

    drive(session_at(home), steps)
    assert seen == [False, True, True]


def test_marking_many_topics_asks_first(home: Path) -> None:
    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        tree = screen(app).topic_tree
        await pilot.press("h", "h", "k", "k")  # up to Foundations (21 topics)
        assert tree.topic == "foundations"
        await pilot.press("d", "n")  # asked, answered no
        await pilot.press("d", "y")

    app = drive(session_at(home), steps)
    assert log_actions(home) == ["done"]
    stored = records(home)
    assert len(stored) == 21
    assert all(r["status"] == "done" for r in stored.values())
    assert status_line(app) == "Foundations: 21 topics done"


# --- search ------------------------------------------------------------------------------------


def test_slash_searches_titles_and_aliases_as_you_type(home: Path) -> None:
    seen: dict[str, Any] = {}

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        tree = screen(app).topic_tree
        await pilot.press("slash", *"linal")  # an alias of Linear Algebra
        seen["typed"] = (set(tree.nodes), tree.topic)
        await pilot.press("enter", "d")  # to the tree, and the key acts on the match
        seen["focused"] = app.focused is tree
        await pilot.press("escape")
        seen["cleared"] = (len(tree.nodes), tree.topic)

    drive(session_at(home), steps)
    nodes, topic = seen["typed"]
    assert nodes == {"ai-engineer", "foundations", "mathematics-for-ai", "linear-algebra"}
    assert topic == "linear-algebra"
    assert seen["focused"]
    assert records(home)["linear-algebra"]["status"] == "done"
    count, topic = seen["cleared"]
    assert count > 100 and topic == "linear-algebra"


def test_a_search_that_matches_nothing_says_so(home: Path) -> None:
    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await pilot.press("slash", *"zzzq")

    app = drive(session_at(home), steps)
    assert status_line(app) == "no topic matches 'zzzq'"


# --- review ------------------------------------------------------------------------------------


def test_r_reviews_the_due_topics_one_by_one_each_saved_at_once(home: Path) -> None:
    earlier = session_at(home, NOW - timedelta(days=40))
    for topic in ("python", "version-control"):
        earlier.mark(topic, Status.DONE)
    shown: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        assert "2 reviews due" in text_of(screen(app).query_one("#header"))
        await pilot.press("r")
        shown.append(text_of(app.screen.query_one("#card")))
        await pilot.press("3")  # good: saved at once
        shown.append(text_of(app.screen.query_one("#card")))
        shown.append(",".join(log_actions(home)))
        await pilot.press("1")
        shown.append(text_of(app.screen.query_one("#card")))
        await pilot.press("escape")
        shown.append(text_of(screen(app).query_one("#header")))

    drive(session_at(home), steps)
    first, second, logged, summary, header = shown
    assert first.startswith("[1/2] ")
    assert "How well did you recall it?" in first
    assert second.startswith("[2/2] ")
    assert logged == "done,done,review"
    assert summary.startswith("Reviewed 2 topics (1 again, 1 good). Nothing left due.")
    assert "0 reviews due" in header
    data = tomllib.loads((home / "learners" / f"{LEARNER}.toml").read_text(encoding="utf-8"))
    assert [e.get("rating") for e in data["log"][-2:]] == ["good", "again"]


def test_the_outcomes_are_on_the_review_card(home: Path) -> None:
    session_at(home, NOW - timedelta(days=40)).mark("python", Status.DONE)
    shown: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await pilot.press("r")
        shown.append(text_of(app.screen.query_one("#card")))

    drive(session_at(home), steps, size=(120, 40))
    assert "Fluent, idiomatic Python" in shown[0]
    assert "Outcomes" in shown[0]


def test_with_nothing_due_the_review_says_so(home: Path) -> None:
    shown: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await pilot.press("r")
        shown.append(text_of(app.screen.query_one("#card")))
        await pilot.press("escape")

    drive(session_at(home), steps)
    assert shown == ["Nothing due for review now."]


# --- other processes and failures --------------------------------------------------------------


def test_a_store_changed_by_another_process_shows_within_a_poll(home: Path) -> None:
    seen: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        main = screen(app)
        other = session_at(home)  # as another airoadmap would: its own store, its own lock
        other.mark("python", Status.DONE)
        await pilot.pause(0.4)
        seen.append(text_of(main.query_one("#header")))
        seen.append(str(main.topic_tree.nodes["python"].label))
        seen.append(text_of(main.query_one("#heading")))

    drive(session_at(home), steps, poll=0.1)
    header, label, heading = seen
    assert "1% done (1/103)" in header
    assert label.startswith("✓ Python for AI")
    assert heading.startswith("✓ Python for AI")


def test_a_note_changed_on_disk_shows_within_a_poll(tmp_path: Path, home: Path) -> None:
    import shutil

    folder = tmp_path / "roadmap"
    shutil.copytree(bundled_curriculum(), folder)
    seen: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        main = screen(app)
        note = Path(app.session.curriculum["python"].source)
        note.write_text(
            note.read_text(encoding="utf-8").replace(
                'title: "Python for AI"', 'title: "Python, renamed"'
            ),
            encoding="utf-8",
        )
        await pilot.pause(0.5)
        seen.append(str(main.topic_tree.nodes["python"].label))

    drive(session_at(home, folder=folder), steps, poll=0.1)
    assert seen == ["○ Python, renamed"]


def test_a_write_to_a_broken_store_shows_the_error_and_loses_nothing(home: Path) -> None:
    session = session_at(home)
    session.set_note("python", "mine")
    path = home / "learners" / f"{LEARNER}.toml"
    broken = path.read_bytes() + b"\n[[broken\n"
    path.write_bytes(broken)
    lines: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await pilot.press("d")
        lines.append(status_line(app))
        await pilot.press("e", *" too", "ctrl+s")  # the editor stays open with the text
        lines.append(app.screen.query_one(TextArea).text)
        await pilot.press("escape")

    drive(session, steps)
    assert lines[0].startswith(f"error: {path}: broken TOML")
    assert lines[1] == "mine too"
    assert path.read_bytes() == broken


def test_a_lock_held_too_long_shows_the_error_and_changes_nothing(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    from airoadmap.progress import store

    monkeypatch.setattr(store, "LOCK_TIMEOUT", 0.05)
    session = session_at(home)
    session.set_note("version-control", "later")
    path = home / "learners" / f"{LEARNER}.toml"
    before = path.read_bytes()
    lines: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        with FileLock(str(path) + ".lock"):
            await pilot.press("d")
        lines.append(status_line(app))
        lines.append(str(screen(app).topic_tree.nodes["python"].label))
        await pilot.press("d")  # the lock let go: it works
        lines.append(status_line(app))

    drive(session, steps)
    assert lines[0].startswith("error: another airoadmap is writing")
    assert lines[1].startswith("○ Python for AI")
    assert lines[2] == "Python for AI: done"
    assert path.read_bytes() != before
    assert records(home)["python"]["status"] == "done"


def test_a_store_broken_from_outside_is_said_and_the_screen_keeps_what_it_had(
    home: Path,
) -> None:
    session = session_at(home)
    session.mark("python", Status.DONE)
    path = home / "learners" / f"{LEARNER}.toml"
    lines: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        path.write_text("schema = [", encoding="utf-8")
        await pilot.pause(0.4)
        lines.append(status_line(app))
        lines.append(str(screen(app).topic_tree.nodes["python"].label))

    drive(session, steps, poll=0.1)
    assert lines[0].startswith(f"error: {path}: broken TOML")
    assert lines[1].startswith("✓ Python for AI")


# --- resources and help ------------------------------------------------------------------------


def test_enter_on_a_resource_opens_it_in_the_browser(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import webbrowser

    opened: list[str] = []

    def open_(url: str) -> bool:
        opened.append(url)
        return True

    monkeypatch.setattr(webbrowser, "open", open_)

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await pilot.press("tab", "down", "down", "enter")

    drive(session_at(home), steps)
    python = session_at(home).curriculum["python"]
    assert opened == [python.resources[1].url]


def test_question_mark_shows_the_keys(home: Path) -> None:
    shown: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await pilot.press("question_mark")
        shown.append(type(app.screen).__name__)
        await pilot.press("escape")
        shown.append(type(app.screen).__name__)
        await pilot.press("q")

    app = drive(session_at(home), steps)
    assert shown == ["HelpScreen", "MainScreen"]
    assert app.return_code == 0


# --- the command -------------------------------------------------------------------------------


def test_the_command_needs_a_terminal(runner: CliRunner) -> None:
    code, _, err = run(runner, "ui", ok=False)
    assert code == 1
    assert "ui needs a terminal" in err


def test_a_broken_store_stops_the_command_before_the_screen_opens(
    runner: CliRunner, home: Path
) -> None:
    """The store and the curriculum are read before the terminal is even asked for."""
    path = home / "learners" / f"{LEARNER}.toml"
    path.parent.mkdir(parents=True)
    path.write_text("schema = [", encoding="utf-8")
    code, _, err = run(runner, "ui", "--home", str(home), "-l", LEARNER, ok=False)
    assert code == 1
    assert f"{path}: broken TOML" in err


def test_the_session_marks_through_the_core_actions(home: Path) -> None:
    """The session's changes are the CLI's: the same log entries, undone by `actions.undo`."""
    session = session_at(home)
    said = session.mark("mathematics-for-ai", Status.LEARNING)
    assert said.line == "Mathematics for AI: 6 topics started"
    store = Store(home, LEARNER, hub=session.curriculum.hub_id, curriculum_ids=session.curriculum)
    entry = store.update(actions.undo)
    assert entry.action == "start" and len(entry.topics) == 6
    session.reload()
    assert session.tracker.status("mathematics-for-ai") is Status.TODO


# --- start-up ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [["next"], ["tree"], ["show", "calculus"], ["done", "python"], ["stats"], ["--help"]],
    ids=" ".join,
)
def test_no_other_command_imports_textual_or_the_app(tmp_path: Path, args: list[str]) -> None:
    """Textual is `ui`'s alone: every other command starts as it did before (`--help`, which
    imports every command's module, `cli/ui.py` included, too)."""
    from tests.test_startup import imported

    modules = imported(tmp_path, *args)
    assert not {m for m in modules if m.split(".")[0] == "textual"}
    assert not {m for m in modules if m.startswith("airoadmap.tui")}
    if args == ["--help"]:
        assert "airoadmap.cli.ui" in modules  # so the check above is not vacuous


def test_ui_imports_textual_only_once_it_runs(tmp_path: Path) -> None:
    """`ui` itself, without a terminal, stops before importing the app (exit 1)."""
    from tests.conftest import SMALL
    from tests.test_startup import RECORD

    modules = tmp_path / "modules.txt"
    env = {**os.environ, "MODULES_FILE": str(modules), "AIROADMAP_CURRICULUM": str(SMALL)}
    done = subprocess.run(
        [sys.executable, "-c", RECORD, "ui"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 1
    assert "ui needs a terminal" in done.stderr
    assert "airoadmap.tui.session" in modules.read_text(encoding="utf-8").split()
    assert "textual" not in modules.read_text(encoding="utf-8").split()


def test_the_ui_bench_runs_and_prints_its_figures(capsys: pytest.CaptureFixture[str]) -> None:
    """bench/ui.py, once through in its pseudo-terminal (its figures are not judged here)."""
    from bench import ui

    assert ui.main(["--runs", "1", "--no-others"]) == 0
    out = capsys.readouterr().out
    assert "first screen painted  median" in out
    assert "d to the store        median" in out
