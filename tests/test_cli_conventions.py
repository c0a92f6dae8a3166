"""The CLI conventions of issue 14 point 4: examples in every command's help, read commands that
create no folders, a review session that goes on past a topic changed under it, and shell
completion by title that offers only what a command would change."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from airoadmap.cli import PANELS, app
from tests.conftest import run

COMMANDS = [name for commands in PANELS.values() for name in commands]


def home() -> Path:
    return Path(os.environ["AIROADMAP_HOME"])


# --- every command's help ends with one or two examples ---------------------------------------


def examples(runner: CliRunner, command: str) -> list[str]:
    """The example lines that end `airoadmap COMMAND -h` (after the options)."""
    _, out, _ = run(runner, command, "-h")
    lines = [line.strip() for line in out.splitlines()]
    heading = lines.index("Examples:")
    assert heading > max(i for i, line in enumerate(lines) if line.startswith("╰"))
    return [line for line in lines[heading + 1 :] if line]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_commands_help_ends_with_one_or_two_examples(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    found = examples(runner, command)
    assert 1 <= len(found) <= 2
    assert all(f"airoadmap {command}" in line for line in found), found
    _, out, _ = run(runner, command, "-h")
    assert all(len(line) <= 80 for line in out.splitlines())


def test_help_prose_is_wrapped_at_the_terminal_not_at_the_source_line(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A docstring's line breaks are not the help's: a paragraph fills the terminal's width."""
    monkeypatch.setenv("COLUMNS", "80")
    _, out, _ = run(runner, "review", "-h")
    words = " ".join(out.split())
    assert "with --session, go through the due topics one by one." in words
    lines = [line.strip() for line in out.splitlines()]
    assert "the due topics one by one. Reviews are scheduled by FSRS; `undo` takes one" not in lines
    assert not any(line.endswith("go through") for line in lines)


def test_every_example_is_a_command_line_airoadmap_takes(runner: CliRunner) -> None:
    """No example is a usage error (each runs in the test's empty folder and home: some fail
    for want of a file or a finished topic, with exit 1)."""
    for command in COMMANDS:
        for line in examples(runner, command):
            if "|" in line:
                continue
            words = shlex.split(line)
            assert words[0] == "airoadmap"
            result = runner.invoke(app, words[1:])
            assert result.exit_code in {0, 1}, (line, result.output)


# --- read commands create no folders ------------------------------------------------------------

READS = [
    ["next"],
    ["next", "--json"],
    ["tree"],
    ["list"],
    ["show", "calculus"],
    ["path", "calculus"],
    ["note", "calculus"],
    ["stats"],
    ["log"],
    ["learners"],
    ["report"],
    ["review"],
    ["review", "--all", "--json"],
    ["validate"],
    ["export"],
    ["export", "--format", "csv"],
]


@pytest.mark.parametrize("command", READS, ids=" ".join)
def test_a_read_command_on_a_missing_home_creates_nothing(
    runner: CliRunner, tmp_path: Path, command: list[str]
) -> None:
    missing = tmp_path / "typo" / "a" / "b" / "c"
    run(runner, *command, "--home", str(missing))
    run(runner, "--home", str(missing), *command)  # given before the command
    assert not (tmp_path / "typo").exists()


