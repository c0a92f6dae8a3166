"""The command-line interface: parse, resolve locations, call the core, render.

The commands live in modules by what they do; `PANELS` lists them here, as `--help` shows them:
in panels, in the order a learner meets them."""

from __future__ import annotations

import gc
import inspect
from collections.abc import Callable

from airoadmap.cli import browse, curricula, progress, review, study, use
from airoadmap.cli.app import app

PANELS: dict[str, dict[str, Callable[..., None]]] = {
    "Study": {
        "next": study.next_,
        "start": study.start,
        "done": study.done,
        "skip": study.skip,
        "note": study.note,
        "undo": progress.undo,
        "reset": progress.reset,
    },
    "Review": {"review": review.review},
    "Browse": {"tree": browse.tree, "list": browse.list_, "show": browse.show, "path": study.path},
    "Progress": {
        "stats": progress.stats,
        "log": progress.log,
        "learners": progress.learners,
        "report": curricula.report,
    },
    "Curricula": {
        "validate": curricula.validate,
        "init": curricula.init,
        "use": use.use,
        "export": curricula.export,
        "import": curricula.import_,
    },
}


EXAMPLES = "Examples:"
"""How the last paragraph of a command's docstring starts: one or two example command lines."""


def help_and_examples(command: Callable[..., None]) -> tuple[str, str | None]:
    """A command's docstring as its help, and its closing `Examples:` paragraph as the epilog
    that ends `-h`, after the options. Typer keeps a docstring's line breaks, so each paragraph
    of prose is joined into one line for Rich to wrap at the terminal's width; the examples keep
    one line each."""
    paragraphs = inspect.cleandoc(command.__doc__ or "").split("\n\n")
    examples = paragraphs.pop() if paragraphs[-1].startswith(EXAMPLES) else None
    text = "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)
    # Typer dedents the epilog after its first line: a leading empty line keeps the examples
    # indented under their heading.
    return text, None if examples is None else "\n" + examples


def _register() -> None:
    for panel, commands in PANELS.items():
        for name, command in commands.items():
            text, examples = help_and_examples(command)
            app.command(name, rich_help_panel=panel, help=text, epilog=examples)(command)


_register()


def main() -> None:
    # A command runs for well under a second and builds many small objects that live until it
    # exits: cyclic garbage collection would only spend time (about an eighth of a cold load
    # of a 10,000-note vault) finding nothing to free.
    gc.disable()
    app(prog_name="airoadmap")  # also under `python -m airoadmap`


__all__ = ["app", "main"]
