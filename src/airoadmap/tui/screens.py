"""The app's dialogs: the keys (`?`), the note editor (`e`) and a confirmation before marking
many topics at once."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from airoadmap.domain.names import printable

KEYS: list[tuple[str, str]] = [
    ("↑ ↓  j k", "move in the tree"),
    ("← →  h l", "close / open a map, or go up / in"),
    ("/", "search titles and aliases as you type (Enter: to the tree, Esc: clear)"),
    ("s", "start the topic (a map or area: its topics not begun)"),
    ("d", "mark done (a map or area: its remaining topics)"),
    ("x", "skip: you know it already"),
    ("u", "undo the last change"),
    ("e", "edit your note (Ctrl+S saves, Esc cancels)"),
    ("n", "jump to the topic `next` suggests first; n again: the second, third…"),
    ("r", "review: the due topics one by one, rated 1-4"),
    ("t", "hide or show finished topics"),
    ("PgUp PgDn space", "scroll the topic on the right"),
    ("Tab", "to the topic (arrows scroll it), then its resources (Enter opens one)"),
    ("?", "this help"),
    ("q", "quit"),
]


class HelpScreen(ModalScreen[None]):
    """The keys, until any of Esc, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,enter", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for key, does in KEYS:
            table.add_row(key, does)
        with Vertical(classes="dialog"):
            yield Static(Text("Keys", style="bold"))
            yield Static(table)
            yield Static(Text("Esc closes", style="dim"))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


class NoteScreen(ModalScreen[str | None]):
    """An inline editor of the learner's note: Ctrl+S gives the text, Esc gives None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, title: str, note: str, *, elsewhere: str | None = None) -> None:
        super().__init__()
        self.title_text = title
        self.note = note
        self.elsewhere = elsewhere
        """The note as another airoadmap saved it since the editor opened, when it did."""

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text.assemble(("Note on ", ""), (self.title_text, "bold")))
            if self.elsewhere is not None:
                yield Static(
                    Text.assemble(
                        ("Changed elsewhere meanwhile, the note is now: ", "yellow"),
                        (printable(self.elsewhere) or "(none)", "italic"),
                        ("\nYours is below: Ctrl+S saves it over that one, Esc keeps that.", "dim"),
                    ),
                    id="elsewhere",
                )
            yield TextArea(self.note, id="note", soft_wrap=True)
            yield Static(Text("Ctrl+S save · Esc cancel · an empty note is removed", "dim"))

    def on_mount(self) -> None:
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(ModalScreen[bool]):
    """A question answered y (True) or n / Esc (False)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Text(self.question, style="bold"))
            yield Static(Text("y yes · n no", style="dim"))

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
