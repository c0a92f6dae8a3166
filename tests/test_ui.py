"""`airoadmap ui` (issue 19), driven by Textual's pilot: the tree and its keys, each key's effect
on the store (read back from the TOML file), undo, the review session, search, a store changed
by another process, and writes that fail. Snapshots of the main screen are in
tests/test_ui_snapshots.py, the real terminal (tmux) in tests/test_ui_terminal.py."""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
import tomllib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.widgets import TextArea
from typer.testing import CliRunner

from airoadmap.locations import bundled_curriculum
from airoadmap.models import Status
from airoadmap.progress import actions
from airoadmap.progress.store import Store
from airoadmap.tui.app import KeysBar, MainScreen, RoadmapApp
from airoadmap.tui.panel import TopicPanel
from airoadmap.tui.session import Session, Source
from airoadmap.tui.tree import matches
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


async def settle(pilot: Pilot, app: RoadmapApp) -> None:
    """Wait until the changes being made (in threads) and the keys kept meanwhile are shown."""
    for _ in range(500):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not app.saving.busy and not app.workers:
            return
    raise AssertionError("the app is still saving")


async def until(pilot: Pilot, condition: Callable[[], bool], seconds: float = 30) -> None:
    """Wait until `condition` holds, as the app's looks at the files (in threads, every poll)
    come round: however slow the machine, not a fixed pause."""
    for _ in range(int(seconds / 0.05)):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the screen did not change in time")


async def press(pilot: Pilot, app: RoadmapApp, *keys: str) -> None:
    """Press `keys` one by one, each change shown before the next key."""
    for key in keys:
        await pilot.press(key)
        await settle(pilot, app)


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


def suggested(runner: CliRunner, home: Path) -> list[str]:
    """What `airoadmap next` suggests, all of them, best first."""
    _, out, _ = run(runner, "next", "--json", "-n", "1000", "--home", str(home), "-l", LEARNER)
    return [s["id"] for s in json.loads(out)]


def test_n_again_steps_through_next_s_suggestions_in_its_order_and_wraps(
    runner: CliRunner, home: Path
) -> None:
    """n, n, n…: the first suggestion, the second, … as `airoadmap next` ranks them (on the
    way to the goal first), then the first again; the status line says which one of how many."""
    run(runner, "done", "python", "--home", str(home), "-l", LEARNER)
    run(runner, "goal", "rag", "--home", str(home), "-l", LEARNER)
    ranked = suggested(runner, home)
    assert ranked[:2] == ["linear-algebra", "text-processing"]  # the goal's way comes early
    assert len(ranked) > 5  # more than `next` lists by default
    seen: list[str | None] = []
    said: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        tree = screen(app).topic_tree
        for _ in range(len(ranked) + 1):
            await press(pilot, app, "n")
            seen.append(tree.topic)
            said.append(status_line(app))

    drive(session_at(home), steps)
    assert seen == [*ranked, ranked[0]]
    assert said[0].startswith(f"next 1/{len(ranked)}: Linear Algebra · ready:")
    assert said[1].startswith(f"next 2/{len(ranked)}: Text Processing and Tokenization · ready:")
    assert said[-1].startswith(f"next 1/{len(ranked)}: Linear Algebra")


def test_a_cursor_moved_or_a_change_to_the_store_starts_n_again_from_the_first(
    runner: CliRunner, home: Path
) -> None:
    run(runner, "done", "python", "--home", str(home), "-l", LEARNER)
    ranked = suggested(runner, home)
    seen: list[str | None] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        tree = screen(app).topic_tree
        await press(pilot, app, "n", "n")  # the second
        seen.append(tree.topic)
        await press(pilot, app, "j", "k", "n")  # moved away and back: from the first again
        seen.append(tree.topic)
        await press(pilot, app, "n", "n")
        seen.append(tree.topic)  # the third
        await press(pilot, app, "slash", *"proba", "enter", "n")  # a search moved it
        seen.append(tree.topic)
        await press(pilot, app, "escape", "n")  # Esc moves nothing: on to the second
        seen.append(tree.topic)
        session_at(home).mark(ranked[-1], Status.SKIPPED)  # another shell, meanwhile
        await until(pilot, lambda: app.session.tracker.status(ranked[-1]) is Status.SKIPPED)
        await press(pilot, app, "n")  # the store changed: from the first again
        seen.append(tree.topic)
        await press(pilot, app, "n", "d", "n")  # marked done here: from the first of the new
        seen.append(tree.topic)

    drive(session_at(home), steps, poll=0.05)
    assert seen[:5] == [ranked[1], ranked[0], ranked[2], ranked[0], ranked[1]]
    assert seen[5] == ranked[0]
    assert records(home)[ranked[1]]["status"] == "done"
    assert seen[6] == suggested(runner, home)[0]


