"""Time `airoadmap ui`'s start-up on the bundled roadmap, and check that it costs the other
commands nothing.

    python -m bench.ui                   # 10 runs of each
    python -m bench.ui --runs 21 --json bench/out/ui.json
    python -m bench.ui --no-others       # the app alone
    python -m bench.ui --base 2a875f6    # the others against the commit before `ui` existed

**The app**: `python -m airoadmap ui` runs in a real pseudo-terminal of 100x30, as a learner
starts it; the figure is the time from starting the process to the first whole screen painted
(the footer, drawn last, has reached the terminal) — the app is then usable: keys are read. Then
`d` is sent and timed until the store holds the change (a key's round trip through the app and
the store), `u` takes it back and `q` quits (which must exit 0). Median of `--runs`, after one
warm-up run (the caches filled); the target (issue 19) is under 1 s.

**The others**: `next`, `done` and `--help` (which lists every command, importing each one's
module, `ui`'s too) timed as bench/startup.py times them, as whole processes, once with this
checkout's `src/` and once with the `src/` of a git revision, `--base` (default HEAD; exported
with `git archive` to a temporary folder: nothing in the repository changes), turn about, so
the two are compared in the same conditions. Without git or that revision, only this checkout
is timed; a command that fails in one of them is shown as "failed".

Everything runs with a temporary AIROADMAP_HOME and XDG folders.
"""

from __future__ import annotations

import argparse
import fcntl
import json
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tarfile
import tempfile
import termios
import time
import tomllib
from io import BytesIO
from pathlib import Path

from bench import timing

ROOT = Path(__file__).resolve().parents[1]
SIZE = (100, 30)
PAINTED = b"quit"  # the footer's last word: the first screen is whole
TARGET_MS = 1000.0
OTHERS = [["next"], ["done", "python"], ["--help"]]


def environment(work: Path, src: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AIROADMAP_")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env |= {
        "AIROADMAP_HOME": str(work / "home"),
        "AIROADMAP_LEARNER": "bench",
        "XDG_DATA_HOME": str(work / "xdg-data"),
        "XDG_CACHE_HOME": str(work / "xdg-cache"),
        "XDG_CONFIG_HOME": str(work / "xdg-config"),
        "PYTHONPYCACHEPREFIX": str(work / "pycache"),
        "PYTHONPATH": str(src),
        "TERM": "xterm-256color",
        "COLUMNS": str(SIZE[0]),
        "LINES": str(SIZE[1]),
    }
    env.pop("NO_COLOR", None)
    return env


