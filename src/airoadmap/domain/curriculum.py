"""A loaded curriculum: the topic tree, its lookups and its requirement graph."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cached_property
from pathlib import Path

from airoadmap.domain.names import fold
from airoadmap.errors import Problem
from airoadmap.models import Topic


class Curriculum:
    """Topics in curriculum order (the hub first, then depth-first by each node's order).

    Requirements: a topic requires what it declares and what its ancestors declare; requiring a
    node means requiring every leaf under it.
    """

    def __init__(
        self,
        *,
        root: Path,
        hub: str,
        topics: Mapping[str, Topic],
        ignored: int = 0,
        warnings: list[Problem] | None = None,
    ) -> None:
        self.root = root
        self.hub_id = hub
        self._topics = dict(topics)
        self.ignored = ignored
        self.warnings = warnings or []
        self._leaves: dict[str, tuple[str, ...]] = {}

    # --- lookups -------------------------------------------------------------------------

    def __contains__(self, topic_id: object) -> bool:
        return topic_id in self._topics

    def __iter__(self) -> Iterator[Topic]:
        return iter(self._topics.values())

    def __len__(self) -> int:
        return len(self._topics)

    def __getitem__(self, topic_id: str) -> Topic:
        return self._topics[topic_id]

    @property
    def hub(self) -> Topic:
        return self._topics[self.hub_id]

    @cached_property
    def position(self) -> dict[str, int]:
        """Each topic's place in curriculum order (0 for the hub)."""
        return {topic_id: index for index, topic_id in enumerate(self._topics)}

    @cached_property
    def _names(self) -> dict[str, list[str]]:
        """Folded id, title and aliases → the ids of the topics that carry that name."""
        names: dict[str, list[str]] = {}
        for topic in self:
            for name in {fold(topic.id), fold(topic.title), *map(fold, topic.aliases)}:
                names.setdefault(name, []).append(topic.id)
        return names

    def named(self, name: str) -> list[Topic]:
        """The topics whose id, title or an alias is `name`, ignoring case."""
        return [self._topics[i] for i in self._names.get(fold(name), [])]

    def names_of(self, topic: Topic) -> list[str]:
        return [topic.id, topic.title, *topic.aliases]

    # --- the tree ------------------------------------------------------------------------

    def children(self, topic_id: str) -> list[Topic]:
        return [self._topics[c] for c in self._topics[topic_id].children]

    def parent(self, topic_id: str) -> Topic | None:
        parent = self._topics[topic_id].parent
        return self._topics[parent] if parent is not None else None

    def ancestors(self, topic_id: str) -> list[Topic]:
        """The topics above `topic_id`, the hub first."""
        chain: list[Topic] = []
        parent = self._topics[topic_id].parent
        while parent is not None:
            chain.append(self._topics[parent])
            parent = self._topics[parent].parent
        chain.reverse()
        return chain

    def path_ids(self, topic_id: str) -> list[str]:
        return [t.id for t in self.ancestors(topic_id)]

    def subtree(self, topic_id: str) -> list[Topic]:
        """`topic_id` and everything under it, in curriculum order."""
        found: list[Topic] = []
        stack = [topic_id]
        while stack:
            topic = self._topics[stack.pop()]
            found.append(topic)
            stack.extend(reversed(topic.children))
        return found

    def leaves(self, topic_id: str) -> tuple[str, ...]:
        """The leaves under `topic_id` in curriculum order; a leaf's leaves are itself."""
        cached = self._leaves.get(topic_id)
        if cached is not None:
            return cached
        # Fill the cache bottom-up for the whole subtree, without recursion.
        stack = [(topic_id, False)]
        while stack:
            node, expanded = stack.pop()
            if node in self._leaves:
                continue
            topic = self._topics[node]
            if topic.is_leaf:
                self._leaves[node] = (node,)
            elif expanded:
                self._leaves[node] = tuple(
                    leaf for child in topic.children for leaf in self._leaves[child]
                )
            else:
                stack.append((node, True))
                stack.extend((child, False) for child in topic.children)
        return self._leaves[topic_id]

    def all_leaves(self) -> list[str]:
        return [t.id for t in self if t.is_leaf]

    def optional_within(self, node: str, leaf: str) -> bool:
        """Whether `leaf` is a side path as seen from `node`: it, or a topic between it and
        `node`, is optional. (All under an optional map is optional overall, not within it.)"""
        current: str | None = leaf
        while current is not None and current != node:
            topic = self._topics[current]
            if topic.optional:
                return True
            current = topic.parent
        return False

    def is_optional(self, topic_id: str) -> bool:
        """Whether a topic is on a side path: it, or a node above it, is optional."""
        current: str | None = topic_id
        while current is not None:
            topic = self._topics[current]
            if topic.optional:
                return True
            current = topic.parent
        return False

    def hours(self, topic_id: str) -> float:
        """A leaf's estimate, or the sum of the leaves' estimates under a node."""
        return sum(self._topics[leaf].hours or 0.0 for leaf in self.leaves(topic_id))

    # --- requirements --------------------------------------------------------------------

    def requirement_nodes(self, topic_id: str) -> list[str]:
        """What `topic_id` and its ancestors declare in `requires`, without repeats."""
        seen: dict[str, None] = {}
        for topic in [*self.ancestors(topic_id), self._topics[topic_id]]:
            for required in topic.requires:
                seen.setdefault(required, None)
        return list(seen)

    def required_leaves(self, topic_id: str) -> list[str]:
        """The leaves that must be finished before the leaves under `topic_id` can start
        (outside `topic_id` itself), in curriculum order."""
        own = set(self.leaves(topic_id))
        needed: set[str] = set()
        for leaf in own:
            for node in self.requirement_nodes(leaf):
                needed.update(self.leaves(node))
        needed -= own
        return sorted(needed, key=self.position.__getitem__)

    @cached_property
    def _unlocks(self) -> dict[str, list[str]]:
        unlocks: dict[str, list[str]] = {}
        for leaf in self.all_leaves():
            for required in self.required_leaves(leaf):
                unlocks.setdefault(required, []).append(leaf)
        return unlocks

    def unlocks(self, topic_id: str) -> list[str]:
        """The leaves (outside `topic_id`) that directly require a leaf under `topic_id`."""
        own = set(self.leaves(topic_id))
        found = {u for leaf in own for u in self._unlocks.get(leaf, [])} - own
        return sorted(found, key=self.position.__getitem__)
