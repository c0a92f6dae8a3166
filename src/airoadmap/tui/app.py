"""The full-screen app of `airoadmap ui`: the tree on the left, the selected topic on the right,
a header with the learner's standing, a status line and the keys in the footer.

Every change goes through the `Session`, and so through the same core actions as the CLI's; a
change that fails (an `AiroadmapError`) shows its one line in the status line and changes
nothing. A timer watches the store's and the notes' stamps: what another process writes shows
within a second."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Footer, Input, Static, Tree

from airoadmap.errors import AiroadmapError
from airoadmap.models import Kind, Status
from airoadmap.progress.actions import ASK_ABOVE
from airoadmap.tui import text
from airoadmap.tui.panel import TopicPanel
from airoadmap.tui.screens import ConfirmScreen, HelpScreen, NoteScreen
from airoadmap.tui.session import Said, Session
from airoadmap.tui.tree import TopicTree, matches

POLL_SECONDS = 1.0
"""How often the app looks at the store's and the notes' stamps for changes made elsewhere."""

_VERBS = {Status.LEARNING: "start", Status.DONE: "mark done", Status.SKIPPED: "skip"}

CSS = """
#header, #status { text-wrap: nowrap; text-overflow: ellipsis; }
#header { height: 1; padding: 0 1; background: $primary; color: $text; }
#main { height: 1fr; }
#left { width: 2fr; min-width: 30; max-width: 64; }
#search { display: none; height: 1; border: none; padding: 0 1; }
#search.shown { display: block; }
#tree {
    height: 1fr; overflow-x: hidden; scrollbar-size-vertical: 1;
    border-right: vkey $panel-lighten-2;
}
#panel { width: 3fr; padding: 0 1; scrollbar-size-vertical: 1; }
#panel > Static { height: auto; }
#about, #facts, #resources-title { margin-top: 1; }
#resources-title { text-style: bold; }
#resources { height: auto; max-height: 10; text-wrap: nowrap; text-overflow: ellipsis; }
#body { margin-top: 1; padding: 0; }
#status { height: 1; padding: 0 1; }
ModalScreen { align: center middle; }
.dialog {
    width: 90%; max-width: 100; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 0 1;
}
.dialog > VerticalScroll { height: auto; max-height: 20; }
#note { height: 10; }
#review-status { margin-top: 1; }
"""


class SearchInput(Input):
    """The search box (`/`): filters the tree as one types; Enter goes to the tree, Esc
    clears it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "screen.clear_search", "Clear", show=False),
    ]


