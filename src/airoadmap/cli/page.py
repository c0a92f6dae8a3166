"""The roadmap as one web page: `html`. The page is made by `airoadmap.web`, imported here
alone."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from airoadmap.cli import output
from airoadmap.cli.context import CommandContext, with_context


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
    from airoadmap.web import page, roadmap

    built = roadmap.build(
        ctx.curriculum,
        ctx.tracker(),
        ctx.progress,
        learner=ctx.learner,
        now=ctx.local_now(),
        read_body=read_body,
    )
    page.write(out, page.roadmap_page(built))
    if str(out) == "-":
        return
    output.stderr().print(
        f"wrote {out} ({len(built.panels)} topics, {built.completion:.0%} complete)", markup=False
    )
    if open_page:
        import webbrowser

        if not webbrowser.open(out.resolve().as_uri()):
            output.warning(f"no browser to open; open {out.resolve()} yourself")