def test_t_hides_and_shows_finished_topics(home: Path) -> None:
    seen: list[bool] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        tree = screen(app).topic_tree
        await press(pilot, app, "d", "t")
        seen.append("python" in tree.nodes)
        # Python hidden, the cursor goes on to the next topic shown, not up to the map.
        seen.append(tree.topic == "programming-mental-models")
        await press(pilot, app, "t")
        seen.append("python" in tree.nodes)

    drive(session_at(home), steps)
    assert seen == [False, True, True]


def test_with_finished_topics_hidden_d_twice_marks_two_topics_not_their_map(home: Path) -> None:
    seen: list[str | None] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        tree = screen(app).topic_tree
        await press(pilot, app, "t", "d", "d")
        seen.append(tree.topic)
        await press(pilot, app, "k")  # up to the map: the two above it are hidden
        seen.append(tree.topic)

    drive(session_at(home), steps)
    stored = records(home)
    assert sorted(stored) == ["programming-mental-models", "python"]
    assert log_actions(home) == ["done", "done"]
    assert seen == ["numpy-pandas", "programming-foundations-for-ai"]


def test_the_last_topic_shown_of_a_map_hidden_moves_the_cursor_to_the_one_before(
    home: Path,
) -> None:
    seen: list[str | None] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        tree = screen(app).topic_tree
        await press(pilot, app, "t")
        tree.open_path(app.session.curriculum, "reproducible-environments")  # the map's last
        await press(pilot, app, "d")
        seen.append(tree.topic)

    drive(session_at(home), steps)
    assert seen == ["code-review"]


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


def test_the_header_and_the_panel_follow_each_answer_and_each_u_during_the_review(
    home: Path,
) -> None:
    """Not only once the review is closed: what is due, and the topic's next review, change
    with each answer saved and each one taken back, the review still open."""
    earlier = session_at(home, NOW - timedelta(days=40))
    for topic in ("python", "version-control", "linear-algebra"):
        earlier.mark(topic, Status.DONE)
    headers: list[str] = []
    reviews: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        main = screen(app)
        main.topic_tree.open_path(app.session.curriculum, "python")
        await settle(pilot, app)

        def look() -> None:
            headers.append(text_of(main.query_one("#header")))
            facts = text_of(main.query_one("#facts")).splitlines()
            reviews.append(next(line for line in facts if line.startswith("Review")))

        look()
        await press(pilot, app, "r")
        for key in ("3", "3", "3", "u"):
            await press(pilot, app, key)
            assert app.screen is not main  # the review is still open
            look()

    drive(session_at(home), steps)
    due = [header.split(" · ")[3] for header in headers]
    assert due == [
        "3 reviews due",
        "2 reviews due",
        "1 review due",
        "0 reviews due",
        "1 review due",
    ]
    assert reviews[3] != reviews[0]  # python's card, answered: its next review shown


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
        await until(pilot, lambda: "1% done" in text_of(main.query_one("#header")))
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
        await until(pilot, lambda: "renamed" in str(main.topic_tree.nodes["python"].label))
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
        await until(pilot, lambda: status_line(app).startswith("error:"))
        lines.append(status_line(app))
        lines.append(str(screen(app).topic_tree.nodes["python"].label))

    drive(session, steps, poll=0.1)
    assert lines[0].startswith(f"error: {path}: broken TOML")
    assert lines[1].startswith("✓ Python for AI")


# --- resources and help ------------------------------------------------------------------------


