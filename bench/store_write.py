"""Time writing a learner's store as TOML (`render`) and reading it back (`parse`), by size.

    python -m bench.store_write                          # 100, 2,000 and 10,000 records
    python -m bench.store_write --sizes 100 2000 --runs 15 --processes

The stores are realistic: most records done (status, started, finished and the review card
`done` writes, from `first_card`), the rest being learned, some with a note, and a full log of
500 actions (`start`, `done` on one topic or on a map's several, `review`) holding the records
as they were before. Each figure is the median of `--runs` runs after a warm-up; `sha256` is of
the rendered text, so two trees that write the same bytes show the same digest.

The script runs against either layout of airoadmap: the current one (`airoadmap.models`,
`airoadmap.progress.store`) or the one before the refactor (`airoadmap.store`, with its own
TOML writer for records, `airoadmap.tomlwrite`). To compare, copy it into the other checkout:

    PYTHONPATH=src python -m bench.store_write                  # from this checkout
    git clone -q . /tmp/old && (cd /tmp/old && git checkout -q 174d99f)
    cp bench/store_write.py /tmp/old/bench/
    (cd /tmp/old && PYTHONPATH=src:. python -m bench.store_write)   # the hand-written writer

With `--processes`, it also times whole `done` and `undo` processes (warm: the caches filled by
a warm-up round; median of `--process-runs`) on a synthetic vault (`bench.generate`) whose
store is the one measured.
"""

from __future__ import annotations

import argparse
import functools
import gc
import hashlib
import importlib
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

LOG_SIZE = 500  # the log a store keeps (`LOG_LIMIT`)
WORDS = ("model", "data", "vector", "graph", "tensor", "cache", "batch", "metric", "token")


@dataclass(frozen=True)
class Api:
    """What the benchmark needs from airoadmap, from whichever layout is importable."""

    layout: str
    where: str
    progress: Any  # the Progress class
    record: Any
    log_entry: Any
    status: Any
    rating: Any
    first_card: Callable[[datetime], Any]
    render: Callable[[Any], str]
    parse: Callable[[bytes, Path], Any]


def load_api() -> Api:
    import airoadmap

    models = importlib.import_module("airoadmap.models")
    store: ModuleType
    parse: Callable[[bytes, Path], Any]
    try:  # the current layout
        store = importlib.import_module("airoadmap.progress.store")
        reviews = importlib.import_module("airoadmap.domain.reviews")
        progress, layout, parse = models.Progress, "progress.store + tomli_w", store.parse
        if hasattr(models, "StoreContents"):  # records kept per hub: the synthetic vault's
            from bench.generate import HUB

            hubs = importlib.import_module("airoadmap.progress.hubs")
            progress = functools.partial(models.Progress, hub=HUB)
            parse = lambda data, path: hubs.view(store.parse(data, path), HUB)  # noqa: E731
    except ImportError:  # before the refactor: flat modules
        store = importlib.import_module("airoadmap.store")
        reviews = importlib.import_module("airoadmap.reviews")
        progress, layout, parse = store.Progress, "store + tomlwrite", store.parse
    return Api(
        layout=layout,
        where=str(Path(airoadmap.__file__).parent),
        progress=progress,
        record=models.Record,
        log_entry=models.LogEntry,
        status=models.Status,
        rating=models.Rating,
        first_card=reviews.first_card,
        render=store.render,
        parse=parse,
    )


def build(api: Api, records: int, seed: int = 0) -> Any:
    """A learner's progress with `records` topic records and a full log, the same every time."""
    rng = random.Random(seed)
    began = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
    done, learning = api.status.DONE, api.status.LEARNING
    topics: dict[str, Any] = {}
    for i in range(records):
        started = began + timedelta(minutes=47 * i)
        note = " ".join(rng.choices(WORDS, k=rng.randint(3, 12))) if rng.random() < 0.15 else None
        if rng.random() < 0.8:
            finished = started + timedelta(hours=rng.randint(1, 72), seconds=rng.randint(0, 59))
            topics[f"topic-{i}"] = api.record(
                status=done,
                started=started,
                finished=finished,
                note=note,
                card=api.first_card(finished),
            )
        else:
            topics[f"topic-{i}"] = api.record(status=learning, started=started, note=note)
    ids = list(topics)
    log = []
    at = began + timedelta(minutes=47 * records)
    for j in range(LOG_SIZE):
        at += timedelta(minutes=rng.randint(1, 600))
        roll = rng.random()
        if roll < 0.05:  # `done` on a map: several of its leaves
            first = rng.randrange(max(1, len(ids) - 5))
            touched = ids[first : first + 5]
            target, action = f"map-{first // 20}", "done"
            before = {
                t: api.record(status=learning, started=at - timedelta(days=3)) for t in touched
            }
            rating = None
        else:
            topic = ids[(j * 7) % len(ids)]
            touched, target = [topic], topic
            if roll < 0.45:
                action, before, rating = "start", {topic: api.record()}, None
            elif roll < 0.9:
                old = api.record(status=learning, started=at - timedelta(days=2))
                action, before, rating = "done", {topic: old}, None
            else:
                old = api.record(
                    status=done,
                    started=at - timedelta(days=40),
                    finished=at - timedelta(days=30),
                    card=api.first_card(at - timedelta(days=30)),
                )
                action, before, rating = "review", {topic: old}, api.rating.GOOD
        log.append(
            api.log_entry(
                at=at,
                action=action,
                targets=[target],  # a list: the old layout keeps lists, the new one tuples
                topics=list(touched),
                before=before,
                rating=rating,
            )
        )
    return api.progress(learner="bench", topics=topics, log=log)


