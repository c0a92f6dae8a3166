"""New curricula: a small starter, or one made from an Obsidian map-of-content note."""

from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from airoadmap.errors import AiroadmapError
from airoadmap.notes.links import fold, link_target

_WIKILINK = re.compile(r"\[\[([^\]]+)\]\]")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.+?)\s*#*\s*$")
_LABEL = re.compile(r"^\s*(?:\*\*|__)?\s*([^*_\[\]\-][^\[\]]*?)\s*:?\s*(?:\*\*|__)?\s*:?\s*$")
_NUMBERING = re.compile(r"^\s*(\d+)[.)]\s+")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_LEAD = re.compile(r"^[\s\-–—:|,;.]+")


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


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
    lines = [f"title: {_q(title)}", f"kind: {kind}"]
    if up is not None:
        lines.append(f"up: {_q(f'[[{up}]]')}")
    if order is not None:
        lines.append(f"order: {order}")
    if requires:
        lines.append("requires: [" + ", ".join(_q(f"[[{r}]]") for r in requires) + "]")
    if hours is not None:
        lines.append(f"hours: {hours:g}")
    if summary:
        lines.append(f"summary: {_q(summary)}")
    return "---\n" + "\n".join(lines) + "\n---\n" + body.strip() + "\n"


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


def starter() -> dict[str, str]:
    """A small, valid curriculum to start from: a hub, two areas, three maps, six topics."""
    hub = "My Roadmap"
    files = {
        f"{hub}.md": _note(
            hub,
            "hub",
            None,
            None,
            "What I want to learn, in order.",
            f"# {hub}\n\nEdit these notes, or add your own: every note whose "
            "`up` leads here is part of the roadmap.",
        ),
        "Basics/Basics.md": _note("Basics", "area", hub, 1, "Foundations first.", "# Basics"),
        "Basics/Math.md": _note("Math", "map", "Basics", 1, "The math behind models.", "# Math"),
        "Basics/Linear Algebra.md": _note(
            "Linear Algebra",
            "topic",
            "Math",
            1,
            "Vectors, matrices and linear maps.",
            "## Key concepts\n\n- Vectors and matrices\n\n## Practice\n\nMultiply two "
            "matrices by hand, then in NumPy.",
            hours=20,
        ),
        "Basics/Probability.md": _note(
            "Probability",
            "topic",
            "Math",
            2,
            "Reasoning about uncertainty.",
            "## Practice\n\nSimulate a thousand coin flips.",
            hours=15,
        ),
        "Basics/Programming.md": _note(
            "Programming", "map", "Basics", 2, "Writing the code.", "# Programming"
        ),
        "Basics/Python.md": _note(
            "Python",
            "topic",
            "Programming",
            1,
            "The language of AI tooling.",
            "## Practice\n\nWrite a CLI.",
            hours=25,
        ),
        "Applied/Applied.md": _note("Applied", "area", hub, 2, "Putting it to work.", "# Applied"),
        "Applied/Machine Learning.md": _note(
            "Machine Learning", "map", "Applied", 1, "Models that learn from data.", "# ML"
        ),
        "Applied/Training Models.md": _note(
            "Training Models",
            "topic",
            "Machine Learning",
            1,
            "Fitting a model to data.",
            "## Practice\n\nTrain a classifier.",
            requires=["Math", "Python"],
            hours=20,
        ),
        "Applied/Evaluating Models.md": _note(
            "Evaluating Models",
            "topic",
            "Machine Learning",
            2,
            "Knowing if it works.",
            "## Practice\n\nCompare two models honestly.",
            requires=["Training Models"],
            hours=10,
        ),
    }
    return files


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
