"""Time airoadmap's start-up: whole processes on the bundled roadmap, against Python's own.

    python -m bench.startup                      # 15 runs of each
    python -m bench.startup --runs 31 --json bench/out/startup.json --check
    python -m bench.startup --profile "show linear-algebra"   # where one command's time goes
    python -m bench.startup --profile=--version

Each command is a whole process, `python -m airoadmap ...`, as a learner runs it: `--version`,
`next`, `tree`, `show`, `done` (and the `undo` that takes it back) and `stats`, warm (the caches
filled by a warm-up round), output piped. Right before each timed run, `python -c pass` runs:
the floor, timed in the same round so that drift on a shared machine cancels out of the ratio.
Every figure is the median of `--runs` runs after the warm-up round; the ratio is the command's
median over its floor's median. Targets (issue 20): next, tree, show and stats <= 6x the
floor, done <= 8x, --version <= 3x.

The processes run with a temporary AIROADMAP_HOME and XDG folders (no `airoadmap use` of the
user's, nothing written to the user's folders) and keep their bytecode in a temporary
PYTHONPYCACHEPREFIX, so that a checkout being edited (or PYTHONDONTWRITEBYTECODE) does not
make every run compile the modules again: what is timed is what an installed airoadmap runs.

`--profile 'ARG...'` shows where the time of `airoadmap ARG...` goes, measured the same way, as
whole processes: one that only starts Python, then ones that import more and more of what the
command imports (Typer, the application, Rich, the rest), then the command itself; each stage
adds its imports' time, the last the command's own work. Below that, the slowest of the rest by
their own time under `python -X importtime` (which slows every import a little).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from airoadmap.models import BUNDLED_HUB
from bench import timing
from bench.generate import write_store

TOPIC = "linear-algebra"
FLOOR = [sys.executable, "-c", "pass"]
PYTHON = [sys.executable, "-m", "airoadmap"]
TARGETS = {"--version": 3.0, "next": 6.0, "tree": 6.0, "show": 6.0, "done": 8.0, "stats": 6.0}
# name: (the commands of a round, which of them is timed)
COMMANDS: dict[str, tuple[list[list[str]], int]] = {
    "--version": ([["--version"]], 0),
    "next": ([["next"]], 0),
    "tree": ([["tree"]], 0),
    "show": ([["show", TOPIC]], 0),
    "done": ([["done", TOPIC], ["undo"]], 0),
    "undo": ([["done", TOPIC], ["undo"]], 1),
    "stats": ([["stats"]], 0),
}


@dataclass
class Timing:
    command: str
    runs: int
    median_ms: float
    min_ms: float
    max_ms: float
    floor_ms: float
    ratio: float
    target: float | None

    @property
    def met(self) -> bool | None:
        return None if self.target is None else self.ratio <= self.target


def run_once(argv: list[str], env: dict[str, str]) -> float:
    """Milliseconds of one process, which must succeed."""
    return timing.run_once(argv, env)[0] * 1000


def measure(name: str, env: dict[str, str], runs: int) -> Timing:
    """The command's round (a warm-up round first), the floor right before its timed run."""
    argvs, timed = COMMANDS[name]
    times: list[float] = []
    floors: list[float] = []
    for round_ in range(runs + 1):
        for i, args in enumerate(argvs):
            if round_ and i == timed:
                floors.append(run_once(FLOOR, env))
            elapsed = run_once([*PYTHON, *args], env)
            if round_ and i == timed:
                times.append(elapsed)
    median, floor = statistics.median(times), statistics.median(floors)
    return Timing(
        name, runs, median, min(times), max(times), floor, median / floor, TARGETS.get(name)
    )


def environment(work: Path) -> dict[str, str]:
    """A contained environment: a temporary home with a store, XDG folders, bytecode cache."""
    home = work / "home"
    write_store(home, [TOPIC, "probability", "python"], done=0.67, hub=BUNDLED_HUB)
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIROADMAP_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env |= {
        "AIROADMAP_HOME": str(home),
        "AIROADMAP_LEARNER": "bench",
        "XDG_DATA_HOME": str(work / "xdg-data"),
        "XDG_CACHE_HOME": str(work / "xdg-cache"),
        "XDG_CONFIG_HOME": str(work / "xdg-config"),
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
        "NO_COLOR": "1",
    }
    # `undo` needs something to revert: start where the topic is todo.
    run_once([*PYTHON, "reset", TOPIC, "--yes"], env)
    return env


def table(timings: list[Timing]) -> str:
    lines = [
        f"{'command':<10} {'runs':>4} {'median':>8} {'spread (min-max)':>17} {'floor':>7} "
        f"{'x floor':>8} {'target':>7}  met"
    ]
    for t in timings:
        spread = f"{t.min_ms:.0f}-{t.max_ms:.0f}ms"
        target = f"<= {t.target:g}" if t.target is not None else "–"
        met = {None: "", True: "yes", False: "NO"}[t.met]
        lines.append(
            f"{t.command:<10} {t.runs:>4} {t.median_ms:>6.0f}ms {spread:>17} "
            f"{t.floor_ms:>5.1f}ms {t.ratio:>8.2f} {target:>7}  {met}".rstrip()
        )
    return "\n".join(lines)