@dataclass
class Row:
    records: int
    render_ms: float
    render_min_ms: float
    render_max_ms: float
    parse_ms: float
    parse_min_ms: float
    parse_max_ms: float
    kib: float
    sha256: str


def _time(call: Callable[[], object], runs: int) -> list[float]:
    """Milliseconds of `runs` calls, after one warm-up call (imports, caches)."""
    call()
    times = []
    for _ in range(runs):
        gc.collect()
        began = time.perf_counter()
        call()
        times.append((time.perf_counter() - began) * 1000)
    return times


def measure(api: Api, records: int, runs: int) -> Row:
    progress = build(api, records)
    text = api.render(progress)
    data = text.encode()
    path = Path("bench.toml")
    again = api.render(api.parse(data, path))
    if again != text:
        raise SystemExit(f"{records} records: the store does not survive parse and render")
    render = _time(lambda: api.render(progress), runs)
    parse = _time(lambda: api.parse(data, path), runs)
    return Row(
        records=records,
        render_ms=statistics.median(render),
        render_min_ms=min(render),
        render_max_ms=max(render),
        parse_ms=statistics.median(parse),
        parse_min_ms=min(parse),
        parse_max_ms=max(parse),
        kib=len(data) / 1024,
        sha256=hashlib.sha256(data).hexdigest()[:12],
    )


# --- whole processes ---------------------------------------------------------------------------


@dataclass
class ProcessRow:
    records: int
    command: str
    median_ms: float
    min_ms: float
    max_ms: float


def _run(argv: list[str], env: dict[str, str]) -> float:
    began = time.perf_counter()
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - began
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.strip()}")
    return seconds * 1000


def measure_processes(api: Api, records: int, runs: int, workdir: Path) -> list[ProcessRow]:
    """`done` on a topic without a record, then `undo`: warm, median of `runs` rounds."""
    from bench.generate import write_curriculum

    root, home = workdir / f"vault-{records}", workdir / f"home-{records}"
    ids = write_curriculum(root, records + 20)
    store = home / "learners" / "bench.toml"
    store.parent.mkdir(parents=True)
    store.write_text(api.render(build(api, records)), encoding="utf-8")
    env = {
        **os.environ,
        "AIROADMAP_HOME": str(home),
        "AIROADMAP_CURRICULUM": str(root),
        "AIROADMAP_LEARNER": "bench",
        "NO_COLOR": "1",
    }
    python = [sys.executable, "-m", "airoadmap"]
    child = subprocess.run(
        [sys.executable, "-c", "import airoadmap; print(airoadmap.__file__)"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    if not child.startswith(api.where):
        raise SystemExit(f"the processes would run {child}, not {api.where}")
    topic = ids[records + 10]  # no record yet: `done` changes it, `undo` takes it back
    times: dict[str, list[float]] = {"done": [], "undo": []}
    for round_ in range(runs + 1):  # the first round fills the caches
        done_ms = _run([*python, "done", topic], env)
        undo_ms = _run([*python, "undo"], env)
        if round_:
            times["done"].append(done_ms)
            times["undo"].append(undo_ms)
    return [
        ProcessRow(records, command, statistics.median(ms), min(ms), max(ms))
        for command, ms in times.items()
    ]


# --- output ------------------------------------------------------------------------------------


def table(rows: list[Row]) -> str:
    lines = [
        f"{'records':>8} {'render ms':>10} {'(min-max)':>14} {'parse ms':>9} {'(min-max)':>14} "
        f"{'KiB':>8}  sha256"
    ]
    for r in rows:
        render = f"{r.render_min_ms:.1f}-{r.render_max_ms:.1f}"
        parse = f"{r.parse_min_ms:.1f}-{r.parse_max_ms:.1f}"
        lines.append(
            f"{r.records:>8,} {r.render_ms:>10.1f} {render:>14} {r.parse_ms:>9.1f} {parse:>14} "
            f"{r.kib:>8.1f}  {r.sha256}"
        )
    return "\n".join(lines)


def process_table(rows: list[ProcessRow]) -> str:
    lines = [f"{'records':>8} {'command':<8} {'median ms':>10} {'(min-max)':>12}"]
    for r in rows:
        spread = f"{r.min_ms:.0f}-{r.max_ms:.0f}"
        lines.append(f"{r.records:>8,} {r.command:<8} {r.median_ms:>10.0f} {spread:>12}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time rendering and parsing a store.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 2000, 10000])
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--processes", action="store_true", help="also time `done` and `undo`")
    parser.add_argument("--process-runs", type=int, default=5)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    api = load_api()
    print(f"airoadmap from {api.where} ({api.layout}); python {sys.version.split()[0]}")
    rows = []
    for size in args.sizes:
        rows.append(measure(api, size, args.runs))
        print(f"  {size:,} records measured", file=sys.stderr, flush=True)
    print(f"\nrender and parse, median of {args.runs} runs:")
    print(table(rows))
    process_rows: list[ProcessRow] = []
    if args.processes:
        with tempfile.TemporaryDirectory(prefix="airoadmap-store-write-") as tmp:
            for size in args.sizes:
                process_rows.extend(measure_processes(api, size, args.process_runs, Path(tmp)))
                print(f"  {size:,} records: processes timed", file=sys.stderr, flush=True)
        print(f"\nwhole processes (warm), median of {args.process_runs} runs:")
        print(process_table(process_rows))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        document = {
            "airoadmap": api.where,
            "layout": api.layout,
            "python": sys.version.split()[0],
            "runs": args.runs,
            "rows": [asdict(r) for r in rows],
            "processes": [asdict(r) for r in process_rows],
        }
        args.json.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
