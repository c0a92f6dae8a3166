"""The tree of the roadmap — hub, areas, maps, topics — with status marks and completion; it can
hide finished topics and show only those a search matches (with the maps they sit in)."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.tracker import Tracker
from airoadmap.tui import text


def matches(curriculum: Curriculum, query: str) -> set[str]:
    """The topics whose title, id or an alias holds `query` (any case), and their ancestors."""
    needle = query.strip().casefold()
    found: set[str] = set()
    for topic in curriculum:
        names = (topic.title, topic.id, *topic.aliases)
        if any(needle in name.casefold() for name in names):
            found.add(topic.id)
            found.update(curriculum.path_ids(topic.id))
    return found


class TopicTree(Tree[str]):
    """The roadmap as a tree of topic ids; `show` lays it out again from a tracker."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("h,left", "close", "Close / up", show=False),
        Binding("l,right", "open", "Open / in", show=False),
        # The panel beside the tree scrolls from here (Tab moves into it).
        Binding("pagedown,space", "screen.scroll_panel('down')", "Scroll the topic", show=False),
        Binding("pageup", "screen.scroll_panel('up')", "Scroll the topic up", show=False),
    ]

    # Not Textual's triangles: "▶" is the mark of a topic being learned.
    ICON_NODE = "+ "
    ICON_NODE_EXPANDED = "− "

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.guide_depth = 2
        self.auto_expand = False
        self.nodes: dict[str, TreeNode[str]] = {}
        self._shape: list[str] = []
        self._tails: dict[str, int] = {}  # per topic, the cells after its title (" 45%")
        self._keys: dict[str, object] = {}  # per topic, what its label shows (to redraw less)
        self.moves = 0
        """How many times the cursor went to another topic (a tree laid out again under it,
        the cursor on the same topic, is not a move): `n` tells by it whether the cursor
        stayed where it put it."""
        self._at: str | None = None

    @property
    def topic(self) -> str | None:
        """The id of the topic under the cursor."""
        node = self.cursor_node
        return node.data if node is not None else None

    def watch_cursor_line(self, previous_line: int, line: int) -> None:
        super().watch_cursor_line(previous_line, line)
        topic = self.topic
        if topic is not None and topic != self._at:  # None: the tree being laid out again
            self._at = topic
            self.moves += 1

    def show(
        self,
        tracker: Tracker,
        *,
        hide_finished: bool = False,
        found: set[str] | None = None,
        expanded: set[str] | None = None,
        cursor: str | None = None,
    ) -> None:
        """Lay the tree out: every topic, less the finished ones (`hide_finished`), only those
        `found` (a search's `matches`, all opened). The nodes `expanded` are opened (else those
        open now); the cursor goes to `cursor` (else stays on its topic), or the nearest shown
        node above it."""
        curriculum = tracker.curriculum
        if expanded is None:
            expanded = {i for i, node in self.nodes.items() if node.is_expanded}
        cursor = cursor or self.topic

        def shown(topic_id: str) -> bool:
            if found is not None and topic_id not in found:
                return False
            return not (hide_finished and tracker.status(topic_id).finished)

        shape = [t.id for t in curriculum if t.id == curriculum.hub_id or shown(t.id)]
        if shape == self._shape and set(self.nodes) == set(shape):
            for topic_id, node in self.nodes.items():  # the same nodes: new labels only
                key = self._key(tracker, topic_id)
                if key != self._keys.get(topic_id):
                    node.set_label(self._label(tracker, topic_id))
            self._reopen(expanded, found)
            self._place(curriculum, cursor)
            return
        self._shape = shape
        self._keys.clear()
        self.clear()
        hub = curriculum.hub
        self.root.set_label(self._label(tracker, hub.id))
        self.root.data = hub.id
        self.nodes = {hub.id: self.root}
        stack = [(self.root, hub.id)]
        while stack:
            parent, topic_id = stack.pop()
            for child in curriculum.children(topic_id):
                if not shown(child.id):
                    continue
                label = self._label(tracker, child.id)
                if child.is_leaf:
                    node = parent.add_leaf(label, data=child.id)
                else:
                    node = parent.add(label, data=child.id)
                    stack.append((node, child.id))
                self.nodes[child.id] = node
        self._reopen(expanded, found)
        self._place(curriculum, cursor)

    def _key(self, tracker: Tracker, topic_id: str) -> object:
        """What a label depends on that a change of progress can change."""
        topic = tracker.curriculum[topic_id]
        word = tracker.mark(topic_id)
        return (topic, word) if topic.is_leaf else (topic, word, tracker.completion(topic_id))

    def _label(self, tracker: Tracker, topic_id: str) -> Text:
        self._keys[topic_id] = self._key(tracker, topic_id)
        topic = tracker.curriculum[topic_id]
        label = text.label(tracker, topic)
        self._tails[topic_id] = label.cell_len - 2 - Text(topic.title).cell_len
        return label

    def render_label(self, node: TreeNode[str], base_style: Style, style: Style) -> Text:
        """The label, its title cut with "…" where the line is too narrow for all of it (the
        mark and a map's completion always show)."""
        line = super().render_label(node, base_style, style)
        width = self.scrollable_content_region.width
        depth = 0
        parent = node.parent
        while parent is not None:
            depth, parent = depth + 1, parent.parent
        over = line.cell_len + depth * self.guide_depth - (width - 1)  # a cell from the edge
        if width <= 0 or over <= 0 or node.data is None:
            return line
        tail = self._tails.get(node.data, 0)
        keep = line.cell_len - tail - over - 1
        if keep < 3:
            line.truncate(max(width - depth * self.guide_depth, 1), overflow="ellipsis")
            return line
        cut = line[:keep]
        cut.append("…")
        cut.append_text(line[line.cell_len - tail :] if tail else Text())
        return cut

    def _reopen(self, expanded: set[str], found: set[str] | None) -> None:
        for topic_id, node in self.nodes.items():
            opened = found is not None or topic_id in expanded or node is self.root
            if opened and not node.is_expanded:
                node.expand()
            elif not opened and node.is_expanded:
                node.collapse()

    def _nearest(self, curriculum: Curriculum, cursor: str) -> str | None:
        """`cursor` if shown; else the next topic shown in its place: its next sibling, else
        the one before it, else (nothing left beside it) its parent — or, that hidden too,
        the same one level up."""
        topic_id = cursor
        while topic_id not in self.nodes:
            parent = curriculum.parent(topic_id)
            if parent is None:
                return None
            siblings = [child.id for child in curriculum.children(parent.id)]
            at = siblings.index(topic_id) if topic_id in siblings else len(siblings)
            beside = siblings[at + 1 :] + siblings[:at][::-1]
            shown = next((s for s in beside if s in self.nodes), None)
            if shown is not None:
                return shown
            topic_id = parent.id
        return topic_id

    def _place(self, curriculum: Curriculum, cursor: str | None) -> None:
        """The cursor on `cursor`'s node, its ancestors opened; else on the nearest shown."""
        target: str | None = None
        if cursor is not None and cursor in curriculum:
            target = self._nearest(curriculum, cursor)
        node = self.nodes.get(target) if target is not None else None
        if node is None:
            node = self.root
        parent = node.parent
        while parent is not None:
            parent.expand()
            parent = parent.parent
        self._tree_lines  # noqa: B018 (lays the lines out now: the node's line is then known)
        self.move_cursor(node)

    def open_path(self, curriculum: Curriculum, topic_id: str) -> None:
        """Show `topic_id` (its ancestors opened) and put the cursor on it."""
        self._place(curriculum, topic_id)

    def action_close(self) -> None:
        """Close the node under the cursor, or go up to its parent."""
        node = self.cursor_node
        if node is None:
            return
        if node.allow_expand and node.is_expanded:
            node.collapse()
        elif node.parent is not None:
            self.move_cursor(node.parent)

    def action_open(self) -> None:
        """Open the node under the cursor, or go down to its first child."""
        node = self.cursor_node
        if node is None or not node.allow_expand:
            return
        if not node.is_expanded:
            node.expand()
        elif node.children:
            self._tree_lines  # noqa: B018
            self.move_cursor(node.children[0])
