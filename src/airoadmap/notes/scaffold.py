"""New curricula: written safely into a folder (`create`), from the small starter or from a
map-of-content note (`notes.mapnote`)."""

from __future__ import annotations

import contextlib
import re
import shutil
import tempfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from airoadmap.domain.curriculum import Curriculum
from airoadmap.errors import AiroadmapError, CurriculumError, Problem
from airoadmap.models import Kind
from airoadmap.notes.files import find_notes, read_notes
from airoadmap.notes.loader import load_curriculum
from airoadmap.notes.note import Note


def note_text(
    title: str,
    kind: str,
    up: str | None,
    order: int | None,
    summary: str | None,
    body: str,
    requires: list[str] | None = None,
    hours: float | None = None,
    id_: str | None = None,
    keep: dict[str, object] | None = None,
) -> str:
    """A note: its frontmatter (through `yaml.dump` with the safe dumper) and its body."""
    import yaml

    meta: dict[str, object] = {"id": id_} if id_ else {}
    meta.update({"title": title, "kind": kind})
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
    meta.update(keep or {})  # a map note's own tags and aliases
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
        # PyYAML escapes characters past U+FFFF (emoji) inside double quotes; single quotes
        # keep them as they are, and quote as surely.
        astral = any(ord(ch) > 0xFFFF for ch in value) and value.isprintable()
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'" if astral else '"')

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


def safe_name(title: str) -> str:
    """A file name for a note title (no path separators or characters Obsidian refuses)."""
    name = re.sub(r'[\\/:*?"<>|#^\[\]]', "-", title).strip(" .")
    return name or "Untitled"


def create(directory: Path, files: dict[str, str], *, force: bool) -> Curriculum:
    """Write `files` (relative path → text) as a new curriculum under `directory`, and return
    it as loaded. Everything is checked before anything is written, and a failure leaves the
    folder as it was:

    - an existing file is never overwritten unless `force`, and then it is kept as `<name>.bak`;
    - a folder that already holds a hub (other than one `force` replaces) is refused, since a
      second hub would leave neither usable;
    - the notes are written to a hidden temporary folder inside `directory` and loaded there
      as a curriculum, every one of them in it; then they are moved into place and the folder
      is loaded as it now is (with the notes it held): a problem there takes them back out."""
    targets = [directory / rel for rel in files]
    existing = [path for path in targets if path.exists()]
    if existing and not force:
        names = ", ".join(str(p) for p in existing[:3]) + (" …" if len(existing) > 3 else "")
        raise AiroadmapError(
            f"{len(existing)} file(s) already exist ({names}); nothing written "
            "(--force overwrites them, keeping a .bak copy of each)"
        )
    hubs = [hub for hub in _hubs(directory) if not (force and Path(hub) in targets)]
    if hubs:
        raise AiroadmapError(
            f"{directory} already holds a hub ({hubs[0]}); a second one would leave neither "
            "usable: nothing written (init into a new folder, or add notes under that hub)"
        )
    made = _make_folder(directory)
    try:
        with tempfile.TemporaryDirectory(prefix=".airoadmap-init-", dir=directory) as temp:
            staged = Path(temp)
            for rel, text in files.items():
                (staged / rel).parent.mkdir(parents=True, exist_ok=True)
                (staged / rel).write_text(text, encoding="utf-8")
            _check_staged(staged, directory, files)
            loaded = _move_into_place(
                staged, directory, list(files), lambda: load_curriculum(directory)
            )
    except OSError as exc:
        _remove(made)
        raise AiroadmapError(f"{directory}: cannot write: {exc.strerror or exc}") from None
    except BaseException:
        _remove(made)
        raise
    return loaded


def _check_staged(staged: Path, directory: Path, files: dict[str, str]) -> None:
    """The staged notes load as a curriculum that holds every one of them; problems are told
    with the paths the notes would have had."""

    def placed(problem: Problem) -> Problem:
        where = str(problem.file).replace(str(staged), str(directory))
        return Problem(where, problem.message.replace(str(staged), str(directory)), problem.line)

    try:
        loaded = load_curriculum(staged)
    except CurriculumError as exc:
        raise CurriculumError([placed(p) for p in exc.problems]) from None
    joined = {topic.source for topic in loaded}
    left_out = [rel for rel in files if str(staged / rel) not in joined]
    if left_out:
        why = {str(w.file): w for w in loaded.warnings}
        reason = why.get(str(staged / left_out[0]))
        raise AiroadmapError(
            f"{directory / left_out[0]}: would not be part of the curriculum"
            + (f" ({reason.message})" if reason else "")
            + "; nothing written"
        )


def _hubs(directory: Path) -> list[str]:
    """The notes under `directory` that declare `kind: hub` (unreadable notes are no hub)."""
    if not directory.is_dir():
        return []
    problems: list[Problem] = []
    found = find_notes(directory, problems, [])
    return [
        note.path
        for note in read_notes([f.path for f in found])
        if isinstance(note, Note) and note.meta.kind is Kind.HUB
    ]


def _make_folder(directory: Path) -> Path | None:
    """Make `directory` and the folders above it that are missing; the first one made."""
    missing = [folder for folder in [directory, *directory.parents] if not folder.exists()]
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise AiroadmapError(f"{directory}: cannot create: {exc.strerror or exc}") from None
    return missing[-1] if missing else None


def _remove(folder: Path | None) -> None:
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


def _move_into_place(
    staged: Path, directory: Path, names: list[str], check: Callable[[], Curriculum]
) -> Curriculum:
    """Move each staged note to its place (a note there is kept as `<name>.bak` first), then
    `check` the result; if a move or the check fails (or the learner interrupts), the notes
    moved so far are taken back out and the replaced ones restored."""
    moved: list[tuple[Path, Path | None]] = []
    folders: list[Path] = []  # made here, removed again on failure
    try:
        for rel in names:
            target = directory / rel
            for folder in reversed(target.relative_to(directory).parents[:-1]):
                if not (directory / folder).exists():
                    (directory / folder).mkdir()
                    folders.append(directory / folder)
            backup = None
            if target.exists():
                backup = target.with_name(target.name + ".bak")
                shutil.copy2(target, backup)
            moved.append((target, backup))
            (staged / rel).replace(target)
        return check()
    except BaseException:
        for target, backup in reversed(moved):
            with contextlib.suppress(OSError):
                if backup is None:
                    target.unlink(missing_ok=True)
                else:
                    backup.replace(target)  # the note as it was, and no .bak left
        for folder in reversed(folders):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise


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
        file: note_text(title, kind, up, order, summary, body, requires, hours)
        for file, title, kind, up, order, summary, body, requires, hours in _STARTER
    }
