"""The full-screen app of `airoadmap ui`: the tree on the left, the selected topic on the right,
a header with the learner's standing, a status line and the keys in the footer.

Every change goes through the `Session`, and so through the same core actions as the CLI's,
made in a thread (`saving`): the screen stays alive while it waits for a lock. A change that
fails (an `AiroadmapError`) shows its error on the status line and changes nothing. A timer
looks at the store's and the notes' stamps, in a thread too: what another process writes shows
within a second, and a store or notes that cannot be read are said once, until they can."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar, TypeVar

from rich.text import Text
from textual import on
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, Static, Tree

from airoadmap.cli import render
from airoadmap.domain.tracker import Suggestion
from airoadmap.errors import AiroadmapError
from airoadmap.models import Kind, Status
from airoadmap.progress.actions import ASK_ABOVE
from airoadmap.tui import text
from airoadmap.tui.panel import TopicPanel
from airoadmap.tui.saving import Saving
from airoadmap.tui.screens import ConfirmScreen, HelpScreen, NoteScreen
from airoadmap.tui.session import Checked, NoteChanged, Said, Session
from airoadmap.tui.tree import TopicTree, matches

T = TypeVar("T")

POLL_SECONDS = 1.0
"""How often the app looks at the store's and the notes' stamps for changes made elsewhere."""

KEYS_BAR: list[tuple[str, str]] = [
    ("s", "start"),
    ("d", "done"),
    ("x", "skip"),
    ("u", "undo"),
    ("e", "note"),
    ("n", "next"),
    ("r", "review"),
    ("t", "hide"),
    ("/", "find"),
    ("Tab", "topic"),
    ("?", "help"),
    ("q", "quit"),
]
"""The keys the footer shows; the last two (help and quit) whatever the width."""

CSS = """
#header { text-wrap: nowrap; text-overflow: ellipsis; }
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
#status { height: auto; max-height: 8; padding: 0 1; }
KeysBar { height: 1; background: $panel; }
#panel:focus { background-tint: $foreground 4%; }
ModalScreen { align: center middle; }
.dialog {
    width: 90%; max-width: 100; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 0 1;
}
.dialog > VerticalScroll { height: auto; max-height: 20; }
#note { height: 10; }
#review-status { margin-top: 1; }
"""


def keys_line(width: int) -> Text:
    """The footer's keys in `width` cells: each with its word if they fit, else the keys alone
    (and as many as fit) — `? help` and `q quit` always."""
    *middle, helps, quits = KEYS_BAR
    last = [helps, quits]

    def line(pairs: list[tuple[str, str]], bare: list[str], gap: str) -> Text:
        out = Text(no_wrap=True, overflow="crop")
        for key in bare:
            out.append(key, style="bold")
            out.append(" ")
        for number, (key, word) in enumerate(pairs):
            if number:
                out.append(gap)
            out.append(key, style="bold")
            out.append(f" {word}", style="dim")
        return out

    for gap in ("  ", " "):
        full = line(middle + last, [], gap)
        if full.cell_len <= width:
            return full
    keys = [key for key, _ in middle]
    while keys:
        short = line(last, keys, " ")
        if short.cell_len <= width:
            return short
        keys.pop()
    return line(last, [], " ")


class KeysBar(Widget):
    """The footer: the main keys, shortened to the width."""

    def render(self) -> Text:
        line = Text(" ", no_wrap=True, overflow="crop")
        line.append_text(keys_line(self.size.width - 2))  # a cell clear at each end
        return line


class SearchInput(Input):
    """The search box (`/`): filters the tree as one types; Enter goes to the tree, Esc
    clears it (the screen's keys: `MainScreen.action_leave_search`, `action_clear_search`)."""


@dataclass(frozen=True)
class NextCycle:
    """The suggestions `n` steps through (as `next` ranked them at the first `n`), the one it
    is at, and what tells that nothing moved since: the session's generation, the tree's
    moves."""

    ranked: list[Suggestion]
    at: int
    generation: int
    moves: int


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
        # A priority key: the search takes the focus before the keys typed after `/` are
        # passed on (typed in one burst, they would otherwise reach the tree's keys).
        Binding("slash", "search", "find", priority=True),
        Binding("question_mark", "help", "help"),
        Binding("q", "app.quit", "quit"),
        # Priority keys too, for the same reason, while the search has the focus (else they
        # are the focused widget's: `SkipAction`).
        Binding("escape", "clear_search", "clear search", show=False, priority=True),
        Binding("enter", "leave_search", "to the tree", show=False, priority=True),
    ]

    def __init__(self, session: Session, *, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.session = session
        self.poll_seconds = poll_seconds
        self.hide_finished = False
        self.query_text = ""
        self.opened_before_search: set[str] | None = None
        """The maps open before a search began: open again when it is cleared."""
        self.polling = False
        self.poll_error: str | None = None
        """The error the last look at the files found (said once, until they read again)."""
        self.next_cycle: NextCycle | None = None
        """Where `n` is in `next`'s suggestions (None: it starts from the first)."""

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        with Horizontal(id="main"):
            with Vertical(id="left"):
                yield SearchInput(placeholder="search titles and aliases", id="search")
                yield TopicTree(id="tree")
            yield TopicPanel()
        yield Static(id="status")
        yield KeysBar()

    @property
    def topic_tree(self) -> TopicTree:
        return self.query_one(TopicTree)

    @property
    def saving(self) -> Saving:
        app = self.app
        assert isinstance(app, RoadmapApp)
        return app.saving

    def on_screen_resume(self) -> None:
        self.saving.next()  # keys pressed while a dialog was being opened

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

    def say(self, said: Said | Text | str) -> None:
        """The status line: what a change did and its warnings (each on a line of its own
        where the line is too narrow for all of them; never cut)."""
        status = self.query_one("#status", Static)
        if not isinstance(said, Said):
            status.update(Text(said) if isinstance(said, str) else said)
            return
        line = Text(said.line)
        for warning in said.warnings:
            line.append(" · ")
            line.append(f"warning: {warning}", style="yellow")
        status.update(line)

    def fail(self, error: AiroadmapError | str) -> None:
        """A change that failed, or files that cannot be read: the whole error, in red (wrapped
        to as many lines as it needs), and the bell."""
        self.query_one("#status", Static).update(Text(f"error: {error}", style="red"))
        self.app.bell()

    @on(Tree.NodeHighlighted)
    def _highlighted(self, event: Tree.NodeHighlighted[str]) -> None:
        # The topic under the cursor, whichever node the event names: a tree laid out again
        # (a search typed in one go) highlights nodes on the way that are no longer current.
        topic = self.topic_tree.topic
        if topic is not None and topic in self.session.curriculum:
            self.query_one(TopicPanel).show(self.session, topic)

    def poll(self) -> None:
        """Look, in a thread, at what another process changed in the store or the notes."""
        if self.polling or self.saving.busy:
            return
        self.polling = True
        session = self.session

        def look() -> None:
            checked = session.check()
            with contextlib.suppress(RuntimeError):  # the app closed meanwhile
                self.app.call_from_thread(self._looked, checked)

        self.run_worker(look, thread=True, group="poll", exit_on_error=True)

    def _looked(self, checked: Checked) -> None:
        self.polling = False
        if self.saving.busy:  # a change of ours is being made: the next look reads again
            return
        if self.session.adopt(checked):
            self.refresh_all()
        if checked.error is not None:
            if checked.error != self.poll_error:  # said (and rung) once per new error
                self.fail(checked.error)
            self.poll_error = checked.error
        elif self.poll_error is not None:
            self.poll_error = None
            self.say("the store and the notes can be read again")

    def action_scroll_panel(self, direction: str) -> None:
        """PageUp / PageDown (and space) from the tree: scroll the topic beside it."""
        panel = self.query_one(TopicPanel)
        if direction == "up":
            panel.scroll_page_up()
        else:
            panel.scroll_page_down()

    # --- changes, in a thread -----------------------------------------------------------

    def _later(self, act: Callable[[], None]) -> bool:
        """While a change is being made, keep a key for when it is shown (True)."""
        return self.saving.later(self, act)

    def _change(self, work: Callable[[], T], done: Callable[[T], None]) -> None:
        """Make a change in a thread; then show it with `done` (or its error)."""

        def finished(result: T | AiroadmapError) -> None:
            if isinstance(result, AiroadmapError):
                self.fail(result)
                self.refresh_all()
            else:
                done(result)

        self.saving.run(work, finished, said=self.say)

    # --- acting ----------------------------------------------------------------------------

    def action_mark(self, status: str, topic_id: str | None = None) -> None:
        topic_id = topic_id or self.topic_tree.topic
        if topic_id is None or self._later(lambda: self.action_mark(status, topic_id)):
            return
        chosen = Status(status)
        session = self.session

        def counted(pending: list[str]) -> None:
            if len(pending) <= ASK_ABOVE:
                self._mark(topic_id, chosen)
                return
            title = session.curriculum[topic_id].title
            verb = render.STATUS_VERBS[chosen]
            question = f"{verb[0].upper()}{verb[1:]} {len(pending)} topics under {title}?"

            def answered(yes: bool | None) -> None:
                if yes:
                    self._mark(topic_id, chosen)
                else:
                    self.say("nothing changed")

            self.app.push_screen(ConfirmScreen(question), answered)

        if session.curriculum[topic_id].is_leaf:
            counted([topic_id])  # one topic: nothing to count, nothing to ask
        else:
            # Counted from the store as it is now, not the screen's copy.
            self._change(lambda: session.pending(topic_id, chosen), counted)

    def _mark(self, topic_id: str, status: Status) -> None:
        def marked(said: Said) -> None:
            self.say(said)
            self.refresh_all()

        self._change(lambda: self.session.mark(topic_id, status), marked)

    def action_undo(self) -> None:
        if self._later(self.action_undo):
            return

        def undone(said: Said) -> None:
            self.say(said)
            self.refresh_all()

        self._change(self.session.undo, undone)

    def action_note(self, topic_id: str | None = None) -> None:
        topic_id = topic_id or self.topic_tree.topic
        if topic_id is None or self._later(lambda: self.action_note(topic_id)):
            return
        session = self.session
        topic = session.curriculum[topic_id]
        started = session.progress.record(topic_id).note

        def edit(note: str, was: str | None, elsewhere: str | None = None) -> None:
            def edited(text_: str | None) -> None:
                if text_ is None:
                    self.say("note unchanged")
                    return

                def failed_or_saved(result: Said | AiroadmapError) -> None:
                    if isinstance(result, NoteChanged):
                        # Saved elsewhere meanwhile: both shown, nothing written over.
                        self.fail(result)
                        self.refresh_all()
                        edit(text_, result.stored, elsewhere=result.stored or "")
                    elif isinstance(result, AiroadmapError):
                        self.fail(result)
                        # Nothing is lost: the editor opens again with what was written.
                        edit(text_, was)
                    else:
                        self.say(result)
                        self.refresh_all()

                self.saving.run(
                    lambda: session.set_note(topic_id, text_, was=was),
                    failed_or_saved,
                    said=self.say,
                )

            self.app.push_screen(NoteScreen(topic.title, note, elsewhere=elsewhere), edited)

        edit(started or "", started)

    def action_next(self) -> None:
        """The first topic `next` suggests; pressed again, the one after (the last: the first
        again) — while the cursor stays where `n` put it and the store is as it was; else
        from the first again, as `next` ranks them then."""
        if self._later(self.action_next):  # after the change being made: from what it left
            return
        session, tree = self.session, self.topic_tree
        cycle = self.next_cycle
        if (
            cycle is not None
            and cycle.generation == session.generation
            and cycle.moves == tree.moves
            and tree.topic == cycle.ranked[cycle.at].topic
        ):
            ranked, at = cycle.ranked, (cycle.at + 1) % len(cycle.ranked)
        else:
            ranked, at = session.suggestions(), 0
        self.next_cycle = None
        if not ranked:
            self.say("nothing is ready to study")
            return
        target = ranked[at].topic
        if self.query_text and target not in (self._found() or set()):
            self._clear_search()
        tree.open_path(session.curriculum, target)
        self.next_cycle = NextCycle(ranked, at, session.generation, tree.moves)
        line = Text(f"next {at + 1}/{len(ranked)}: {session.curriculum[target].title}")
        line.append(f" · {ranked[at].reason}", style="dim")
        self.say(line)

    def action_review(self) -> None:
        from airoadmap.tui.review import ReviewScreen

        if self._later(self.action_review):
            return

        def closed(_: int | None) -> None:
            self.refresh_all()

        # Each answer saved, and each taken back, shows here at once (the header's reviews
        # due, the panel's next review), not only once the review is closed.
        self.app.push_screen(ReviewScreen(self.session, changed=self.refresh_all), closed)

    def action_hide(self) -> None:
        self.hide_finished = not self.hide_finished
        self.refresh_all()
        self.say("finished topics hidden (t shows them)" if self.hide_finished else "all shown")

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen())

    def action_search(self) -> None:
        search = self.query_one(SearchInput)
        if self.focused is search:  # a `/` typed in the search
            search.insert_text_at_cursor("/")
            return
        search.add_class("shown")
        search.display = True  # now, so that it can take the focus now
        # At once, not after this refresh: the keys typed right after `/` (a burst, a paste)
        # are the search's, not the tree's.
        self.set_focus(search)

    def action_clear_search(self) -> None:
        if self.focused is not self.topic_tree and self.focused is not self.query_one(SearchInput):
            raise SkipAction  # Esc in the panel or its resources: theirs
        self._clear_search()
        self.set_focus(self.topic_tree)

    def action_leave_search(self) -> None:
        """Enter in the search: to the tree, the filter kept."""
        if self.focused is not self.query_one(SearchInput):
            raise SkipAction  # the tree's or the resources' Enter
        self.set_focus(self.topic_tree)

    def _clear_search(self) -> None:
        search = self.query_one(SearchInput)
        search.remove_class("shown")
        search.display = False
        search.value = ""
        self.query_text = ""
        self._restore_open()

    def _restore_open(self) -> None:
        """The tree as it was before the search: the same maps open (and the cursor's)."""
        opened = self.opened_before_search
        self.opened_before_search = None
        if opened is None:
            self.refresh_all()
            return
        cursor = self.topic_tree.topic
        if cursor is not None and cursor in self.session.curriculum:
            opened |= set(self.session.curriculum.path_ids(cursor))
        self.topic_tree.show(
            self.session.tracker, hide_finished=self.hide_finished, expanded=opened
        )
        self.refresh_all()

    @on(Input.Changed, "#search")
    def _searched(self, event: Input.Changed) -> None:
        if event.value and self.opened_before_search is None:
            tree = self.topic_tree
            self.opened_before_search = {i for i, n in tree.nodes.items() if n.is_expanded}
        self.query_text = event.value
        if not event.value:
            self._restore_open()
            self.say("")
            return
        found = matches(self.session.curriculum, event.value)
        if not found:
            self.say(f"no topic matches {event.value!r}")
        else:
            self.say("")
        curriculum = self.session.curriculum
        # The first topic found (a map or the hub when only they match).
        leaves = [t.id for t in curriculum if t.id in found and t.is_leaf]
        first = leaves[0] if leaves else next((t.id for t in curriculum if t.id in found), None)
        self.refresh_all(cursor=first)


class RoadmapApp(App[None]):
    """`airoadmap ui`: one learner's roadmap, to browse, study and review with the keyboard."""

    TITLE = "airoadmap"
    CSS = CSS
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, session: Session, *, poll_seconds: float = POLL_SECONDS) -> None:
        super().__init__()
        self.session = session
        self.poll_seconds = poll_seconds
        self.saving = Saving(self)

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.session, poll_seconds=self.poll_seconds)
