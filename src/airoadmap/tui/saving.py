"""The app's changes, made one at a time in a thread: the screen stays alive while a change
waits for another airoadmap's lock or writes a large store, and keys that change something,
pressed meanwhile, wait their turn — each then acts on the state the change before it left,
never on a stale one."""

from __future__ import annotations

import contextlib
from collections import deque
from collections.abc import Callable
from typing import Any, TypeVar

from textual.app import App
from textual.screen import Screen
from textual.timer import Timer

from airoadmap.errors import AiroadmapError

T = TypeVar("T")

WAITING_AFTER = 0.4
"""Seconds a change may take before the status line says it is waiting (a change takes a few
milliseconds unless another airoadmap holds the store's lock)."""

WAITING = "waiting for another airoadmap to finish writing the store…"


class Saving:
    """One change at a time for the whole app (its screens share it)."""

    def __init__(self, app: App[None]) -> None:
        self.app = app
        self.busy = False
        self._queued: deque[tuple[Screen[Any], Callable[[], None]]] = deque()
        self._timer: Timer | None = None

    def later(self, screen: Screen[Any], act: Callable[[], None]) -> bool:
        """Keep `act` (a key pressed on `screen`) for when the change being made is shown and
        `screen` is in front again (True); False if no change is being made."""
        if not self.busy and not self._queued:
            return False
        self._queued.append((screen, act))
        self.next()
        return True

    def run(
        self,
        work: Callable[[], T],
        done: Callable[[T | AiroadmapError], None],
        *,
        said: Callable[[str], None] | None = None,
    ) -> None:
        """Run `work` in a thread, then `done` with its result (or its `AiroadmapError`) on
        the screen's side; `said` is told if it is slow (waiting for a lock)."""
        self.busy = True
        self._timer = self.app.set_timer(WAITING_AFTER, lambda: said(WAITING) if said else None)

        def thread() -> None:
            result: T | AiroadmapError
            try:
                result = work()
            except AiroadmapError as exc:
                result = exc
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile: nothing to show
                self.app.call_from_thread(self._finish, done, result)

        self.app.run_worker(thread, thread=True, group="saving", exit_on_error=True)

    def _finish(
        self, done: Callable[[T | AiroadmapError], None], result: T | AiroadmapError
    ) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.busy = False
        done(result)
        self.next()

    def next(self) -> None:
        """Run the keys kept meanwhile, in order, while none starts a change of its own or
        opens a dialog (their screen must be in front; those of a screen closed are dropped)."""
        while not self.busy and self._queued:
            screen, act = self._queued[0]
            if screen not in self.app.screen_stack:
                self._queued.popleft()
            elif screen is self.app.screen:
                self._queued.popleft()
                act()
            else:
                return
