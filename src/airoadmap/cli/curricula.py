"""Curricula: check one, start one, and carry progress out and in; a cohort's report."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from airoadmap.cli import output, render
from airoadmap.cli.context import CommandContext, with_context
from airoadmap.cli.progress import each_learner, learner_rows, print_learners
from airoadmap.domain import reviews
from airoadmap.domain.tracker import Tracker
from airoadmap.errors import AiroadmapError, CurriculumError, Problem, StoreError
from airoadmap.models import Kind, Progress
from airoadmap.progress import actions

if TYPE_CHECKING:
    from airoadmap.web.cohort import Tally


class ExportFormat(StrEnum):
    JSON = "json"
    MARKDOWN = "markdown"
    MERMAID = "mermaid"
    CSV = "csv"


@with_context()
def validate(
    ctx: CommandContext,
    directory: Annotated[
        Path | None,
        typer.Argument(help="The curriculum folder to check \\[default: the one in use]."),
    ] = None,
    all_notes: Annotated[
        bool,
        typer.Option(
            "--all-notes", help="Also list each note outside the curriculum that was skipped."
        ),
    ] = False,
) -> None:
    """Check a curriculum: links, cycles, duplicate ids, field types. Exit 1 on any problem.

    Notes outside the curriculum are never errors: those that cannot be read are counted (with
    --all-notes, listed). Also reports learners' records whose topics the curriculum no longer
    has.

    Examples:
      airoadmap validate
      airoadmap validate ~/notes/roadmap --all-notes"""
    from airoadmap.notes.loader import load_curriculum

    folder = directory if directory is not None else ctx.folder
    try:
        hub = ctx.hub if directory is not None else ctx.hub_name
        loaded = load_curriculum(folder, hub=hub, cache_dir=ctx.cache_dir, every_note=True)
    except CurriculumError as exc:
        for problem in exc.problems:
            output.error(str(problem))
        _warn(exc.warnings, every=all_notes)
        count = len(exc.problems)
        output.stdout().print(f"{render.count(count, 'problem')} in {folder}", markup=False)
        raise typer.Exit(1) from None
    _warn(loaded.warnings, every=all_notes)
    for name, progress in each_learner(ctx, loaded):
        if isinstance(progress, StoreError):
            output.warning(str(progress))
            continue
        unknown = Tracker(loaded, progress.topics).unknown_records()
        if unknown:
            output.warning(
                f"learner {name}: records for {len(unknown)} topics not in this curriculum "
                f"(kept): {', '.join(unknown)}"
            )
    kinds = {k: sum(1 for t in loaded if t.kind is k) for k in Kind}
    empty = sum(1 for t in loaded if t.kind is Kind.MAP and t.is_leaf)
    from rich.text import Text

    summary = Text("✓", style="green")
    summary.append(
        f" {folder}: {render.count(kinds[Kind.AREA], 'area')}, "
        f"{render.count(kinds[Kind.MAP], 'map')}"
        + (f" ({empty} with no topics yet)" if empty else "")
        + f", {render.count(kinds[Kind.TOPIC], 'topic')}, "
        f"{render.hours(loaded.hours(loaded.hub_id))}; "
        f"{render.count(loaded.ignored, 'note')} outside the curriculum ignored"
    )
    output.stdout().print(summary, soft_wrap=True)


def _warn(warnings: list[Problem], *, every: bool) -> None:
    """The warnings; those about skipped notes outside the curriculum one by one with `every`,
    else counted in one line."""
    from airoadmap.notes.tree import SKIPPED

    skipped = [w for w in warnings if w.message.startswith(SKIPPED)]
    for warning in warnings:
        if every or warning not in skipped:
            output.warning(str(warning))
    if skipped and not every:
        output.warning(
            f"{render.count(len(skipped), 'note')} outside the curriculum skipped (unreadable, "
            "or `up` names no note): `airoadmap validate --all-notes` lists them"
        )


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
    depth: Annotated[
        int,
        typer.Option(
            "--depth",
            min=1,
            max=2,
            help="With --from-map: 2 also turns the map notes it links to into their topics.",
        ),
    ] = 1,
    force: Annotated[
        bool, typer.Option("--force", help="Overwrite existing files (keeping .bak copies).")
    ] = False,
) -> None:
    """Create a curriculum: a small starter, or one made from a map-of-content note.

    Examples:
      airoadmap init my-roadmap
      airoadmap init my-roadmap --from-map "AI Map.md" --depth 2"""
    from airoadmap.notes.mapnote import check_target
    from airoadmap.notes.mapnote import from_map as map_files
    from airoadmap.notes.scaffold import create, starter

    if depth != 1 and from_map is None:
        raise typer.BadParameter("--depth goes with --from-map", param_hint="--depth")
    if from_map is not None:
        check_target(from_map, directory)
    files = map_files(from_map, depth=depth) if from_map is not None else starter()
    loaded = create(directory, files, force=force)
    maps = sum(1 for t in loaded if t.kind is Kind.MAP)
    topics = sum(1 for t in loaded if t.kind is Kind.TOPIC)
    output.stdout().print(
        f"wrote {len(files)} notes to {directory}: {loaded.hub.title} with {maps} maps"
        f"{f' and {topics} topics' if topics else ''}. "
        f"Next: airoadmap tree --curriculum {directory}",
        markup=False,
    )


@with_context()
def export(
    ctx: CommandContext,
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
) -> None:
    """Your progress as JSON (for `import`), a Markdown checklist, a Mermaid chart, or CSV.

    Examples:
      airoadmap export -o progress.json
      airoadmap export --format markdown -o progress.md"""
    from airoadmap.progress.exporting import FORMATS
    from airoadmap.progress.exporting import export as render_export

    if fmt not in FORMATS:
        raise typer.BadParameter(
            f"{fmt!r}: choose one of {', '.join(FORMATS)}", param_hint="--format"
        )
    text = render_export(fmt.value, ctx.tracker(), ctx.learner, ctx.now())
    if out is None:
        typer.echo(text, nl=False)
        return
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise AiroadmapError(f"{out}: cannot write: {exc.strerror or exc}") from None
    output.stderr().print(f"wrote {out}", markup=False)


@with_context()
def import_(
    ctx: CommandContext,
    file: Annotated[
        Path,
        typer.Argument(help="A JSON file made by `export --format json`."),
    ],
) -> None:
    """Merge an export into your progress: for each topic the newest record wins. Undoable.

    Examples:
      airoadmap import progress.json"""
    from airoadmap.progress.importing import read_export

    _, records = read_export(file)
    change = ctx.store.update(
        lambda progress: actions.merge(progress, records, file.name, ctx.now())
    )
    console = output.stdout()
    if not change.topics:
        console.print(f"{file}: nothing newer than your progress", markup=False)
        return
    loaded = ctx.curriculum
    names = [loaded[t].title if t in loaded else t for t in change.topics]
    shown = ", ".join(names[:8]) + (f", and {len(names) - 8} more" if len(names) > 8 else "")
    console.print(
        f"{file}: {render.count(len(names), 'record')} imported ({shown}); "
        "`airoadmap undo` reverts",
        markup=False,
    )


def _current_map(tracker: Tracker, current: str | None) -> str:
    """The map of the topic the learner is at (`planner.current_topic`)."""
    loaded = tracker.curriculum
    if current is None:
        return "finished" if tracker.is_complete(loaded.hub_id) else ""
    maps = [t for t in [*loaded.ancestors(current), loaded[current]] if t.kind is Kind.MAP]
    return maps[-1].title if maps else loaded[current].title


@with_context(learner=False, json=True)
def report(
    ctx: CommandContext,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Write the cohort as a web page to FILE: a row per learner with a bar per "
            "map, and per topic how many finished it.",
        ),
    ] = None,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Print all at once, not through $AIROADMAP_PAGER, $PAGER or `less -FRX` "
            "(a pager is only used on a terminal, and not with --html).",
        ),
    ] = False,
) -> None:
    """A cohort table: every learner in the data folder (or --home, e.g. a shared git clone).

    Examples:
      airoadmap report --home ~/cohort-progress
      airoadmap report --html cohort.html"""
    if html is not None and ctx.json:
        raise typer.BadParameter(
            "--html writes a page, --json prints: choose one", param_hint="--html"
        )
    if html is None and not ctx.json and not no_pager:  # a page written to a file: no pager
        import os

        output.start_pager(os.environ.get("AIROADMAP_PAGER", os.environ.get("PAGER")))
    from airoadmap.domain import planner

    loaded = ctx.curriculum
    tally: Tally | None = None
    if html is not None:
        from airoadmap.web.cohort import Tally

        tally = Tally(loaded)

    def fields(tracker: Tracker, progress: Progress) -> dict[str, Any]:
        current = planner.current_topic(tracker)
        row = {
            "current_map": _current_map(tracker, current),
            "topics": tracker.counts[loaded.hub_id].total,
            "finished": tracker.counts[loaded.hub_id].finished,
            "hours": tracker.counts[loaded.hub_id].hours_total,
            "hours_done": tracker.counts[loaded.hub_id].hours_done,
            "reviews_due": reviews.due_count(loaded, progress.topics, ctx.local_now()),
        }
        if tally is not None:
            row.update(tally.add(tracker, progress, current))
        return row

    rows = learner_rows(ctx, fields)
    if tally is not None:
        assert html is not None
        _write_cohort_page(ctx, html, rows, tally)
        return
    cells = {
        "current map": lambda r: r["current_map"],
        "hours done": lambda r: render.hours(r["hours_done"]),
        "reviews due": lambda r: str(r["reviews_due"]),
    }
    print_learners(ctx, rows, cells, empty=f"No learners in {ctx.home}.")


def _write_cohort_page(
    ctx: CommandContext, out: Path, rows: list[dict[str, Any]], tally: Tally
) -> None:
    from airoadmap.cli.page import write_page
    from airoadmap.web import cohort, document

    built = cohort.build(ctx.curriculum, rows, tally, ctx.local_now(), home=str(ctx.home))
    write_page(out, document.cohort_page(built))
    if not built.rows:  # a mistyped --home, say: the page is written, and says so too
        output.warning(f"no learners in {ctx.home}")
    if str(out) != "-":
        said = render.count(len(built.rows), "learner")
        if not built.rows:
            said += f" in {ctx.home}"
        if built.unread:
            said += f", {built.unread} could not be read"
        output.stderr().print(f"wrote {out} ({said})", markup=False)
