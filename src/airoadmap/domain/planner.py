"""Plan to a date: the learner's pace, a week-by-week schedule toward a goal with time kept for
reviews, the forecast of when it is done (a range), and how a goal steers `next`.

Pure functions of the curriculum, the learner's records and explicit numbers: no printing, no
environment, no clock (the caller says what day the plan starts)."""

from __future__ import annotations

import dataclasses
import heapq
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import pairwise

from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.tracker import Suggestion, Tracker
from airoadmap.errors import AiroadmapError
from airoadmap.models import Card, Record, Status

REVIEW_MINUTES = 10.0
"""The time one spaced review takes, by default: what the plan reserves for each."""

INTERVAL_GROWTH = 2.5
"""How much longer each review interval is than the one before, for reviews after a card's next
one (FSRS's intervals for a topic remembered well grow about so); the next one is the card's."""

FIRST_INTERVAL_DAYS = 3
"""Days from finishing a topic to its first review (about what FSRS gives `done`'s card)."""

PRIOR_TOPICS = 2.0
"""How many topics' worth of evidence the prior (the estimates are right) weighs: a few timed
topics move the pace a little, many move it to what they say."""

PRIOR_SPREAD = 0.35
"""The prior spread of the pace in log space (one standard deviation: about ×0.7 to ×1.4)."""

LEAST_SPREAD = 0.08
"""The narrowest the forecast's range gets, however consistent the history: about ±8 %."""

MOST_WEEKS = 52 * 30
"""A schedule longer than this is not laid out: the date is out of reach at that pace."""

MOST_HOURS_PER_WEEK = 168.0

LEAST_BLOCK = 0.25
"""The shortest study block the schedule lays out (in hours), but for a topic that short."""


# --- pace ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sample:
    """One finished topic's time: its estimate and what it took, `measured` (logged by the
    learner) or `rhythm` (its start to finish at the learner's steady hours a week)."""

    topic: str
    estimate: float
    actual: float
    source: str


@dataclass(frozen=True)
class Pace:
    """How long topics take this learner against their estimates: `ratio` (actual / estimated,
    most likely), `low` to `high` (its likely range), from `measured` and `inferred` samples."""

    ratio: float
    low: float
    high: float
    measured: int
    inferred: int

    @property
    def samples(self) -> int:
        return self.measured + self.inferred


def samples(
    curriculum: Curriculum, records: Mapping[str, Record], *, rhythm: float | None = None
) -> list[Sample]:
    """The pace samples of the done topics with an estimate: the hours the learner logged. Only
    when none are logged, and given `rhythm` (hours a week the learner keeps steadily), the time
    from start to finish at that rhythm (a topic started at least a day before it was finished):
    a span shared with other such topics is split between them, and no topic counts more than
    `MOST_DATED` times its estimate (one left open over a break)."""
    measured: list[Sample] = []
    dated: list[tuple[str, float, datetime, datetime]] = []
    for topic in curriculum:
        record = records.get(topic.id)
        if not topic.is_leaf or record is None or record.status is not Status.DONE:
            continue
        estimate = topic.hours or 0.0
        if estimate <= 0:
            continue
        if record.hours is not None and record.hours > 0:
            measured.append(Sample(topic.id, estimate, record.hours, "measured"))
        elif record.started and record.finished and record.finished > record.started:
            dated.append((topic.id, estimate, record.started, record.finished))
    if measured or rhythm is None:
        return measured
    found: list[Sample] = []
    for topic_id, estimate, started, finished in dated:
        if (finished - started).total_seconds() < 86400:
            continue
        days = _shared_days(started, finished, [(a, b) for _, _, a, b in dated])
        actual = min(days / 7 * rhythm, estimate * MOST_DATED)
        found.append(Sample(topic_id, estimate, actual, "rhythm"))
    return found


MOST_DATED = 3.0
"""The most a topic's start and finish dates count for: this many times its estimate."""


