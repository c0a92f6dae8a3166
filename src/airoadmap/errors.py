"""The errors airoadmap raises. The CLI turns every one of them into one line and exit 1."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


class AiroadmapError(Exception):
    """A user-facing error: its message is one line that says what went wrong and where."""


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a curriculum, located in a file (and a line where known)."""

    file: Path | str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else f"{self.file}"
        return f"{where}: {self.message}"


class CurriculumError(AiroadmapError):
    """A curriculum that cannot be loaded; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], warnings: list[Problem] | None = None) -> None:
        self.problems = problems
        self.warnings = warnings or []  # what was skipped on the way, for `validate` to tell
        first = str(problems[0]) if problems else "invalid curriculum"
        more = len(problems) - 1
        suffix = f" (+{more} more; run `airoadmap validate` to see all)" if more > 0 else ""
        super().__init__(first + suffix)


class ResolveError(AiroadmapError):
    """A command argument that names no topic, or several."""


class StoreError(AiroadmapError):
    """A learner's progress store that cannot be read or written."""


class NoteProblem(Exception):
    """Internal: what is wrong with one note, before the file's path is attached to it."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def read_text(path: Path, *, encoding: str = "utf-8") -> str:
    """A text file the learner named (a map note, an export): its text, or an `AiroadmapError`
    saying why it cannot be read."""
    try:
        return path.read_text(encoding=encoding)
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or exc
        raise AiroadmapError(f"{path}: cannot read: {reason}") from None