def test_a_missing_home_from_the_environment_is_not_created_either(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_HOME", str(tmp_path / "typo" / "home"))
    run(runner, "next")
    run(runner, "stats", "--json")
    assert not (tmp_path / "typo").exists()


def test_a_change_creates_the_home_and_then_reads_keep_their_cache_in_it(
    runner: CliRunner, tmp_path: Path
) -> None:
    new = tmp_path / "new" / "home"
    run(runner, "done", "calculus", "--home", str(new))
    assert (new / "learners" / "default.toml").is_file()
    assert not (new / "cache").exists()
    _, out, _ = run(runner, "show", "calculus", "--home", str(new))
    assert "done" in out
    assert (new / "cache" / "curricula").is_dir() and (new / "cache" / "stores").is_dir()


# --- a review session goes on past a topic changed under it -----------------------------------

TODAY = "2026-11-28T09:00:00+00:00"
MONTH_LATER = "2026-12-28T09:00:00+00:00"


def reviews_logged() -> list[tuple[str, str]]:
    log = tomllib.loads((home() / "learners" / "default.toml").read_text())["log"]
    return [(e["topics"][0], e["rating"]) for e in log if e["action"] == "review"]


def elsewhere(*args: str) -> None:
    """Run airoadmap in another process, as another shell would."""
    done = subprocess.run(
        [sys.executable, "-m", "airoadmap", *args],
        capture_output=True,
        text=True,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, done.stderr


@pytest.fixture
def three_due(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    """Three topics finished a month ago, all due, gone through in this order."""
    monkeypatch.setenv("AIROADMAP_NOW", TODAY)
    run(runner, "done", "linear-algebra", "calculus", "probability")
    monkeypatch.setenv("AIROADMAP_NOW", MONTH_LATER)


def change_on_answer(monkeypatch: pytest.MonkeyPatch, number: int, *args: str) -> None:
    """When the session asks for its `number`th answer, another airoadmap runs `args` first."""
    from airoadmap.cli import review

    ask = review._ask
    asked = 0

    def asking() -> object:
        nonlocal asked
        asked += 1
        if asked == number:
            elsewhere(*args)
        return ask()

    monkeypatch.setattr(review, "_ask", asking)


@pytest.mark.parametrize(
    ("change", "why"),
    [
        (["reset", "calculus", "--yes"], "reset"),
        (["start", "calculus"], "now learning"),
        (["skip", "calculus"], "now skipped"),
        (["review", "calculus", "--rating", "easy"], "reviewed or finished again"),
    ],
    ids=["reset", "started", "skipped", "reviewed"],
)
def test_a_session_skips_a_topic_another_shell_changed_and_goes_on(
    runner: CliRunner,
    monkeypatch: pytest.MonkeyPatch,
    three_due: None,
    change: list[str],
    why: str,
) -> None:
    change_on_answer(monkeypatch, 1, *change)  # while the first topic is on the screen
    _, out, err = run(runner, "review", "--session", input="3\n4\n")
    assert not err
    assert f"\n[2/3] Calculus and Gradients: skipped, changed elsewhere ({why})\n" in out
    assert "[3/3] " in out
    ours = [r for r in reviews_logged() if r != ("calculus", "easy")]
    assert ours == [("linear-algebra", "good"), ("probability", "easy")]
    assert "Reviewed 2 topics (1 good, 1 easy). 1 skipped, changed elsewhere." in out


def test_an_answer_to_a_topic_changed_while_it_was_shown_is_not_saved(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch, three_due: None
) -> None:
    change_on_answer(monkeypatch, 2, "reset", "calculus", "--yes")  # Calculus is on the screen
    _, out, _ = run(runner, "review", "--session", input="3\n1\n4\n")
    assert "not saved: changed elsewhere while you answered (reset)" in out
    assert reviews_logged() == [("linear-algebra", "good"), ("probability", "easy")]
    _, shown, _ = run(runner, "show", "calculus", "--json")
    assert json.loads(shown)["status"] == "todo"


# --- shell completion ---------------------------------------------------------------------------


def complete(line: str, shell: str = "bash") -> list[str]:
    """What airoadmap offers to complete the last word of `line`, through the shell protocol
    Typer installs (bash: one value a line; zsh: value and help)."""
    env = {**os.environ, "_AIROADMAP_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(line.split()) - 1)}
    else:
        env["_TYPER_COMPLETE_ARGS"] = line
    done = subprocess.run(
        [sys.executable, "-m", "airoadmap"], env=env, capture_output=True, text=True, check=False
    )
    return done.stdout.splitlines()


def test_completion_offers_the_ids_of_topics_whose_title_has_a_word_so() -> None:
    assert "ml-fundamentals" in complete("airoadmap show mach")
    assert {"ml-fundamentals", "deep-learning"} <= set(complete("airoadmap show fund"))
    assert complete("airoadmap show linear-al") == ["linear-algebra"]
    zsh = "\n".join(complete("airoadmap show mach", "zsh"))
    assert '"ml-fundamentals":"Machine Learning Fundamentals"' in zsh  # the title as its help


def test_completion_offers_only_the_topics_a_command_would_change(runner: CliRunner) -> None:
    run(runner, "done", "python")
    run(runner, "start", "numpy")
    run(runner, "skip", "calculus")
    assert "python" not in complete("airoadmap done pyth")
    assert "python" in complete("airoadmap start pyth")  # started again: it re-opens
    assert "numpy-pandas" not in complete("airoadmap start nump")
    assert "numpy-pandas" in complete("airoadmap done nump")
    assert "calculus" not in complete("airoadmap skip calc")
    assert "calculus" in complete("airoadmap done calc")
    assert complete("airoadmap review pyth") == ["python"]  # only topics done are reviewed
    assert "linear-algebra" not in complete("airoadmap reset line")  # no record to forget
    assert "calculus" in complete("airoadmap reset calc")
    # Another learner's progress, named before the command or after it.
    assert "python" in complete("airoadmap -l bob done pyth")
    assert "python" in complete("airoadmap done -l bob pyth")
    # Not a filter of what a command changes: --under and show offer every topic.
    assert "python" in complete("airoadmap show pyth")
    assert "python" in complete("airoadmap next --under pyth")


@pytest.mark.parametrize(
    "args", [["next", "--json"], ["tree"], ["show", "python"], ["log"], ["html", "-o", "-"]]
)
def test_a_stdout_that_cannot_take_the_output_is_one_line_and_exit_1(args: list[str]) -> None:
    """`airoadmap tree > /dev/full`: the OS error in one line, no traceback, for every command
    (what is still buffered when the command returns included)."""
    with Path("/dev/full").open("wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "airoadmap", *args],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 1
    assert done.stderr == "error: cannot write the output: No space left on device\n"
