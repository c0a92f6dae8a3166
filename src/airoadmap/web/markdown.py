"""A note's Markdown body (and a learner's note) as HTML for the page: CommonMark by
markdown-it-py with raw HTML escaped (never passed through), links kept as ordinary links and
images shown as links to them, so that the page never fetches anything on its own. A wiki link
(`[[Note]]`, `[[Note|label]]`) shows as the linked topic's title: a link that selects the topic
when it is on the roadmap, plain text otherwise."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import StateInline

Linker = Callable[[str], tuple[str | None, str]]
"""A wiki link's inner text → the id of the topic it names (None: none on the roadmap) and the
text to show."""


def _wikilink(state: StateInline, silent: bool) -> bool:
    """`[[inner]]` as one `wikilink` token (its inner text in `meta`)."""
    start = state.pos
    if not state.src.startswith("[[", start):
        return False
    end = state.src.find("]]", start + 2)
    if end < 0 or end > state.posMax or "\n" in state.src[start:end]:
        return False
    inner = state.src[start + 2 : end]
    if not inner.strip() or "[" in inner:
        return False
    if not silent:
        token = state.push("wikilink", "", 0)
        token.meta = {"inner": inner}
    state.pos = end + 2
    return True


@cache
def _parser(breaks: bool = False) -> MarkdownIt:
    from markdown_it import MarkdownIt
    from markdown_it.common.utils import escapeHtml

    parser = MarkdownIt(
        "commonmark", {"html": False, "linkify": False, "typographer": False, "breaks": breaks}
    )
    parser.enable("table")
    parser.enable("strikethrough")
    parser.inline.ruler.before("link", "wikilink", _wikilink)

    def image(renderer: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
        """An image as a link to it, its alternative text the link's text: no fetch."""
        token = tokens[index]
        src = str(token.attrGet("src") or "")
        alt = renderer.renderInlineAsText(token.children or [], options, env)
        text = escapeHtml(alt or src)
        return f'<a href="{escapeHtml(src)}" rel="noopener noreferrer">[image: {text}]</a>'

    def wikilink(renderer: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
        inner = str(tokens[index].meta["inner"])
        linker: Linker | None = env.get("linker") if isinstance(env, dict) else None
        found, text = linker(inner) if linker is not None else (None, _label(inner))
        if found is None:
            return f'<span class="wikilink">{escapeHtml(text)}</span>'
        id_ = escapeHtml(found)
        return f'<a class="wikilink" href="#topic={id_}" data-go="{id_}">{escapeHtml(text)}</a>'

    parser.add_render_rule("image", image)
    parser.add_render_rule("wikilink", wikilink)
    return parser


def _label(inner: str) -> str:
    """What `[[inner]]` shows without a topic: its label, else the note it names."""
    name, _, label = inner.partition("|")
    return label.strip() or name.split("#", 1)[0].strip() or inner


def _without_title(body: str, title: str) -> str:
    """The body without a first heading that only repeats the topic's title."""
    match = re.match(r"\s*#\s+(.+?)\s*#*\s*(?:\n|$)", body)
    if match and match.group(1).strip().casefold() == title.strip().casefold():
        return body[match.end() :].lstrip("\n")
    return body


def to_html(body: str, *, title: str = "", linker: Linker | None = None) -> str:
    """`body` (a note's Markdown) as HTML: raw HTML in it shows as text; a first heading that
    repeats `title` is left out; wiki links through `linker`."""
    text = _without_title(body, title) if title else body
    if not text.strip():
        return ""
    return str(_parser().render(text, {"linker": linker}))


def note_html(note: str, *, linker: Linker | None = None) -> str:
    """A learner's own note as HTML: Markdown as the body is, each line break kept."""
    if not note.strip():
        return ""
    return str(_parser(True).render(note, {"linker": linker}))