def _shared_days(
    started: datetime, finished: datetime, spans: list[tuple[datetime, datetime]]
) -> float:
    """Days from `started` to `finished`, each stretch divided by how many of `spans` (this one
    among them) were open then."""
    cuts = sorted(
        {started, finished, *(t for span in spans for t in span if started < t < finished)}
    )
    total = 0.0
    for a, b in pairwise(cuts):
        open_ = sum(1 for s, f in spans if s <= a and b <= f)
        total += (b - a).total_seconds() / 86400 / max(open_, 1)
    return total


def pace(found: Iterable[Sample]) -> Pace:
    """The learner's pace from `found`: the mean of the log ratios, shrunk toward 1 (the
    estimates are right) by a prior worth `PRIOR_TOPICS` topics; the range one standard
    deviation of that mean either side, never narrower than `LEAST_SPREAD`."""
    found = list(found)
    logs = [math.log(s.actual / s.estimate) for s in found]
    measured = sum(1 for s in found if s.source == "measured")
    n = len(logs)
    mean = sum(logs) / (PRIOR_TOPICS + n)
    squares = sum((x - mean) ** 2 for x in logs) + PRIOR_TOPICS * (PRIOR_SPREAD**2 + mean**2)
    spread = math.sqrt(squares / (PRIOR_TOPICS + n)) * math.sqrt(PRIOR_TOPICS / (PRIOR_TOPICS + n))
    spread = max(spread, LEAST_SPREAD)
    return Pace(
        ratio=math.exp(mean),
        low=math.exp(mean - spread),
        high=math.exp(mean + spread),
        measured=measured,
        inferred=n - measured,
    )


# --- what is needed ------------------------------------------------------------------------


def needed(tracker: Tracker, targets: Iterable[str]) -> list[str]:
    """Every unfinished leaf needed for `targets` (their own and all their requirements'), in
    an order that respects every requirement: of the leaves whose requirements are met (or
    planned earlier), topics in progress first, then curriculum order."""
    wanted: set[str] = set()
    for target in targets:
        wanted.update(tracker.path(target))
    curriculum = tracker.curriculum
    position = curriculum.position
    waiting: dict[str, int] = {}
    dependants: dict[str, list[str]] = {}
    for leaf in wanted:
        required = {
            r
            for node in curriculum.requirement_nodes(leaf)
            for r in curriculum.leaves(node)
            if r in wanted and r != leaf
        }
        waiting[leaf] = len(required)
        for r in required:
            dependants.setdefault(r, []).append(leaf)

    def key(leaf: str) -> tuple[bool, int, str]:
        return (tracker.leaf_status(leaf) is not Status.LEARNING, position[leaf], leaf)

    heap = [key(leaf) for leaf, count in waiting.items() if count == 0]
    heapq.heapify(heap)
    order: list[str] = []
    while heap:
        leaf = heapq.heappop(heap)[2]
        order.append(leaf)
        for dependant in dependants.get(leaf, []):
            waiting[dependant] -= 1
            if waiting[dependant] == 0:
                heapq.heappush(heap, key(dependant))
    return order


def hours_left(topic_hours: float | None, record: Record, ratio: float) -> float:
    """A topic's remaining hours at the learner's pace: its estimate scaled by `ratio`, less
    the hours already logged on it if it is in progress (at least a tenth of it is left)."""
    scaled = (topic_hours or 0.0) * ratio
    if record.status is Status.LEARNING and record.hours:
        return max(scaled - record.hours, scaled * 0.1)
    return scaled


# --- the schedule --------------------------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """Study of one topic in one week: `hours`, part `part` of `parts`, the last if `finishes`."""

    topic: str
    hours: float
    part: int
    parts: int
    finishes: bool


@dataclass(frozen=True)
class Week:
    """Week `number` (from 1), `start` to `end` (inclusive): the reviews due in it and the time
    they take, and the study blocks."""

    number: int
    start: date
    end: date
    reviews: int
    review_hours: float
    blocks: tuple[Block, ...]

    @property
    def study_hours(self) -> float:
        return sum(b.hours for b in self.blocks)


