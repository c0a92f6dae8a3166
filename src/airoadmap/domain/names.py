"""Names and links: the slug of a file name, and the target of a wikilink or bare id."""

from __future__ import annotations

import re
import unicodedata

_WIKILINK = re.compile(r"^\s*\[\[(?P<inner>[^\]]*)\]\]\s*$")
_NON_WORD = re.compile(r"[^\w]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (tabs and newlines aside) and the bidi overrides and isolates, which
can reorder what a terminal shows."""
_NOT_IN_A_NAME = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """`text` without control characters (tabs and newlines kept) or bidi overrides, so that
    nothing read from a note or a store can move the cursor, retitle the terminal or reorder
    what it shows."""
    return _CONTROL.sub("", text)


def shown(text: str) -> str:
    """`text` with every control character, tab, newline and bidi override written as an
    escape (`\\x1b`): how a name that holds them is named in an error."""
    return _NOT_IN_A_NAME.sub(lambda m: m.group(0).encode("unicode_escape").decode(), text)


def check_name(value: str) -> str:
    """A topic id or hub name as a store or an export holds it: text without control
    characters, line breaks or bidi overrides (a `ValueError` says so)."""
    if not value.strip() or _NOT_IN_A_NAME.search(value):
        raise ValueError(f"{shown(value)!r} is not a topic id (empty, or control characters)")
    return value


def slugify(name: str) -> str:
    """`Inference & Serving Systems` → `inference-serving-systems`; any script's letters stay."""
    text = unicodedata.normalize("NFKC", name).lower()
    return _NON_WORD.sub("-", text).replace("_", "-").strip("-")


def link_target(value: str) -> str:
    """The note a link names: `[[Note]]`, `[[Note|label]]`, `[[Note#Heading]]`, `[[folder/Note]]`
    or a bare id all give `Note` (or the id)."""
    return link_targets(value)[-1]


def link_targets(value: str) -> list[str]:
    """The names a link may mean, the likelier first: `[[Production / Deployment]]` is a note of
    that title, or `Deployment` in a folder `Production ` (a path, as `[[folder/Note]]` is)."""
    match = _WIKILINK.match(value)
    inner = match.group("inner") if match else value
    inner = inner.split("|", 1)[0].split("#", 1)[0].strip()
    if inner.lower().endswith(".md"):
        inner = inner[:-3]
    tail = inner.rsplit("/", 1)[-1].strip()
    return [inner.strip(), tail] if "/" in inner and tail else [tail]


def fold(name: str) -> str:
    """The form in which names are compared: case and spacing do not matter."""
    if name.isascii():
        return " ".join(name.lower().split())
    return " ".join(unicodedata.normalize("NFKC", name).casefold().split())


_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")


def json_text(document: object) -> str:
    """A JSON document as text: UTF-8 letters as they are, control characters escaped (as JSON
    does), and bidi overrides escaped too (`\\u202e`), so that printing it cannot reorder what
    a terminal shows. It reads back as the same data."""
    import json

    text = json.dumps(document, indent=2, ensure_ascii=False)
    return _BIDI.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text) + "\n"
