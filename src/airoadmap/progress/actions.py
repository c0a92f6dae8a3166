"""What the study commands do to a learner's progress: pure changes, each one undoable."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from airoadmap.domain import reviews
from airoadmap.domain.curriculum import Curriculum
from airoadmap.errors import AiroadmapError
from airoadmap.models import Card, Goal, LogEntry, Progress, Rating, Record, Status, Topic

ASK_ABOVE = 20
"""A change of more topics than this asks first (the CLI's `--yes`, the app's confirmation)."""

GOAL_KEY = "goal"
"""The key of a hub's table in the store that holds the learner's goal there."""


@dataclass(frozen=True)
class Change:
    """What one action changed: the topics named, and the leaf records it touched (`before`:
    those records as they were, inside the lock: what undo puts back)."""

    action: str
    targets: list[str]
    topics: list[str]
    before: dict[str, Record] = field(default_factory=dict, compare=False, repr=False)

    @property
    def count(self) -> int:
        return len(self.topics)


def _log(
    progress: Progress,
    change: Change,
    before: dict[str, Record],
    now: datetime,
    rating: Rating | None = None,
) -> None:
    progress.log.append(
        LogEntry(
            at=now,
            action=change.action,
            targets=tuple(change.targets),
            topics=tuple(change.topics),
            before=before,
            rating=rating,
            hub=progress.hub,
        )
    )


def _put(progress: Progress, topic_id: str, record: Record) -> None:
    if record.is_empty():
        progress.topics.pop(topic_id, None)
    else:
        progress.topics[topic_id] = record


def _applies(status: Status, current: Status, *, named_leaf: bool) -> bool:
    if current is status:
        return False
    if named_leaf:
        return True  # a leaf named on its own: `start` re-opens it, `done` closes it
    if status is Status.LEARNING:
        return current is Status.TODO
    return not current.finished


def changing(
    progress: Progress, curriculum: Curriculum, targets: list[Topic], status: Status
) -> list[str]:
    """The leaves `set_status` would change: a leaf named itself, a node its remaining leaves
    (leaving out its optional side paths that were never started)."""
    found: dict[str, None] = {}
    for target in targets:
        for leaf in curriculum.leaves(target.id):
            record = progress.record(leaf)
            named_leaf = leaf == target.id
            if leaf in found or not _applies(status, record.effective, named_leaf=named_leaf):
                continue
            if (
                not named_leaf
                and record.status is None
                and curriculum.optional_within(target.id, leaf)
            ):
                continue
            found[leaf] = None
    return list(found)


def set_status(
    progress: Progress,
    curriculum: Curriculum,
    targets: list[Topic],
    status: Status,
    now: datetime,
) -> Change:
    """`start`, `done` or `skip` the named topics (`changing` says which leaves change)."""
    action = {Status.LEARNING: "start", Status.DONE: "done", Status.SKIPPED: "skip"}[status]
    before: dict[str, Record] = {}
    for leaf in changing(progress, curriculum, targets, status):
        record = progress.record(leaf)
        before[leaf] = record
        learning = status is Status.LEARNING
        changed = record.replace(
            status=status,
            started=now if learning else record.started or now,
            finished=None if learning else now,
            # Finishing a topic is its first review; one re-opened or skipped has no card.
            card=reviews.first_card(now) if status is Status.DONE else None,
        )
        _put(progress, leaf, changed)
    change = Change(action, [t.id for t in targets], list(before), before)
    if before:
        _log(progress, change, before, now)
    return change


def review(progress: Progress, topic: Topic, rating: Rating, now: datetime) -> Change:
    """Record a review of a done topic answered `rating`, and schedule its next one."""
    record = progress.record(topic.id)
    if record.status is not Status.DONE:
        state = "was skipped" if record.status is Status.SKIPPED else "is not done yet"
        raise AiroadmapError(f"{topic.title} {state}: only topics marked done are reviewed")
    card = reviews.card_of(record)
    if card is None:
        raise AiroadmapError(f"{topic.title} has no finish date to schedule reviews from")
    _put(progress, topic.id, record.replace(card=reviews.rate(card, rating, now)))
    change = Change("review", [topic.id], [topic.id])
    _log(progress, change, {topic.id: record}, now, rating)
    return change


def lost_cards(change: Change, status: Status) -> list[str]:
    """The leaves whose review card `change` (a `set_status` to `status`) took away: finished
    topics re-opened or skipped are no longer reviewed. Judged by the records the change itself
    replaced (read inside the lock), not by a copy read before it."""
    if status is Status.DONE:
        return []
    return [t for t in change.topics if change.before[t].card is not None]


def review_unless_changed(
    progress: Progress, topic: Topic, item: reviews.Review, rating: Rating, now: datetime
) -> Card | str:
    """Record a review of `item` (as a session listed it) answered `rating` while the topic is
    as it was listed: the card scheduled, or how another airoadmap changed the topic meanwhile
    (`reviews.changed_since`; then nothing is changed)."""
    why = reviews.changed_since(item, progress.record(topic.id))
    if why is not None:
        return why
    review(progress, topic, rating, now)
    card = progress.record(topic.id).card
    assert card is not None
    return card


def reset(progress: Progress, topic_ids: list[str], targets: list[str], now: datetime) -> Change:
    """Forget the records of `topic_ids` (statuses and notes)."""
    before = {t: progress.topics[t] for t in topic_ids if t in progress.topics}
    for topic_id in before:
        del progress.topics[topic_id]
    change = Change("reset", targets, list(before))
    if before:
        _log(progress, change, before, now)
    return change


def set_note(progress: Progress, topic_id: str, text: str | None, now: datetime) -> Change:
    """Set (or with None clear) the learner's note on a topic."""
    if text is not None:
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            raise AiroadmapError(
                "the note is not valid text (it holds undecodable bytes)"
            ) from None
    record = progress.record(topic_id)
    change = Change("note", [topic_id], [topic_id] if record.note != text else [])
    if change.topics:
        _put(progress, topic_id, record.replace(note=text))
        _log(progress, change, {topic_id: record}, now)
    return change