@dataclass(frozen=True)
class Schedule:
    """Weeks of study at `hours_per_week` from `start` until every topic of `order` (with its
    `hours` at the pace) is learned; `finish` the day the last is (None: nothing to learn, or
    beyond `MOST_WEEKS`, when `complete` is false)."""

    start: date
    hours_per_week: float
    order: tuple[str, ...]
    hours: Mapping[str, float]
    weeks: tuple[Week, ...]
    finish: date | None
    complete: bool

    @property
    def study_hours(self) -> float:
        return sum(w.study_hours for w in self.weeks)

    @property
    def review_hours(self) -> float:
        return sum(w.review_hours for w in self.weeks)

    @property
    def reviews(self) -> int:
        return sum(w.reviews for w in self.weeks)


def _local_day(moment: datetime, zone_of: datetime | None) -> date:
    return moment.astimezone(zone_of.tzinfo if zone_of is not None else None).date()


def _next_interval(card: Card | None) -> float:
    """Days to the review after a card's next one (or a new card's first)."""
    if card is None:
        return FIRST_INTERVAL_DAYS * INTERVAL_GROWTH
    return max((card.due - card.last_review).total_seconds() / 86400, 1.0) * INTERVAL_GROWTH


def schedule(
    *,
    order: Iterable[str],
    hours: Mapping[str, float],
    start: date,
    hours_per_week: float,
    cards: Iterable[Card] = (),
    review_minutes: float = REVIEW_MINUTES,
    zone: datetime | None = None,
) -> Schedule:
    """Lay `order` out week by week from `start`, `hours_per_week` a week, splitting a topic
    across weeks where it does not fit: first the reviews due that week (each of `cards` on its
    due day, then at intervals growing by `INTERVAL_GROWTH`; each topic finished in the plan
    from `FIRST_INTERVAL_DAYS` after), at `review_minutes` each, then study in `order`."""
    if hours_per_week <= 0:
        raise AiroadmapError("hours per week must be more than 0")
    topics = [t for t in order if hours.get(t, 0.0) > 0]
    queue: list[tuple[date, float]] = [
        (max(_local_day(card.due, zone), start), _next_interval(card)) for card in cards
    ]
    heapq.heapify(queue)
    weeks: list[Week] = []
    left = {t: hours[t] for t in topics}
    parts: dict[str, int] = {}
    finish: date | None = None
    index = 0
    eps = 1e-9
    while index < len(topics) and len(weeks) < MOST_WEEKS:
        week_start = start + timedelta(days=7 * len(weeks))
        week_end = week_start + timedelta(days=6)
        due = 0
        while queue and queue[0][0] <= week_end:
            day, interval = heapq.heappop(queue)
            due += 1
            heapq.heappush(
                queue, (day + timedelta(days=round(interval)), interval * INTERVAL_GROWTH)
            )
        review_hours = min(due * review_minutes / 60, hours_per_week)
        room = hours_per_week - review_hours
        blocks: list[Block] = []
        while index < len(topics) and room > eps:
            topic = topics[index]
            taken = min(left[topic], room)
            if taken < left[topic] - eps and left[topic] - taken < LEAST_BLOCK:
                taken = max(left[topic] - LEAST_BLOCK, 0.0)  # no tail under it next week
            if taken < LEAST_BLOCK and taken < left[topic] - eps:
                if blocks:
                    break  # no part under LEAST_BLOCK: the rest of this week stays free
                taken = min(left[topic], room)
            left[topic] -= taken
            room -= taken
            parts[topic] = parts.get(topic, 0) + 1
            done = left[topic] <= eps
            blocks.append(Block(topic, taken, parts[topic], 0, done))
            if done:
                used = hours_per_week - room
                day = week_start + timedelta(days=max(math.ceil(used / hours_per_week * 7) - 1, 0))
                first = day + timedelta(days=FIRST_INTERVAL_DAYS)
                heapq.heappush(queue, (first, FIRST_INTERVAL_DAYS * INTERVAL_GROWTH))
                finish = day
                index += 1
        weeks.append(Week(len(weeks) + 1, week_start, week_end, due, review_hours, tuple(blocks)))
    complete = index >= len(topics)
    weeks = [
        dataclasses.replace(
            week, blocks=tuple(dataclasses.replace(b, parts=parts[b.topic]) for b in week.blocks)
        )
        for week in weeks
    ]
    return Schedule(
        start=start,
        hours_per_week=hours_per_week,
        order=tuple(topics),
        hours={t: hours[t] for t in topics},
        weeks=tuple(weeks),
        finish=finish if complete else None,
        complete=complete,
    )