def _read_until(fd: int, wanted: bytes, seconds: float) -> bool:
    """Read the terminal's output until `wanted` shows (True) or `seconds` pass (False)."""
    deadline = time.perf_counter() + seconds
    seen = b""
    while (left := deadline - time.perf_counter()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            break
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # the process is gone
            return False
        if not chunk:
            return False
        seen = seen[-len(wanted) :] + chunk
        if wanted in seen:
            return True
    return False


def _drain(fd: int) -> None:
    while select.select([fd], [], [], 0)[0]:
        try:
            if not os.read(fd, 65536):
                return
        except OSError:
            return


def _stored(home: Path) -> str | None:
    path = home / "learners" / "bench.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    record = data.get("hubs", {}).get("ai-engineer", {}).get("topics", {}).get("python", {})
    status: str | None = record.get("status")
    return status


def _wait_for(check: object, seconds: float) -> float | None:
    began = time.perf_counter()
    while time.perf_counter() - began < seconds:
        if callable(check) and check():
            return (time.perf_counter() - began) * 1000
        time.sleep(0.002)
    return None


def run_app(env: dict[str, str]) -> tuple[float, float]:
    """(ms to the first screen, ms of `d`'s round trip to the store) of one `airoadmap ui`."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", SIZE[1], SIZE[0], 0, 0))
    home = Path(env["AIROADMAP_HOME"])
    began = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "airoadmap", "ui"],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    try:
        if not _read_until(master, PAINTED, 30):
            raise SystemExit("airoadmap ui did not paint its screen within 30 s")
        painted = (time.perf_counter() - began) * 1000
        _drain(master)
        os.write(master, b"d")
        round_trip = _wait_for(lambda: _stored(home) == "done", 10)
        if round_trip is None:
            raise SystemExit("`d` did not reach the store within 10 s")
        os.write(master, b"u")
        if _wait_for(lambda: _stored(home) is None, 10) is None:
            raise SystemExit("`u` did not undo within 10 s")
        os.write(master, b"q")
        deadline = time.perf_counter() + 10
        while process.poll() is None and time.perf_counter() < deadline:
            _drain(master)
            time.sleep(0.01)
        if process.returncode != 0:
            raise SystemExit(f"airoadmap ui exited {process.returncode} after q")
        return painted, round_trip
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        os.close(master)


def _base_src(work: Path, base: str) -> Path | None:
    """The src/ (and curriculum/) of git revision `base`, exported into `work`; None without
    git or that revision."""
    if shutil.which("git") is None:
        return None
    done = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", base, "src", "curriculum"],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        return None
    folder = work / "base"
    with tarfile.open(fileobj=BytesIO(done.stdout)) as archive:
        archive.extractall(folder, filter="data")
    return folder / "src"


def _time(args: list[str], env: dict[str, str]) -> float | None:
    """Seconds of `airoadmap ARGS`, or None when it fails."""
    try:
        return timing.run_once([sys.executable, "-m", "airoadmap", *args], env)[0]
    except SystemExit:
        return None


def others(work: Path, runs: int, base: str) -> list[dict[str, object]]:
    """The median ms of each other command with this checkout's src/ and with `base`'s."""
    sources = {"this checkout": ROOT / "src"}
    before = _base_src(work, base)
    if before is not None:
        sources[f"git {base}"] = before
    envs = {name: environment(work / name.replace(" ", "-"), src) for name, src in sources.items()}
    rows: list[dict[str, object]] = []
    for args in OTHERS:
        times: dict[str, list[float] | None] = {name: [] for name in sources}
        for round_ in range(runs + 1):
            for name, env in envs.items():
                collected = times[name]
                if collected is None:
                    continue
                elapsed = _time(args, env)
                if args[0] == "done":  # back as it was, for the next round
                    _time(["undo"], env)
                if elapsed is None:
                    times[name] = None
                elif round_:
                    collected.append(elapsed * 1000)
        rows.append(
            {"command": " ".join(args)}
            | {name: statistics.median(t) if t else None for name, t in times.items()}
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time airoadmap ui's start-up.")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--no-others", action="store_true", help="time the app alone")
    parser.add_argument(
        "--base", default="HEAD", help="the git revision to compare the others with (HEAD)"
    )
    args = parser.parse_args(argv)
    began = time.perf_counter()
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory(prefix="airoadmap-bench-ui-") as tmp:
        work = Path(tmp)
        env = environment(work / "app", ROOT / "src")
        painted: list[float] = []
        trips: list[float] = []
        for round_ in range(args.runs + 1):
            first, trip = run_app(env)
            if round_:
                painted.append(first)
                trips.append(trip)
        median = statistics.median(painted)
        print(f"airoadmap ui at {SIZE[0]}x{SIZE[1]}, bundled roadmap, {args.runs} runs (warm):")
        print(
            f"  first screen painted  median {median:.0f} ms "
            f"(min {min(painted):.0f}, max {max(painted):.0f}); target < {TARGET_MS:.0f} ms: "
            f"{'met' if median < TARGET_MS else 'MISSED'}"
        )
        print(f"  d to the store        median {statistics.median(trips):.0f} ms")
        figures["ui"] = {
            "runs": args.runs,
            "painted_ms": painted,
            "median_painted_ms": median,
            "median_done_round_trip_ms": statistics.median(trips),
            "target_ms": TARGET_MS,
        }
        if not args.no_others:
            rows = others(work, args.runs, args.base)
            names = [k for k in rows[0] if k != "command"]
            print(f"\nother commands' start-up, median of {args.runs} processes (ms):")
            print(f"  {'command':<12}" + "".join(f"{n:>16}" for n in names))
            for row in rows:
                cells = "".join(
                    f"{row[n]:>14.0f}ms" if row[n] is not None else f"{'failed':>16}" for n in names
                )
                print(f"  {row['command']:<12}{cells}")
            figures["others_ms"] = rows
    print(
        f"\n{time.perf_counter() - began:.0f} s; python {sys.version.split()[0]}, "
        f"{os.cpu_count()} cores"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"JSON: {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
