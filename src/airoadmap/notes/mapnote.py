"""A map-of-content note turned into a curriculum: the note is the hub, each heading or bold
label an area, each `[[link]]` under it a map (`init --from-map`)."""

from __future__ import annotations

from pathlib import Path

from airoadmap.domain.names import fold, slugify
from airoadmap.errors import AiroadmapError, read_text
from airoadmap.notes.outline import read_outline
from airoadmap.notes.scaffold import note_text, safe_name

_KEPT = ("aliases", "tags", "cssclasses")
"""Keys of the map note's frontmatter the hub keeps (Obsidian's own)."""


def _read(note: Path) -> tuple[str, dict[str, object]]:
    """The note's text after its frontmatter, and the keys of it the hub keeps."""
    from airoadmap.errors import NoteProblem
    from airoadmap.notes.yamlsafe import split_frontmatter

    text = read_text(note, encoding="utf-8-sig")
    try:
        split = split_frontmatter(text)
    except NoteProblem as exc:
        raise AiroadmapError(f"{note}:{exc.line or 1}: {exc.message}") from None
    if split is None:
        return text, {}
    frontmatter, body, _ = split
    return body, {key: frontmatter[key] for key in _KEPT if frontmatter.get(key)}


def from_map(note: Path) -> dict[str, str]:
    """Turn a map-of-content note into a curriculum: the note is the hub; the innermost heading
    or label (`## 2. Model Lifecycle`, `- Foundations:`, `**Data & Systems**`) above each
    `[[link]]` is its area, numbering stripped; each distinct link becomes a map, summarised by
    the text after it, on the line after it, or in the item nested under it. A link listed
    twice is one map, under the first area it appears in. Code, comments (`<!-- -->`, `%% %%`)
    and embeds (`![[...]]`) are not structure."""
    body, kept = _read(note)
    hub = note.stem
    outline = read_outline(body, hub)
    loose, seen = outline.loose, outline.seen
    groups = [g for g in outline.groups.values() if g.links]
    if not loose.links and not groups:
        raise AiroadmapError(f"{note}: no [[links]] to turn into maps")
    files: dict[str, str] = {
        f"{safe_name(hub)}.md": note_text(hub, "hub", None, None, None, body, keep=kept),
    }
    taken = {fold(hub)} | seen
    ids = _Ids(slugify(safe_name(hub)))
    for group in groups:
        area = group.title
        if fold(area) in taken:
            area = f"{area} (area)"
        taken.add(fold(area))
        folder = safe_name(area)  # links name notes by file: `Production / Deployment` → `-`
        files[f"{folder}/{folder}.md"] = note_text(
            area, "area", safe_name(hub), group.order, None, f"# {area}", id_=ids.of(folder)
        )
        for order, link in enumerate(group.links, start=1):
            title, summary = link.title, link.summary or None
            files[f"{folder}/{safe_name(title)}.md"] = note_text(
                title, "map", folder, order, summary, f"# {title}", id_=ids.of(title)
            )
    for order, link in enumerate(loose.links, start=1):
        title, summary = link.title, link.summary or None
        files[f"{safe_name(title)}.md"] = note_text(
            title, "map", safe_name(hub), order, summary, f"# {title}", id_=ids.of(title)
        )
    return files


class _Ids:
    """Ids for the notes written: the one a name gives, unless another note has it already
    (`C++` and `C#` both give `c`), and then a numbered one, written as `id:`."""

    def __init__(self, *taken: str) -> None:
        self.taken = set(taken)

    def of(self, name: str) -> str | None:
        wanted = slugify(safe_name(name)) or safe_name(name)
        given, number = wanted, 1
        while given in self.taken:
            number += 1
            given = f"{wanted}-{number}"
        self.taken.add(given)
        return None if given == wanted else given
