"""The review session (`r`): the due topics one by one — the topic, its summary and outcomes to
recall, the learner's note — each rated again / hard / good / easy on 1-4 and saved at once,
as `airoadmap review --session` does."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import ClassVar

from rich.console import Group
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from airoadmap.cli import render
from airoadmap.domain.names import printable
from airoadmap.domain.reviews import Review
from airoadmap.errors import AiroadmapError
from airoadmap.models import Card, Rating
from airoadmap.tui import text
from airoadmap.tui.app import RoadmapApp
from airoadmap.tui.saving import Saving
from airoadmap.tui.session import Said, Session

_RATINGS = list(Rating)


class ReviewScreen(ModalScreen[int]):
    """Goes through the reviews due when it opened; gives back how many were rated."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "rate(0)", "again"),
        Binding("2", "rate(1)", "hard"),
        Binding("3", "rate(2)", "good"),
        Binding("4", "rate(3)", "easy"),
        Binding("u", "undo", "undo the last answer"),
        Binding("escape,q", "stop", "Stop"),
    ]

    def __init__(self, session: Session, *, changed: Callable[[], None] | None = None) -> None:
        super().__init__()
        self.session = session
        self.changed = changed
        """Told each time an answer is saved or taken back (the screen beneath shows it)."""
        self.due: list[Review] = session.due()
        self.at = 0
        self.tally: Counter[Rating] = Counter()
        self.elsewhere = 0
        self.said: list[str] = []
        """What the last answer did, then the cards passed since (each a line)."""
        self.answered: list[tuple[int, Rating]] = []
        """The cards answered and saved in this session (their place, their rating): `u`
        takes back the last one."""

    @property
    def saving(self) -> Saving:
        app = self.app
        assert isinstance(app, RoadmapApp)
        return app.saving

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="review"):
            with VerticalScroll():
                yield Static(id="card")
            yield Static(id="review-status")
            yield Static(id="keys")

    def on_mount(self) -> None:
        self._next()

    @property
    def item(self) -> Review | None:
        return self.due[self.at] if self.at < len(self.due) else None

    def _next(self) -> None:
        """Show the next review due (passing those another airoadmap changed meanwhile)."""
        while (item := self.item) is not None:
            why = self.session.still_due(item)
            if why is None:
                break
            self.elsewhere += 1
            title = self.session.curriculum[item.topic].title
            self.said.append(f"{title}: skipped, changed elsewhere ({why})")
            self.at += 1
        card = self.query_one("#card", Static)
        item = self.item
        undo = " · u undo the last answer" if self.answered else ""
        if item is None:
            card.update(self._summary())
            keys = f"Esc or q closes{undo}"
        else:
            card.update(self._card(item))
            keys = f"1 again · 2 hard · 3 good · 4 easy{undo} · Esc stop"
        self.query_one("#keys", Static).update(Text(keys, style="dim"))
        self._status()

    def _status(self, error: str | None = None) -> None:
        line = Text("\n".join(self.said), style="dim")
        if error is not None:
            line = Text(f"error: {error}", style="red")
        self.query_one("#review-status", Static).update(line)

    def _card(self, item: Review) -> Group:
        session = self.session
        topic = session.curriculum[item.topic]
        now = session.local_now()
        head = Text(f"[{self.at + 1}/{len(self.due)}] ", style="dim")
        head.append(printable(topic.title), style="bold")
        head.append(
            f"  {render.where(session.curriculum, topic.id)} · last reviewed "
            f"{render.day(item.card.last_review, now)} · recall "
            f"{render.percent(item.retrievability)}",
            style="dim",
        )
        parts = [head, Text(""), text.about(topic)]
        note = session.progress.record(topic.id).note
        if note:
            parts += [Text(""), Text.assemble(("Your note: ", "bold"), (printable(note), "italic"))]
        parts += [Text(""), Text("How well did you recall it?", style="bold")]
        return Group(*parts)

    def _summary(self) -> Text:
        if not self.due:
            return Text("Nothing due for review now.")
        reviewed = sum(self.tally.values())
        parts = ", ".join(f"{self.tally[r]} {r.value}" for r in Rating if self.tally[r])
        said = f"Reviewed {render.count(reviewed, 'topic')}" + (f" ({parts})" if parts else "")
        if self.elsewhere:
            said += f"; {self.elsewhere} skipped, changed elsewhere"
        said += ". Nothing left due." if self.at >= len(self.due) else "."
        if self.answered:
            said += " u takes back the last answer."
        return Text(said)

    def action_rate(self, index: int) -> None:
        if self.saving.later(self, lambda: self.action_rate(index)):
            return  # a change being saved: this answer is for the card shown next
        item = self.item
        if item is None:
            return
        rating = _RATINGS[index]
        title = self.session.curriculum[item.topic].title
        at = self.at

        def saved(answer: Card | str | AiroadmapError) -> None:
            if isinstance(answer, AiroadmapError):
                self._status(str(answer))
                return
            self._changed()  # saved; or not, the store read again as another airoadmap left it
            if isinstance(answer, str):
                self.elsewhere += 1
                self.said = [f"{title}: not saved, changed elsewhere while you answered ({answer})"]
            else:
                self.tally[rating] += 1
                self.answered.append((at, rating))
                now = self.session.local_now()
                self.said = [f"{title}: {rating.value} · next review {render.day(answer.due, now)}"]
            self.at = at + 1
            self._next()

        self.saving.run(lambda: self.session.rate(item, rating), saved)

    def action_undo(self) -> None:
        """Take back the last answer of this session, and show its card again."""
        if self.saving.later(self, self.action_undo):
            return
        if not self.answered:
            self._status("no answer to take back in this review")
            return
        at, rating = self.answered[-1]
        item = self.due[at]

        def undone(result: Said | AiroadmapError) -> None:
            if isinstance(result, AiroadmapError):
                self._status(str(result))
                return
            self._changed()
            self.answered.pop()
            self.tally[rating] -= 1
            title = self.session.curriculum[item.topic].title
            self.said = [f"{title}: answer taken back ({rating.value}); rate it again"]
            self.at = at
            self._next()

        self.saving.run(lambda: self.session.undo_review(item.topic), undone)

    def _changed(self) -> None:
        if self.changed is not None:
            self.changed()

    def action_stop(self) -> None:
        self.dismiss(sum(self.tally.values()))
