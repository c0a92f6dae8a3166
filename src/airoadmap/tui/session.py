"""What the app shows and changes, without drawing anything: the curriculum, the learner's
progress laid over it, and the changes — each made by the same core actions as the CLI's
(`progress.actions`, through `Store.update`: locked, atomic, undoable, in the log).

A `Session` also watches the files it read: `changed()` says (and reloads) when another process
wrote the store or changed a note since."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from airoadmap.domain import reviews
from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.tracker import Tracker
from airoadmap.errors import AiroadmapError
from airoadmap.models import Card, Goal, LogEntry, Progress, Rating, Status, Topic
from airoadmap.progress import actions
from airoadmap.progress.store import Store

_WORDS = {Status.LEARNING: "started", Status.DONE: "done", Status.SKIPPED: "skipped"}

T = TypeVar("T")
Stamp = tuple[int, int, int] | None


@dataclass(frozen=True)
class Source:
    """Where the data is: the curriculum folder (and hub), the data folder and the learner,
    the cache folder — as the CLI's data options chose them."""

    folder: Path
    hub: str | None
    home: Path
    learner: str
    cache_dir: Path | None


@dataclass(frozen=True)
class Said:
    """What a change says: one line, and a warning line or none."""

    line: str
    warning: str | None = None


class Session:
    """The curriculum and one learner's progress in it, read from `source`, at the moments
    `clock` gives (UTC; days are the local zone's). A failed read or write raises an
    `AiroadmapError` and leaves the session as it was."""

    def __init__(
        self,
        source: Source,
        clock: Callable[[], datetime],
        *,
        curriculum: Curriculum | None = None,
        progress: Progress | None = None,
    ) -> None:
        self.source = source
        self.clock = clock
        self.curriculum = curriculum if curriculum is not None else self._read_curriculum()
        self.store = self._open_store(self.curriculum)
        self.progress = progress if progress is not None else self.store.load()
        self.tracker = Tracker(self.curriculum, self.progress.topics)
        self._store_stamp = self._stat_store()
        self._notes_stamp = self._stat_notes()

    # --- reading ---------------------------------------------------------------------------

    def _read_curriculum(self) -> Curriculum:
        from airoadmap.notes.loader import load_curriculum

        source = self.source
        return load_curriculum(source.folder, hub=source.hub, cache_dir=source.cache_dir)

    def _open_store(self, curriculum: Curriculum) -> Store:
        source = self.source
        return Store(
            source.home,
            source.learner,
            cache_dir=source.cache_dir,
            hub=curriculum.hub_id,
            curriculum_ids=curriculum,
        )

    def _stat_store(self) -> Stamp:
        try:
            st = self.store.path.stat()
        except OSError:
            return None
        return (st.st_size, st.st_mtime_ns, st.st_ino)

    def _stat_notes(self) -> tuple[object, ...]:
        """What tells whether any note of the folder changed: every note's and folder's stamp."""
        from airoadmap.notes.files import find_notes

        folders: list[str] = []
        notes = find_notes(self.source.folder, [], [], folders)
        stamps: list[object] = list(notes)
        for folder in folders:
            try:
                stamps.append((folder, Path(folder).stat().st_mtime_ns))
            except OSError:
                stamps.append((folder, None))
        return tuple(stamps)

    def _set(self, progress: Progress) -> None:
        self.progress = progress
        self.tracker = Tracker(self.curriculum, progress.topics)

    def reload(self) -> None:
        """Read the store again (after a change, or one made elsewhere)."""
        stamp = self._stat_store()
        self._set(self.store.load())
        self._store_stamp = stamp

    def changed(self) -> bool:
        """Whether the store or the curriculum changed on disk since last read; if so, read
        them again (an `AiroadmapError` if they cannot be: the session keeps what it had)."""
        store_stamp = self._stat_store()
        notes_stamp = self._stat_notes()
        if store_stamp == self._store_stamp and notes_stamp == self._notes_stamp:
            return False
        if notes_stamp != self._notes_stamp:
            curriculum = self._read_curriculum()
            store = self._open_store(curriculum)
            progress = store.load()
            self.curriculum, self.store = curriculum, store
            self._notes_stamp = notes_stamp
            self._set(progress)
        else:
            self._set(self.store.load())
        self._store_stamp = store_stamp
        return True

    # --- the clock -------------------------------------------------------------------------

    def now(self) -> datetime:
        return self.clock()

    def local_now(self) -> datetime:
        """The same moment in the learner's time zone (whose day decides what is due)."""
        return self.clock().astimezone()

    # --- what the header says --------------------------------------------------------------

    def due(self) -> list[reviews.Review]:
        """The reviews due now, most at risk first."""
        return reviews.reviews(self.curriculum, self.progress.topics, self.local_now())

    def due_count(self) -> int:
        return reviews.due_count(self.curriculum, self.progress.topics, self.local_now())

    def goal(self) -> Goal | None:
        """The learner's goal, or None (also when the store holds a broken one)."""
        try:
            return actions.goal_of(self.progress)
        except AiroadmapError:
            return None

    def first_next(self) -> str | None:
        """The topic to study now (`next`'s first; on the way to the goal, if one is set)."""
        suggestions = self.tracker.suggest()
        goal = self.goal()
        if goal is not None:
            from airoadmap.domain import planner

            targets = [t for t in goal.targets if t in self.curriculum]
            suggestions = planner.steer(self.tracker, suggestions, targets)
        return suggestions[0].topic if suggestions else None

    # --- changes ---------------------------------------------------------------------------

    def _write(self, change: Callable[[Progress], T]) -> T:
        """Apply `change` to the store (locked, atomic) and read it back. A failure (an
        `AiroadmapError`: a broken store, a lock held too long, a folder that cannot be
        written) changes nothing; the session then shows the store as it is."""
        try:
            return self.store.update(change)
        finally:
            with contextlib.suppress(AiroadmapError):
                self.reload()

    def pending(self, topic_id: str, status: Status) -> list[str]:
        """The leaves marking `topic_id` with `status` would change."""
        return actions.changing(self.progress, self.curriculum, [self.curriculum[topic_id]], status)

    def mark(self, topic_id: str, status: Status) -> Said:
        """`start`, `done` or `skip` a topic (a map or area: its remaining topics)."""
        target = self.curriculum[topic_id]
        before = self.progress
        change = self._write(
            lambda p: actions.set_status(p, self.curriculum, [target], status, self.now())
        )
        word = _WORDS[status]
        if not change.topics:
            return Said(
                f"{target.title}: nothing to change (already {self.tracker.mark(topic_id)})"
            )
        line = (
            f"{target.title}: {word}"
            if target.is_leaf
            else f"{target.title}: {_count(len(change.topics), 'topic')} {word}"
        )
        lost = actions.lost_cards(before, change, status)
        if lost:
            names = ", ".join(self.curriculum[t].title for t in lost[:3]) + (
                " …" if lost[3:] else ""
            )
            return Said(line, f"no longer finished, so no longer reviewed: {names}")
        unmet = self.tracker.unmet(topic_id) if status is not Status.SKIPPED else []
        if unmet:
            names = ", ".join(self.curriculum[u].title for u in unmet)
            return Said(line, f"{target.title} waits on {names} (not finished yet)")
        return Said(line)

    def undo(self) -> Said:
        entry: LogEntry = self._write(actions.undo)
        names = ", ".join(
            self.curriculum[t].title if t in self.curriculum else t for t in entry.targets
        )
        return Said(
            f"undid: {entry.action} {names or 'all'} ({_count(len(entry.topics), 'topic')})"
        )

    def set_note(self, topic_id: str, text: str) -> Said:
        """Set the learner's note on a topic (an empty one clears it)."""
        title = self.curriculum[topic_id].title
        cleaned = text.strip() or None
        change = self._write(lambda p: actions.set_note(p, topic_id, cleaned, self.now()))
        if not change.topics:
            return Said(f"{title}: note unchanged")
        return Said(f"{title}: note {'saved' if cleaned else 'cleared'}")

    def rate(self, item: reviews.Review, rating: Rating) -> Card | str:
        """Record a review of `item` answered `rating`: the card it scheduled, or how another
        airoadmap changed the topic since the session listed it (then nothing is saved)."""
        topic: Topic = self.curriculum[item.topic]
        return self._write(
            lambda p: actions.review_unless_changed(p, topic, item, rating, self.now())
        )

    def still_due(self, item: reviews.Review) -> str | None:
        """None while `item`'s topic is as listed; else how it changed meanwhile."""
        return reviews.changed_since(item, self.progress.record(item.topic))


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"
