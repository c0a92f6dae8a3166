"""Command arguments → topics: by id, title or alias, then a unique prefix, then unique words."""

from __future__ import annotations

import difflib
import re

from airoadmap.domain.curriculum import Curriculum
from airoadmap.domain.names import fold, link_target, link_targets
from airoadmap.errors import ResolveError
from airoadmap.models import Topic

_WORD = re.compile(r"[^\W_]+")
MAX_CANDIDATES = 6
MAX_FUZZY_LENGTH = 100


def _words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def _listing(topics: list[Topic]) -> str:
    shown = ", ".join(
        f"{t.id} ({t.title})" if fold(t.id) != fold(t.title) else t.id
        for t in topics[:MAX_CANDIDATES]
    )
    more = len(topics) - MAX_CANDIDATES
    return shown + (f", and {more} more" if more > 0 else "")


def _short(query: str) -> str:
    return query if len(query) <= MAX_FUZZY_LENGTH else query[:MAX_FUZZY_LENGTH] + "…"


def resolve(curriculum: Curriculum, query: str) -> Topic:
    """The one topic `query` names; `ResolveError` listing the candidates otherwise.

    Stages, the first that matches wins: an exact id, title or alias (any case); a unique
    prefix of an id, title or alias; topics having a word that starts with each query word.
    """
    whole = link_targets(query)[0]  # a title may hold `/`: `Production / Deployment`
    if len(found := curriculum.named(whole)) == 1:
        return found[0]
    target = link_target(query)
    key = fold(target)
    if not key:
        raise ResolveError("no topic given (an empty name)")
    if key in curriculum:  # an exact id wins over a title or an alias that reads the same
        return curriculum[key]
    exact = curriculum.named(target)
    if len(exact) == 1:
        return exact[0]
    if len(exact) > 1:
        raise ResolveError(f"{_short(query)!r} is ambiguous: {_listing(exact)}")

    prefixed = [
        t for t in curriculum if any(fold(n).startswith(key) for n in curriculum.names_of(t))
    ]
    if len(prefixed) == 1:
        return prefixed[0]

    query_words = _words(target)
    worded = []
    if query_words:
        for topic in prefixed or curriculum:
            words = [w for name in curriculum.names_of(topic) for w in _words(name)]
            if all(any(w.startswith(q) for w in words) for q in query_words):
                worded.append(topic)
    if len(worded) == 1:
        return worded[0]
    candidates = worded or prefixed
    if candidates:
        raise ResolveError(f"{_short(query)!r} is ambiguous: {_listing(candidates)}")

    names = {fold(n): t for t in curriculum for n in curriculum.names_of(t)}
    close = (
        difflib.get_close_matches(key, list(names), n=MAX_CANDIDATES, cutoff=0.6)
        if len(key) <= MAX_FUZZY_LENGTH
        else []
    )
    seen: dict[str, Topic] = {}
    for name in close:
        seen.setdefault(names[name].id, names[name])
    if seen:
        raise ResolveError(
            f"no topic {_short(query)!r}; did you mean: {_listing(list(seen.values()))}"
        )
    raise ResolveError(f"no topic {_short(query)!r}; `airoadmap list` shows them all")
