"""A hypothesis state machine: every action, then the file on disk, checked against a plain dict."""

from __future__ import annotations

import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from airoadmap import actions
from airoadmap.errors import AiroadmapError
from airoadmap.loader import load_curriculum
from airoadmap.models import Status
from airoadmap.store import Store
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
        self.history: list[dict[str, Status]] = []

    def teardown(self) -> None:
        shutil.rmtree(self.home, ignore_errors=True)

    def _changed(self, new: dict[str, Status]) -> None:
        if new != self.model:
            self.history.append(dict(self.model))
            self.model = new

    @rule(leaf=st.sampled_from(LEAVES), status=STATUSES)
    def mark_leaf(self, leaf: str, status: Status) -> None:
        self.store.update(lambda p: actions.set_status(p, C, [C[leaf]], status, NOW))
        self._changed({**self.model, leaf: status})

    @rule()
    def finish_the_math_map(self) -> None:
        self.store.update(lambda p: actions.set_status(p, C, [C["math"]], Status.DONE, NOW))
        new = dict(self.model)
        for leaf in MATH_LEAVES:
            if new.get(leaf) not in {Status.DONE, Status.SKIPPED}:
                new[leaf] = Status.DONE
        self._changed(new)

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
            self.model = self.history.pop()

    @invariant()
    def disk_equals_model(self) -> None:
        if not hasattr(self, "store"):
            return
        on_disk = {k: r.effective for k, r in self.store.load().topics.items()}
        assert on_disk == self.model
        assert len(self.store.load().log) == len(self.history)


TestStoreMachine = StoreMachine.TestCase
TestStoreMachine.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
