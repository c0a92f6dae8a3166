"""The consoles and the writers every command prints through: the one output layer.

Text is data: the consoles read no markup and no `:emoji:` codes, and every string passes
through `clean` (no control characters, no bidi overrides) on its way out. Layouts fit: on a
terminal, text wraps at word boundaries to its width, with hanging indents, and a table row is
one line, its cells cut with "…"; piped, a row is one line of tab-separated cells and a text
one line a paragraph, with no padding and no trailing spaces, for grep, cut and wc."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, NamedTuple

from rich.text import Text

if TYPE_CHECKING:
    from rich.console import Console


@cache
def _console_class() -> type[Console]:
    """Rich's console, imported only where it lays output out (a terminal, a pager) or prints
    a message: output piped to a file or a program is written plain, without it."""
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            """The reader (`| head`) went away: stop quietly with success, as every command
            does (Rich's own exits 1)."""
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise SystemExit(0)

    return _Console


_paged: list[tuple[int, int]] = []
"""The terminal's size while output goes through a pager (which reads a pipe)."""


def stdout() -> Console:
    """A console on the current stdout (made per call, so tests and pipes are honoured): on a
    terminal it wraps text at word boundaries; piped, it leaves each line whole. Through the
    pager, it lays out for the terminal the pager shows on."""
    if _paged:
        console = _console_class()(
            highlight=False, markup=False, emoji=False, force_terminal=True, width=_paged[0][0]
        )
    else:
        console = _console_class()(highlight=False, markup=False, emoji=False)
    console.soft_wrap = not console.is_terminal
    return console


def terminal() -> Console | None:
    """The console on stdout when it is a terminal, where Rich lays output out; None where
    output is written plain. Rich's console is not even made when stdout is surely no
    terminal."""
    if not _paged and _surely_piped():
        return None
    console = stdout()
    return console if console.is_terminal else None


def _surely_piped() -> bool:
    """Whether Rich would find stdout no terminal, decided without importing it: TTY_COMPATIBLE
    or FORCE_COLOR say so where set (Rich's order), else stdout is not a tty."""
    forced = os.environ.get("TTY_COMPATIBLE", "")
    if forced in ("0", "1"):
        return forced == "0"
    color = os.environ.get("FORCE_COLOR")
    if color is not None:
        return not color
    try:
        return not sys.stdout.isatty()
    except (AttributeError, ValueError):  # no isatty; a closed stdout
        return True


def start_pager(pager: str | None) -> None:
    """Send what follows through `pager` (a command line; None: `less -FRX`, which shows
    output that fits one screen and quits), as git does, when stdout is a terminal. An empty
    pager or `cat` pages nothing; one that cannot start leaves output as it is."""
    if _paged or not sys.stdout.isatty() or pager in ("", "cat"):
        return
    import atexit
    import io
    import os
    import shlex
    import shutil
    import subprocess

    size = shutil.get_terminal_size()
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # quit when one screen holds it; colours; no clearing
    try:
        process = subprocess.Popen(shlex.split(pager or "less"), stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError):
        return
    assert process.stdin is not None
    sys.stdout.flush()
    original = sys.stdout
    sys.stdout = io.TextIOWrapper(process.stdin, encoding="utf-8", errors="backslashreplace")
    _paged.append((size.columns, size.lines))

    def finish() -> None:
        try:
            sys.stdout.flush()
            sys.stdout.close()
        except (BrokenPipeError, OSError, ValueError):  # the reader quit before the end
            pass
        sys.stdout = original
        process.wait()

    atexit.register(finish)


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)


def clean(text: str) -> str:
    """A string from a note, a store or an import, fit for a terminal: control characters
    (tabs and line breaks aside) and bidi overrides dropped."""
    from airoadmap.domain.names import printable

    return printable(text)


def _plain(cell: Text | str) -> str:
    """A table cell as one line of text: no tab or line break inside it."""
    text = cell.plain if isinstance(cell, Text) else cell
    return " ".join(clean(text).split("\t")).replace("\n", " ").rstrip()


class Column(NamedTuple):
    header: str
    justify: str = "left"  # or "right"
    grow: int = 0  # a share of the room the fixed columns leave (0: as wide as it needs)


def print_table(
    columns: Sequence[Column], rows: Iterable[Sequence[Text | str]], *, header: bool = True
) -> None:
    """A table. On a terminal: a row a line, cells too long cut with "…", the growing columns
    sharing the width. Piped: a header line (with `header`) and a line a row, cells separated
    by tabs, nothing padded."""
    console = terminal()
    if console is None:
        write = sys.stdout.write
        if header:
            write("\t".join(column.header for column in columns) + "\n")
        for row in rows:
            write("\t".join(_plain(cell) for cell in row) + "\n")
        return
    from rich.cells import cell_len
    from rich.table import Table

    cells = [[Text(clean(c)) if isinstance(c, str) else c for c in row] for row in rows]
    natural = [
        max([cell_len(column.header) if header else 0, *(cell_len(r[i].plain) for r in cells)])
        for i, column in enumerate(columns)
    ]
    widths = _fit(natural, [c.grow for c in columns], console.width - 2 * (len(columns) - 1))
    table = Table(box=None, header_style="bold", pad_edge=False, show_header=header)
    for column, width in zip(columns, widths, strict=True):
        table.add_column(
            column.header,
            justify="right" if column.justify == "right" else "left",
            no_wrap=True,
            overflow="ellipsis",
            width=width,
        )
    for row in cells:
        table.add_row(*row)
    console.print(table)


