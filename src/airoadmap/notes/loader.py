"""Load a curriculum: find the notes under a folder, read them (or take them from the parse
cache), and build the topic tree (`notes.tree`)."""

from __future__ import annotations

import contextlib
import functools
import os
from dataclasses import fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airoadmap import cache, plain
from airoadmap.domain.curriculum import Curriculum
from airoadmap.errors import CurriculumError, Problem
from airoadmap.models import Kind, Topic
from airoadmap.notes.files import NoteFile, find_notes, read_notes

if TYPE_CHECKING:  # reading notes and building a tree: imported only when the cache misses
    from airoadmap.notes.down import Vault
    from airoadmap.notes.note import Note


def load_curriculum(
    root: Path,
    *,
    hub: str | None = None,
    cache_dir: Path | None = None,
    every_note: bool = False,
) -> Curriculum:
    """Load the curriculum under `root`; raise `CurriculumError` with every problem found.

    A `hub` naming a note without `kind: hub` is a map-of-content hub: the curriculum is read
    down from it (`notes.down`), and only the notes it reaches are read, unless `every_note`
    (then the others that cannot be read are warned about, as in a vault of `up` links).

    With `cache_dir`, parsed notes are kept there, keyed by each note's path, size, mtime and
    inode and by this program's version: only new or changed notes are parsed again, and when
    no note changed at all the built tree itself is reused."""
    try:
        if not root.is_dir():
            reason = "not a folder" if root.exists() else "no such curriculum folder"
            raise CurriculumError([Problem(root, reason)])
    except (OSError, ValueError) as exc:  # a name with a NUL byte, a path too long, ...
        raise CurriculumError([Problem(root, f"cannot use this folder: {exc}")]) from None
    if hub is not None and cache_dir is not None and not every_note:
        with contextlib.suppress(Exception):  # a cache that does not fit is simply rebuilt
            cached = _down_cached(root, hub, cache_dir)
            if cached is not None:
                return cached
    warnings: list[Problem] = []
    problems: list[Problem] = []
    folders: list[str] = []
    files = find_notes(root, problems, warnings, folders)
    if problems:
        raise CurriculumError(problems)
    if not files:
        raise CurriculumError([Problem(root, "no Markdown notes (*.md) in this folder")])
    start = None
    if hub is not None:
        from airoadmap.notes.down import Vault

        vault = Vault(root, files)
        start = _plain_hub(vault, hub)
    if start is not None:
        assert hub is not None
        from airoadmap.notes.tree import build_down

        try:
            read: list[str] = []
            curriculum = build_down(root, vault, start, read)
        except CurriculumError as exc:
            raise CurriculumError(exc.problems, warnings + exc.warnings) from None
        curriculum.warnings = warnings + curriculum.warnings
        if every_note:
            curriculum.warnings += _unread(curriculum, files)
        elif cache_dir is not None:
            _cache_down(root, hub, cache_dir, curriculum, folders, read)
        return curriculum
    try:
        if cache_dir is None:
            from airoadmap.notes.tree import build

            curriculum = build(root, read_notes([f.path for f in files]), hub=hub)
        else:
            curriculum = _load_cached(root, files, hub, cache_dir)
    except CurriculumError as exc:
        raise CurriculumError(exc.problems, warnings + exc.warnings) from None
    curriculum.warnings = warnings + curriculum.warnings
    return curriculum


def _load_cached(root: Path, files: list[NoteFile], hub: str | None, cache_dir: Path) -> Curriculum:
    """The curriculum from the cache when no note changed; else built from the notes, parsing
    only those new or changed since they were cached."""
    folder = cache_dir / "curricula"
    name = cache.key_for(os.path.realpath(root), hub or "")
    relative = [_relative(f.path, root) for f in files]
    state = cache.key_for(*(f"{rel}:{f.stamp}" for rel, f in zip(relative, files, strict=True)))
    built = cache.read(folder / f"{name}.tree", f"tree {_rules()}", _TREE)
    if isinstance(built, list) and len(built) == 3 and built[0] == state:
        with contextlib.suppress(Exception):  # a cache that does not fit is simply rebuilt
            curriculum = _tree_from_row(root, built[1])
            curriculum.warnings = [Problem(file, text, line) for file, text, line in built[2]]
            return curriculum
    notes = _read_cached(folder / f"{name}.notes", dict(zip(relative, files, strict=True)))
    from airoadmap.notes.tree import build

    curriculum = build(root, [notes[rel] for rel in relative], hub=hub)
    skipped = [[str(w.file), w.message, w.line] for w in curriculum.warnings]
    cache.write(
        folder / f"{name}.tree", f"tree {_rules()}", _TREE, [state, _tree_row(curriculum), skipped]
    )
    return curriculum


def _plain_hub(vault: Vault, hub: str) -> int | None:
    """The file a hub's name names, when it is one note without `kind: hub`: a map-of-content
    hub, read down. (A `kind: hub` note, or a name that is not a file's, is looked for among
    all the notes read.)"""
    from airoadmap.notes.note import read_note

    found = vault.find(hub)
    if len(found) != 1 or read_note(vault.files[found[0]].path).meta.kind is Kind.HUB:
        return None
    return found[0]


def _unread(curriculum: Curriculum, files: list[NoteFile]) -> list[Problem]:
    """A warning for each note the hub does not reach that cannot be read."""
    from airoadmap.notes.tree import SKIPPED

    reached = {topic.source for topic in curriculum}
    others = [f.path for f in files if f.path not in reached]
    return [
        Problem(why.file, f"{SKIPPED}: {why.message}", why.line)
        for note in read_notes(others)
        for why in note.problems[:1]
    ]


def _down_key(root: Path, hub: str) -> str:
    return cache.key_for(os.path.realpath(root), hub, "down")


