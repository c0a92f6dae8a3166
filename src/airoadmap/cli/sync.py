"""Sync: progress through git, and the merge driver git runs for stores."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path
from typing import Annotated

import typer

from airoadmap.cli import output, render
from airoadmap.cli.context import CommandContext, with_context


@with_context()
def sync(
    ctx: CommandContext,
    remote: Annotated[
        str | None,
        typer.Option(
            "--remote",
            metavar="URL",
            help="The git repository to sync with (the first time; later, to change it).",
            show_default=False,
        ),
    ] = None,
    status: Annotated[
        bool, typer.Option("--status", help="Only say what is waiting to go either way.")
    ] = False,
) -> None:
    """Sync the data folder through git: commit the learners' changes, pull (stores merge by
    meaning), push. The first time, `--remote URL` makes the folder a repository of that
    remote. Offline, progress stays committed here and the next sync sends it.

    Examples:
    airoadmap sync --remote git@example.org:me/progress.git
    airoadmap sync --status"""
    from airoadmap.progress import syncing
    from airoadmap.progress.store import check_learner

    check_learner(ctx.learner)
    home = ctx.home
    if status:
        _print_waiting(syncing.waiting(home))
        return
    # git runs the driver in the data folder: `-P` keeps that folder's files (a `typer.py`
    # pushed to a shared remote) off the import path.
    driver = f"{shlex.quote(sys.executable)} -P -m airoadmap"
    done = syncing.sync(
        home,
        learner=ctx.learner,
        remote=remote,
        driver=driver,
        message=syncing.what_changed(home, ctx.learner),
    )
    console = output.stdout()
    if done.created:
        console.print(f"{home} is now a git repository of {remote}")
    for name in done.merged:
        console.print(f"merged {name} by meaning (git had left conflict markers in it)")
    console.print(f"committed: {done.committed}" if done.committed else "nothing new to commit")
    if done.received:
        console.print(
            f"received {render.count(done.received, 'commit')} (stores merged by meaning)"
        )
    if done.others:
        output.warning(
            f"not sent, as they are other learners': {', '.join(done.others)} "
            "(`airoadmap sync -l NAME` sends a learner's own)"
        )
    if done.sent:
        console.print("sent: the remote has all your progress")
    elif done.not_sent:
        output.warning(f"not sent: {done.not_sent}; it is committed here, the next sync sends it")


def _print_waiting(state: object) -> None:
    from airoadmap.progress.syncing import Waiting

    assert isinstance(state, Waiting)
    console = output.stdout()
    if state.remote is None and not state.uncommitted and not state.to_send:
        console.print("not synced: `airoadmap sync --remote URL` sets it up")
        return
    console.print(
        f"{render.count(len(state.uncommitted), 'store')} changed since the last sync"
        + (f" ({', '.join(state.uncommitted)})" if state.uncommitted else "")
    )
    console.print(f"{render.count(state.to_send, 'commit')} to send, {state.to_receive} to receive")
    if state.unreachable:
        output.warning(
            f"the remote cannot be reached ({state.unreachable}): counts as of the last sync"
        )


def merge_store(
    base: Annotated[Path, typer.Argument(help="The common ancestor (empty: none).")],
    ours: Annotated[Path, typer.Argument(help="Our version: the merge is written here.")],
    theirs: Annotated[Path, typer.Argument(help="Their version.")],
) -> None:
    """Merge three versions of one learner's store by meaning, into OURS (git's merge driver:
    `sync` registers it). Per topic the newer change wins; the logs are united.

    Examples:
    airoadmap merge-store base.toml learners/ada.toml theirs.toml"""
    from airoadmap.errors import AiroadmapError
    from airoadmap.progress.atomic import write_atomic
    from airoadmap.progress.merging import merge_versions

    def read(path: Path) -> bytes:
        try:
            return path.read_bytes()
        except OSError as exc:
            raise AiroadmapError(f"{path}: cannot read: {exc.strerror}") from None

    merged = merge_versions(read(base), read(ours), read(theirs), where=ours)
    if merged is not None:
        write_atomic(ours, merged)
