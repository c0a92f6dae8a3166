"""The bundled AI Engineer roadmap is complete, every topic is worth studying from, its
requirements match what the exercises use, and LLM applications are reachable early."""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.names import fold
from airoadmap.domain.tracker import Tracker
from airoadmap.locations import bundled_curriculum
from airoadmap.models import Kind, Record, ResourceType, Status, Topic
from airoadmap.notes.loader import load_curriculum
from airoadmap.notes.note import read_body

C: Curriculum = load_curriculum(bundled_curriculum())
LEAVES = [C[leaf] for leaf in C.all_leaves()]
MAPS = [t for t in C if t.kind is Kind.MAP]
ROOT = Path(__file__).resolve().parents[1]

# What the roadmap names for each map; each entry is the words one topic under the map must
# carry in its id, title, aliases or summary.
COVERAGE = {
    "mathematics-for-ai": [
        "linear algebra",
        "calculus",
        "probability",
        "statistics",
        "optimization",
        "matrix decompositions",
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
        "prompting|rag|fine-tuning",
        "synthetic data",
        "supervised fine-tuning",
        "lora",
        "qlora",
        "preference",
        "dpo",
    ],
    "inference-serving-systems": [
        "online|offline",
        "batching",
        "latency",
        "runtime constraints",
        "hosted|open",
        "local inference",
        "quantised",
    ],
    "mlops": [
        "packaging",
        "versioning",
        "ci/cd",
        "model registry",
        "monitoring|drift",
        "retraining",
        "tracing",
        "online evaluation|feedback",
        "guardrails|moderation",
        "gateway|routing|caching",
    ],
    "cloud-for-ai": ["compute", "gpu", "storage", "iam", "deployment primitives"],
    "nlp-systems": [
        "text processing",
        "embeddings",
        "transformers",
        "llm|inference",
        "retrieval",
        "language pipelines",
        "vector database",
        "speech",
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
        "agents",
        "tool calling|mcp",
        "memory|state",
        "sandbox|permissions",
        "evaluating agents",
        "multi-agent",
        "multimodal",
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


def section(topic: Topic, heading: str) -> str:
    """The text under `## heading` in a note's body, up to the next heading of that level."""
    body = read_body(topic.source)
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", body, re.M | re.S)
    return match.group(1).strip() if match else ""


def practice(topic_id: str) -> str:
    return section(C[topic_id], "Practice")


@cache
def prerequisites(topic_id: str) -> frozenset[str]:
    """Every leaf that must be finished before `topic_id`, transitively."""
    found: set[str] = set()
    for leaf in C.required_leaves(topic_id):
        found |= {leaf, *prerequisites(leaf)}
    return frozenset(found)


def path_from_zero(target: str) -> list[str]:
    return Tracker(C, {}).path(target)


def hours_of(leaves: list[str]) -> float:
    return sum(C[leaf].hours or 0 for leaf in leaves)


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
    assert len(LEAVES) >= 100
    for m in MAPS:
        assert len(C.leaves(m.id)) >= 3, m.id
        assert all(C[leaf].kind is Kind.TOPIC for leaf in C.leaves(m.id))


@pytest.mark.parametrize("topic", LEAVES, ids=lambda t: t.id)
def test_every_leaf_is_complete(topic: Topic) -> None:
    assert topic.summary and len(topic.summary) > 40
    assert 2 <= len(topic.outcomes) <= 5
    assert all(len(outcome) > 15 for outcome in topic.outcomes)
    assert topic.hours is not None and 0 < topic.hours <= 60
    assert 2 <= len(topic.resources) <= 5
    assert all(r.title and isinstance(r.type, ResourceType) for r in topic.resources)
    urls = [r.url for r in topic.resources]
    assert all(re.fullmatch(r"https://[^\s/]+\.[^\s/]+(/\S*)?", url) for url in urls), urls
    assert len(set(urls)) == len(urls), "a resource is listed twice"
    assert all(required in C for required in topic.requires)
    concepts = section(topic, "Key concepts")
    assert len(re.findall(r"^- \S", concepts, re.M)) >= 3, "at least three key concepts"
    assert len(practice(topic.id)) > 80, "a practice exercise"


def test_only_the_entry_topics_have_no_requirements() -> None:
    """Every topic but Python and Git needs something first: its exercise is code."""
    assert {leaf.id for leaf in LEAVES if not C.requirement_nodes(leaf.id)} == {
        "python",
        "version-control",
    }


@pytest.mark.parametrize("topic", MAPS, ids=lambda t: t.id)
def test_every_map_has_a_study_guide_and_a_capstone(topic: Topic) -> None:
    assert topic.summary
    body = read_body(topic.source)
    assert "## Study guide" in body and "## Capstone project" in body
    listed = re.findall(r"^- \[\[([^\]|#]+)", section(topic, "Topics"), re.M)
    assert [C.named(name)[0].id for name in listed] == list(C.leaves(topic.id)), "its topic list"


def test_requirements_cross_maps_where_knowledge_flows() -> None:
    assert "linear-algebra" in C.required_leaves("embeddings")
    assert {"embeddings", "retrieval"} <= prerequisites("rag")
    assert "statistics" in C.required_leaves("drift-monitoring")
    assert "matrix-decompositions" in C.required_leaves("peft")  # LoRA is a low-rank update


def test_a_new_learner_starts_in_foundations() -> None:
    first = Tracker(C, {}).suggest(limit=1)[0]
    assert C.path_ids(first.topic)[:2] == ["ai-engineer", "foundations"]


# --- The mismatches the audit found (issue 16): each has the edge its exercise needs. ------


def test_safety_basics_requires_the_rag_assistant_its_practice_attacks() -> None:
    assert "RAG assistant" in practice("genai-safety")
    assert "rag" in C.required_leaves("genai-safety")


def test_cost_constraints_requires_the_evaluation_whose_score_it_keeps() -> None:
    assert "eval set" in practice("genai-cost")
    assert "llm-evaluation" in prerequisites("genai-cost")


def test_prompting_comes_before_llm_application_architecture_not_after() -> None:
    assert "llm-applications" not in prerequisites("prompting")
    assert {"prompting", "generation-control", "llm-evaluation", "rag"} <= prerequisites(
        "llm-applications"
    )


@pytest.mark.parametrize("topic_id", ["data-splits", "data-leakage", "data-versioning"])
def test_exercises_that_train_a_model_require_machine_learning_fundamentals(
    topic_id: str,
) -> None:
    assert re.search(r"\b(train|retrain)\b", practice(topic_id), re.I)
    assert "ml-fundamentals" in prerequisites(topic_id)


def test_splits_are_not_suggested_before_python() -> None:
    """A learner who has done every mathematics topic and nothing else is not offered splits."""
    maths = {leaf: Record(status=Status.DONE) for leaf in C.leaves("mathematics-for-ai")}
    offered = {s.topic for s in Tracker(C, maths).suggest()}
    assert "data-splits" not in offered
    assert {"python", "numpy-pandas"} <= prerequisites("data-splits")


@pytest.mark.parametrize("topic_id", C.leaves("programming-foundations-for-ai"))
def test_entry_level_programming_topics_assume_no_model(topic_id: str) -> None:
    text = " ".join([practice(topic_id), *C[topic_id].outcomes])
    assert not re.search(r"\b(train\w*|leakage|metrics|(a|the|your) models?)\b", text, re.I), text
    assert "ml-fundamentals" not in prerequisites(topic_id)


def test_evaluating_llm_systems_is_full_size_and_required_by_what_uses_it() -> None:
    assert (C["llm-evaluation"].hours or 0) >= 12
    for user in ["rag", "genai-cost", "agent-evaluation", "model-selection", "llm-fine-tuning"]:
        assert "llm-evaluation" in prerequisites(user), user
    for topic_id in C.all_leaves():
        if re.search(r"\beval (set|score)\b", practice(topic_id)):
            assert "llm-evaluation" in prerequisites(topic_id) | {topic_id}, topic_id


def test_practices_that_build_on_the_rag_assistant_or_the_agent_require_them() -> None:
    for topic_id in C.all_leaves():
        text = practice(topic_id)
        if "RAG assistant" in text or "RAG retriever" in text:
            assert "rag" in prerequisites(topic_id) | {topic_id}, topic_id
        if re.search(r"\byour agent\b", text, re.I):
            assert "agents" in prerequisites(topic_id) | {topic_id}, topic_id


def test_the_errors_the_audit_found_are_fixed() -> None:
    registry = read_body(C["model-registry"].source)
    assert "alias" in practice("model-registry") and "promote" not in practice("model-registry")
    assert "deprecated since MLflow 2.9" in registry
    assert not any("stage" in o for o in C["model-registry"].outcomes)
    schemas = read_body(C["schemas"].source)
    assert "rename one incompatibly" not in schemas
    assert "a rename keeps binary compatibility" in schemas
    assert practice("optimization").startswith("Minimise the Rosenbrock function")
    [book] = [r.url for r in C["etl-elt"].resources if "oreilly.com" in r.url]
    assert book == "https://www.oreilly.com/library/view/fundamentals-of-data/9781098108298/"
    assert (C["ml-fundamentals"].hours or 0) >= 60
    assert "80–100" in read_body(C["ml-fundamentals"].source)
    assert "Terraform" in practice("deployment-primitives")
    assert "LoRA" in practice("diffusion-models")


def test_agents_are_core_and_optional_side_paths_are_few() -> None:
    assert not C.is_optional("agents")
    assert C.is_optional("multi-agent")
    side = [leaf for leaf in C.all_leaves() if C.is_optional(leaf)]
    assert len(side) < len(LEAVES) // 10


# --- LLM systems early, foundations first -------------------------------------------------


def test_an_llm_application_with_retrieval_and_evaluation_is_about_100_hours_from_zero() -> None:
    path = path_from_zero("rag")
    assert hours_of(path) <= 100, f"{hours_of(path)}h: {path}"
    assert {"python", "linear-algebra", "llm-evaluation", "retrieval"} <= set(path)
    # Maths just in time: none of the model-training or systems topics a RAG app does not use.
    assert not {"calculus", "statistics", "ml-fundamentals", "deep-learning"} & set(path)
    assert not {"operating-systems", "networking"} & set(path)


def test_a_new_learner_alternates_python_and_mathematics() -> None:
    """Following `next`'s first suggestion from zero: Python first, and never five maths
    topics in a row among the first ten."""
    records: dict[str, Record] = {}
    followed = []
    for _ in range(10):
        [first] = Tracker(C, records).suggest(limit=1)
        followed.append(first.topic)
        records[first.topic] = Record(status=Status.DONE)
    assert followed[0] == "python"
    maps = [C.path_ids(topic)[2] for topic in followed]
    assert all(m in {"mathematics-for-ai", "programming-foundations-for-ai"} for m in maps)
    assert "programming-foundations-for-ai" in maps[1:5]
    runs = "".join("m" if m == "mathematics-for-ai" else "p" for m in maps)
    assert "mmmmm" not in runs, followed


def test_optional_side_paths_are_suggested_last_and_marked_optional() -> None:
    done = {leaf: Record(status=Status.DONE) for leaf in ("python", "probability")}
    suggestions = Tracker(C, done).suggest()
    optional = [s for s in suggestions if s.optional]
    assert "information-theory" in [s.topic for s in optional]
    assert all(s.reason.endswith("optional side path") for s in optional)
    assert suggestions[-len(optional) :] == optional


# --- The README's table is generated from the curriculum ----------------------------------


def test_the_readme_table_is_generated_from_the_curriculum() -> None:
    script = ROOT / "tools" / "readme_table.py"
    if not script.is_file():
        pytest.skip("tools/ is not shipped in the sdist")
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
