"""Commands that bring notes in and progress out: init, export, import, report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from airoadmap import actions, reviews
from airoadmap.cli import output, render
from airoadmap.cli.app import app
from airoadmap.cli.options import (
    CurriculumOpt,
    HomeOpt,
    HubOpt,
    JsonOpt,
    LearnerOpt,
    Session,
)
from airoadmap.errors import AiroadmapError, StoreError
from airoadmap.models import Kind, Status
from airoadmap.planner import Standing
from airoadmap.store import Progress, list_learners


class ExportFormat(StrEnum):
    JSON = "json"
    MARKDOWN = "markdown"
    MERMAID = "mermaid"
    CSV = "csv"


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Folder to create the curriculum in.")],
    from_map: Annotated[
        Path | None,
        typer.Option(
            "--from-map",
            metavar="NOTE.md",
            help="Turn this map-of-content note into the curriculum instead of a starter.",
        ),
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite existing files (keeping .bak copies).")
    ] = False,
) -> None:
    """Create a curriculum: a small starter, or one made from a map-of-content note."""
    from airoadmap.loader import load_curriculum
    from airoadmap.scaffold import from_map as map_files
    from airoadmap.scaffold import starter, write_files

    files = map_files(from_map) if from_map is not None else starter()
    written = write_files(directory, files, force=force)
    loaded = load_curriculum(directory)
    maps = sum(1 for t in loaded if t.kind is Kind.MAP)
    output.stdout().print(
        f"wrote {len(written)} notes to {directory}: {loaded.hub.title} with {maps} maps. "
        f"Next: airoadmap tree --curriculum {directory}",
        markup=False,
    )


@app.command()
def export(
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="The format.")] = (
        ExportFormat.JSON
    ),
    out: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="Write to FILE \\[default: stdout].",
        ),
    ] = None,
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
) -> None:
    """Your progress as JSON (for `import`), a Markdown checklist, a Mermaid chart, or CSV."""
    from airoadmap.exporting import FORMATS
    from airoadmap.exporting import export as render_export

    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"{fmt!r}: choose one of {', '.join(FORMATS)}", param_hint="--format"
        )
    session = Session(curriculum, home, learner, hub)
    text = render_export(fmt.value, session.standing(), session.learner, session.now())
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise AiroadmapError(f"{out}: cannot write: {exc.strerror or exc}") from None
    output.stderr().print(f"wrote {out}", markup=False)


@app.command("import")
def import_(
    file: Annotated[
        Path,
        typer.Argument(help="A JSON file made by `export --format json`."),
    ],
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    learner: LearnerOpt = "default",
) -> None:
    """Merge an export into your progress: for each topic the newest record wins. Undoable."""
    from airoadmap.importing import read_export

    _, records = read_export(file)
    session = Session(curriculum, home, learner, hub)
    change = session.store.update(
        lambda progress: actions.merge(progress, records, file.name, session.now())
    )
    console = output.stdout()
    if not change.topics:
        console.print(f"{file}: nothing newer than your progress", markup=False)
        return
    loaded = session.curriculum
    names = [loaded[t].title if t in loaded else t for t in change.topics]
    shown = ", ".join(names[:8]) + (f", and {len(names) - 8} more" if len(names) > 8 else "")
    console.print(
        f"{file}: {render.count(len(names), 'record')} imported ({shown}); "
        "`airoadmap undo` reverts",
        markup=False,
    )


def _current_map(standing: Standing, progress: Progress) -> str:
    """The map of the topic most recently started and not finished, else of the next one."""
    loaded = standing.curriculum
    learning = [
        (r.started, t)
        for t, r in progress.topics.items()
        if r.status is Status.LEARNING and t in loaded and r.started is not None
    ]
    if learning:
        topic = max(learning)[1]
    else:
        suggestions = standing.suggest(limit=1)
        if not suggestions:
            return "finished" if standing.is_complete(loaded.hub_id) else ""
        topic = suggestions[0].topic
    maps = [t for t in [*loaded.ancestors(topic), loaded[topic]] if t.kind is Kind.MAP]
    return maps[-1].title if maps else loaded[topic].title


@app.command()
def report(
    curriculum: CurriculumOpt = None,
    hub: HubOpt = None,
    home: HomeOpt = None,
    json: JsonOpt = False,
) -> None:
    """A cohort table: every learner in the data folder (or --home, e.g. a shared git clone)."""
    session = Session(curriculum, home, "default", hub)
    loaded = session.curriculum
    rows: list[dict[str, Any]] = []
    for name in list_learners(session.home):
        learner_session = Session(curriculum, home, name, hub)
        try:
            progress = learner_session.progress
        except StoreError as exc:
            rows.append({"learner": name, "error": str(exc)})
            continue
        standing = Standing(loaded, progress.topics)
        last = progress.last_activity()
        rows.append(
            {
                "learner": name,
                "completion": round(standing.completion(loaded.hub_id), 4),
                "current_map": _current_map(standing, progress),
                "hours_done": standing.counts[loaded.hub_id].hours_done,
                "reviews_due": reviews.due_count(loaded, progress.topics, session.local_now()),
                "last_activity": last.isoformat() if last else None,
            }
        )
    if json:
        output.print_json(rows)
        return
    if not rows:
        output.stdout().print(f"No learners in {session.home}.", markup=False)
        return
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    columns = ("learner", "completion", "current map", "hours done", "reviews due", "last activity")
    for column in columns:
        table.add_column(column)
    for row in rows:
        if "error" in row:
            table.add_row(row["learner"], "unreadable", "", "", "", row["error"])
            continue
        last = row["last_activity"]
        table.add_row(
            row["learner"],
            render.percent(row["completion"]),
            row["current_map"],
            render.hours(row["hours_done"]),
            str(row["reviews_due"]),
            last[:16].replace("T", " ") if last else "–",
        )
    output.stdout().print(table)
