"""The consoles and the plain writers every command prints through."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.text import Text


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """The reader (`| head`) went away: stop quietly with success, as every command does
        (Rich's own exits 1)."""
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(0)


def stdout() -> Console:
    """A console on the current stdout (made per call, so tests and pipes are honoured)."""
    return _Console(highlight=False, soft_wrap=True)


def stderr() -> Console:
    return Console(stderr=True, highlight=False)


def _one_line(message: str) -> str:
    """Line breaks joined, and text that cannot be encoded (lone surrogates from undecodable
    arguments) shown as escapes rather than crashing the write."""
    text = " ".join(message.splitlines())
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def error(message: str) -> None:
    """One line on stderr, red where colour is on."""
    stderr().print(f"[bold red]error:[/] {escape(_one_line(message))}", soft_wrap=True)


def hint(message: str) -> None:
    """A second line after an error: what to do about it."""
    stderr().print(f"[dim]hint:[/] {escape(_one_line(message))}", soft_wrap=True)


def warning(message: str) -> None:
    stderr().print(f"[yellow]warning:[/] {escape(_one_line(message))}", soft_wrap=True)


def print_lines(lines: Iterable[list[tuple[str, str]]]) -> None:
    """Lines of styled parts: through Rich where there is colour to show, and written plainly
    otherwise (to a pipe or a file, or with NO_COLOR), which is many times faster."""
    console = stdout()
    if console.is_terminal and console.color_system is not None:
        console.print(Text("\n").join(Text.assemble(*line) for line in lines))
        return
    write = sys.stdout.write
    for line in lines:
        write("".join(text for text, _ in line) + "\n")


def print_json(document: Any) -> None:
    """One JSON document on stdout: stable key order as built, UTF-8, no colour."""
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False) + "\n")