class MainScreen(Screen[None]):
    """The tree, the panel and the keys that act on the topic under the cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "mark('learning')", "start"),
        Binding("d", "mark('done')", "done"),
        Binding("x", "mark('skipped')", "skip"),
        Binding("u", "undo", "undo"),
        Binding("e", "note", "note"),
        Binding("n", "next", "next"),
        Binding("r", "review", "review"),
        Binding("t", "hide", "hide"),
        Binding("slash", "search", "find"),
        Binding("question_mark", "help", "help"),
        Binding("q", "app.quit", "quit"),
        Binding("escape", "clear_search", "clear search", show=False),
    ]

    def __init__(self, session: Session, *, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.session = session
        self.poll_seconds = poll_seconds
        self.hide_finished = False
        self.query_text = ""

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield SearchInput(placeholder="search titles and aliases", id="search")
                yield TopicTree(id="tree")
            yield TopicPanel()
        yield Static(id="status")
        yield Footer(compact=True)

    @property
    def topic_tree(self) -> TopicTree:
        return self.query_one(TopicTree)

    def on_mount(self) -> None:
        session = self.session
        curriculum = session.curriculum
        cursor = session.first_next() or curriculum.hub_id
        opened = {t.id for t in curriculum if t.kind in {Kind.HUB, Kind.AREA}}
        opened.update(curriculum.path_ids(cursor))
        self.topic_tree.show(session.tracker, expanded=opened, cursor=cursor)
        self._refresh_header()
        self.topic_tree.focus()
        self.call_after_refresh(self._scroll_to_cursor)
        self.set_interval(self.poll_seconds, self.poll)

    def _scroll_to_cursor(self) -> None:
        """Once laid out: the tree from its top, down only as far as the cursor needs."""
        tree = self.topic_tree
        tree.scroll_home(animate=False)
        if tree.cursor_node is not None:
            tree.scroll_to_node(tree.cursor_node, animate=False)

    # --- showing ---------------------------------------------------------------------------

    def _found(self) -> set[str] | None:
        return matches(self.session.curriculum, self.query_text) if self.query_text else None

    def _refresh_header(self) -> None:
        self.query_one("#header", Static).update(text.header(self.session))

    def refresh_all(self, cursor: str | None = None) -> None:
        """Show the session as it is now: header, tree (same cursor) and panel."""
        self._refresh_header()
        tree = self.topic_tree
        tree.show(
            self.session.tracker,
            hide_finished=self.hide_finished,
            found=self._found(),
            cursor=cursor,
        )
        topic = tree.topic
        if topic is not None:
            self.query_one(TopicPanel).show(self.session, topic)

    def say(self, said: Said | str) -> None:
        status = self.query_one("#status", Static)
        if isinstance(said, str):
            status.update(Text(said))
            return
        line = Text(said.line)
        if said.warning:
            line.append(f" · {said.warning}", style="yellow")
        status.update(line)

    def fail(self, error: AiroadmapError) -> None:
        """A change that failed: its one line, in red; nothing changed."""
        self.query_one("#status", Static).update(Text(f"error: {error}", style="red"))
        self.app.bell()

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        if event.node.data is not None:
            self.query_one(TopicPanel).show(self.session, event.node.data)

    def poll(self) -> None:
        """Show what another process changed in the store or the notes since last seen."""
        try:
            changed = self.session.changed()
        except AiroadmapError as exc:
            self.fail(exc)
            return
        if changed:
            self.refresh_all()

    # --- acting ----------------------------------------------------------------------------

    def action_mark(self, status: str) -> None:
        topic_id = self.topic_tree.topic
        if topic_id is None:
            return
        chosen = Status(status)
        pending = self.session.pending(topic_id, chosen)
        if len(pending) <= ASK_ABOVE:
            self._mark(topic_id, chosen)
            return
        title = self.session.curriculum[topic_id].title
        question = f"{_VERBS[chosen].capitalize()} {len(pending)} topics under {title}?"

        def answered(yes: bool | None) -> None:
            if yes:
                self._mark(topic_id, chosen)
            else:
                self.say("nothing changed")

        self.app.push_screen(ConfirmScreen(question), answered)

    def _mark(self, topic_id: str, status: Status) -> None:
        try:
            said = self.session.mark(topic_id, status)
        except AiroadmapError as exc:
            self.fail(exc)
        else:
            self.say(said)
        self.refresh_all()

    def action_undo(self) -> None:
        try:
            said = self.session.undo()
        except AiroadmapError as exc:
            self.fail(exc)
        else:
            self.say(said)
        self.refresh_all()

    def action_note(self) -> None:
        topic_id = self.topic_tree.topic
        if topic_id is None:
            return
        session = self.session
        topic = session.curriculum[topic_id]
        current = session.progress.record(topic_id).note or ""

        def edited(note: str | None) -> None:
            if note is None:
                self.say("note unchanged")
                return
            try:
                said = session.set_note(topic_id, note)
            except AiroadmapError as exc:
                self.fail(exc)
                # Nothing is lost: the editor opens again with what was written.
                self.app.push_screen(NoteScreen(topic.title, note), edited)
                return
            self.say(said)
            self.refresh_all()

        self.app.push_screen(NoteScreen(topic.title, current), edited)

    def action_next(self) -> None:
        target = self.session.first_next()
        if target is None:
            self.say("nothing is ready to study")
            return
        if self.query_text and target not in (self._found() or set()):
            self._clear_search()
        self.topic_tree.open_path(self.session.curriculum, target)
        self.say(f"next: {self.session.curriculum[target].title}")

    def action_review(self) -> None:
        from airoadmap.tui.review import ReviewScreen

        def closed(_: int | None) -> None:
            self.refresh_all()

        self.app.push_screen(ReviewScreen(self.session), closed)

    def action_hide(self) -> None:
        self.hide_finished = not self.hide_finished
        self.refresh_all()
        self.say("finished topics hidden (t shows them)" if self.hide_finished else "all shown")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_search(self) -> None:
        search = self.query_one(SearchInput)
        search.add_class("shown")
        search.focus()

    def action_clear_search(self) -> None:
        self._clear_search()
        self.topic_tree.focus()

    def _clear_search(self) -> None:
        search = self.query_one(SearchInput)
        search.remove_class("shown")
        if search.value:
            search.value = ""  # Input.Changed shows the whole tree again
        self.query_text = ""
        self.refresh_all()

    @on(Input.Changed, "#search")
    def _searched(self, event: Input.Changed) -> None:
        self.query_text = event.value
        found = self._found()
        if found is not None and len(found) <= 1:
            self.say(f"no topic matches {event.value!r}")
        elif found is not None:
            self.say("")
        first = None
        if found is not None:
            first = next(
                (t.id for t in self.session.curriculum if t.id in found and t.is_leaf), None
            )
        self.refresh_all(cursor=first)

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        self.topic_tree.focus()


class RoadmapApp(App[None]):
    """`airoadmap ui`: one learner's roadmap, to browse, study and review with the keyboard."""

    TITLE = "airoadmap"
    CSS = CSS
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, session: Session, *, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.session = session
        self.poll_seconds = poll_seconds

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.session, poll_seconds=self.poll_seconds)
