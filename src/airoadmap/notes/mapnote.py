"""A map-of-content note turned into a curriculum: the note is the hub, each heading or bold
label an area, each `[[link]]` under it a map (`init --from-map`)."""

from __future__ import annotations

from pathlib import Path

from airoadmap.domain.names import fold, link_target, slugify
from airoadmap.errors import AiroadmapError, read_text
from airoadmap.notes.note import Meta
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


def vault_of(note: Path) -> Path | None:
    """The Obsidian vault holding a note: the nearest folder above it with `.obsidian`."""
    return next((d for d in note.resolve().parents if (d / ".obsidian").is_dir()), None)


def check_target(note: Path, directory: Path) -> None:
    """Refuse to write a curriculum made from `note` into the vault that holds it: every map
    and topic would be there twice, under one name, and the vault's links would name both."""
    vault = vault_of(note)
    if vault is not None and directory.resolve().is_relative_to(vault):
        raise AiroadmapError(
            f"{directory} is inside the vault {vault} that holds {note.name}: its notes' names "
            "would be there twice. Write it outside the vault, or read the vault as it is: "
            f'airoadmap tree -c {vault} --hub "{note.stem}"'
        )


def from_map(note: Path, *, depth: int = 1) -> dict[str, str]:
    """Turn a map-of-content note into a curriculum: the note is the hub; the innermost heading
    or label (`## 2. Model Lifecycle`, `- Foundations:`, `**Data & Systems**`) above each
    `[[link]]` is its area, numbering stripped; each distinct link becomes a map, summarised by
    the text after it, on the line after it, or in the item nested under it. A link listed
    twice is one map, under the first area it appears in. Code, comments (`<!-- -->`, `%% %%`)
    and embeds (`![[...]]`) are not structure.

    With `depth` 2, each map whose note is in the vault (the folder holding `.obsidian` above
    the note, else the note's folder) also gets its links as topics, read the same way."""
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
    topics = _Topics(note, taken, ids) if depth >= 2 else None
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
            if topics is not None:
                topics.of(link.target, title, f"{folder}/{safe_name(title)}")
    for order, link in enumerate(loose.links, start=1):
        title, summary = link.title, link.summary or None
        files[f"{safe_name(title)}.md"] = note_text(
            title, "map", safe_name(hub), order, summary, f"# {title}", id_=ids.of(title)
        )
        if topics is not None:
            topics.of(link.target, title, safe_name(title))
    return files | (topics.notes() if topics is not None else {})


class _Topics:
    """The topics of the maps whose notes are in the vault (`--depth 2`)."""

    def __init__(self, hub: Path, taken: set[str], ids: _Ids) -> None:
        from airoadmap.notes.down import Vault
        from airoadmap.notes.files import find_notes

        root = vault_of(hub) or hub.parent
        self.vault = Vault(root, find_notes(root, [], []))
        self.taken, self.ids = taken, ids
        self.pending: dict[str, tuple[str, str, int, str, Meta]] = {}

    def of(self, target: str, title: str, folder: str) -> None:
        """Take the topics of the map `target` (in `folder`), if its note is in the vault."""
        from airoadmap.notes.note import read_note, read_note_and_body

        found = self.vault.find(target)
        if len(found) != 1:
            return
        body = read_note_and_body(self.vault.files[found[0]].path)[1]
        for order, (_, link) in enumerate(read_outline(body, title).in_order(), start=1):
            if fold(link.title) in self.taken:
                continue
            self.taken.add(fold(link.title))
            written = self.vault.find(link.target)
            meta = read_note(self.vault.files[written[0]].path).meta if written else Meta()
            path = f"{folder}/{safe_name(link.title)}.md"
            self.pending[path] = (link.title, safe_name(title), order, link.summary, meta)

    def notes(self) -> dict[str, str]:
        """The topic notes; of each one's `requires`, those naming a note written here."""
        names = {fold(title) for title, *_ in self.pending.values()} | self.taken
        return {
            path: note_text(
                title,
                "topic",
                up,
                order,
                summary or None,
                f"# {title}",
                requires=[link_target(r) for r in meta.requires if fold(link_target(r)) in names],
                hours=meta.hours,
                id_=self.ids.of(title),
            )
            for path, (title, up, order, summary, meta) in self.pending.items()
        }


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
