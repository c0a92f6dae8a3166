"""Time airoadmap's commands as whole processes, on the bundled roadmap and synthetic vaults.

    python bench/perf.py                          # bundled, 1,000, 10,000 and 50,000 topics
    python bench/perf.py --sizes bundled 1000 --runs 7 --json bench/out/perf.json

For each size: `next`, `tree`, `show`, `done` and `undo`, `stats`, `review` and `validate`, warm
(the caches filled by a warm-up run) and cold (the first run after the notes changed: the parse
cache is emptied before each run). Cold runs are timed for every command on the bundled roadmap,
and for `next` on the synthetic vaults: parsing is the whole of the difference, the same for
every command, and at 50,000 topics it takes long enough that `--cold-runs-big` (3) runs keep
the whole benchmark under ten minutes. Every figure is the median of `--runs` runs after a
warm-up, with the spread (min to max), the peak memory of the process (max RSS), and the ratio
to a baseline process that only imports airoadmap's runtime dependencies. For the bundled
roadmap's warm runs a baseline process runs right before each one, so that drift on a shared
machine cancels out of the ratio. Prints a table and writes JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from airoadmap.models import BUNDLED_HUB
from bench.generate import write_curriculum, write_store

BASELINE = "import typer, rich, pydantic, frontmatter, tomli_w, filelock, platformdirs"
COLD_ALL_UP_TO = 0  # only the bundled roadmap has every command timed cold


@dataclass
class Timing:
    size: str
    command: str
    mode: str
    runs: int
    median_ms: float
    min_ms: float
    max_ms: float
    peak_mib: float
    ratio: float | None = None


def run_once(argv: list[str], env: dict[str, str]) -> tuple[float, float, int]:
    """(seconds, peak MiB, exit code) of one process."""
    began = time.perf_counter()
    process = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - began
    process.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, process.returncode


def measure(
    size: str,
    name: str,
    mode: str,
    argvs: list[list[str]],
    env: dict[str, str],
    runs: int,
    before_each: object = None,
    timed: int = 0,
    paired_baseline: bool = False,
) -> Timing:
    """Run the commands of `argvs` in turn, a warm-up round first; time the one at `timed`.
    Every command must succeed: a benchmark of an error path would measure the wrong thing.

    With `paired_baseline`, a baseline process runs right before each timed run and the ratio
    is of the two medians: on a shared machine the baseline itself drifts by a third."""
    times: list[float] = []
    peaks: list[float] = []
    baselines: list[float] = []
    for round_ in range(runs + 1):
        for i, argv in enumerate(argvs):
            if callable(before_each) and i == timed:
                before_each()
            if paired_baseline and round_ and i == timed:
                baselines.append(run_once([sys.executable, "-c", BASELINE], env)[0] * 1000)
            seconds, peak, code = run_once(argv, env)
            if code != 0:
                raise SystemExit(f"{' '.join(argv)} exited {code}")
            if round_ and i == timed:
                times.append(seconds * 1000)
                peaks.append(peak)
    timing = Timing(
        size, name, mode, runs, statistics.median(times), min(times), max(times), max(peaks)
    )
    if baselines:
        timing.ratio = timing.median_ms / statistics.median(baselines)
    return timing


def bench_size(size: str, workdir: Path, runs: int, cold_runs_big: int) -> list[Timing]:
    home = workdir / f"home-{size}"
    shutil.rmtree(home, ignore_errors=True)
    env = {**os.environ, "AIROADMAP_HOME": str(home), "AIROADMAP_LEARNER": "bench", "NO_COLOR": "1"}
    if size == "bundled":
        env.pop("AIROADMAP_CURRICULUM", None)
        topic = "linear-algebra"
        store_topics = ["linear-algebra", "probability", "python"]
        home.mkdir(parents=True)
        write_store(home, store_topics, done=0.67, hub=BUNDLED_HUB)
    else:
        root = workdir / f"vault-{size}"
        if not root.exists():
            ids = write_curriculum(root, int(size))
        else:
            ids = [f"topic-{i}" for i in range(int(size))]
        write_store(home, ids, done=0.9)  # a record for every topic
        env["AIROADMAP_CURRICULUM"] = str(root)
        topic = ids[len(ids) // 2]
    python = [sys.executable, "-m", "airoadmap"]
    commands: dict[str, list[list[str]]] = {
        "next": [[*python, "next"]],
        "tree": [[*python, "tree"]],
        "show": [[*python, "show", topic]],
        "done": [[*python, "done", topic], [*python, "undo"]],
        "undo": [[*python, "done", topic], [*python, "undo"]],
        "stats": [[*python, "stats"]],
        "review": [[*python, "review"]],
        "validate": [[*python, "validate"]],
    }
    # Make sure `undo` has something to revert: start from a state where the topic is todo.
    subprocess.run(
        [*python, "reset", topic, "--yes"], env=env, stdout=subprocess.DEVNULL, check=False
    )
    caches = home / "cache" / "curricula"

    def forget_notes() -> None:
        shutil.rmtree(caches, ignore_errors=True)

    results: list[Timing] = []
    for name, argvs in commands.items():
        timed = 1 if name == "undo" else 0
        small = size == "bundled"
        results.append(
            measure(size, name, "warm", argvs, env, runs, timed=timed, paired_baseline=small)
        )
        if small or name == "next":
            cold_runs = runs if small or int(size) <= 10_000 else cold_runs_big
            results.append(
                measure(size, name, "cold", argvs, env, cold_runs, forget_notes, timed=timed)
            )
        print(f"  {size:>7} {name:<8} done", file=sys.stderr, flush=True)
    return results


def baseline(runs: int) -> Timing:
    env = dict(os.environ)
    return measure(
        "-", "baseline: import the dependencies", "-", [[sys.executable, "-c", BASELINE]], env, runs
    )


def table(timings: list[Timing], base: Timing) -> str:
    lines = [
        f"{'topics':>7}  {'command':<8} {'mode':<5} {'median':>8} {'spread (min-max)':>18} "
        f"{'x baseline':>10} {'peak MiB':>8}",
    ]
    base_spread = f"{base.min_ms:.0f}-{base.max_ms:.0f}ms"
    lines.append(
        f"{'':>7}  {'baseline':<8} {'':<5} {base.median_ms:>6.0f}ms "
        f"{base_spread:>18} {1:>10.2f} {base.peak_mib:>8.0f}"
    )
    for t in timings:
        spread = f"{t.min_ms:.0f}-{t.max_ms:.0f}ms"
        lines.append(
            f"{t.size:>7}  {t.command:<8} {t.mode:<5} {t.median_ms:>6.0f}ms "
            f"{spread:>18} {t.ratio or 0:>10.2f} {t.peak_mib:>8.0f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time airoadmap's commands.")
    parser.add_argument("--sizes", nargs="+", default=["bundled", "1000", "10000", "50000"])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--cold-runs-big",
        type=int,
        default=3,
        help="cold runs of `next` above 10,000 topics (each parses everything)",
    )
    parser.add_argument("--json", type=Path, default=Path("bench/out/perf.json"))
    parser.add_argument("--workdir", type=Path)
    args = parser.parse_args(argv)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="airoadmap-perf-") as tmp:
        workdir = args.workdir or Path(tmp)
        base = baseline(args.runs)
        timings: list[Timing] = []
        for size in args.sizes:
            timings.extend(bench_size(size, workdir, args.runs, args.cold_runs_big))
    for t in timings:
        if t.ratio is None:
            t.ratio = t.median_ms / base.median_ms
    print(table(timings, base))
    elapsed = time.perf_counter() - began
    print(
        f"\n{len(timings)} measurements in {elapsed:.0f} s; python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores"
    )
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(
        json.dumps(
            {
                "baseline": asdict(base),
                "timings": [asdict(t) for t in timings],
                "seconds": elapsed,
                "python": sys.version.split()[0],
                "cores": os.cpu_count(),
            },
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"JSON: {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
