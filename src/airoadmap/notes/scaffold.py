"""New curricula: a small starter, or one made from an Obsidian map-of-content note."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from airoadmap.domain.names import fold, link_target
from airoadmap.errors import AiroadmapError

_WIKILINK = re.compile(r"\[\[([^\]]+)\]\]")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_LABEL = re.compile(r"^\s*(?:\*\*|__)?\s*([^*_\[\]\-][^\[\]]*?)\s*:?\s*(?:\*\*|__)?\s*:?\s*$")
_NUMBERING = re.compile(r"^\s*(\d+)[.)]\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_LEAD = re.compile(r"^[\s\-–—:|,;.]+")


def _note(
    title: str,
    kind: str,
    up: str | None,
    order: int | None,
    summary: str | None,
    body: str,
    requires: list[str] | None = None,
    hours: float | None = None,
) -> str:
    """A note: its frontmatter (through `yaml.dump` with the safe dumper) and its body."""
    import yaml

    meta: dict[str, object] = {"title": title, "kind": kind}
    if up is not None:
        meta["up"] = f"[[{up}]]"
    if order is not None:
        meta["order"] = order
    if requires:
        meta["requires"] = [f"[[{r}]]" for r in requires]
    if hours is not None:
        meta["hours"] = hours
    if summary:
        meta["summary"] = summary
    frontmatter = yaml.dump(
        meta,
        Dumper=_note_dumper(),
        sort_keys=False,
        allow_unicode=True,
        width=1000,
    )
    return "---\n" + frontmatter + "---\n" + body.strip() + "\n"


@cache
def _note_dumper() -> type:
    """The safe dumper, with keys plain, text in double quotes (a title such as `1e3` or `yes`
    stays text for every YAML reader: Obsidian reads YAML 1.2, PyYAML 1.1) and lists inline
    (`requires: ["[[Math]]", "[[Python]]"]`)."""
    import yaml

    class NoteDumper(yaml.SafeDumper):
        pass

    def text(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')

    def mapping(dumper: yaml.SafeDumper, value: dict[str, object]) -> yaml.Node:
        node = dumper.represent_mapping("tag:yaml.org,2002:map", value)
        for key, _ in node.value:
            key.style = None
        return node

    def sequence(dumper: yaml.SafeDumper, value: list[object]) -> yaml.Node:
        return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)

    NoteDumper.add_representer(str, text)
    NoteDumper.add_representer(list, sequence)
    NoteDumper.add_representer(dict, mapping)
    return NoteDumper


def _safe_name(title: str) -> str:
    """A file name for a note title (no path separators or characters Obsidian refuses)."""
    name = re.sub(r'[\\/:*?"<>|#^\[\]]', "-", title).strip(" .")
    return name or "Untitled"


def write_files(directory: Path, files: dict[str, str], *, force: bool) -> list[Path]:
    """Write `files` (relative path → text) under `directory`. An existing file is never
    overwritten unless `force`, and then it is first copied to `<name>.bak`."""
    targets = {directory / rel: text for rel, text in files.items()}
    existing = [path for path in targets if path.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing[:3]) + (" …" if len(existing) > 3 else "")
        raise AiroadmapError(
            f"{len(existing)} file(s) already exist ({names}); nothing written "
            "(--force overwrites them, keeping a .bak copy of each)"
        )
    written = []
    try:
        for path, text in targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            if path.exists():
                shutil.copy2(path, path.with_name(path.name + ".bak"))
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError as exc:
        raise AiroadmapError(f"{directory}: cannot write: {exc.strerror or exc}") from None
    return written


# The starter curriculum: (file, title, kind, parent, order, summary, body, requires, hours).
_STARTER: list[tuple[str, str, str, str | None, int | None, str, str, list[str], float | None]] = [
    ("My Roadmap.md", "My Roadmap", "hub", None, None, "What I want to learn, in order.",
     "# My Roadmap\n\nEdit these notes, or add your own: every note whose `up` leads here is "
     "part of the roadmap.", [], None),
    ("Basics/Basics.md", "Basics", "area", "My Roadmap", 1, "Foundations first.", "# Basics",
     [], None),
    ("Basics/Math.md", "Math", "map", "Basics", 1, "The math behind models.", "# Math", [], None),
    ("Basics/Linear Algebra.md", "Linear Algebra", "topic", "Math", 1,
     "Vectors, matrices and linear maps.",
     "## Key concepts\n\n- Vectors and matrices\n\n## Practice\n\nMultiply two matrices by "
     "hand, then in NumPy.", [], 20),
    ("Basics/Probability.md", "Probability", "topic", "Math", 2, "Reasoning about uncertainty.",
     "## Practice\n\nSimulate a thousand coin flips.", [], 15),
    ("Basics/Programming.md", "Programming", "map", "Basics", 2, "Writing the code.",
     "# Programming", [], None),
    ("Basics/Python.md", "Python", "topic", "Programming", 1, "The language of AI tooling.",
     "## Practice\n\nWrite a CLI.", [], 25),
    ("Applied/Applied.md", "Applied", "area", "My Roadmap", 2, "Putting it to work.",
     "# Applied", [], None),
    ("Applied/Machine Learning.md", "Machine Learning", "map", "Applied", 1,
     "Models that learn from data.", "# ML", [], None),
    ("Applied/Training Models.md", "Training Models", "topic", "Machine Learning", 1,
     "Fitting a model to data.", "## Practice\n\nTrain a classifier.", ["Math", "Python"], 20),
    ("Applied/Evaluating Models.md", "Evaluating Models", "topic", "Machine Learning", 2,
     "Knowing if it works.", "## Practice\n\nCompare two models honestly.",
     ["Training Models"], 10),
]  # fmt: skip


def starter() -> dict[str, str]:
    """A small, valid curriculum to start from: a hub, two areas, three maps, six topics."""
    return {
        file: _note(title, kind, up, order, summary, body, requires, hours)
        for file, title, kind, up, order, summary, body, requires, hours in _STARTER
    }


@dataclass
class _Group:
    title: str
    order: int
    links: list[tuple[str, str]] = field(default_factory=list)  # (title, summary)


def _group_title(line: str) -> str | None:
    """The title a heading or a bold label (`**Foundations:**`, `Foundations:`) sets."""
    heading = _HEADING.match(line)
    if heading:
        text = heading.group(2)
    elif _LIST_ITEM.match(line) or "[[" in line:
        return None
    else:
        stripped = line.strip()
        bold = stripped.startswith(("**", "__")) and stripped.rstrip(":").endswith(("**", "__"))
        if not (bold or stripped.endswith(":")) or len(stripped) > 80:
            return None
        label = _LABEL.match(line)
        if label is None:
            return None
        text = label.group(1)
    text = re.sub(r"[*_`]", "", text).strip().rstrip(":").strip()
    return text or None


def from_map(note: Path) -> dict[str, str]:
    """Turn a map-of-content note into a curriculum: the note is the hub; each heading or bold
    label is an area; each distinct `[[link]]` listed under it becomes a map, summarised by the
    text after the link. A link listed twice is one map, under the first group it appears in."""
    try:
        text = note.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise AiroadmapError(
            f"{note}: cannot read: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    body = text
    if text.startswith("---"):
        end = re.search(r"^---\s*$", text[3:], re.MULTILINE)
        body = text[3 + end.end() :] if end else text
    hub = note.stem
    loose = _Group(hub, 0)  # links before any group hang from the hub itself
    groups: list[_Group] = []
    seen: set[str] = set()
    current = loose
    for line in body.splitlines():
        title = _group_title(line)
        if title is not None:
            # The order is the note's own: "## 5. Production" is just the fifth heading.
            current = _Group(_NUMBERING.sub("", title).strip() or title, len(groups) + 1)
            groups.append(current)
            continue
        matches = list(_WIKILINK.finditer(line))
        for i, match in enumerate(matches):
            target = link_target(match.group(1))
            if not target or fold(target) in seen or fold(target) == fold(hub):
                continue
            seen.add(fold(target))
            after_end = matches[i + 1].start() if i + 1 < len(matches) else len(line)
            summary = _LEAD.sub("", line[match.end() : after_end]).strip()
            current.links.append((target, re.sub(r"\[\[([^\]|]+\|)?([^\]]+)\]\]", r"\2", summary)))
    groups = [g for g in groups if g.links]
    if not loose.links and not groups:
        raise AiroadmapError(f"{note}: no [[links]] to turn into maps")
    files: dict[str, str] = {
        f"{_safe_name(hub)}.md": _note(hub, "hub", None, None, None, body),
    }
    taken = {fold(hub)} | seen
    for group in groups:
        area = group.title
        if fold(area) in taken:
            area = f"{area} (area)"
        taken.add(fold(area))
        folder = _safe_name(area)
        files[f"{folder}/{folder}.md"] = _note(area, "area", hub, group.order, None, f"# {area}")
        for order, (title, summary) in enumerate(group.links, start=1):
            files[f"{folder}/{_safe_name(title)}.md"] = _note(
                title, "map", area, order, summary or None, f"# {title}"
            )
    for order, (title, summary) in enumerate(loose.links, start=1):
        files[f"{_safe_name(title)}.md"] = _note(
            title, "map", hub, order, summary or None, f"# {title}"
        )
    return files
