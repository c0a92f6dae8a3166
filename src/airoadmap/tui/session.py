"""What the app shows and changes, without drawing anything: the curriculum, the learner's
progress laid over it, and the changes — each made by the same core actions as the CLI's
(`progress.actions`, through `Store.update`: locked, atomic, undoable, in the log).

A `Session` also watches the files it read: `check()` says what another process changed in the
store or the notes since (reading them again, in a state of its own that `adopt` then shows),
so that the app can run it away from the screen, in a thread; `changed()` does both at once.

The app makes its changes in a thread too, one at a time: a change replaces the session's
progress in one assignment, and `check()` only reads the session."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from airoadmap.cli import render
from airoadmap.domain import reviews
from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.tracker import Suggestion, Tracker
from airoadmap.errors import AiroadmapError
from airoadmap.models import Card, Goal, LogEntry, Progress, Rating, Status, Topic
from airoadmap.progress import actions
from airoadmap.progress.store import Store

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
    """What a change says: one line, and the warnings that go with it."""

    line: str
    warnings: tuple[str, ...] = ()


class NoteChanged(AiroadmapError):
    """The note was changed elsewhere since the editor opened: nothing was saved."""

    def __init__(self, title: str, stored: str | None) -> None:
        super().__init__(
            f"{title}: the note was changed elsewhere since you opened it; nothing saved"
        )
        self.stored = stored


@dataclass(frozen=True)
class View:
    """The progress and the tracker over it: replaced together, in one assignment."""

    progress: Progress
    tracker: Tracker


@dataclass(frozen=True)
class Checked:
    """What `Session.check` found: a state to adopt (or None: nothing new), and the error of
    the store or of the notes, if either cannot be read (`unreadable` for the notes)."""

    state: State | None = None
    error: str | None = None
    unreadable: str | None = None


@dataclass(frozen=True)
class State:
    """Everything read again from disk, to adopt at once (`generation`: the session's then)."""

    curriculum: Curriculum
    store: Store
    view: View
    store_stamp: Stamp
    notes_stamp: tuple[object, ...]
    generation: int


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
        self.store = _open_store(source, self.curriculum)
        self._store_stamp = self._stat_store()
        self._notes_stamp = self._stat_notes()
        progress = progress if progress is not None else self.store.load()
        self.view = View(progress, Tracker(self.curriculum, progress.topics))
        self.generation = 0
        self.unreadable: str | None = None
        """The error reading the notes on disk, while they cannot be read: changes are then
        refused (as every command refuses them), though the screen keeps what it had."""

    @property
    def progress(self) -> Progress:
        return self.view.progress

    @property
    def tracker(self) -> Tracker:
        return self.view.tracker

    # --- reading ---------------------------------------------------------------------------

    def _read_curriculum(self) -> Curriculum:
        from airoadmap.notes.loader import load_curriculum

        source = self.source
        return load_curriculum(source.folder, hub=source.hub, cache_dir=source.cache_dir)

    def _stat_store(self, store: Store | None = None) -> Stamp:
        try:
            st = (store or self.store).path.stat()
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

    def _show(self, progress: Progress) -> None:
        self.view = View(progress, Tracker(self.curriculum, progress.topics))
        self.generation += 1

    def reload(self) -> None:
        """Read the store again (after a change, or one made elsewhere)."""
        stamp = self._stat_store()
        self._show(self.store.load())
        self._store_stamp = stamp

    def check(self) -> Checked:
        """What changed on disk since last read — the store, the notes — read again into a
        `State` for `adopt` (the session itself is left as it is: this may run in a thread).
        Notes that cannot be read leave the curriculum as it was (the store is still looked
        at), and say why in `unreadable`."""
        generation = self.generation
        curriculum, store = self.curriculum, self.store
        store_stamp, notes_stamp = self._store_stamp, self._notes_stamp
        new_notes = self._stat_notes()
        unreadable = None
        if new_notes != notes_stamp or self.unreadable is not None:
            try:
                curriculum = self._read_curriculum()
            except AiroadmapError as exc:
                unreadable = str(exc)
            else:
                store = _open_store(self.source, curriculum)
                notes_stamp = new_notes
        new_store = self._stat_store(store)
        if store is self.store and new_store == store_stamp:
            return Checked(unreadable=unreadable, error=unreadable)
        try:
            progress = store.load()
        except AiroadmapError as exc:
            return Checked(unreadable=unreadable, error=unreadable or str(exc))
        if curriculum is self.curriculum and progress == self.progress:
            view = self.view  # as shown: only the stamp is new
        else:
            view = View(progress, Tracker(curriculum, progress.topics))
        state = State(curriculum, store, view, new_store, notes_stamp, generation)
        return Checked(state, error=unreadable, unreadable=unreadable)

    def adopt(self, checked: Checked) -> bool:
        """Take what `check` read, unless the session changed since (then the next check
        reads again); whether anything new is shown."""
        state = checked.state
        self.unreadable = checked.unreadable
        if state is None or state.generation != self.generation:
            return False
        self._store_stamp, self._notes_stamp = state.store_stamp, state.notes_stamp
        if state.view is self.view:
            return False
        self.curriculum, self.store = state.curriculum, state.store
        self.view = state.view
        self.generation += 1
        return True

    def changed(self) -> bool:
        """Whether the store or the curriculum changed on disk since last read; if so, read
        them again (an `AiroadmapError` if they cannot be: the session keeps what it had)."""
        checked = self.check()
        adopted = self.adopt(checked)
        if checked.error is not None:
            raise AiroadmapError(checked.error)
        return adopted

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

    def suggestions(self, count: int | None = None) -> list[Suggestion]:
        """What `airoadmap next` suggests, best first (on the way to the goal first, if one is
        set): the best `count`, else all of them."""
        from airoadmap.domain import planner

        goal = self.goal()
        toward = goal.within(self.curriculum) if goal is not None else []
        return planner.suggest(self.tracker, count=count, toward=toward)

    def first_next(self) -> str | None:
        """The topic to study now (`next`'s first; on the way to the goal, if one is set)."""
        suggestions = self.suggestions(count=1)
        return suggestions[0].topic if suggestions else None

    # --- changes ---------------------------------------------------------------------------

    def _write(self, change: Callable[[Progress], T]) -> T:
        """Apply `change` to the store (locked, atomic) and show the progress it left — read
        inside the lock, so nothing else needs reading. A failure (an `AiroadmapError`: a
        broken store, a lock held too long, a folder that cannot be written, notes on disk
        that cannot be read) changes nothing."""
        if self.unreadable is not None:
            raise AiroadmapError(f"{self.unreadable} (no change is saved until it is fixed)")
        after: list[Progress] = []

        def changing(progress: Progress) -> T:
            result = change(progress)
            after.append(progress)
            return result

        result = self.store.update(changing)
        self._show(after[0])
        # Another process may write between our lock's release and any stamp taken now: the
        # next check reads the store again (in the background), and shows it if it differs.
        self._store_stamp = None
        return result

    def pending(self, topic_id: str, status: Status) -> list[str]:
        """The leaves marking `topic_id` with `status` would change, as the store holds them
        now (not as the screen last showed them)."""
        progress = self.store.load()
        return actions.changing(progress, self.curriculum, [self.curriculum[topic_id]], status)

    def mark(self, topic_id: str, status: Status) -> Said:
        """`start`, `done` or `skip` a topic (a map or area: its remaining topics), saying it
        as `airoadmap start/done/skip` does."""
        curriculum = self.curriculum
        target = curriculum[topic_id]
        change = self._write(
            lambda p: actions.set_status(p, curriculum, [target], status, self.now())
        )
        changed = set(change.topics)
        warnings: list[str] = []
        lost = actions.lost_cards(change, status)
        if lost:
            warnings.append(render.lost_cards_warning(curriculum, lost))
        if status is not Status.SKIPPED and changed:
            unmet = self.tracker.unmet(topic_id)
            if unmet:
                warnings.append(render.waits_warning(curriculum, target, unmet))
        line = render.marked_line(curriculum, self.tracker, target, status, changed)
        return Said(line, tuple(warnings))

    def undo(self) -> Said:
        entry: LogEntry = self._write(actions.undo)
        return Said(_undid(self.curriculum, entry))

    def undo_review(self, topic_id: str) -> Said:
        """Take back the review of `topic_id` just recorded — while it is still the last change
        in the store (else nothing is undone: another airoadmap changed something since)."""

        def undo(progress: Progress) -> LogEntry:
            last = progress.log[-1] if progress.log else None
            if last is None or last.action != "review" or last.targets != (topic_id,):
                raise AiroadmapError(
                    "another airoadmap changed the store since that answer: nothing undone "
                    "(`airoadmap log` shows what)"
                )
            return actions.undo(progress)

        entry = self._write(undo)
        return Said(_undid(self.curriculum, entry))

    def set_note(self, topic_id: str, text: str, *, was: object = ...) -> Said:
        """Set the learner's note on a topic (an empty one clears it). With `was` (the note the
        editor started from), a note changed elsewhere since is not written over: `NoteChanged`
        then holds the stored one."""
        title = self.curriculum[topic_id].title
        cleaned = text.strip() or None

        def note(progress: Progress) -> actions.Change:
            stored = progress.record(topic_id).note
            if was is not ... and stored not in (was, cleaned):
                raise NoteChanged(title, stored)
            return actions.set_note(progress, topic_id, cleaned, self.now())

        change = self._write(note)
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


def _open_store(source: Source, curriculum: Curriculum) -> Store:
    return Store(
        source.home,
        source.learner,
        cache_dir=source.cache_dir,
        hub=curriculum.hub_id,
        curriculum_ids=curriculum,
    )


def _undid(curriculum: Curriculum, entry: LogEntry) -> str:
    names = ", ".join(curriculum[t].title if t in curriculum else t for t in entry.targets)
    return f"undid: {entry.action} {names or 'all'} ({render.count(len(entry.topics), 'topic')})"
