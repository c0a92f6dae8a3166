"""One Markdown note: its bytes read safely, its YAML frontmatter parsed and type-checked.

Hostile notes are refused with a problem naming the file (and line): a size cap checked before
reading, binary and non-UTF-8 files, unsafe YAML tags, alias bombs and absurd nesting.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from airoadmap.errors import CurriculumError, Problem
from airoadmap.links import printable, slugify
from airoadmap.models import Kind, Resource, ResourceType

MAX_NOTE_BYTES = 1024 * 1024
"""Notes larger than this are refused before they are read (a curriculum note is a few KiB)."""

MAX_YAML_NODES = 20_000
"""Nodes a note's frontmatter may hold once aliases are expanded (stops "billion laughs")."""

MAX_YAML_DEPTH = 200
"""Levels of nesting allowed in frontmatter (an upper bound is checked before parsing)."""

_YAML = YAMLHandler()
_SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_TOML_FENCE = re.compile(r"\A\+{3,}[ \t]*$", re.MULTILINE)
_JSON_FENCE = re.compile(r"\A\{[ \t]*$", re.MULTILINE)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: yaml.Node) -> None:
    """Refuse a node graph whose aliases expand past MAX_YAML_NODES, or that refers to itself.
    Linear in the distinct nodes: each node's expanded size is computed once."""
    sizes: dict[int, int] = {}
    pending: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        key = id(node)
        if key in sizes:
            continue
        if expanded:
            pending.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            if sizes[key] > MAX_YAML_NODES:
                raise _NoteProblem(
                    f"invalid YAML frontmatter: aliases expand to over {MAX_YAML_NODES:,} values"
                )
            continue
        if key in pending:
            raise _NoteProblem("invalid YAML frontmatter: an alias refers to itself")
        pending.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)


class _BoundedLoader(_SafeLoader):  # type: ignore[valid-type,misc]
    """The safe loader (no Python tags), refusing alias bombs before anything is built."""

    def construct_document(self, node: yaml.Node) -> object:
        _check_expansion(node)
        return super().construct_document(node)


_LINE_LEAD = re.compile(r"^ *(?:[-?] +)*", re.MULTILINE)


def _nesting_bound(text: str) -> int:
    """An upper bound on YAML nesting: the deepest indentation plus `- ` run at a line's start,
    plus every open bracket in the text."""
    if len(text) <= MAX_YAML_DEPTH:
        return len(text)
    lead = max((len(m) for m in _LINE_LEAD.findall(text)), default=0)
    return lead + text.count("[") + text.count("{")


@dataclass(frozen=True, slots=True)
class Meta:
    """A note's frontmatter, type-checked, as plain values (all defaults: no frontmatter)."""

    id: str | None = None
    title: str | None = None
    aliases: tuple[str, ...] = ()
    kind: Kind = Kind.TOPIC
    up: str | None = None
    order: float | None = None
    requires: tuple[str, ...] = ()
    hours: float | None = None
    optional: bool = False
    tags: tuple[str, ...] = ()
    summary: str | None = None
    outcomes: tuple[str, ...] = ()
    resources: tuple[Resource, ...] = ()

    def to_plain(self) -> tuple[Any, ...]:
        """Builtins only, for the parse cache."""
        resources = tuple((r.title, r.url, r.type.value) for r in self.resources)
        return (
            self.id,
            self.title,
            self.aliases,
            self.kind.value,
            self.up,
            self.order,
            self.requires,
            self.hours,
            self.optional,
            self.tags,
            self.summary,
            self.outcomes,
            resources,
        )

    @classmethod
    def from_plain(cls, plain: tuple[Any, ...]) -> Meta:
        (
            id_,
            title,
            aliases,
            kind,
            up,
            order,
            requires,
            hours,
            optional,
            tags,
            summary,
            outcomes,
            resources,
        ) = plain
        return cls(
            id_,
            title,
            tuple(aliases),
            Kind(kind),
            up,
            order,
            tuple(requires),
            hours,
            optional,
            tuple(tags),
            summary,
            tuple(outcomes),
            tuple(Resource(t, u, ResourceType(k)) for t, u, k in resources),
        )


@dataclass(slots=True)
class Note:
    """One Markdown file as read from disk, before it is placed in the tree."""

    path: Path
    meta: Meta
    has_frontmatter: bool
    key_lines: dict[str, int] = field(default_factory=dict)
    id: str = field(init=False)
    title: str = field(init=False)
    stem: str = field(init=False)

    def __post_init__(self) -> None:
        self.stem = self.path.stem
        self.id = self.meta.id or slugify(self.stem) or self.stem
        self.title = self.meta.title or printable(self.stem)

    def line(self, key: str) -> int | None:
        return self.key_lines.get(key)


