"""The Typer application and the one place that turns an AiroadmapError into exit 1."""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from airoadmap import __version__
from airoadmap.errors import AiroadmapError


class _Commands(MutableMapping[str, Any]):
    """A group's commands by name, in the order of `PANELS`: each command's module is imported
    and its Typer command built the first time it is asked for, so that running one command
    costs nothing for the others (`--help` and completion ask for them all)."""

    def __init__(self, names: Iterable[str], build: Callable[[str], Any]) -> None:
        self._names = dict.fromkeys(names)  # an ordered set
        self._build = build
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._names:
                raise KeyError(name)
            self._built[name] = self._build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._names[name] = None
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._names[name]
        self._built.pop(name, None)

    def __contains__(self, name: object) -> bool:
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)


def _build(name: str) -> Any:
    """The Typer command `name`, from its function: its docstring is its help and examples."""
    from typer.main import get_command_from_info
    from typer.models import CommandInfo

    from airoadmap.cli import PANELS, help_and_examples, load

    panel = next(panel for panel, commands in PANELS.items() if name in commands)
    function = load(PANELS[panel][name])
    text, examples = help_and_examples(function)
    info = CommandInfo(name, callback=function, help=text, epilog=examples, rich_help_panel=panel)
    return get_command_from_info(
        info,
        pretty_exceptions_short=app.pretty_exceptions_short,
        rich_markup_mode=app.rich_markup_mode,
    )


class _Group(TyperGroup):
    """Every command runs inside this handler: a user-facing error is one line and exit 1.
    Its commands are those of `PANELS`, each built when first asked for."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        from airoadmap.cli import PANELS

        self.commands = _Commands((n for commands in PANELS.values() for n in commands), _build)

    def invoke(self, ctx: Any) -> Any:  # typer's vendored click Context
        for stream in (sys.stdout, sys.stderr):
            # A name that is not valid UTF-8 (an undecodable file name or argument) is printed
            # escaped, never a crash.
            reconfigure = getattr(stream, "reconfigure", None)
            if reconfigure is not None:
                reconfigure(errors="backslashreplace")
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # what is still buffered fails here, inside this handler
            return result
        except AiroadmapError as exc:
            from airoadmap.cli import output

            output.error(str(exc))
            raise typer.Exit(1) from None
        except ValueError as exc:
            # A NUL byte in a path argument: typer's path type stats it, and os.stat refuses.
            if "null byte" not in str(exc):
                raise
            raise typer.BadParameter("a path cannot contain a NUL byte") from None
        except BrokenPipeError:
            # The reader (`| head`) went away: stop quietly, with success, for every command.
            _stdout_to_nowhere()
            raise typer.Exit(0) from None
        except OSError as exc:
            if exc.errno not in _OUTPUT_FULL:
                raise
            # A full disk or a failing device under stdout (`> /dev/full`): a store write never
            # gets here (it is a StoreError, its progress intact), so this is the output.
            _stdout_to_nowhere()  # what stayed in the buffer would fail again at exit
            from airoadmap.cli import output

            output.error(f"cannot write the output: {exc.strerror or exc}")
            raise typer.Exit(1) from None

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # in the order they were added, not alphabetical

    def main(self, *args: Any, **kwargs: Any) -> Any:
        """Run the command line; a usage error is one line and a hint on stderr, exit 2."""
        standalone = kwargs.get("standalone_mode", True)
        kwargs["standalone_mode"] = False
        try:
            code = super().main(*args, **kwargs)
        except typer.Abort:
            from airoadmap.cli import output

            output.error("aborted")
            code = 1
        except typer.TyperException as exc:  # typer's click: a usage error, exit 2
            if not standalone:
                raise
            usage_error(exc)
            code = exc.exit_code
        if not standalone:
            return code
        sys.exit(code if isinstance(code, int) else 0)


_OUTPUT_FULL = {errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT}


def _stdout_to_nowhere() -> None:
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


def usage_error(exc: typer.TyperException) -> None:
    """`error: No such option: -x` and, where a command is known, how to get its help; no
    arguments at all: the help."""
    context = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError" and context is not None:
        typer.echo(context.get_help())
        return
    from airoadmap.cli import output

    output.error(exc.format_message())
    if context is not None:
        output.hint(f"see '{context.command_path} -h'")


app = typer.Typer(
    cls=_Group,
    name="airoadmap",
    help="Work through a learning roadmap of Markdown notes: see the tree, mark progress, "
    "and get told what to study next.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"airoadmap {__version__}")
        raise typer.Exit


_BEFORE = "Data options (before or after the command)"


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
    curriculum: Annotated[
        Path | None,
        typer.Option(
            "--curriculum", "-c", metavar="DIR", help="Folder of notes.", rich_help_panel=_BEFORE
        ),
    ] = None,
    hub: Annotated[
        str | None,
        typer.Option("--hub", metavar="NOTE", help="The hub note.", rich_help_panel=_BEFORE),
    ] = None,
    home: Annotated[
        Path | None,
        typer.Option("--home", metavar="DIR", help="Data folder.", rich_help_panel=_BEFORE),
    ] = None,
    learner: Annotated[
        str | None,
        typer.Option("--learner", "-l", help="Whose progress.", rich_help_panel=_BEFORE),
    ] = None,
) -> None:
    """airoadmap: a command-line curriculum tracker. The data options work before the
    command as after it (`airoadmap -l ada next`); each command's help says more."""
    command = ctx.command.get_command(ctx, ctx.invoked_subcommand or "")  # type: ignore[attr-defined]
    takes = {p.name for p in command.params} if command is not None else set()
    for name, value in ctx.params.items():
        if value is not None and name != "version" and name not in takes:
            raise typer.BadParameter(
                f"airoadmap {ctx.invoked_subcommand} takes no --{name}", param_hint=f"--{name}"
            )