def fake_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$BROWSER: a script that writes the address it was given to a file (as Python's
    `webbrowser` reads $BROWSER afresh); the file it writes is returned."""
    import webbrowser

    opened = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> "{opened}"\n', encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.setattr(webbrowser, "_tryorder", None)
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return opened


def test_enter_on_a_resource_opens_it_in_the_browser(
    tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = fake_browser(tmp_path, monkeypatch)

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await pilot.press("tab", "tab", "down", "enter")  # the panel, its second resource
        for _ in range(100):
            await app.workers.wait_for_complete()
            await pilot.pause(0.02)
            if opened.exists():
                break

    drive(session_at(home), steps)
    python = session_at(home).curriculum["python"]
    assert opened.read_text(encoding="utf-8").split() == [python.resources[1].url]


def test_a_terminal_browser_gets_the_terminal_a_graphical_one_starts_in_the_background() -> None:
    import webbrowser

    from airoadmap.tui.panel import in_terminal

    assert in_terminal(webbrowser.GenericBrowser("w3m"))
    assert not in_terminal(webbrowser.BackgroundBrowser("xdg-open"))
    assert not in_terminal(webbrowser.Chrome("chromium"))
    assert in_terminal(webbrowser.Elinks("elinks"))


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


# --- after the review of f66d340 (/tmp/ui_defects.md) ---------------------------------------


def test_a_search_typed_in_one_go_shows_the_topic_under_the_cursor(home: Path) -> None:
    """Keys posted at once (as a terminal delivers a burst): the panel is the cursor's topic,
    and keys act on that one."""
    seen: list[str | None] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        main = screen(app)
        for key, character in [("slash", "/"), *zip("token", "token", strict=True)]:
            app.post_message(events.Key(key, character))  # no pause between them
        await settle(pilot, app)
        seen.extend([main.topic_tree.topic, main.query_one(TopicPanel).shown])
        await press(pilot, app, "enter", "s")

    drive(session_at(home), steps)
    cursor, panel = seen
    assert cursor == panel
    assert cursor in matches(session_at(home).curriculum, "token")
    assert records(home)[cursor]["status"] == "learning"


def test_the_panel_scrolls_from_the_keyboard(home: Path) -> None:
    seen: list[Any] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        panel = screen(app).query_one(TopicPanel)
        await press(pilot, app, "pagedown")  # from the tree
        seen.append(panel.scroll_y)
        await press(pilot, app, "pageup", "tab")
        seen.append(app.focused is panel)
        await press(pilot, app, "down", "down")  # the panel focused: the arrows scroll it
        seen.append(panel.scroll_y)
        await press(pilot, app, "tab")
        seen.append(type(app.focused).__name__)
        await press(pilot, app, "tab")
        seen.append(app.focused is screen(app).topic_tree)

    drive(session_at(home), steps, size=(100, 30))
    down, focused, arrows, resources, back = seen
    assert down > 0
    assert focused and arrows == 2
    assert resources == "Resources"
    assert back


def test_a_broken_store_rings_once_and_the_error_clears_when_it_reads_again(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = session_at(home)
    session.mark("python", Status.DONE)
    path = home / "learners" / f"{LEARNER}.toml"
    good = path.read_bytes()
    rung: list[int] = []
    lines: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        monkeypatch.setattr(app, "bell", lambda: rung.append(1))
        path.write_text("schema = [", encoding="utf-8")
        await until(pilot, lambda: status_line(app).startswith("error:"))
        await pilot.pause(0.8)  # many more looks at the store, still broken
        lines.append(status_line(app))
        path.write_bytes(good)
        await until(pilot, lambda: not status_line(app).startswith("error:"))
        lines.append(status_line(app))

    drive(session, steps, poll=0.1)
    assert len(rung) == 1
    assert lines[0].startswith(f"error: {path}: broken TOML")
    assert lines[1] == "the store and the notes can be read again"


def shown_lines(widget: Any) -> list[str]:
    """What a widget shows on the screen, line by line."""
    return [
        "".join(segment.text for segment in widget.render_line(y)).rstrip()
        for y in range(widget.size.height)
    ]


def test_a_long_error_is_shown_whole_and_the_screen_lives_while_a_lock_is_held(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    from airoadmap.progress import store

    monkeypatch.setattr(store, "LOCK_TIMEOUT", 1.5)
    session = session_at(home)
    session.set_note("version-control", "later")
    path = home / "learners" / f"{LEARNER}.toml"
    seen: list[Any] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        main = screen(app)
        lock = FileLock(str(path) + ".lock")
        lock.acquire()
        try:
            await pilot.press("d", "d")  # the second waits its turn
            await until(pilot, lambda: status_line(app).startswith("waiting"))
            seen.append(status_line(app))
            await pilot.press("j")  # the screen is alive meanwhile
            seen.append(main.topic_tree.topic)
            await settle(pilot, app)
            status = main.query_one("#status")
            seen.append(" ".join(shown_lines(status)))
        finally:
            lock.release()
        await press(pilot, app, "k", "d")  # the lock let go: it works
        seen.append(status_line(app))

    drive(session, steps, size=(100, 30))
    waiting, cursor, error, done = seen
    assert waiting.startswith("waiting for another airoadmap")
    assert cursor == "programming-mental-models"
    assert error.startswith("error: another airoadmap is writing")
    assert error.endswith("try again")  # the whole error, over as many lines as it needs
    assert done == "Python for AI: done"
    assert log_actions(home) == ["note", "done"]


def test_logged_hours_and_what_a_map_contains_show_in_the_panel(home: Path) -> None:
    session = session_at(home)
    session.mark("python", Status.LEARNING)
    session.store.update(lambda p: actions.set_hours(p, "python", 5, NOW))
    facts: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        facts.append(text_of(screen(app).query_one("#facts")))
        await press(pilot, app, "h")
        facts.append(text_of(screen(app).query_one("#facts")))

    drive(session_at(home), steps)
    hours = next(line for line in facts[0].splitlines() if line.startswith("Hours"))
    assert hours.split(None, 1)[1] == "30h · 5h so far"  # as `show` says it
    contains = next(line for line in facts[1].splitlines() if line.startswith("Contains"))
    assert contains.split(None, 1)[1].startswith("Python for AI, Programming Mental Models")


def test_esc_after_a_search_opens_again_what_was_open_before(home: Path) -> None:
    seen: list[set[str]] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        tree = screen(app).topic_tree
        seen.append({i for i, node in tree.nodes.items() if node.is_expanded})
        await press(pilot, app, "slash", *"linal", "enter", "escape")
        seen.append({i for i, node in tree.nodes.items() if node.is_expanded})

    drive(session_at(home), steps)
    before, after = seen
    assert "programming-foundations-for-ai" in before
    assert after == before | {"mathematics-for-ai"}  # and the map the cursor is in


def test_the_review_shows_an_answer_and_a_card_passed_and_u_takes_the_answer_back(
    home: Path,
) -> None:
    earlier = session_at(home, NOW - timedelta(days=40))
    for topic in ("python", "version-control"):
        earlier.mark(topic, Status.DONE)
    shown: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await press(pilot, app, "r")
        first = text_of(app.screen.query_one("#card")).split("]")[1].split("  ")[0].strip()
        other = "version-control" if first == "Python for AI" else "python"
        session_at(home).mark(other, Status.LEARNING)  # another shell, meanwhile
        await press(pilot, app, "3")
        shown.append(text_of(app.screen.query_one("#review-status")))
        shown.append(text_of(app.screen.query_one("#card")))
        await press(pilot, app, "u")
        shown.append(text_of(app.screen.query_one("#card")))
        shown.append(text_of(app.screen.query_one("#review-status")))
        shown.append(first)

    drive(session_at(home), steps)
    status, summary, again, undone, first = shown
    assert f"{first}: good · next review" in status
    assert ": skipped, changed elsewhere (now learning)" in status
    assert "u takes back the last answer" in summary
    assert again.startswith(f"[1/2] {first}")
    assert undone == f"{first}: answer taken back (good); rate it again"
    assert log_actions(home)[-1] == "start"


def test_a_search_that_matches_only_the_hub_finds_it(home: Path) -> None:
    seen: list[str | None] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await press(pilot, app, "slash", *"ai engineer")
        seen.append(screen(app).topic_tree.topic)

    app = drive(session_at(home), steps)
    assert status_line(app) == ""
    assert seen == ["ai-engineer"]


def test_the_files_are_looked_at_away_from_the_screen_and_d_reads_nothing_again(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    session = session_at(home)
    threads: list[bool] = []
    check = session.check

    def checking() -> Any:
        threads.append(threading.current_thread() is threading.main_thread())
        return check()

    monkeypatch.setattr(session, "check", checking)
    reads: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        main = screen(app)
        await until(pilot, lambda: bool(threads) and not main.polling)  # looked, none going on
        main.polling = True  # no look from now on: only what `d` reads
        monkeypatch.setattr(session.store, "load", lambda: reads.append("store"))
        monkeypatch.setattr(session, "_read_curriculum", lambda: reads.append("notes"))
        await press(pilot, app, "d")

    drive(session, steps, poll=0.1)
    assert threads and not any(threads)
    assert reads == []
    assert records(home)["python"]["status"] == "done"


def test_a_note_saved_elsewhere_meanwhile_is_not_written_over(home: Path) -> None:
    shown: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        await press(pilot, app, "e", *"mine")
        session_at(home).set_note("python", "theirs")  # another shell, while editing
        await press(pilot, app, "ctrl+s")
        shown.append(records(home)["python"]["note"])
        shown.append(text_of(app.screen.query_one("#elsewhere")))
        shown.append(app.screen.query_one(TextArea).text)
        await press(pilot, app, "ctrl+s")  # seen both: saved over it

    drive(session_at(home), steps)
    stored, elsewhere, editor = shown
    assert stored == "theirs"
    assert "the note is now: theirs" in elsewhere
    assert editor == "mine"
    assert records(home)["python"]["note"] == "mine"


def test_the_question_before_many_changes_counts_from_the_store(home: Path) -> None:
    """21 topics as the screen last read them, 20 as the store holds them: not asked."""
    shown: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        session_at(home).mark("python", Status.DONE)  # elsewhere, unseen (no look at the store)
        tree = screen(app).topic_tree
        tree.open_path(app.session.curriculum, "foundations")
        await press(pilot, app, "d")
        shown.append(type(app.screen).__name__)
        shown.append(status_line(app))

    drive(session_at(home), steps)
    assert shown == ["MainScreen", "Foundations: 20 topics done"]
    assert len(records(home)) == 21


def test_a_card_is_said_lost_only_if_the_store_had_it_and_both_warnings_show(
    home: Path,
) -> None:
    mine = session_at(home)
    mine.mark("python", Status.DONE)
    stale = session_at(home)  # read while Python is done, with its card
    session_at(home).undo()  # another shell takes it back: no card left
    said = stale.mark("python", Status.LEARNING)
    assert said.warnings == ()
    # Linear Algebra done without Python, then begun again: its card goes, and it waits.
    mine.mark("linear-algebra", Status.DONE)
    said = mine.mark("linear-algebra", Status.LEARNING)
    assert said.line == "Linear Algebra: started"
    assert said.warnings == (
        "no longer finished, so no longer reviewed (its card is gone): Linear Algebra",
        "Linear Algebra waits on Python for AI (not finished yet)",
    )


def test_a_broken_note_on_disk_refuses_changes_until_fixed(tmp_path: Path, home: Path) -> None:
    import shutil

    folder = tmp_path / "roadmap"
    shutil.copytree(bundled_curriculum(), folder)
    lines: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        note = Path(app.session.curriculum["python"].source)
        good = note.read_text(encoding="utf-8")
        note.write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
        await until(pilot, lambda: status_line(app).startswith("error:"))
        lines.append(status_line(app))
        await press(pilot, app, "d")
        lines.append(status_line(app))
        note.write_text(good, encoding="utf-8")
        await until(pilot, lambda: "can be read again" in status_line(app))
        await press(pilot, app, "d")
        lines.append(status_line(app))

    drive(session_at(home, folder=folder), steps, poll=0.1)
    polled, refused, done = lines
    assert polled.startswith("error: ") and ".md" in polled  # which note
    assert refused.startswith("error: ") and "no change is saved until it is fixed" in refused
    assert done == "Python for AI: done"
    assert log_actions(home) == ["done"]


@pytest.mark.parametrize("width", [50, 80, 100, 120])
def test_the_footer_keeps_help_and_quit_at_any_width(home: Path, width: int) -> None:
    shown: list[str] = []

    async def steps(pilot: Pilot, app: RoadmapApp) -> None:
        shown.extend(shown_lines(screen(app).query_one(KeysBar)))

    drive(session_at(home), steps, size=(width, 24))
    assert " ".join(shown[0].split()).endswith("? help q quit")
    assert len(shown[0]) <= width
    if width >= 100:
        assert "s start" in shown[0] and "Tab topic" in shown[0]
    else:
        assert "s d x u" in shown[0]
