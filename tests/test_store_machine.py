"""A hypothesis state machine: every action, then the file on disk, checked against a plain dict;
every undo checked to give back the records exactly as they were, review cards included."""

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


class StoreMachine(RuleBasedStateMachine):
    @initialize()
    def setup(self) -> None:
        self.home = Path(tempfile.mkdtemp(prefix="airoadmap-machine-"))
        self.store = Store(self.home, "ada")
        self.model: dict[str, Status] = {}
        self.history: list[tuple[dict[str, Status], dict[str, Any]]] = []
        self.now = NOW
        self.records = self._records()

    def teardown(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)

    def _records(self) -> dict[str, Any]:
        return {k: document(r) for k, r in self.store.load().topics.items()}

    def _tick(self, days: int = 1) -> datetime:
        self.now += timedelta(days=days)
        return self.now

    def _changed(self, new: dict[str, Status], *, logged: bool = False) -> None:
        if new != self.model or logged:
            self.history.append((dict(self.model), self.records))
            self.model = new
        self.records = self._records()

    @rule(leaf=st.sampled_from(LEAVES), status=STATUSES)
    def mark_leaf(self, leaf: str, status: Status) -> None:
        now = self._tick()
        self.store.update(lambda p: actions.set_status(p, C, [C[leaf]], status, now))
        self._changed({**self.model, leaf: status})

    @rule()
    def finish_the_math_map(self) -> None:
        now = self._tick()
        self.store.update(lambda p: actions.set_status(p, C, [C["math"]], Status.DONE, now))
        new = dict(self.model)
        for leaf in MATH_LEAVES:
            if new.get(leaf) not in {Status.DONE, Status.SKIPPED}:
                new[leaf] = Status.DONE
        self._changed(new)

    @rule(
        leaf=st.sampled_from(LEAVES),
        rating=st.sampled_from(Rating),
        days=st.integers(min_value=0, max_value=90),
    )
    def review_leaf(self, leaf: str, rating: Rating, days: int) -> None:
        now = self._tick(days)
        try:
            self.store.update(lambda p: actions.review(p, C[leaf], rating, now))
        except AiroadmapError:
            assert self.model.get(leaf) is not Status.DONE
            assert self._records() == self.records  # a refused review writes nothing
        else:
            assert self.model.get(leaf) is Status.DONE
            self._changed(self.model, logged=True)
            card = self.store.load().topics[leaf].card
            assert card is not None and card.last_review == now and card.due > now

    @rule(leaf=st.sampled_from(LEAVES))
    def reset_leaf(self, leaf: str) -> None:
        self.store.update(lambda p: actions.reset(p, [leaf], [leaf], NOW))
        self._changed({k: v for k, v in self.model.items() if k != leaf})

    @rule()
    def reset_all(self) -> None:
        self.store.update(lambda p: actions.reset(p, list(p.topics), [], NOW))
        self._changed({})

    @rule()
    def undo(self) -> None:
        try:
            self.store.update(actions.undo)
        except AiroadmapError:
            assert not self.history
        else:
            self.model, records = self.history.pop()
            assert self._records() == records  # exactly as before, cards and all
            self.records = records

    @invariant()
    def disk_equals_model(self) -> None:
        if not hasattr(self, "store"):
            return
        loaded = self.store.load()
        assert {k: r.effective for k, r in loaded.topics.items()} == self.model
        assert len(loaded.log) == len(self.history)
        # a card exactly on the topics done
        assert {k for k, r in loaded.topics.items() if r.card} == {
            k for k, s in self.model.items() if s is Status.DONE
        }


TestStoreMachine = StoreMachine.TestCase
TestStoreMachine.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
