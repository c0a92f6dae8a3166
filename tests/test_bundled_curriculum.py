"""The bundled AI Engineer roadmap is complete and every topic is worth studying from."""

from __future__ import annotations

import pytest

from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.names import fold
from airoadmap.locations import bundled_curriculum
from airoadmap.models import Kind, Topic
from airoadmap.notes.loader import load_curriculum
from airoadmap.notes.note import read_body

C: Curriculum = load_curriculum(bundled_curriculum())
LEAVES = [C[leaf] for leaf in C.all_leaves()]
MAPS = [t for t in C if t.kind is Kind.MAP]

# What the roadmap names for each map; each entry is the words one topic under the map must
# carry in its id, title, aliases or summary.
COVERAGE = {
    "mathematics-for-ai": [
        "linear algebra",
        "calculus",
        "probability",
        "statistics",
        "optimization",
    ],
    "programming-foundations-for-ai": [
        "python",
        "mental models",
        "debugging",
        "clean code",
        "testing",
        "version control",
        "code review",
        "reproducible environments",
        "engineering habits",
    ],
    "computer-science-foundations-for-ai": [
        "data structures|algorithms",
        "complexity",
        "operating system",
        "networking",
    ],
    "data-foundations-for-ai": [
        "collection",
        "cleaning",
        "labeling",
        "data quality",
        "leakage",
        "splits",
    ],
    "data-engineering-for-ai": [
        "etl|elt",
        "schema",
        "data versioning",
        "warehouse",
        "batch|stream",
    ],
    "systems-design-for-ai": ["serving patterns", "latency", "scaling", "reliability"],
    "model-lifecycle-for-ai-systems": [
        "training",
        "validation|evaluation",
        "deployment",
        "monitoring",
    ],
    "inference-serving-systems": ["online|offline", "batching", "latency", "runtime constraints"],
    "mlops": [
        "packaging",
        "versioning",
        "ci/cd",
        "model registry",
        "monitoring|drift",
        "retraining",
    ],
    "cloud-for-ai": ["compute", "gpu", "storage", "iam", "deployment primitives"],
    "nlp-systems": [
        "text processing",
        "embeddings",
        "transformers",
        "llm|inference",
        "retrieval",
        "language pipelines",
    ],
    "vision-systems": [
        "image|video|ingestion",
        "image pipelines",
        "cnn",
        "detection|segmentation",
        "inference|post-processing",
        "latency",
    ],
    "generative-ai-systems": [
        "diffusion",
        "llm",
        "prompt",
        "context management",
        "rag",
        "generation control",
        "safety",
        "cost",
    ],
    "reinforcement-learning-systems": [
        "agents|environments",
        "reward",
        "markov decision",
        "long-running decision systems",
    ],
}


def text_of(topic: Topic) -> str:
    return fold(" ".join([topic.id, topic.title, *topic.aliases, topic.summary or ""]))


@pytest.mark.parametrize("map_id", sorted(COVERAGE))
def test_every_term_of_the_roadmap_is_a_topic_under_its_map(map_id: str) -> None:
    texts = [text_of(C[leaf]) for leaf in C.leaves(map_id)]
    for term in COVERAGE[map_id]:
        words = term.split("|")
        assert any(all(w in text for w in words) for text in texts), f"{map_id}: {term}"


def test_the_maps_are_the_fourteen_of_the_roadmap() -> None:
    assert sorted(t.id for t in MAPS) == sorted(COVERAGE)
    assert C["reinforcement-learning-systems"].optional


def test_enough_topics_and_every_map_has_at_least_three() -> None:
    assert len(LEAVES) >= 65
    for m in MAPS:
        assert len(C.leaves(m.id)) >= 3, m.id
        assert all(C[leaf].kind is Kind.TOPIC for leaf in C.leaves(m.id))


@pytest.mark.parametrize("topic", LEAVES, ids=lambda t: t.id)
def test_every_leaf_is_complete(topic: Topic) -> None:
    assert topic.summary and len(topic.summary) > 40
    assert 2 <= len(topic.outcomes) <= 5
    assert topic.hours is not None and 0 < topic.hours <= 60
    assert 2 <= len(topic.resources) <= 5
    urls = [r.url for r in topic.resources]
    assert all(url.startswith("https://") for url in urls)
    assert len(set(urls)) == len(urls), "a resource is listed twice"
    body = read_body(topic.source)
    assert "## Key concepts" in body and "## Practice" in body


@pytest.mark.parametrize("topic", MAPS, ids=lambda t: t.id)
def test_every_map_has_a_study_guide_and_a_capstone(topic: Topic) -> None:
    assert topic.summary
    body = read_body(topic.source)
    assert "## Study guide" in body and "## Capstone project" in body


def test_requirements_cross_maps_where_knowledge_flows() -> None:
    assert "linear-algebra" in C.required_leaves("embeddings")
    assert {"embeddings", "retrieval"} <= set(C.required_leaves("rag"))
    assert "statistics" in C.required_leaves("drift-monitoring")


def test_a_new_learner_starts_in_foundations() -> None:
    from airoadmap.domain.tracker import Tracker

    first = Tracker(C, {}).suggest(limit=1)[0]
    assert C.path_ids(first.topic)[:2] == ["ai-engineer", "foundations"]
