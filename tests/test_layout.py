"""Layouts that fit: run in a real terminal (a pseudo-terminal of 60, 80 or 200 columns), no
line is wider than the terminal and no word of a note is split; piped, a row is one line with
no padding and no trailing spaces."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from tests.conftest import run

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def in_terminal(*args: str, columns: int, answers: tuple[str, ...] = ()) -> list[str]:
    """The lines `airoadmap ARGS` shows in a terminal `columns` wide; each of `answers` is
    typed (and Enter) once the next question ending in ": " shows."""
    main, other = pty.openpty()
    fcntl.ioctl(other, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES"}}
    process = subprocess.Popen(
        [sys.executable, "-m", "airoadmap", *args],
        stdin=other,
        stdout=other,
        stderr=other,
        env=env,
        close_fds=True,
    )
    os.close(other)
    chunks: list[bytes] = []
    waiting = list(answers)
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        chunks.append(data)
        if waiting and b"".join(chunks).rstrip(b" ").endswith(b":"):
            os.write(main, (waiting.pop(0) + "\n").encode())
    os.close(main)
    assert process.wait(timeout=60) == 0, b"".join(chunks).decode(errors="replace")
    text = ESCAPES.sub("", b"".join(chunks).decode()).replace("\r\n", "\n")
    return text.rstrip("\n").split("\n")


def piped(*args: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"COLUMNS", "LINES"}}
    done = subprocess.run(
        [sys.executable, "-m", "airoadmap", *args],
        check=False,
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.rstrip("\n").split("\n")


@pytest.fixture
def studied(runner: CliRunner) -> None:
    """Some history, so that stats, report and learners have rows."""
    run(runner, "done", "python", "linear-algebra")
    run(runner, "start", "numpy")
    run(runner, "note", "calculus", "revisit the chain rule before the exam on backprop")


COMMANDS = [
    ("show", "calculus"),
    ("show", "python"),
    ("show", "mathematics"),
    ("stats",),
    ("list",),
    ("list", "--kind", "map"),
    ("report",),
    ("learners",),
    ("next",),
    ("path", "deep learning"),
    ("tree",),
    ("log",),
    ("plan",),
]


@pytest.mark.parametrize("columns", [60, 80, 200])
@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_line_is_wider_than_the_terminal(
    studied: None, command: tuple[str, ...], columns: int
) -> None:
    lines = in_terminal(*command, columns=columns)
    assert len(lines) > 1
    too_wide = [line for line in lines if cell_len(line) > columns]
    assert not too_wide, too_wide


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize("topic", ["calculus", "python", "attention"])
def test_no_word_of_a_note_is_split(
    runner: CliRunner, studied: None, topic: str, columns: int
) -> None:
    detail = json.loads(run(runner, "show", topic, "--json")[1])
    words = set(" ".join([detail["summary"], *detail["outcomes"]]).split())
    shown = set(" ".join(in_terminal("show", topic, columns=columns)).split())
    assert words <= shown, words - shown


def test_piped_list_is_a_line_a_topic_and_no_padding(studied: None) -> None:
    lines = piped("list")
    leaves = json.loads("\n".join(piped("list", "--json")))
    assert len(lines) == len(leaves) + 1  # the header, then a line a topic
    assert lines[0].split("\t") == ["status", "id", "title", "in", "hours"]
    algebra = next(line for line in lines if "\tlinear-algebra\t" in line)
    assert algebra.split("\t") == ["✓ done", "linear-algebra", "Linear Algebra",
                                   "Mathematics for AI", "12h"]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_piped_output_has_no_trailing_spaces(studied: None, command: tuple[str, ...]) -> None:
    lines = piped(*command)
    assert not [line for line in lines if line != line.rstrip()]


def test_long_output_on_a_terminal_goes_through_the_pager(
    studied: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = tmp_path / "paged.txt"
    pager = tmp_path / "pager.py"  # a pager that keeps what it is given, and shows it
    pager.write_text(
        "import sys, pathlib\n"
        f"text = sys.stdin.read()\npathlib.Path({str(seen)!r}).write_text(text)\n"
        "sys.stdout.write(text)\n"
    )
    monkeypatch.setenv("AIROADMAP_PAGER", f"{sys.executable} {pager}")
    shown = in_terminal("tree", columns=80)
    paged = ESCAPES.sub("", seen.read_text()).splitlines()
    assert paged[0].startswith("▶ AI Engineer") and paged == shown
    assert all(cell_len(line) <= 80 for line in paged)  # laid out for the terminal
    seen.unlink()
    assert in_terminal("tree", "--no-pager", columns=80) == shown and not seen.exists()
    assert piped("tree")[0].startswith("▶ AI Engineer") and not seen.exists()
    in_terminal("tree", "--json", columns=80)
    assert not seen.exists()


@pytest.mark.parametrize("columns", [60, 80])
def test_a_review_session_fits_the_terminal(
    studied: None, columns: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_NOW", "+40d")
    lines = in_terminal("review", "--session", columns=columns, answers=("3", "3", "q"))
    assert any(line.startswith("[1/") for line in lines)
    assert any(line.startswith("Reviewed 2 topics") for line in lines), lines
    assert not [line for line in lines if cell_len(line) > columns]