def undo(progress: Progress) -> LogEntry:
    """Revert the last action in this hub's curriculum exactly, and drop it from the log."""
    if not progress.log:
        raise AiroadmapError("nothing to undo")
    entry = progress.log.pop()
    for topic_id, record in entry.before.items():
        _put(progress, topic_id, record)
    if entry.action == "goal":
        _put_goal(progress, entry.goal)
    return entry


def goal_of(progress: Progress) -> Goal | None:
    """The learner's goal in this curriculum, or None; an `AiroadmapError` if the store holds
    one that is not a goal (hand-edited)."""
    raw = progress.hub_extra.get(GOAL_KEY)
    if raw is None:
        return None
    from pydantic import ValidationError

    from airoadmap.progress.schema import check_goal, first_error

    try:
        return check_goal(raw)
    except ValidationError as exc:
        where, reason = first_error(exc)
        raise AiroadmapError(
            f"the goal in {progress.learner}'s store is not valid: field '{where}': {reason} "
            "(`airoadmap goal --clear` removes it)"
        ) from None


def goal_targets(progress: Progress, curriculum: Curriculum) -> list[str]:
    """The targets of the learner's goal that `curriculum` has (none without a goal): what
    `next` steers toward."""
    goal = goal_of(progress)
    return goal.within(curriculum) if goal is not None else []


def _put_goal(progress: Progress, goal: Goal | None) -> None:
    if goal is None:
        progress.hub_extra.pop(GOAL_KEY, None)
    else:
        from airoadmap import plain

        progress.hub_extra[GOAL_KEY] = plain.document(goal, canonical=True)


def set_goal(progress: Progress, goal: Goal | None, now: datetime) -> Change:
    """Set (or with None clear) the learner's goal in this curriculum, as one undoable action."""
    raw = progress.hub_extra.get(GOAL_KEY)
    try:
        before = goal_of(progress)
    except AiroadmapError:
        before = None  # a broken goal is replaced (undo brings back none)
    targets = list(goal.targets) if goal is not None else list(before.targets if before else [])
    change = Change("goal", targets, [])
    if goal == before and (goal is None) == (raw is None):
        return change
    _put_goal(progress, goal)
    progress.log.append(
        LogEntry(at=now, action="goal", targets=tuple(targets), goal=before, hub=progress.hub)
    )
    return change


def set_hours(
    progress: Progress, topic_id: str, hours: float, now: datetime, *, logged: bool = True
) -> Change:
    """Record the hours a topic really took (its pace sample). With `logged` false the change
    is part of an action already logged (`done --hours`), which undo reverts as one."""
    record = progress.record(topic_id)
    change = Change("hours", [topic_id], [topic_id] if record.hours != hours else [])
    if change.topics:
        _put(progress, topic_id, record.replace(hours=hours))
        if logged:
            _log(progress, change, {topic_id: record}, now)
    return change


def merge(progress: Progress, incoming: dict[str, Record], source: str, now: datetime) -> Change:
    """Take each incoming record that is newer than the learner's (`importing.newer`), as one
    undoable action."""
    from airoadmap.progress.importing import newer

    before = {
        topic: progress.record(topic)
        for topic, record in sorted(incoming.items())
        if newer(record, progress.topics.get(topic))
    }
    for topic in before:
        _put(progress, topic, incoming[topic])
    change = Change("import", [source], list(before))
    if before:
        _log(progress, change, before, now)
    return change
