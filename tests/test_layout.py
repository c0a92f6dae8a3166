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

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from tests.conftest import run

ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07")


def in_terminal(*args: str, columns: int) -> list[str]:
    """The lines `airoadmap ARGS` shows in a terminal `columns` wide."""
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
    chunks = []
    while True:
        try:
            data = os.read(main, 65536)
        except OSError:  # the terminal closed with the process
            break
        if not data:
            break
        chunks.append(data)
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
    assert lines[0].split("\t") == ["status", "id", "title", "kind", "in", "hours"]
    algebra = next(line for line in lines if "\tlinear-algebra\t" in line)
    assert algebra.split("\t") == ["✓ done", "linear-algebra", "Linear Algebra", "topic",
                                   "Mathematics for AI", "30h"]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_piped_output_has_no_trailing_spaces(studied: None, command: tuple[str, ...]) -> None:
    lines = piped(*command)
    assert not [line for line in lines if line != line.rstrip()]