def _fit(natural: list[int], grow: list[int], room: int) -> list[int]:
    """Column widths within `room`: each as wide as its widest cell when all fit; else the
    fixed columns (grow 0) keep theirs and the growing ones share what is left by their
    shares, none wider than it needs, none narrower than 4 (cut with "…" below that)."""
    if sum(natural) <= room:
        return natural
    widths = list(natural)
    growing = [i for i, share in enumerate(grow) if share]
    left = room - sum(w for i, w in enumerate(natural) if not grow[i])
    while growing:
        total = sum(grow[i] for i in growing)
        fair = {i: max(4, left * grow[i] // total) for i in growing}
        small = [i for i in growing if natural[i] <= fair[i]]
        if not small:  # every growing column needs more than its share: give the shares
            for i in growing:
                widths[i] = fair[i]
            break
        for i in small:  # these fit whole; share out again what the others may use
            widths[i] = natural[i]
            left -= natural[i]
            growing.remove(i)
    return widths


def print_facts(rows: Sequence[tuple[str, Text]]) -> None:
    """Labelled lines (`Status    done`): on a terminal a value wraps under itself; piped, a
    line each, nothing padded after it."""
    console = terminal()
    width = max(len(label) for label, _ in rows) + 2
    if console is None:
        for label, value in rows:
            sys.stdout.write(f"{label:<{width}}{_plain(value)}".rstrip() + "\n")
        return
    from rich.table import Table

    grid = Table.grid(padding=(0, 0))
    grid.add_column(width=width, style="bold", no_wrap=True)
    grid.add_column(overflow="fold")  # a URL longer than the line is folded, never cut
    for label, value in rows:
        grid.add_row(label, value)
    console.print(grid)


def print_hanging(prefix: str, text: Text) -> None:
    """`prefix` then `text`, which wraps under itself on a terminal (`  • an outcome that…`,
    ` 3. a topic…`); piped, one line."""
    console = terminal()
    if console is None:
        sys.stdout.write((prefix + _plain(text)).rstrip() + "\n")
        return
    from rich.table import Table

    grid = Table.grid(padding=(0, 0))
    grid.add_column(width=len(prefix), no_wrap=True)
    grid.add_column(overflow="fold")  # a URL longer than the line is folded, never cut
    grid.add_row(prefix, text)
    console.print(grid)


def print_text(text: Text | str = "") -> None:
    """A paragraph: wrapped at word boundaries on a terminal, one line piped (as Rich writes
    it to a pipe: tabs expanded, nothing else changed)."""
    paragraph = Text(clean(text)) if isinstance(text, str) else text
    console = terminal()
    if console is None:
        plain = paragraph.copy()
        plain.expand_tabs()
        sys.stdout.write(plain.plain + plain.end)
        return
    console.print(paragraph)


def _one_line(message: str) -> str:
    """Line breaks joined, and text that cannot be encoded (lone surrogates from undecodable
    arguments) shown as escapes rather than crashing the write."""
    text = " ".join(message.splitlines())
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _say(label: str, style: str, message: str) -> None:
    stderr().print(Text.assemble((label, style), " ", clean(_one_line(message))))


def error(message: str) -> None:
    """One line on stderr, red where colour is on."""
    _say("error:", "bold red", message)


def hint(message: str) -> None:
    """A second line after an error: what to do about it."""
    _say("hint:", "dim", message)


def warning(message: str) -> None:
    _say("warning:", "yellow", message)


def print_lines(lines: Iterable[list[tuple[str, str]]], *, wrap: bool = False) -> None:
    """Lines of styled parts: through Rich on a terminal (each line cut to its width, as a
    tree's are, or with `wrap` wrapped at word boundaries, as prose is), and written plainly to
    a pipe or a file, which is many times faster."""
    console = terminal()
    if console is not None:
        text = Text("\n").join(Text.assemble(*line) for line in lines)
        if wrap:
            console.print(text, overflow="fold")
        else:  # a line each, cut with "…" where the terminal is narrower
            console.print(text, no_wrap=True, overflow="ellipsis")
        return
    write = sys.stdout.write
    for line in lines:
        write("".join(text for text, _ in line) + "\n")


def print_json(document: Any) -> None:
    """One JSON document on stdout: stable key order as built, UTF-8, no colour."""
    from airoadmap.domain.names import json_text

    sys.stdout.write(json_text(document))
