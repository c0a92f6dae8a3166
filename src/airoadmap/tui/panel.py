"""The right-hand panel: the selected topic — where it sits, summary, outcomes, resources (Enter
opens one in the browser), requirements, unlocks, the learner's record, note and next review,
and the note's body as Markdown."""

from __future__ import annotations

import webbrowser

from rich.text import Text
from textual.app import App, ComposeResult, SuspendNotSupported
from textual.containers import VerticalScroll
from textual.widgets import Markdown, OptionList, Static
from textual.widgets.option_list import Option

from airoadmap.cli import render
from airoadmap.domain.names import printable
from airoadmap.errors import AiroadmapError
from airoadmap.models import Kind, Topic
from airoadmap.tui import text
from airoadmap.tui.session import Session


class Resources(OptionList):
    """The topic's resources, one a line; Enter opens the one under the cursor."""

    def __init__(self) -> None:
        super().__init__(id="resources", compact=True)
        self.urls: list[str] = []

    def show(self, topic: Topic) -> None:
        self.clear_options()
        self.urls = [r.url for r in topic.resources]
        for resource in topic.resources:
            line = Text(f"[{resource.type}] ", style="dim")
            line.append(printable(resource.title))
            line.append(f"\n  {resource.url}", style="blue")
            self.add_option(Option(line))
        self.display = bool(topic.resources)
        if topic.resources:
            self.highlighted = 0  # Tab to the list, Enter: the first one opens

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        open_url(self.app, self.urls[event.option_index])


def in_terminal(browser: webbrowser.BaseBrowser) -> bool:
    """Whether `browser` runs in the terminal (w3m, lynx, www-browser over SSH, $BROWSER):
    it needs the terminal to itself, and returns when closed. A graphical one starts in the
    background."""
    if isinstance(browser, webbrowser.BackgroundBrowser):
        return False
    if isinstance(browser, webbrowser.GenericBrowser):
        return True
    return isinstance(browser, webbrowser.UnixBrowser) and not browser.background


def open_url(app: App[None], url: str) -> None:
    """Open `url` in the learner's browser (Python's `webbrowser` choice, $BROWSER first). A
    terminal browser gets the terminal, the app suspended until it quits; a graphical one is
    started from a thread: the screen never waits for it."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        app.notify(f"no browser to open {url}", severity="warning")
        return

    def said(opened: bool) -> None:
        app.notify(f"opened {url}" if opened else f"the browser could not open {url}")

    if in_terminal(browser):
        try:
            with app.suspend():
                opened = browser.open(url)
        except SuspendNotSupported:  # no terminal to give (a headless app): as a graphical one
            pass
        else:
            said(opened)
            return

    def start() -> None:
        opened = browser.open(url)
        app.call_from_thread(said, opened)

    app.run_worker(start, thread=True, group="browser")


class TopicPanel(VerticalScroll):
    """The topic under the tree's cursor, in full; Tab from the tree focuses it (the arrows,
    PageUp/PageDown, Home/End scroll it), and PageUp/PageDown/space scroll it from the tree."""

    def __init__(self) -> None:
        super().__init__(id="panel", can_focus=True)
        self.shown: str | None = None
        self._body: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="heading")
        yield Static(id="about")
        yield Static("Resources", id="resources-title", classes="section")
        yield Resources()
        yield Static(id="facts")
        yield Markdown(id="body")

    def show(self, session: Session, topic_id: str) -> None:
        topic = session.curriculum[topic_id]
        if topic_id != self.shown:
            self.scroll_home(animate=False)
        self.shown = topic_id
        self.query_one("#heading", Static).update(text.heading(session, topic))
        about = self.query_one("#about", Static)
        about.update(text.about(topic))
        about.display = bool(topic.summary or topic.outcomes)
        self.query_one("#resources-title").display = bool(topic.resources)
        self.query_one(Resources).show(topic)
        self.query_one("#facts", Static).update(text.facts(session, topic))
        self._show_body(topic)

    def _show_body(self, topic: Topic) -> None:
        from airoadmap.notes.note import read_body

        if topic.source:
            try:
                body = render.without_title(read_body(topic.source), topic.title).strip()
            except (OSError, AiroadmapError):  # gone or unreadable since: the facts still show
                body = ""
        elif topic.kind is not Kind.AREA:
            body = f"*No note yet: linked as [[{topic.title}]], not written.*"
        else:
            body = ""
        markdown = self.query_one("#body", Markdown)
        markdown.display = bool(body)
        if body != self._body:
            self._body = body
            markdown.update(printable(body))