# --- the plan and its forecast -------------------------------------------------------------


@dataclass(frozen=True)
class Plan:
    """A schedule toward `targets` at the learner's most likely pace, and the forecast: the
    finish `likely`, between `earliest` and `latest` (the pace's range). With a date `by`: the
    hours a week it `needs` (None: not even `MOST_HOURS_PER_WEEK`), and how many days `late`
    the schedule finishes (0 or less: in time)."""

    targets: tuple[str, ...]
    pace: Pace
    estimated_hours: float
    schedule: Schedule
    earliest: date | None
    likely: date | None
    latest: date | None
    by: date | None = None
    needs: float | None = None
    late: int | None = None

    @property
    def remaining_hours(self) -> float:
        return sum(self.schedule.hours.values())


def hours_needed(
    *,
    order: list[str],
    hours: Mapping[str, float],
    start: date,
    by: date,
    cards: list[Card],
    review_minutes: float,
    zone: datetime | None = None,
) -> float | None:
    """The fewest hours a week (to a tenth) that finish `order` by `by`; None if not even
    `MOST_HOURS_PER_WEEK` do."""

    def fits(per_week: float) -> bool:
        laid = schedule(
            order=order,
            hours=hours,
            start=start,
            hours_per_week=per_week,
            cards=cards,
            review_minutes=review_minutes,
            zone=zone,
        )
        return laid.complete and (laid.finish is None or laid.finish <= by)

    if not fits(MOST_HOURS_PER_WEEK):
        return None
    low, high = 0.0, MOST_HOURS_PER_WEEK
    while high - low > 0.05:
        middle = (low + high) / 2
        if fits(middle):
            high = middle
        else:
            low = middle
    return math.ceil(high * 10) / 10


def plan(
    *,
    tracker: Tracker,
    targets: Iterable[str],
    start: date,
    pace: Pace,
    hours_per_week: float | None = None,
    by: date | None = None,
    review_minutes: float = REVIEW_MINUTES,
    zone: datetime | None = None,
) -> Plan:
    """The plan toward `targets` from `start`: at `hours_per_week`, or (without it) at the
    hours a week that finish by `by`. One of the two is needed. A `by` on or before `start`
    is no error: the plan says how late it is (`needs` None when nothing finishes by then)."""
    if hours_per_week is None and by is None:
        raise AiroadmapError("give the hours a week, or the date to finish by")
    targets = tuple(targets)
    order = needed(tracker, targets)
    curriculum = tracker.curriculum

    def scaled(ratio: float) -> dict[str, float]:
        return {t: hours_left(curriculum[t].hours, tracker.record(t), ratio) for t in order}

    cards = _cards(tracker)
    likely_hours = scaled(pace.ratio)
    needs = None
    if by is not None:
        needs = hours_needed(
            order=order,
            hours=likely_hours,
            start=start,
            by=by,
            cards=cards,
            review_minutes=review_minutes,
            zone=zone,
        )
    per_week = hours_per_week if hours_per_week is not None else needs or MOST_HOURS_PER_WEEK

    def laid(hours: Mapping[str, float]) -> Schedule:
        return schedule(
            order=order,
            hours=hours,
            start=start,
            hours_per_week=per_week,
            cards=cards,
            review_minutes=review_minutes,
            zone=zone,
        )

    likely = laid(likely_hours)
    earliest = laid(scaled(pace.low)).finish
    latest = laid(scaled(pace.high)).finish
    late = None
    if by is not None:
        end = likely.finish if likely.complete else start + timedelta(weeks=MOST_WEEKS)
        late = ((end or start) - by).days
    return Plan(
        targets=targets,
        pace=pace,
        estimated_hours=sum(curriculum[t].hours or 0.0 for t in order),
        schedule=likely,
        earliest=earliest,
        likely=likely.finish,
        latest=latest,
        by=by,
        needs=needs,
        late=late,
    )


