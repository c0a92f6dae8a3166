"""Synthetic curricula in the real note format, and learner stores, at any size.

    python bench/generate.py DIR --topics 10000 [--done 0.5] [--home HOME] [--seed 0]

Writes a hub, areas, maps and topics (about 20 topics a map, 10 maps an area) with realistic
frontmatter (aliases, hours, tags, summary, outcomes, resources) and bodies, and a random acyclic
`requires` graph (each topic may require up to three earlier topics). With `--home`, also writes
the learner `bench`'s store with the given share of topics done (plus a few in progress).
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path

import tomli_w

from airoadmap.domain.reviews import first_card
from airoadmap.plain import document

TOPICS_PER_MAP = 20
MAPS_PER_AREA = 10
HUB = "hub"  # the synthetic curriculum's hub id, which its learners' records are kept under
# fmt: off
WORDS = (
    "model", "data", "system", "vector", "graph", "signal", "tensor", "pipeline", "latency",
    "cache", "stream", "batch", "feature", "label", "metric", "drift", "query", "index",
    "token", "shard", "replica", "cluster", "policy", "reward", "kernel", "gradient", "matrix",
    "sample",
)
# fmt: on


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _q(text: str) -> str:
    return json.dumps(text)


def write_curriculum(root: Path, topics: int, seed: int = 0) -> list[str]:
    """Write a curriculum of `topics` leaf topics under `root`; return their ids in order."""
    rng = random.Random(seed)
    root.mkdir(parents=True, exist_ok=True)
    (root / "Hub.md").write_text(
        f"---\nid: {HUB}\ntitle: Synthetic Roadmap\nkind: hub\n---\n# Synthetic Roadmap\n\n"
        "A generated curriculum for benchmarks.\n",
        encoding="utf-8",
    )
    maps = -(-topics // TOPICS_PER_MAP)
    ids: list[str] = []
    for m in range(maps):
        area = m // MAPS_PER_AREA
        area_dir = root / f"Area {area}"
        if m % MAPS_PER_AREA == 0:
            area_dir.mkdir(exist_ok=True)
            (area_dir / f"Area {area}.md").write_text(
                f"---\nid: area-{area}\ntitle: Area {area}\nkind: area\nup: '[[hub]]'\n"
                f"order: {area}\nsummary: {_q(_words(rng, 8))}\n---\n{_words(rng, 40)}\n",
                encoding="utf-8",
            )
        map_dir = area_dir / f"Map {m}"
        map_dir.mkdir()
        (map_dir / f"Map {m}.md").write_text(
            f"---\nid: map-{m}\ntitle: Map {m}\nkind: map\nup: '[[area-{area}]]'\n"
            f"order: {m}\nsummary: {_q(_words(rng, 10))}\n---\n## Study guide\n\n"
            f"{_words(rng, 60)}\n",
            encoding="utf-8",
        )
        for t in range(min(TOPICS_PER_MAP, topics - len(ids))):
            topic_id = f"topic-{len(ids)}"
            earlier = rng.sample(ids[-400:], k=min(len(ids[-400:]), rng.randint(0, 3)))
            requires = "[" + ", ".join(_q(f"[[{r}]]") for r in earlier) + "]"
            outcomes = "\n".join(f"  - {_q(_words(rng, 7))}" for _ in range(3))
            resources = "\n".join(
                f"  - title: {_q(_words(rng, 4).title())}\n"
                f"    url: https://example.org/{topic_id}/{i}\n    type: article"
                for i in range(2)
            )
            (map_dir / f"Topic {len(ids)}.md").write_text(
                f"---\nid: {topic_id}\ntitle: Topic {len(ids)}\naliases: [t{len(ids)}]\n"
                f"kind: topic\nup: '[[map-{m}]]'\norder: {t}\nrequires: {requires}\n"
                f"hours: {rng.randint(2, 20)}\ntags: [{rng.choice(WORDS)}, generated]\n"
                f"summary: {_q(_words(rng, 14))}\noutcomes:\n{outcomes}\n"
                f"resources:\n{resources}\n---\n# Topic {len(ids)}\n\n## Key concepts\n\n"
                + "\n".join(f"- {_words(rng, 6)}" for _ in range(4))
                + f"\n\n## Practice\n\n{_words(rng, 40)}\n",
                encoding="utf-8",
            )
            ids.append(topic_id)
    return ids


def write_store(
    home: Path,
    ids: list[str],
    done: float,
    learner: str = "bench",
    seed: int = 0,
    *,
    cards: bool = True,
    hub: str = HUB,
) -> Path:
    """A store for `learner` with the first `done` share of `ids` done, a few more started, as
    records of the curriculum whose hub is `hub` (the synthetic one's by default)."""
    rng = random.Random(seed)
    now = datetime(2026, 11, 1, tzinfo=UTC)
    finished = int(len(ids) * done)
    topics: dict[str, dict[str, object]] = {}
    for i, topic_id in enumerate(ids[: finished + 10]):
        started = now + timedelta(minutes=i)
        record: dict[str, object] = {"started": started, "status": "learning"}
        if i < finished:
            done_at = started + timedelta(hours=rng.randint(1, 9))
            record.update(status="done", finished=done_at)
            if cards:  # as `done` writes it; without, a store from before reviews existed
                record["card"] = document(first_card(done_at))
        if rng.random() < 0.1:
            record["note"] = _words(rng, 8)
        topics[topic_id] = record
    path = home / "learners" / f"{learner}.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        tomli_w.dumps({"schema": 2, "learner": learner, "hubs": {hub: {"topics": topics}}}),
        encoding="utf-8",
    )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic curriculum (and store).")
    parser.add_argument("directory", type=Path)
    parser.add_argument("--topics", type=int, default=1000)
    parser.add_argument("--done", type=float, default=0.5)
    parser.add_argument("--home", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    ids = write_curriculum(args.directory, args.topics, args.seed)
    if args.home:
        write_store(args.home, ids, args.done, seed=args.seed)
    print(f"{len(ids)} topics in {args.directory}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
