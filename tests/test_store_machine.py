"""A hypothesis state machine: every action, in either of two curricula (hubs) sharing a store,
then the file on disk, checked against a plain dict per hub; every undo checked to give back the
records exactly as they were, review cards included, and to touch its own hub only."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from airoadmap.errors import AiroadmapError
from airoadmap.models import Rating, Status
from airoadmap.notes.loader import load_curriculum
from airoadmap.plain import document
from airoadmap.progress import actions
from airoadmap.progress.store import Store
from tests.conftest import SMALL

C = load_curriculum(SMALL)
LEAVES = C.all_leaves()
MATH_LEAVES = list(C.leaves("math"))
NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
STATUSES = st.sampled_from([Status.LEARNING, Status.DONE, Status.SKIPPED])


HUBS = [C.hub_id, "another-hub"]  # one learner's store, two curricula with the same ids
HUB = st.sampled_from(HUBS)


class StoreMachine(RuleBasedStateMachine):
    """One model per hub: what is done in one curriculum never shows in, nor is undone by, the
    other, though both share the store and its log."""

    @initialize()
    def setup(self) -> None:
        self.home = Path(tempfile.mkdtemp(prefix="airoadmap-machine-"))
        self.stores = {hub: Store(self.home, "ada", hub=hub, curriculum_ids=C) for hub in HUBS}
        self.model: dict[str, dict[str, Status]] = {hub: {} for hub in HUBS}
        self.history: dict[str, list[tuple[dict[str, Status], dict[str, Any]]]] = {
            hub: [] for hub in HUBS
        }
        self.now = NOW
        self.records = {hub: self._records(hub) for hub in HUBS}

    def teardown(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)

    def _records(self, hub: str) -> dict[str, Any]:
        return {k: document(r) for k, r in self.stores[hub].load().topics.items()}

    def _tick(self, days: int = 1) -> datetime:
        self.now += timedelta(days=days)
        return self.now

    def _changed(self, hub: str, new: dict[str, Status], *, logged: bool = False) -> None:
        if new != self.model[hub] or logged:
            self.history[hub].append((dict(self.model[hub]), self.records[hub]))
            self.model[hub] = new
        self.records[hub] = self._records(hub)

    @rule(hub=HUB, leaf=st.sampled_from(LEAVES), status=STATUSES)
    def mark_leaf(self, hub: str, leaf: str, status: Status) -> None:
        now = self._tick()
        self.stores[hub].update(lambda p: actions.set_status(p, C, [C[leaf]], status, now))
        self._changed(hub, {**self.model[hub], leaf: status})

    @rule(hub=HUB)
    def finish_the_math_map(self, hub: str) -> None:
        now = self._tick()
        self.stores[hub].update(lambda p: actions.set_status(p, C, [C["math"]], Status.DONE, now))
        new = dict(self.model[hub])
        for leaf in MATH_LEAVES:
            if new.get(leaf) not in {Status.DONE, Status.SKIPPED}:
                new[leaf] = Status.DONE
        self._changed(hub, new)

    @rule(
        hub=HUB,
        leaf=st.sampled_from(LEAVES),
        rating=st.sampled_from(Rating),
        days=st.integers(min_value=0, max_value=90),
    )
    def review_leaf(self, hub: str, leaf: str, rating: Rating, days: int) -> None:
        now = self._tick(days)
        try:
            self.stores[hub].update(lambda p: actions.review(p, C[leaf], rating, now))
        except AiroadmapError:
            assert self.model[hub].get(leaf) is not Status.DONE
            assert self._records(hub) == self.records[hub]  # a refused review writes nothing
        else:
            assert self.model[hub].get(leaf) is Status.DONE
            self._changed(hub, self.model[hub], logged=True)
            card = self.stores[hub].load().topics[leaf].card
            assert card is not None and card.last_review == now and card.due > now

    @rule(hub=HUB, leaf=st.sampled_from(LEAVES))
    def reset_leaf(self, hub: str, leaf: str) -> None:
        self.stores[hub].update(lambda p: actions.reset(p, [leaf], [leaf], NOW))
        self._changed(hub, {k: v for k, v in self.model[hub].items() if k != leaf})

    @rule(hub=HUB)
    def reset_all(self, hub: str) -> None:
        self.stores[hub].update(lambda p: actions.reset(p, list(p.topics), [], NOW))
        self._changed(hub, {})

    @rule(hub=HUB)
    def undo(self, hub: str) -> None:
        try:
            self.stores[hub].update(actions.undo)
        except AiroadmapError:
            assert not self.history[hub]
        else:
            self.model[hub], records = self.history[hub].pop()
            assert self._records(hub) == records  # exactly as before, cards and all
            self.records[hub] = records

    @invariant()
    def disk_equals_model(self) -> None:
        if not hasattr(self, "stores"):
            return
        for hub, store in self.stores.items():
            loaded = store.load()
            assert {k: r.effective for k, r in loaded.topics.items()} == self.model[hub]
            assert len(loaded.log) == len(self.history[hub])
            assert all(entry.hub == hub for entry in loaded.log)
            # a card exactly on the topics done
            assert {k for k, r in loaded.topics.items() if r.card} == {
                k for k, s in self.model[hub].items() if s is Status.DONE
            }
            assert self._records(hub) == self.records[hub]  # the other hub's changes left it


TestStoreMachine = StoreMachine.TestCase
TestStoreMachine.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
