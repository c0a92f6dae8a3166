"""Stress the progress store: many processes writing at once, and writers killed mid-write.

    python bench/stress.py                      # full scale: 16 x 25 actions, 200 kills
    python bench/stress.py --processes 4 --actions 10 --kills 20

Prints what was attempted, recorded and lost, how many writers were killed, how many stores were
checked and how many were corrupt. Exits 1 if anything was lost or corrupt.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from airoadmap.domain.curriculum import Curriculum
from airoadmap.errors import StoreError
from airoadmap.models import Status
from airoadmap.notes.loader import load_curriculum
from airoadmap.progress import actions
from airoadmap.progress.store import LOG_LIMIT, Progress, Store

TOPICS_PER_WORKER = 5
CRASH_TOPICS = 4
LEARNER = "stress"
# Each worker cycles its own topics through these; every one changes something.
CYCLE = ["start", "note", "done", "skip"]


def write_curriculum(root: Path, topics: int) -> Path:
    """A flat curriculum: a hub with `topics` leaves t0, t1, ..."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "Hub.md").write_text("---\nkind: hub\n---\n", encoding="utf-8")
    for i in range(topics):
        (root / f"t{i}.md").write_text("---\nup: '[[Hub]]'\n---\n", encoding="utf-8")
    return root


def _plan(worker: int, count: int) -> list[tuple[str, str, str]]:
    """(action, topic, note text) for each action of one worker."""
    plan = []
    for k in range(count):
        topic = f"t{worker * TOPICS_PER_WORKER + k % TOPICS_PER_WORKER}"
        action = CYCLE[(k // TOPICS_PER_WORKER) % len(CYCLE)]
        plan.append((action, topic, f"w{worker}-{k}"))
    return plan


def _apply(progress: Progress, curriculum: Curriculum, step: tuple[str, str, str]) -> None:
    action, topic, text = step
    now = datetime.now(UTC)
    if action == "note":
        actions.set_note(progress, topic, text, now)
        return
    status = {"start": Status.LEARNING, "done": Status.DONE, "skip": Status.SKIPPED}[action]
    actions.set_status(progress, curriculum, [curriculum[topic]], status, now)


def _worker(home: str, curriculum_root: str, worker: int, count: int, start: object) -> None:
    curriculum = load_curriculum(Path(curriculum_root))
    store = Store(Path(home), LEARNER)
    start.wait()  # type: ignore[attr-defined]
    for step in _plan(worker, count):
        store.update(lambda progress, step=step: _apply(progress, curriculum, step))


@dataclass
class ConcurrencyFigures:
    processes: int
    actions_each: int
    attempted: int
    recorded: int
    lost: int
    wrong_records: int
    corrupt: int
    seconds: float


def concurrency(workdir: Path, processes: int = 16, count: int = 25) -> ConcurrencyFigures:
    """`processes` writers at once, each `count` mixed actions on its own topics; then check
    that every action's effect and log entry is in the store."""
    curriculum_root = write_curriculum(workdir / "curriculum", processes * TOPICS_PER_WORKER)
    home = workdir / "home"
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [
        context.Process(target=_worker, args=(str(home), str(curriculum_root), w, count, start))
        for w in range(processes)
    ]
    began = time.perf_counter()
    for process in workers:
        process.start()
    start.set()
    for process in workers:
        process.join()
    seconds = time.perf_counter() - began
    attempted = processes * count
    try:
        progress = Store(home, LEARNER).load()
    except StoreError:
        return ConcurrencyFigures(processes, count, attempted, 0, attempted, 0, 1, seconds)
    expected = _expected_records(processes, count)
    wrong = sum(
        1
        for topic, (status, note) in expected.items()
        if progress.record(topic).effective is not status or progress.record(topic).note != note
    )
    recorded = 0
    for worker in range(processes):
        mine = {f"t{worker * TOPICS_PER_WORKER + j}" for j in range(TOPICS_PER_WORKER)}
        logged = [(e.action, e.targets[0]) for e in progress.log if e.targets[0] in mine]
        planned = [(action, topic) for action, topic, _ in _plan(worker, count)]
        # The log keeps the newest LOG_LIMIT entries: each worker's must end its plan, in order.
        if logged and planned[-len(logged) :] == logged:
            recorded += len(logged)
    # Past LOG_LIMIT older entries are trimmed from the log: the records show what was lost.
    lost = attempted - recorded if attempted <= LOG_LIMIT else wrong
    return ConcurrencyFigures(processes, count, attempted, recorded, lost, wrong, 0, seconds)


def _expected_records(processes: int, count: int) -> dict[str, tuple[Status, str | None]]:
    expected: dict[str, tuple[Status, str | None]] = {}
    for worker in range(processes):
        for action, topic, text in _plan(worker, count):
            status, note = expected.get(topic, (Status.TODO, None))
            if action == "note":
                note = text
            else:
                status = {"start": Status.LEARNING, "done": Status.DONE, "skip": Status.SKIPPED}[
                    action
                ]
            expected[topic] = (status, note)
    return expected


def _next_index(progress: Progress) -> int:
    numbers = [int(r.note[1:]) for r in progress.topics.values() if r.note]
    return max(numbers, default=-1) + 1


def _crash_writer(home: str) -> None:
    """Write forever: action i sets the note of t(i mod 4) to n<i>, one locked write each."""
    store = Store(Path(home), LEARNER)
    while True:

        def change(progress: Progress) -> None:
            i = _next_index(progress)
            actions.set_note(progress, f"t{i % CRASH_TOPICS}", f"n{i}", datetime.now(UTC))

        store.update(change)


def consistent(progress: Progress) -> bool:
    """The store equals the state after exactly `m` actions, for the m its notes imply."""
    m = _next_index(progress)
    for j in range(CRASH_TOPICS):
        last = max((i for i in range(m) if i % CRASH_TOPICS == j), default=None)
        want = None if last is None else f"n{last}"
        if progress.record(f"t{j}").note != want:
            return False
    if len(progress.log) != min(m, LOG_LIMIT):
        return False
    return m == 0 or progress.log[-1].targets == (f"t{(m - 1) % CRASH_TOPICS}",)


@dataclass
class CrashFigures:
    kills: int
    stores_checked: int
    corrupt: int
    actions_survived: int
    temp_files_seen: int
    temp_files_left: int
    seconds: float


def crashes(workdir: Path, kills: int = 200, seed: int = 0) -> CrashFigures:
    """Start a writer, SIGKILL it at a random moment, check the store; `kills` times."""
    home = workdir / "crash-home"
    store = Store(home, LEARNER)
    rng = random.Random(seed)
    context = multiprocessing.get_context("fork")
    corrupt = checked = temp_seen = 0
    # The first action here, so that forked writers inherit every module a write needs and
    # spend the random delay writing, not importing.
    store.update(lambda p: actions.set_note(p, "t0", f"n{_next_index(p)}", datetime.now(UTC)))
    began = time.perf_counter()
    for _ in range(kills):
        writer = context.Process(target=_crash_writer, args=(str(home),))
        writer.start()
        time.sleep(rng.uniform(0.0, 0.05))
        assert writer.pid is not None
        os.kill(writer.pid, signal.SIGKILL)
        writer.join()
        temp_seen += len(list(store.path.parent.glob(".airoadmap-*.tmp")))
        checked += 1
        try:
            if not consistent(store.load()):
                corrupt += 1
        except StoreError:
            corrupt += 1
    survived = _next_index(store.load()) if store.exists() else 0
    # One more write cleans whatever temp files the killed writers left.
    store.update(lambda p: actions.set_note(p, "t0", f"n{_next_index(p)}", datetime.now(UTC)))
    left = len(list(store.path.parent.glob(".airoadmap-*.tmp")))
    return CrashFigures(
        kills, checked, corrupt, survived, temp_seen, left, time.perf_counter() - began
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0] if __doc__ else None)
    parser.add_argument("--processes", type=int, default=16)
    parser.add_argument("--actions", type=int, default=25)
    parser.add_argument("--kills", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="airoadmap-stress-") as tmp:
        c = concurrency(Path(tmp), args.processes, args.actions)
        k = crashes(Path(tmp), args.kills, args.seed)
    print(
        "concurrency: "
        + ", ".join(
            f"{key} {value:.2f}" if isinstance(value, float) else f"{key} {value}"
            for key, value in asdict(c).items()
        )
    )
    print(
        "crashes:     "
        + ", ".join(
            f"{key} {value:.2f}" if isinstance(value, float) else f"{key} {value}"
            for key, value in asdict(k).items()
        )
    )
    bad = c.lost or c.wrong_records or c.corrupt or k.corrupt or k.temp_files_left
    print("result:", "FAIL" if bad else "ok: 0 lost, 0 corrupt")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
