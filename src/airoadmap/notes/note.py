"""One Markdown note: its bytes read safely, its YAML frontmatter parsed and type-checked.

Hostile notes are refused with a problem naming the file (and line): a size cap checked before
reading, binary and non-UTF-8 files, unsafe YAML tags, alias bombs and absurd nesting.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from airoadmap.domain.names import printable, slugify
from airoadmap.errors import CurriculumError, NoteProblem, Problem
from airoadmap.models import Kind, Resource
from airoadmap.notes.inline import inline_fields
from airoadmap.plain import CHECK

MAX_NOTE_BYTES = 1024 * 1024
"""Notes larger than this are refused before they are read (a curriculum note is a few KiB)."""


@dataclass(frozen=True, slots=True)
class Meta:
    """What a note's frontmatter declares, type-checked (all defaults: no frontmatter). The
    frontmatter schema derives from these fields (`notes.schema`); unknown keys are ignored."""

    id: str | None = None
    title: str | None = None
    aliases: tuple[str, ...] = ()
    kind: Kind = Kind.TOPIC
    up: str | None = None  # a link to the parent
    order: float | None = None
    requires: tuple[str, ...] = ()  # links
    hours: float | None = field(default=None, metadata={CHECK: {"ge": 0}})
    optional: bool = False
    tags: tuple[str, ...] = ()
    summary: str | None = None
    outcomes: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()


@dataclass(slots=True)
class Note:
    """One Markdown file as read from disk, before it is placed in the tree. A note that could
    not be read, or whose frontmatter has a wrong field, carries its `problems`, and of its
    frontmatter only what could still be made out (`up` and `kind`): they are errors if the
    note belongs to the curriculum, and a warning that it was skipped if not."""

    path: str
    meta: Meta
    has_frontmatter: bool
    key_lines: dict[str, int] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    id: str = field(init=False)
    title: str = field(init=False)
    stem: str = field(init=False)

    def __post_init__(self) -> None:
        self.stem = os.path.splitext(os.path.basename(self.path))[0]
        self.id = self.meta.id or slugify(self.stem) or self.stem
        self.title = self.meta.title or printable(self.stem)

    def line(self, key: str) -> int | None:
        return self.key_lines.get(key)


def _read_capped(path: str | Path) -> bytes:
    """The file's bytes; a note over the cap is refused from its size, before it is read."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise NoteProblem(f"cannot read: {exc.strerror or exc}") from None
    try:
        size = os.fstat(fd).st_size
        if size > MAX_NOTE_BYTES:
            raise NoteProblem(f"note is {size:,} bytes, over the {MAX_NOTE_BYTES:,}-byte cap")
        data = os.read(fd, MAX_NOTE_BYTES + 1)
        while len(data) < size:  # a short read: go on to the end
            more = os.read(fd, MAX_NOTE_BYTES + 1 - len(data))
            if not more:
                break
            data += more
    except OSError as exc:
        raise NoteProblem(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_NOTE_BYTES:  # it grew since the size was checked
        raise NoteProblem(f"note is over the {MAX_NOTE_BYTES:,}-byte cap")
    return data


def _decode(path: str | Path, data: bytes) -> str:
    if b"\x00" in data:
        raise NoteProblem("binary file, not a Markdown note")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise NoteProblem(f"not UTF-8: byte 0x{data[exc.start]:02x}", line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass(frozen=True)
class RawNote:
    """A note as parsed from disk, before its frontmatter is type-checked."""

    path: str
    frontmatter: dict[str, Any] | None  # None: the note has no frontmatter
    key_lines: dict[str, int]
    body: str = ""


def _text(path: str | Path) -> str:
    try:
        return _decode(path, _read_capped(path))
    except NoteProblem as exc:
        raise CurriculumError([Problem(path, exc.message, exc.line)]) from None


def parse_note(path: str | Path) -> RawNote:
    """Read one note and parse its YAML; raise `CurriculumError` naming the file (and line).
    Dataview inline fields in the body (`hours:: 12`) count as frontmatter keys, which win."""
    from airoadmap.notes.yamlsafe import split_frontmatter  # YAML is only needed to parse

    text = _text(path)
    try:
        split = split_frontmatter(text)
    except NoteProblem as exc:
        raise CurriculumError([Problem(path, exc.message, exc.line)]) from None
    raw, body, key_lines = split if split is not None else (None, text, {})
    first_line = text[: len(text) - len(body)].count("\n") + 1
    found, lines = inline_fields(body, _KEYS, first_line)
    if found:
        raw = dict(raw or {})
        for key, value in found.items():
            if key not in raw:
                raw[key] = value
                key_lines = {**key_lines, key: lines[key]}
    return RawNote(str(path), raw, key_lines, body)


_KEYS = frozenset(f.name for f in fields(Meta)) - {"outcomes", "resources"}


def read_body(path: str | Path) -> str:
    """A note's Markdown body (without its frontmatter), read when it is to be shown. A topic
    with no note yet (a link to a note not written) has no path and no body."""
    if not path:
        return ""
    return printable(split_body(_text(path))).strip()


FENCE = re.compile(r"^-{3,}\s*$", re.MULTILINE)
"""The line that opens and closes YAML frontmatter: python-frontmatter's, with which `yamlsafe`
parses it, here so that showing a note's body imports no YAML parser."""


def note_body(path: str | Path) -> str:
    """The body of a note read before without problems, read again to outline it: its
    frontmatter is split off, not parsed again ("" if the note cannot be read now)."""
    try:
        return split_body(_text(path))
    except CurriculumError:
        return ""


def split_body(text: str) -> str:
    """The text after the frontmatter (all of it when there is none, or it is not closed),
    split where python-frontmatter splits it."""
    if not FENCE.match(text):
        return text
    parts = FENCE.split(text, 2)
    return parts[2] if len(parts) == 3 else ""


def check_note(raw: RawNote) -> Note:
    """Type-check a parsed note's frontmatter; `CurriculumError` names each bad field's line."""
    if raw.frontmatter is None:
        return Note(path=raw.path, meta=Meta(), has_frontmatter=False)
    from pydantic import ValidationError

    from airoadmap.notes.schema import check_meta, placement

    try:
        meta = check_meta(raw.frontmatter)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            key = str(error["loc"][0]) if error["loc"] else ""
            where = ".".join(str(part) for part in error["loc"])
            problems.append(
                Problem(raw.path, f"field '{where}': {error['msg']}", raw.key_lines.get(key))
            )
        return Note(raw.path, placement(raw.frontmatter), True, raw.key_lines, tuple(problems))
    return Note(path=raw.path, meta=meta, has_frontmatter=True, key_lines=raw.key_lines)


def read_note(path: str | Path) -> Note:
    """Read, parse and type-check one note: a note that cannot be read carries its problems,
    each naming the file (and line)."""
    return read_note_and_body(path)[0]


def read_note_and_body(path: str | Path) -> tuple[Note, str]:
    """`read_note`, and the note's body (empty when it cannot be read)."""
    try:
        raw = parse_note(path)
    except CurriculumError as exc:
        return Note(str(path), Meta(), False, {}, tuple(exc.problems)), ""
    return check_note(raw), raw.body