def _cards(tracker: Tracker) -> list[Card]:
    from airoadmap.domain.reviews import cards

    return list(cards(tracker.curriculum, tracker.records).values())


# --- history -------------------------------------------------------------------------------


def weekly_hours(
    curriculum: Curriculum, records: Mapping[str, Record], *, until: date, weeks: int
) -> list[tuple[date, float]]:
    """Hours of topics finished as done in each of the `weeks` weeks before `until` (oldest
    first, each week by the day it starts): the time logged, else the estimate."""
    first = until - timedelta(days=7 * weeks)
    totals = [0.0] * weeks
    for topic_id, record in records.items():
        if (
            record.status is not Status.DONE
            or record.finished is None
            or topic_id not in curriculum
        ):
            continue
        day = record.finished.date()
        if first <= day < until:
            spent = record.hours if record.hours is not None else curriculum[topic_id].hours or 0.0
            totals[(day - first).days // 7] += spent
    return [(first + timedelta(days=7 * i), totals[i]) for i in range(weeks)]


# --- a goal steers `next` ------------------------------------------------------------------


def steer(
    tracker: Tracker, suggestions: Iterable[Suggestion], targets: Iterable[str]
) -> list[Suggestion]:
    """`suggestions` with those on the way to `targets` first (in their own order), each saying
    so in its reason; the others after, as they were."""
    curriculum = tracker.curriculum
    ahead: dict[str, list[str]] = {}
    for target in targets:
        for leaf in tracker.path(target):
            ahead.setdefault(leaf, []).append(curriculum[target].title)
    first: list[Suggestion] = []
    rest: list[Suggestion] = []
    for suggestion in suggestions:
        goals = ahead.get(suggestion.topic)
        if goals is None:
            rest.append(suggestion)
            continue
        reason = f"{suggestion.reason}; toward your goal: {', '.join(goals)}"
        first.append(dataclasses.replace(suggestion, reason=reason))
    return first + rest


def suggest(
    tracker: Tracker,
    *,
    under: str | None = None,
    count: int | None = None,
    toward: Iterable[str] = (),
) -> list[Suggestion]:
    """What `next` suggests: the tracker's suggestions under `under`, those on the way to the
    goal's targets `toward` first (see `steer`), the best `count`. The one ranking `next`, the
    web page and every other interface show."""
    targets = list(toward)
    if not targets:
        return tracker.suggest(under, count)
    return steer(tracker, tracker.suggest(under), targets)[:count]


def current_topic(tracker: Tracker) -> str | None:
    """The topic the learner is at: the one most recently started and not finished, else the
    first `next` suggests (without a goal); None when nothing is left."""
    loaded = tracker.curriculum
    learning = [
        (r.started, t)
        for t, r in tracker.records.items()
        if r.status is Status.LEARNING and t in loaded and r.started is not None
    ]
    if learning:
        return max(learning)[1]
    suggestions = tracker.suggest(limit=1)
    return suggestions[0].topic if suggestions else None


def done_by_week(
    tracker: Tracker, *, until: date, weeks: int
) -> tuple[float, list[tuple[date, float]]]:
    """The hours done (`Counts.hours_done` of the hub: the estimates of the leaves done, as
    `stats` says) spread over the weeks they were finished in: those finished before the
    `weeks` weeks before `until` (or on no known day), and each week's (oldest first, each by
    the day it starts; one finished after `until` counts in the last). Their sum is the hub's
    hours done."""
    curriculum = tracker.curriculum
    first = until - timedelta(days=7 * weeks)
    before = 0.0
    totals = [0.0] * weeks
    for leaf in curriculum.leaves(curriculum.hub_id):
        if tracker.leaf_status(leaf) is not Status.DONE:
            continue
        hours = curriculum[leaf].hours or 0.0
        finished = tracker.record(leaf).finished
        day = finished.date() if finished is not None else None
        if day is None or day < first or not weeks:
            before += hours
        else:
            totals[min((day - first).days // 7, weeks - 1)] += hours
    return before, [(first + timedelta(days=7 * i), totals[i]) for i in range(weeks)]
