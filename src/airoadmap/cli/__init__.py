"""The command-line interface: parse, resolve locations, call the core, render.

The commands live in modules by what they do; `PANELS` lists them here, as `--help` shows them:
in panels, in the order a learner meets them, each as "module:function" in this package. A
command's module is imported only when it runs (or when `--help` or completion lists them all):
a command pays at start-up for what it uses, not for every other command."""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # as typing's, which `--version` does without importing
if TYPE_CHECKING:
    from collections.abc import Callable

    from typer import Typer

    from airoadmap.cli.app import app

PANELS: dict[str, dict[str, str]] = {
    "Study": {
        "next": "study:next_",
        "goal": "plan:goal",
        "plan": "plan:plan",
        "start": "study:start",
        "done": "study:done",
        "skip": "study:skip",
        "note": "study:note",
        "log-hours": "plan:log_hours",
        "undo": "progress:undo",
        "reset": "progress:reset",
    },
    "Review": {"review": "review:review"},
    "Browse": {
        "tree": "browse:tree",
        "list": "browse:list_",
        "show": "browse:show",
        "path": "study:path",
        "html": "page:html",
        "ui": "ui:ui",
    },
    "Progress": {
        "stats": "progress:stats",
        "log": "progress:log",
        "learners": "progress:learners",
        "report": "curricula:report",
        "sync": "sync:sync",
        "merge-store": "sync:merge_store",
    },
    "Curricula": {
        "validate": "curricula:validate",
        "init": "curricula:init",
        "use": "use:use",
        "export": "curricula:export",
        "import": "curricula:import_",
    },
}


def load(where: str) -> Callable[..., None]:
    """The command function that `where` ("module:function" in this package) names."""
    import importlib

    module, _, name = where.partition(":")
    command: Callable[..., None] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    return command


EXAMPLES = "Examples:"
"""How the last paragraph of a command's docstring starts: one or two example command lines."""


def help_and_examples(command: Callable[..., None]) -> tuple[str, str | None]:
    """A command's docstring as its help, and its closing `Examples:` paragraph as the epilog
    that ends `-h`, after the options. Typer keeps a docstring's line breaks, so each paragraph
    of prose is joined into one line for Rich to wrap at the terminal's width; the examples keep
    one line each."""
    import inspect

    paragraphs = inspect.cleandoc(command.__doc__ or "").split("\n\n")
    examples = paragraphs.pop() if paragraphs[-1].startswith(EXAMPLES) else None
    text = "\n\n".join(" ".join(paragraph.split()) for paragraph in paragraphs)
    # Typer dedents the epilog after its first line: a leading empty line keeps the examples
    # indented under their heading.
    return text, None if examples is None else "\n" + examples


def main() -> None:
    if sys.argv[1:] == ["--version"]:  # answered before Typer is even imported
        from airoadmap import __version__

        sys.stdout.write(f"airoadmap {__version__}\n")
        return
    import gc

    # A command runs for well under a second and builds many small objects that live until it
    # exits: cyclic garbage collection would only spend time (about an eighth of a cold load
    # of a 10,000-note vault) finding nothing to free.
    gc.disable()
    _app()(prog_name="airoadmap")  # also under `python -m airoadmap`


def _app() -> Typer:
    from airoadmap.cli.app import app

    # Importing the module `airoadmap.cli.app` made it this package's `app`: the name means the
    # application, as `from airoadmap.cli import app` expects.
    globals()["app"] = app
    return app


def __getattr__(name: str) -> Typer:
    """`app`, the Typer application, made when first asked for (`--version` needs none)."""
    if name == "app":
        return _app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["PANELS", "app", "main"]
