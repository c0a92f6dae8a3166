"""Progress over the tree: statuses and completion, what is ready, what to study next, and the
path to a target. Everything is computed in one pass over the curriculum per command."""

from __future__ import annotations

import heapq
from dataclasses import dataclass

from airoadmap.domain.curriculum import Curriculum
from airoadmap.models import Record, Status


@dataclass
class Counts:
    """Leaves under a node: `total` that count (side paths only once started), how many the
    learner `started` (has any status), `finished` (done or skipped) and `skipped`; and hours.
    `leaves` and `hours_all` count every leaf: what they hold beyond `total` and
    `hours_total` is the side paths not started, shown apart. The one definition of the
    counts that every command prints."""

    total: int = 0
    leaves: int = 0
    hours_all: float = 0.0
    started: int = 0
    finished: int = 0
    skipped: int = 0
    hours_total: float = 0.0
    hours_started: float = 0.0
    hours_done: float = 0.0
    hours_skipped: float = 0.0

    @property
    def optional(self) -> int:
        """Leaves of side paths not started: not counted, shown apart."""
        return self.leaves - self.total

    @property
    def hours_optional(self) -> float:
        return max(self.hours_all - self.hours_total, 0.0)

    @property
    def hours_left(self) -> float:
        """Hours of the counted leaves neither done nor skipped."""
        return max(self.hours_total - self.hours_done - self.hours_skipped, 0.0)

    def add(self, child: Counts, *, optional: bool) -> None:
        """Add a child's counts; an optional child counts only for the leaves started in it."""
        self.total += child.started if optional else child.total
        self.hours_total += child.hours_started if optional else child.hours_total
        self.leaves += child.leaves
        self.hours_all += child.hours_all
        self.started += child.started
        self.finished += child.finished
        self.skipped += child.skipped
        self.hours_started += child.hours_started
        self.hours_done += child.hours_done
        self.hours_skipped += child.hours_skipped


@dataclass(frozen=True)
class Suggestion:
    topic: str
    status: Status
    reason: str
    unlocks: list[str]
    waiting_on: list[str]  # unmet requirements of a topic in progress
    optional: bool  # on a side path


