"""Time a teacher's `report` over a cohort: one store per learner in a shared data folder.

    python -m bench.cohort                       # 1,000 and 10,000 learners, 5 runs each
    python -m bench.cohort --learners 1000 --runs 3

Writes (into a temporary folder) `--learners` stores for the bundled roadmap (92 topics), each a
learner part of the way through it: records started, done and skipped in curriculum order with
review cards on the done ones, notes on some, and a log of what they did. Then times whole
processes of `python -m airoadmap report --home FOLDER`, warm (a run before, so the caches are
filled), each a median of `--runs` runs, with the peak memory. Targets (issue 15): 1,000
learners <= 2 s warm, 10,000 learners <= 10 x that, memory <= 300 MiB.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.timing import run_once

TARGET_1000_S = 2.0
MEMORY_MIB = 300


def _ids() -> list[str]:
    """The bundled roadmap's leaf ids, in curriculum order."""
    from airoadmap.locations import bundled_curriculum
    from airoadmap.notes.loader import load_curriculum

    loaded = load_curriculum(bundled_curriculum())
    return list(loaded.all_leaves())


def write_cohort(home: Path, learners: int, seed: int = 0) -> None:
    """`learners` stores under `home/learners`, written as airoadmap writes them."""
    from airoadmap.domain.reviews import first_card
    from airoadmap.models import BUNDLED_HUB, HubRecords, LogEntry, Record, Status, StoreContents
    from airoadmap.progress.store import dump

    rng = random.Random(seed)
    ids = _ids()
    start = datetime(2026, 9, 1, 9, tzinfo=UTC)
    folder = home / "learners"
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(learners):
        name = f"learner-{n:05d}"
        reached = rng.randint(0, len(ids))
        records: dict[str, Record] = {}
        log: list[LogEntry] = []
        moment = start + timedelta(hours=rng.randint(0, 200))
        for topic in ids[:reached]:
            moment += timedelta(hours=rng.randint(3, 60))
            status = rng.choices([Status.DONE, Status.SKIPPED, Status.LEARNING], [8, 1, 1])[0]
            finished = moment if status is not Status.LEARNING else None
            card = first_card(moment) if status is Status.DONE else None
            note = "revisit before the capstone" if rng.random() < 0.1 else None
            records[topic] = Record(status, moment - timedelta(days=2), finished, note, card=card)
            action = {Status.DONE: "done", Status.SKIPPED: "skip", Status.LEARNING: "start"}
            log.append(
                LogEntry(
                    at=moment,
                    action=action[status],
                    targets=(topic,),
                    topics=(topic,),
                    before={topic: Record()},
                    hub=BUNDLED_HUB,
                )
            )
        contents = StoreContents(
            learner=name, hubs={BUNDLED_HUB: HubRecords(records)} if records else {}, log=log
        )
        (folder / f"{name}.toml").write_text(dump(contents))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    print(f"{'learners':>9} {'runs':>5} {'median':>9} {'spread (min-max)':>20} {'peak MiB':>9}")
    results = {}
    with tempfile.TemporaryDirectory(prefix="airoadmap-cohort-") as folder:
        for count in args.learners:
            home = Path(folder) / f"cohort-{count}"
            write_cohort(home, count)
            env = {
                **os.environ,
                "AIROADMAP_HOME": str(home),
                "XDG_CONFIG_HOME": str(Path(folder) / "config"),
                "NO_COLOR": "1",
            }
            command = [sys.executable, "-m", "airoadmap", "report", "--home", str(home)]
            run_once(command, env)  # warm-up: fills the caches
            times, peaks = [], []
            for _ in range(args.runs):
                seconds, peak = run_once(command, env)
                times.append(seconds)
                peaks.append(peak)
            median = statistics.median(times)
            results[count] = (median, max(peaks))
            print(
                f"{count:>9,} {args.runs:>5} {median * 1000:>7.0f}ms "
                f"{min(times) * 1000:>9.0f}-{max(times) * 1000:.0f}ms {max(peaks):>9.0f}"
            )
    if 1000 in results:
        base = results[1000][0]
        verdict = "met" if base <= TARGET_1000_S else "missed"
        print(f"1,000 learners warm: {base:.2f} s (target <= {TARGET_1000_S} s: {verdict})")
        if 10000 in results:
            ratio = results[10000][0] / base
            print(f"10,000 / 1,000: {ratio:.1f}x (target <= 10x)")
    worst = max(peak for _, peak in results.values())
    print(f"peak memory {worst:.0f} MiB (target <= {MEMORY_MIB} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
