"""Time `next` on a big Obsidian vault whose map-of-content curriculum reaches few of its notes.

    python -m bench.moc                            # 20,000 notes, 7 runs of each
    python -m bench.moc --notes 50000 --runs 11 --json bench/out/moc.json --check

Writes (into a temporary folder) a vault of `--notes` notes: a plain hub note `AI Engineer` in
the shape people write (list labels, headings, tabs, summaries after the links) linking 14 map
notes with no frontmatter, which link 135 topic notes (with frontmatter, Dataview inline fields or
nothing) and 6 topics not written yet: 150 notes reached from the hub. The rest are what a vault
holds beside a roadmap: daily notes, clippings (one of 2 MB), projects, an archive of old MOC
notes tagged `MOC` that link the curriculum's topics, some with broken YAML, one not UTF-8.

Times whole processes (`python -m airoadmap next -c VAULT --hub "AI Engineer"`), each a median of
`--runs` runs after a warm-up run:
- cold: airoadmap's caches emptied before each run (the operating system's file cache stays warm,
  as it is for a learner who has just edited a note);
- warm: the caches filled by the run before;
- bundled: warm `next` on the bundled roadmap, run right before each warm run on the vault, so
  that drift on a shared machine cancels out of the ratio.
Targets (issue 13): cold <= 1.0 s, warm <= 1.3 x bundled. Prints a table; `--check` exits 1 when
a target is missed, `--json FILE` also writes the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path

from bench.timing import run_once

HUB = "AI Engineer"
COLD_TARGET_S = 1.0
WARM_TARGET_RATIO = 1.3
AREAS: dict[str, list[str]] = {  # the bundled roadmap's maps, as a learner would group them
    "Foundations": [
        "Mathematics for AI",
        "Programming Foundations for AI",
        "Computer Science Foundations for AI",
    ],
    "Data + Systems": [
        "Data Foundations for AI",
        "Data Engineering for AI",
        "Systems Design for AI",
    ],
    "Production / Deployment": ["MLOps", "Cloud for AI"],
    "Applied Domains": [
        "NLP Systems",
        "Vision Systems",
        "Generative AI Systems",
        "Reinforcement Learning Systems",
    ],
    "Model Lifecycle & Runtime Systems": [
        "Model Lifecycle for AI Systems",
        "Inference & Serving Systems",
    ],
}
MAPS = [m for maps in AREAS.values() for m in maps]
TOPICS = 135  # written topic notes: with the hub and the 14 maps, 150 notes reached
UNWRITTEN = 6  # links to topics with no note yet
# fmt: off
WORDS = (
    "model", "data", "system", "vector", "graph", "signal", "tensor", "pipeline", "latency",
    "cache", "stream", "batch", "feature", "label", "metric", "drift", "query", "index",
    "token", "shard", "replica", "cluster", "policy", "reward", "kernel", "gradient", "matrix",
)
# fmt: on


@dataclass
class Timing:
    case: str
    runs: int
    median_ms: float
    min_ms: float
    max_ms: float
    peak_mib: float


# --- the vault ------------------------------------------------------------------------------------


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _write(path: Path, text: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")


def _hub_note() -> str:
    """The hub as the issue shows it: labels inside a label, tabs and spaces, a `---` rule, the
    last area under a numbered heading, a map listed twice."""
    lines = ["**Note Type:**", "#map", "", "**Links / Tags:**", "- **Relevance Links:**"]
    last = list(AREAS)[-1]
    for area, maps in AREAS.items():
        if area == last:
            continue
        lines.append(f"\t- {area}:")
        lines.extend(f"\t    - [[{m}]] — {m.lower()} in practice" for m in maps)
    lines += ["---", f"# {HUB}", f"## 2. {last}"]
    for m in AREAS[last]:
        lines += [f"- [[{m}]]", "\ttraining → validation → deployment → monitoring"]
    lines += ["## 4. Foundations (must-have)", f"- [[{MAPS[0]}]]", ""]
    return "\n".join(lines)


def _topic_note(rng: random.Random, title: str, earlier: list[str], others: list[str]) -> str:
    """A topic note: frontmatter, Dataview inline fields or nothing; a body that links notes
    outside the curriculum (a leaf's links are not followed)."""
    body = (
        f"# {title}\n\n{_words(rng, 60)}.\n\nSee [[{rng.choice(others)}]] and "
        f"[[Daily/2024/2024-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}]]. "
        f"![[{title} diagram.png]]\n\n## Notes\n\n{_words(rng, 120)}.\n"
    )
    style = rng.randrange(3)
    if style == 0:
        requires = f"requires: ['[[{rng.choice(earlier)}]]']\n" if earlier else ""
        return (
            f"---\naliases:\n- \ntags: [study, {rng.choice(WORDS)}]\nhours: {rng.randint(2, 30)}\n"
            f"{requires}summary: {_words(rng, 8)}\n---\n{body}"
        )
    if style == 1:
        requires = f"requires:: [[{rng.choice(earlier)}]]\n" if earlier else ""
        return f"hours:: {rng.randint(2, 30)}\n{requires}\n{body}"
    return body


def write_vault(root: Path, notes: int, seed: int = 0) -> int:
    """Write the vault; return how many notes the hub reaches (the hub included)."""
    rng = random.Random(seed)
    _write(root / f"{HUB}.md", _hub_note())
    per_map = [TOPICS // len(MAPS) + (i < TOPICS % len(MAPS)) for i in range(len(MAPS))]
    topics: list[list[str]] = []
    for m, count in enumerate(per_map):
        topics.append([f"{MAPS[m]} {_words(rng, 2).title()} {k + 1}" for k in range(count)])
    every = [t for ts in topics for t in ts]
    written = 1
    for m, (title, names) in enumerate(zip(MAPS, topics, strict=True)):
        unwritten = [f"{title} To Do {k + 1}" for k in range(UNWRITTEN) if k % len(MAPS) == m]
        lines = [f"#map\n# {title}\nBack to [[{HUB}]].\n", "- Core:"]
        for k, name in enumerate(names):
            if k == len(names) // 2:
                lines.append("- Further:")
            lines.append(f"\t- [[{name}]] — {_words(rng, 5)}")
        lines += [f"\t- [[{name}]]" for name in unwritten]
        lines.append(f"\n%% ideas: [[{title} Someday]] %%\n![[{title} overview.png]]\n")
        _write(root / "Maps" / f"{title}.md", "\n".join(lines))
        written += 1
        for k, name in enumerate(names):
            text = _topic_note(rng, name, names[:k], every)
            _write(root / "Topics" / title / f"{name}.md", text)
            written += 1
    reached = written
    filler = max(0, notes - written - 2)  # and, when there is room, a 2 MB clipping and latin-1
    day = date(2012, 1, 1)
    for i in range(filler):
        kind = i % 20
        if kind < 12:  # daily notes
            day += timedelta(days=1)
            text = (
                f"---\ndate: {day.isoformat()}\ntags: [daily]\nmood: {rng.randint(1, 5)}\n---\n"
                f"# {day:%A %d %B %Y}\n\n- Studied [[{rng.choice(every)}]]\n- {_words(rng, 40)}\n"
            )
            path = root / "Daily" / str(day.year) / f"{day.isoformat()}.md"
        elif kind < 17:  # clippings
            text = (
                f'---\ntitle: "Clipping {i}"\nsource: https://example.org/{i}\ntags:\n  - '
                f'"clippings"\n---\n{_words(rng, 600)}\n'
            )
            path = root / "Clippings" / str(i // 1000) / f"Clipping {i}.md"
        elif kind < 19:  # projects
            text = f"# Project {i}\n\nstatus:: active\n\n{_words(rng, 150)}\n"
            path = root / "Projects" / f"Project {i}.md"
        else:  # an archive of old MOCs, every other one with broken YAML
            broken = "title: [unclosed\n" if i % 40 == 19 else ""
            links = "\n".join(f"- [[{rng.choice(every)}]]" for _ in range(10))
            text = f"---\n{broken}tags: [MOC]\n---\n{links}\n"
            path = root / "Archive" / f"🗂️ Old index {i}.md"
        _write(path, text)
    if filler:
        _write(root / "Clippings" / "Big clipping.md", f"{_words(rng, 12)}\n" * 30_000)
        _write(root / "Clippings" / "latin1.md", b"---\ntitle: caf\xe9\n---\n")
    return reached


# --- timing ---------------------------------------------------------------------------------------


def measure(
    cases: dict[str, list[str]],
    env: dict[str, str],
    runs: int,
    before: Callable[[], None] | None = None,
) -> list[Timing]:
    """Time the cases' commands in turn, round after round (a warm-up round first)."""
    times: dict[str, list[float]] = {case: [] for case in cases}
    peaks: dict[str, list[float]] = {case: [] for case in cases}
    for round_ in range(runs + 1):
        for case, argv in cases.items():
            if before is not None:
                before()
            seconds, peak = run_once(argv, env)
            if round_:
                times[case].append(seconds * 1000)
                peaks[case].append(peak)
    return [
        Timing(c, runs, statistics.median(t), min(t), max(t), max(peaks[c]))
        for c, t in times.items()
    ]


def check_tree(python: list[str], vault: Path, env: dict[str, str]) -> tuple[int, int]:
    """(maps, leaf topics) of the vault's tree: the benchmark times the curriculum it means to."""
    argv = [*python, "tree", "-c", str(vault), "--hub", HUB, "--json"]
    done = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {done.returncode}: {done.stderr.strip()}")
    maps = leaves = 0
    stack = [json.loads(done.stdout)]
    while stack:
        node = stack.pop()
        maps += node["kind"] == "map"
        leaves += not node["children"]
        stack.extend(node["children"])
    return maps, leaves


def table(timings: list[Timing]) -> str:
    lines = [f"{'case':<32} {'runs':>4} {'median':>8} {'spread (min-max)':>18} {'peak MiB':>8}"]
    for t in timings:
        spread = f"{t.min_ms:.0f}-{t.max_ms:.0f}ms"
        lines.append(
            f"{t.case:<32} {t.runs:>4} {t.median_ms:>6.0f}ms {spread:>18} {t.peak_mib:>8.0f}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time `next` on a big map-of-content vault.")
    parser.add_argument("--notes", type=int, default=20_000, help="notes in the vault")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--workdir", type=Path, help="keep the vault here [a temporary folder]")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="airoadmap-moc-") as tmp:
        work = args.workdir or Path(tmp)
        vault = work / "vault"
        shutil.rmtree(vault, ignore_errors=True)
        reached = write_vault(vault, args.notes)
        written = sum(1 for _ in vault.rglob("*.md"))
        print(
            f"vault: {written:,} notes, {reached} reached from the hub "
            f"({time.perf_counter() - began:.1f} s to write)",
            file=sys.stderr,
        )
        home = work / "home"
        shutil.rmtree(home, ignore_errors=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("AIROADMAP_")}
        env |= {
            "AIROADMAP_HOME": str(home),
            "AIROADMAP_LEARNER": "bench",
            "XDG_DATA_HOME": str(work / "xdg-data"),
            "XDG_CACHE_HOME": str(work / "xdg-cache"),
            "XDG_CONFIG_HOME": str(work / "xdg-config"),  # no `airoadmap use` of the user's
            "NO_COLOR": "1",
        }
        python = [sys.executable, "-m", "airoadmap"]
        maps, leaves = check_tree(python, vault, env)
        if (maps, leaves) != (len(MAPS), TOPICS + UNWRITTEN):
            raise SystemExit(f"the tree has {maps} maps and {leaves} leaves, not 14 and 141")

        def forget() -> None:
            for cache in (home / "cache", work / "xdg-cache"):
                shutil.rmtree(cache, ignore_errors=True)

        moc = [*python, "next", "-c", str(vault), "--hub", HUB]
        cold = measure({"vault next (cold)": moc}, env, args.runs, before=forget)
        bundled_next = [*python, "next"]
        warm = measure(
            {"bundled next (warm)": bundled_next, "vault next (warm)": moc}, env, args.runs
        )
    timings = [*warm, *cold]
    bundled, warm_moc, cold_moc = (t.median_ms for t in timings)
    ratio = warm_moc / bundled
    print(table(timings))
    cold_ok = cold_moc <= COLD_TARGET_S * 1000
    warm_ok = ratio <= WARM_TARGET_RATIO
    print(
        f"\ncold {cold_moc / 1000:.2f} s (target <= {COLD_TARGET_S:.1f} s: "
        f"{'met' if cold_ok else 'MISSED'}); warm / bundled {ratio:.2f} "
        f"(target <= {WARM_TARGET_RATIO:.1f}: {'met' if warm_ok else 'MISSED'})"
    )
    print(
        f"{written:,} notes, {reached} reached; {time.perf_counter() - began:.0f} s; "
        f"python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        figures = {
            "notes": written,
            "reached": reached,
            "timings": [asdict(t) for t in timings],
            "warm_over_bundled": ratio,
            "targets": {"cold_s": COLD_TARGET_S, "warm_over_bundled": WARM_TARGET_RATIO},
            "python": sys.version.split()[0],
            "cores": os.cpu_count(),
        }
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"JSON: {args.json}")
    return 1 if args.check and not (cold_ok and warm_ok) else 0


if __name__ == "__main__":
    raise SystemExit(main())
