"""A note's Markdown body as HTML for the page: CommonMark by markdown-it-py with raw HTML
escaped (never passed through), links kept as ordinary links and images shown as links to
them, so that the page never fetches anything on its own."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    parser.enable("table")
    parser.enable("strikethrough")

    def image(renderer: Any, tokens: Any, index: int, options: Any, env: Any) -> str:
        """An image as a link to it, its alternative text the link's text: no fetch."""
        from markdown_it.common.utils import escapeHtml

        token = tokens[index]
        src = str(token.attrGet("src") or "")
        alt = renderer.renderInlineAsText(token.children or [], options, env)
        text = escapeHtml(alt or src)
        return f'<a href="{escapeHtml(src)}" rel="noopener noreferrer">[image: {text}]</a>'

    parser.add_render_rule("image", image)
    return parser


def _without_title(body: str, title: str) -> str:
    """The body without a first heading that only repeats the topic's title."""
    match = re.match(r"\s*#\s+(.+?)\s*#*\s*(?:\n|$)", body)
    if match and match.group(1).strip().casefold() == title.strip().casefold():
        return body[match.end() :].lstrip("\n")
    return body


def to_html(body: str, *, title: str = "") -> str:
    """`body` (a note's Markdown) as HTML: raw HTML in it shows as text; a first heading that
    repeats `title` is left out."""
    text = _without_title(body, title) if title else body
    if not text.strip():
        return ""
    return str(_parser().render(text))