# --- where the time goes --------------------------------------------------------------------

_IMPORT = re.compile(r"import time:\s+(\d+) \|\s+\d+ \| (\s*)(\S+)")


def _imports(argv: list[str], env: dict[str, str]) -> list[tuple[str, int, float]]:
    """(module, depth, own ms) of each import of the Python process `argv` (less the
    interpreter), in the order they end."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", *argv],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    found = (_IMPORT.match(line) for line in done.stderr.splitlines())
    return [(m[3], len(m[2]) // 2, int(m[1]) / 1000) for m in found if m]


def _importing(modules: list[str]) -> list[str]:
    """A process that imports `modules` in turn, with the garbage collector off as airoadmap
    runs (a module that cannot be imported alone, as a platform's module tried and given up,
    is passed over)."""
    lines = ["import gc", "gc.disable()", f"for name in {modules!r}:"]
    lines += ["    try:", "        __import__(name)", "    except Exception:", "        pass"]
    return [sys.executable, "-c", "\n".join(lines)]


def profile(args: list[str], env: dict[str, str], runs: int) -> str:
    """Where the time of `airoadmap ARGS` goes, as whole processes that do more and more of
    what it does, each the median of `runs` (timed in turn, round by round): the interpreter,
    `-m`, Typer, the application, Rich, the command's other imports, and then its work. Below,
    the slowest of those other imports by their own time under `-X importtime`."""
    imports = _imports(["-m", "airoadmap", *args], env)
    floor_modules = {m for m, _, _ in _imports(["-c", "pass"], env)}
    top = [m for m, depth, _ in imports if depth == 0 and m not in floor_modules]
    stages: list[tuple[str, list[str]]] = [("python -c pass", [])]
    steps = [
        ("+ python -m (runpy)", ["runpy"]),
        ("+ typer", ["typer"]),
        ("+ the application (cli.app)", ["airoadmap.cli", "airoadmap.cli.app"]),
        ("+ rich.text", ["rich.text"]),
        ("+ rich.console", ["rich.console"]),
    ]
    every = {m for m, _, _ in imports}
    loaded: list[str] = []
    for label, modules in steps:
        if all(m in every for m in modules):
            loaded += modules
            stages.append((label, list(loaded)))
    stages.append(("+ the command's other imports", loaded + top))
    argvs = [_importing(modules) if modules else FLOOR for _, modules in stages]
    argvs.append([*PYTHON, *args])
    times: list[list[float]] = [[] for _ in argvs]
    for round_ in range(runs + 1):
        for i, argv in enumerate(argvs):
            elapsed = run_once(argv, env)
            if round_:
                times[i].append(elapsed)
    medians = [statistics.median(t) for t in times]
    floor = medians[0]
    labels = [label for label, _ in stages] + ["+ its work, to the end (the whole command)"]
    lines = [
        f"airoadmap {' '.join(args)}: {medians[-1]:.0f}ms, {medians[-1] / floor:.2f}x the "
        f"floor ({floor:.1f}ms); medians of {runs} processes",
        "",
        f"{'stage':<44} {'process':>8} {'adds':>7} {'x floor':>8}",
    ]
    before = 0.0
    for label, median in zip(labels, medians, strict=True):
        adds = median - before if before else median
        lines.append(f"{label:<44} {median:>6.1f}ms {adds:>5.1f}ms {adds / floor:>8.2f}")
        before = median
    covered = {m for m, _, _ in _imports(_importing(stages[-2][1])[1:], env)}
    own = {m: ms for m, _, ms in imports if m not in covered}
    lines += ["", f"{'the other imports, own time under -X importtime':<44} {'ms':>8}"]
    for module, ms in sorted(own.items(), key=lambda kv: -kv[1])[:15]:
        lines.append(f"{module:<44} {ms:>6.1f}ms")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time airoadmap's start-up.")
    parser.add_argument("--runs", type=int, default=15)
    names = {name.lstrip("-"): name for name in COMMANDS}  # `--only version next`
    parser.add_argument("--only", nargs="+", choices=list(names), help="only these commands")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    parser.add_argument(
        "--profile", metavar="'ARG...'", help="profile `airoadmap ARG...` instead (one string)"
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="airoadmap-startup-") as tmp:
        env = environment(Path(tmp))
        if args.profile:
            print(profile(shlex.split(args.profile), env, args.runs))
            return 0
        timings = []
        for name in [names[n] for n in args.only] if args.only else COMMANDS:
            timings.append(measure(name, env, args.runs))
            print(f"  {name:<10} done", file=sys.stderr, flush=True)
    print(table(timings))
    missed = [t.command for t in timings if t.met is False]
    print(
        f"\ntargets {'met' if not missed else 'MISSED: ' + ', '.join(missed)}; "
        f"{time.perf_counter() - began:.0f} s; python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = {
            "timings": [asdict(t) | {"met": t.met} for t in timings],
            "python": sys.version.split()[0],
            "cores": os.cpu_count(),
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"JSON: {args.json}")
    return 1 if args.check and missed else 0


if __name__ == "__main__":
    raise SystemExit(main())