class Tracker:
    """A learner's progress laid over a curriculum."""

    def __init__(self, curriculum: Curriculum, records: dict[str, Record]) -> None:
        self.curriculum = curriculum
        self.records = records
        self.counts: dict[str, Counts] = {}
        for topic in reversed(list(curriculum)):  # children before their parents
            counts = self.counts.setdefault(topic.id, Counts())
            if topic.is_leaf:
                status = self.leaf_status(topic.id)
                hours = topic.hours or 0.0
                counts.total, counts.hours_total = 1, hours
                counts.leaves, counts.hours_all = 1, hours
                if status is not Status.TODO:
                    counts.started, counts.hours_started = 1, hours
                if status.finished:
                    counts.finished = 1
                if status is Status.DONE:
                    counts.hours_done = hours
                if status is Status.SKIPPED:
                    counts.skipped, counts.hours_skipped = 1, hours
            if topic.parent is not None:
                parent = self.counts.setdefault(topic.parent, Counts())
                parent.add(counts, optional=topic.optional)

    # --- statuses ------------------------------------------------------------------------

    def record(self, topic_id: str) -> Record:
        return self.records.get(topic_id) or Record()

    def leaf_status(self, topic_id: str) -> Status:
        return self.record(topic_id).effective

    def status(self, topic_id: str) -> Status:
        """A leaf's own status; a node's derived from its leaves."""
        if self.curriculum[topic_id].is_leaf:
            return self.leaf_status(topic_id)
        counts = self.counts[topic_id]
        if counts.total and counts.finished >= counts.total:
            return Status.SKIPPED if counts.skipped == counts.finished else Status.DONE
        return Status.LEARNING if counts.started else Status.TODO

    def completion(self, topic_id: str) -> float:
        """(done + skipped) / leaves that count, from 0 to 1."""
        counts = self.counts[topic_id]
        if not counts.total:
            return 0.0
        return min(counts.finished, counts.total) / counts.total

    def is_complete(self, topic_id: str) -> bool:
        """Every leaf that counts under `topic_id` is done or skipped (what `requires` means)."""
        counts = self.counts[topic_id]
        return counts.finished >= counts.total

    def unmet(self, topic_id: str) -> list[str]:
        """The requirements (as declared, inherited too) of `topic_id` not yet complete."""
        return [r for r in self.curriculum.requirement_nodes(topic_id) if not self.is_complete(r)]

    def is_ready(self, leaf: str) -> bool:
        return not self.leaf_status(leaf).finished and not self.unmet(leaf)

    def is_blocked(self, leaf: str) -> bool:
        return not self.leaf_status(leaf).finished and bool(self.unmet(leaf))

    def waiting_on(self, leaf: str) -> list[str]:
        """What an unfinished leaf waits on: its unmet requirements (none once finished)."""
        return [] if self.leaf_status(leaf).finished else self.unmet(leaf)

    def mark(self, topic_id: str) -> str:
        """The status word shown: the status, or `blocked` for a leaf not begun that waits on
        a requirement (a topic begun is `learning`, blocked or not)."""
        status = self.status(topic_id)
        if status is Status.TODO and self.curriculum[topic_id].is_leaf:
            return "blocked" if self.unmet(topic_id) else status.value
        return status.value

    def remaining_unlocks(self, leaf: str) -> list[str]:
        return [u for u in self.curriculum.unlocks(leaf) if not self.leaf_status(u).finished]

    # --- what to study ----------------------------------------------------------------------

    def ready_leaves(self, under: str | None = None) -> list[str]:
        root = under or self.curriculum.hub_id
        return [leaf for leaf in self.curriculum.leaves(root) if self.is_ready(leaf)]

    def suggest(self, under: str | None = None, limit: int | None = None) -> list[Suggestion]:
        """What to study: the topics in progress (blocked or not: they say what they wait on)
        and the ready ones, best first: in progress before new; side paths last; then
        curriculum order (so foundations come first); then those that unlock more."""
        position = self.curriculum.position
        root = under or self.curriculum.hub_id
        candidates = [
            leaf
            for leaf in self.curriculum.leaves(root)
            if self.leaf_status(leaf) is Status.LEARNING or self.is_ready(leaf)
        ]
        ranked = sorted(
            candidates,
            key=lambda leaf: (
                self.leaf_status(leaf) is not Status.LEARNING,
                self.curriculum.is_optional(leaf) and self.leaf_status(leaf) is Status.TODO,
                position[leaf],
                -len(self.remaining_unlocks(leaf)),
            ),
        )
        return [self._suggestion(leaf) for leaf in ranked[:limit]]

    def _suggestion(self, leaf: str) -> Suggestion:
        unlocks = self.remaining_unlocks(leaf)
        status = self.leaf_status(leaf)
        waiting = self.waiting_on(leaf)
        record = self.record(leaf)
        if status is Status.LEARNING:
            since = f" since {record.started:%Y-%m-%d}" if record.started else ""
            first = f"in progress{since}"
            if waiting:
                first += f"; waiting on {_joined([self.curriculum[w].title for w in waiting])}"
        else:
            first = "ready: " + self._met(leaf)
        optional = self.curriculum.is_optional(leaf)
        reason = first + (f"; unlocks {_count(len(unlocks), 'topic')}" if unlocks else "")
        reason += "; optional side path" if optional else ""
        return Suggestion(leaf, status, reason, unlocks, waiting, optional)

    def _met(self, leaf: str) -> str:
        """How a ready leaf's requirements were met: "Python for AI is done", "Calculus is
        skipped", "A and B are done; C is skipped"."""
        met = self.curriculum.requirement_nodes(leaf)
        if not met:
            return "no prerequisites"
        said = []
        for status in (Status.DONE, Status.SKIPPED):
            names = [self.curriculum[m].title for m in met if self.status(m) is status]
            if names:
                said.append(f"{_joined(names)} {'is' if len(names) == 1 else 'are'} {status}")
        return "; ".join(said)

    def finished(self) -> bool:
        """Every topic that counts is done or skipped: the roadmap is finished."""
        counts = self.counts[self.curriculum.hub_id]
        return bool(counts.total) and counts.finished >= counts.total

    def path(self, target: str) -> list[str]:
        """Every leaf still needed to finish `target` — its own leaves that count and all their
        requirements, transitively — each after its own requirements."""
        needed: set[str] = set()
        stack = self._counted_leaves(target)
        while stack:
            leaf = stack.pop()
            if leaf in needed or self.leaf_status(leaf).finished:
                continue
            needed.add(leaf)
            for node in self.curriculum.requirement_nodes(leaf):
                stack.extend(self._counted_leaves(node))
        return self._ordered(needed)

    def _counted_leaves(self, node: str) -> list[str]:
        return [
            leaf
            for leaf in self.curriculum.leaves(node)
            if leaf == node
            or self.leaf_status(leaf) is not Status.TODO
            or not self.curriculum.optional_within(node, leaf)
        ]

    def _ordered(self, leaves: set[str]) -> list[str]:
        """A topological order of `leaves` by their requirements, ties in curriculum order."""
        position = self.curriculum.position
        waiting: dict[str, int] = {}
        dependants: dict[str, list[str]] = {}
        for leaf in leaves:
            required = {
                r
                for node in self.curriculum.requirement_nodes(leaf)
                for r in self.curriculum.leaves(node)
                if r in leaves and r != leaf
            }
            waiting[leaf] = len(required)
            for r in required:
                dependants.setdefault(r, []).append(leaf)
        heap = [(position[leaf], leaf) for leaf, count in waiting.items() if count == 0]
        heapq.heapify(heap)
        order: list[str] = []
        while heap:
            _, leaf = heapq.heappop(heap)
            order.append(leaf)
            for dependant in dependants.get(leaf, []):
                waiting[dependant] -= 1
                if waiting[dependant] == 0:
                    heapq.heappush(heap, (position[dependant], dependant))
        return order

    # --- activity ---------------------------------------------------------------------------

    def unknown_records(self) -> list[str]:
        """Ids with a record that the curriculum no longer has (kept, never dropped)."""
        return sorted(t for t in self.records if t not in self.curriculum)


def _joined(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'s' if number != 1 else ''}"