def _stamp(path: str) -> list[int]:
    st = os.stat(path)
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _cache_down(
    root: Path,
    hub: str,
    cache_dir: Path,
    curriculum: Curriculum,
    folders: list[str],
    read: list[str],
) -> None:
    """Keep a map-of-content curriculum with the stamps of what it was built from: every note
    read (placed or not: a linked hub left out may become a map), and the vault's folders (a
    note added, removed or renamed anywhere changes its folder's)."""
    try:
        seen = {_relative(f, root): _stamp(f)[1:] for f in folders}
        notes = {_relative(path, root): _stamp(path) for path in read}
    except OSError:
        return
    skipped = [[str(w.file), w.message, w.line] for w in curriculum.warnings]
    row = [seen, notes, _tree_row(curriculum), skipped]
    cache.write(
        cache_dir / "curricula" / f"{_down_key(root, hub)}.down", f"down {_rules()}", _TREE, row
    )


def _down_cached(root: Path, hub: str, cache_dir: Path) -> Curriculum | None:
    """The cached map-of-content curriculum, if neither its notes nor the vault's folders
    changed: a few hundred stat calls, where listing a 20,000-note vault takes thousands."""
    path = cache_dir / "curricula" / f"{_down_key(root, hub)}.down"
    if not path.exists():
        return None
    row = cache.read(path, f"down {_rules()}", _TREE)
    if not isinstance(row, list) or len(row) != 4:
        return None
    folders, notes, tree, skipped = row
    prefix = _prefix(root)
    for rel, stamp in folders.items():
        if _stamp(prefix + rel if rel != "." else str(root))[1:] != stamp:
            return None
    for rel, stamp in notes.items():
        if _stamp(prefix + rel) != stamp:
            return None
    curriculum = _tree_from_row(root, tree)
    curriculum.warnings = [Problem(file, text, line) for file, text, line in skipped]
    return curriculum


_TREE = (Topic,)


@functools.cache
def _rules() -> str:
    """A digest of the code that reads notes and builds the tree: a cache made under other
    rules (a schema that reads tags otherwise, say) is never read, even where the version
    number is the same, as it is during development."""
    here = Path(__file__).parent
    digest = cache.blake2b(digest_size=8)
    for name in (
        "note.py",
        "schema.py",
        "yamlsafe.py",
        "tree.py",
        "cycles.py",
        "index.py",
        "down.py",
        "outline.py",
        "inline.py",
        "../domain/names.py",
    ):
        with contextlib.suppress(OSError):
            digest.update((here / name).read_bytes())
    return digest.hexdigest()


def _read_cached(path: Path, files: dict[str, NoteFile]) -> dict[str, Note]:
    """Every note of `files` (by relative path): from the cache at `path` when its stamp is
    the cached one, else read now (and the cache renewed)."""
    from airoadmap.notes.note import Meta, Note

    meta = plain.codec(Meta)
    made_of = (Meta,)  # what the cached notes are made of
    known = cache.read(path, f"notes {_rules()}", made_of)
    known = known if isinstance(known, dict) else {}
    notes: dict[str, Note] = {}
    for rel, file in files.items():
        entry = known.get(rel)
        if isinstance(entry, list) and len(entry) == 5 and entry[0] == list(file.stamp):
            with contextlib.suppress(Exception):
                row, has_frontmatter, key_lines, problems = entry[1:]
                notes[rel] = Note(
                    file.path,
                    meta.decode(row),
                    has_frontmatter,
                    dict(key_lines),
                    tuple(Problem(file.path, text, line) for text, line in problems),
                )
    stale = [rel for rel in files if rel not in notes]
    for rel, note in zip(stale, read_notes([files[rel].path for rel in stale]), strict=True):
        notes[rel] = note
    if stale:  # notes that cannot be read are cached too: a 2 MB clipping is not read again
        cache.write(
            path,
            f"notes {_rules()}",
            made_of,
            {
                rel: [
                    files[rel].stamp,
                    meta.encode(n.meta),
                    n.has_frontmatter,
                    n.key_lines,
                    [[p.message, p.line] for p in n.problems],
                ]
                for rel, n in notes.items()
                # an error of the system (permission, I/O) may pass without the file changing
                if not any(p.message.startswith("cannot read") for p in n.problems)
            },
        )
    return notes


# --- the tree as the cache holds it: a row a topic, its note's path relative to the root ---


def _prefix(root: Path) -> str:
    return str(root).rstrip(os.sep) + os.sep


def _relative(path: str, root: Path) -> str:
    """`path` below `root`, by slicing: the paths were built by joining onto the root. (A
    topic that has no note yet has no path, and keeps none.)"""
    if not path:
        return path
    prefix = _prefix(root)
    return path[len(prefix) :] if path.startswith(prefix) else os.path.relpath(path, root)


_TOPIC = plain.codec(Topic)
_SOURCE = [f.name for f in fields(Topic)].index("source")


def _tree_row(curriculum: Curriculum) -> list[Any]:
    encode = _TOPIC.encode
    rows = []
    for topic in curriculum:
        row = encode(topic)
        row[_SOURCE] = _relative(topic.source, curriculum.root)
        rows.append(row)
    return [curriculum.hub_id, curriculum.ignored, rows]


def _tree_from_row(root: Path, row: list[Any]) -> Curriculum:
    hub, ignored, rows = row
    prefix = _prefix(root)
    decode = _TOPIC.decode
    topics = {}
    for topic_row in rows:
        topic_row[_SOURCE] = prefix + topic_row[_SOURCE] if topic_row[_SOURCE] else ""
        topic = decode(topic_row)
        topics[topic.id] = topic
    return Curriculum(root=root, hub=hub, topics=topics, ignored=ignored)