def _read_capped(path: Path) -> bytes:
    """The file's bytes; a note over the cap is refused from its size, before it is read."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError as exc:
        raise _NoteProblem(f"cannot read: {exc.strerror or exc}") from None
    try:
        size = os.fstat(fd).st_size
        if size > MAX_NOTE_BYTES:
            raise _NoteProblem(f"note is {size:,} bytes, over the {MAX_NOTE_BYTES:,}-byte cap")
        data = os.read(fd, MAX_NOTE_BYTES + 1)
        while len(data) < size:  # a short read: go on to the end
            more = os.read(fd, MAX_NOTE_BYTES + 1 - len(data))
            if not more:
                break
            data += more
    except OSError as exc:
        raise _NoteProblem(f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_NOTE_BYTES:  # it grew since the size was checked
        raise _NoteProblem(f"note is over the {MAX_NOTE_BYTES:,}-byte cap")
    return data


def _decode(path: Path, data: bytes) -> str:
    if b"\x00" in data:
        raise _NoteProblem("binary file, not a Markdown note")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _NoteProblem(f"not UTF-8: byte 0x{data[exc.start]:02x}", line) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _NoteProblem(Exception):
    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _key_lines(frontmatter: str, offset: int) -> dict[str, int]:
    lines: dict[str, int] = {}
    for number, text in enumerate(frontmatter.split("\n")):
        match = re.match(r"([A-Za-z_][\w-]*)\s*:", text)
        if match:
            lines.setdefault(match.group(1), offset + number + 1)
    return lines


def _split_frontmatter(text: str) -> tuple[dict[str, Any], str, dict[str, int]] | None:
    """(the frontmatter mapping, the body, key → line) or None when the note has none."""
    assert _YAML.FM_BOUNDARY is not None
    opening = _YAML.FM_BOUNDARY.match(text)
    if opening is None:
        if _TOML_FENCE.match(text):
            raise _NoteProblem("TOML frontmatter (+++) is not supported: use YAML between ---", 1)
        if _JSON_FENCE.match(text):
            raise _NoteProblem("JSON frontmatter ({) is not supported: use YAML between ---", 1)
        return None
    try:
        frontmatter, body = _YAML.split(text)
    except ValueError:
        raise _NoteProblem("frontmatter opened with '---' but never closed", 1) from None
    offset = text[: opening.end()].count("\n")
    if _nesting_bound(frontmatter) > MAX_YAML_DEPTH:
        raise _NoteProblem(
            f"invalid YAML frontmatter: nested too deeply (over {MAX_YAML_DEPTH} levels)", 1
        )
    try:
        # Without a `*` there can be no alias, and nothing to expand.
        loader = _BoundedLoader if "*" in frontmatter else _SafeLoader
        data = _YAML.load(frontmatter, Loader=loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = offset + mark.line + 1 if mark is not None else None
        reason = exc.problem or exc.context or "invalid YAML"
        raise _NoteProblem(f"invalid YAML frontmatter: {reason}", line) from None
    except yaml.YAMLError as exc:
        raise _NoteProblem(f"invalid YAML frontmatter: {exc}", 1) from None
    except RecursionError:
        raise _NoteProblem("invalid YAML frontmatter: nested too deeply", 1) from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _NoteProblem(f"frontmatter is a {type(data).__name__}, not a mapping of keys", 2)
    return data, body, _key_lines(frontmatter, offset)


@dataclass(frozen=True)
class RawNote:
    """A note as parsed from disk, before its frontmatter is type-checked."""

    path: Path
    frontmatter: dict[str, Any] | None  # None: the note has no frontmatter
    key_lines: dict[str, int]


def _text(path: Path) -> str:
    try:
        return _decode(path, _read_capped(path))
    except _NoteProblem as exc:
        raise CurriculumError([Problem(path, exc.message, exc.line)]) from None


def parse_note(path: Path) -> RawNote:
    """Read one note and parse its YAML; raise `CurriculumError` naming the file (and line)."""
    text = _text(path)
    try:
        split = _split_frontmatter(text)
    except _NoteProblem as exc:
        raise CurriculumError([Problem(path, exc.message, exc.line)]) from None
    if split is None:
        return RawNote(path, None, {})
    raw, _, key_lines = split
    return RawNote(path, raw, key_lines)


def read_body(path: Path) -> str:
    """A note's Markdown body (without its frontmatter), read when it is to be shown."""
    text = _text(path)
    assert _YAML.FM_BOUNDARY is not None
    if _YAML.FM_BOUNDARY.match(text):
        try:
            _, text = _YAML.split(text)
        except ValueError:
            text = ""
    return printable(text).strip()


def check_note(raw: RawNote) -> Note:
    """Type-check a parsed note's frontmatter; `CurriculumError` names each bad field's line."""
    if raw.frontmatter is None:
        return Note(path=raw.path, meta=Meta(), has_frontmatter=False)
    from pydantic import ValidationError

    from airoadmap.schema import NoteMeta

    try:
        checked = NoteMeta.model_validate(raw.frontmatter)
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            key = str(error["loc"][0]) if error["loc"] else ""
            where = ".".join(str(part) for part in error["loc"])
            problems.append(
                Problem(raw.path, f"field '{where}': {error['msg']}", raw.key_lines.get(key))
            )
        raise CurriculumError(problems) from None
    meta = Meta(
        id=checked.id,
        title=checked.title,
        aliases=tuple(checked.aliases),
        kind=checked.kind,
        up=checked.up,
        order=checked.order,
        requires=tuple(checked.requires),
        hours=checked.hours,
        optional=checked.optional,
        tags=tuple(checked.tags),
        summary=checked.summary,
        outcomes=tuple(checked.outcomes),
        resources=tuple(Resource(r.title, r.url, r.type) for r in checked.resources),
    )
    return Note(path=raw.path, meta=meta, has_frontmatter=True, key_lines=raw.key_lines)


def read_note(path: Path) -> Note:
    """Read, parse and type-check one note; `CurriculumError` naming the file (and line)."""
    return check_note(parse_note(path))
