"""The roadmap as one web page: `html`; and writing a page (`html`, `report --html`). The page
is made by `airoadmap.web`, imported here alone."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import Annotated

import typer

from airoadmap.cli import output
from airoadmap.cli.context import CommandContext, with_context
from airoadmap.errors import AiroadmapError


@with_context()
def html(
    ctx: CommandContext,
    out: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write the page to FILE (`-` for stdout).",
        ),
    ] = Path("roadmap.html"),
    open_page: Annotated[
        bool, typer.Option("--open", help="Then open it in the default browser.")
    ] = False,
) -> None:
    """The roadmap as one web page with your progress: a file that works offline.

    Areas, maps and topics as boxes coloured by status, the arrows of what each topic needs, a
    panel with each topic's summary, resources, requirements, your record and note; filters,
    search, what to study next, your hours by week and the reviews coming. Styles and script are
    inside the file: it fetches nothing, and can be shared or printed.

    Examples:
      airoadmap html
      airoadmap html -o ada.html --learner ada"""
    from airoadmap.notes.note import read_body
    from airoadmap.progress.actions import goal_of
    from airoadmap.web import document, roadmap

    tracker = ctx.tracker()
    built = roadmap.build(
        ctx.curriculum,
        tracker,
        ctx.progress,
        learner=ctx.learner,
        now=ctx.local_now(),
        read_body=read_body,
        goal=goal_of(ctx.progress),
    )
    write_page(out, document.roadmap_page(built))
    if str(out) == "-":
        return
    from airoadmap.cli import render

    counts = tracker.counts[ctx.curriculum.hub_id]  # as `tree` and `stats` count them
    said = render.count(counts.total, "topic") + (
        f" +{counts.optional} optional" if counts.optional else ""
    )
    output.stderr().print(f"wrote {out} ({said}, {built.completion:.0%} complete)", markup=False)
    if open_page:
        import webbrowser

        if not webbrowser.open(out.resolve().as_uri()):
            output.warning(f"no browser to open; open {out.resolve()} yourself")


def write_page(out: Path, data: bytes) -> None:
    """Write a page to `out`; `-` writes it to stdout. A regular file (or a new one) is
    replaced atomically: a reader never sees half a page, a failure leaves what was there. A
    symbolic link writes its target. Anything else (a FIFO, a device, /dev/stdout) is opened
    and written, never replaced. An `AiroadmapError` in one line on failure."""
    if str(out) == "-":
        _to_stdout(data)
        return
    if out.is_dir():
        example = out / "roadmap.html"
        raise AiroadmapError(f"{out}: is a folder: name the page's file, e.g. {example}")
    target = Path(os.path.realpath(out)) if out.is_symlink() else out
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise AiroadmapError(f"{out}: cannot write: {exc.strerror or exc}") from None
    try:
        if mode is not None and not stat.S_ISREG(mode):
            with target.open("wb") as stream:  # a FIFO or a device: what it is stays
                stream.write(data)
            return
        if not target.parent.is_dir():
            raise AiroadmapError(f"{out}: cannot write: no folder {target.parent}")
        from airoadmap.progress.atomic import replace_atomic

        replace_atomic(target, data)
        if mode is None:  # a temp file is private; a new page is as readable as any new file
            umask = os.umask(0)
            os.umask(umask)
            target.chmod(0o666 & ~umask)
    except OSError as exc:
        raise AiroadmapError(f"{out}: cannot write: {exc.strerror or exc}") from None


def _to_stdout(data: bytes) -> None:
    """The page on stdout (a stdout that cannot take it is one line, as for every command:
    `cli/app.py`)."""
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
