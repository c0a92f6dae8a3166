"""A folder of notes: find every note in it, and read them all (on every core for a large one)."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from airoadmap.errors import Problem

if TYPE_CHECKING:
    from airoadmap.notes.note import Note


class NoteFile(NamedTuple):
    """A note found on disk, with what tells whether it changed since it was last parsed."""

    path: str
    size: int
    mtime_ns: int
    inode: int

    @property
    def stamp(self) -> tuple[int, int, int]:
        return (self.size, self.mtime_ns, self.inode)


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _follow(
    path: str, folder: str, real_root: str, problems: list[Problem], warnings: list[Problem]
) -> tuple[str, bool, bool] | None:
    """A symlink's (target, is a folder, is a file), or None when it is not to be followed: a
    loop (a problem), broken or leading out of the curriculum (warnings)."""
    try:
        target = os.path.realpath(path, strict=True)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            problems.append(Problem(path, "symlink loop"))
        else:
            warnings.append(Problem(path, "broken symlink, skipped"))
        return None
    if not _within(target, real_root):
        warnings.append(Problem(path, "symlink out of the curriculum folder, not followed"))
        return None
    is_dir = os.path.isdir(target)
    if is_dir and _within(folder, target):
        problems.append(Problem(path, f"symlink loop: leads back to {target}"))
        return None
    return target, is_dir, os.path.isfile(target)


def find_notes(
    root: Path,
    problems: list[Problem],
    warnings: list[Problem],
    folders: list[str] | None = None,
) -> list[NoteFile]:
    """Every `*.md` under `root`, recursively, in a stable order. Hidden folders (`.obsidian`,
    `.trash`, `.git`) are skipped. A symlink is followed only when it stays inside `root` (one
    that leads out is reported and skipped); a symlink loop is a problem.

    Paths stay strings here: a large vault has tens of thousands of them. Each folder listed
    is added to `folders`, when given."""
    real_root = os.path.realpath(root)
    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    found: list[NoteFile] = []
    stack = [str(root)]
    while stack:
        directory = stack.pop()
        real = os.path.realpath(directory)
        if real in seen_dirs:
            continue
        seen_dirs.add(real)
        if folders is not None:
            folders.append(directory)
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            problems.append(Problem(directory, f"cannot read folder: {exc.strerror or exc}"))
            continue
        subfolders: list[str] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue
            path = entry.path
            if entry.is_symlink():
                followed = _follow(path, real, real_root, problems, warnings)
                if followed is None:
                    continue
                target, is_dir, is_file = followed
            else:  # the common case: no system call beyond the folder listing
                target = real + os.sep + entry.name
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file(follow_symlinks=False)
            if is_dir:
                subfolders.append(path)
            elif is_file and entry.name.lower().endswith(".md"):
                if target in seen_files:
                    warnings.append(Problem(path, "the same note as another path, read once"))
                    continue
                seen_files.add(target)
                try:
                    st = entry.stat() if entry.is_symlink() else entry.stat(follow_symlinks=False)
                except OSError:  # vanished, or unreadable: reading it will say which
                    found.append(NoteFile(path, -1, -1, -1))
                else:
                    found.append(NoteFile(path, st.st_size, st.st_mtime_ns, st.st_ino))
        stack.extend(reversed(subfolders))
    return found


PARALLEL_MIN_NOTES = 2_000
"""Below this many notes, starting worker processes costs more than it saves."""


def _read_some(paths: list[str]) -> list[Note]:
    from airoadmap.notes.note import read_note  # not needed to list notes (a warm cache's case)

    return [read_note(path) for path in paths]


def read_notes(paths: list[str]) -> list[Note]:
    """Each path's type-checked Note (carrying the problems found in it), in the order given.

    A large folder is split between the machine's cores (forked workers, where the system has
    fork): reading, parsing YAML and checking fields is nearly all of a cold load's time."""
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_MIN_NOTES or workers < 2:
        return _read_some(paths)
    import multiprocessing as mp

    if "fork" not in mp.get_all_start_methods():
        return _read_some(paths)
    # Built once here, and inherited by every forked worker: the frontmatter schema.
    from airoadmap.notes import schema  # noqa: F401

    size = -(-len(paths) // workers)
    chunks = [paths[i : i + size] for i in range(0, len(paths), size)]
    with mp.get_context("fork").Pool(len(chunks) - 1) as pool:
        pending = pool.map_async(_read_some, chunks[1:])
        first = _read_some(chunks[0])  # this process reads a share too
        rest = pending.get()
    return [outcome for chunk in [first, *rest] for outcome in chunk]
