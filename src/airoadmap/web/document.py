"""The pages as documents, made from Jinja2 templates shipped in the package (`templates/`),
autoescaped: every string from notes and stores is text on the page. The stylesheet and script
are inlined, the data the script reads embedded as JSON: one file that works from disk with no
network. This module makes the bytes; the command writes them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airoadmap.domain import units

if TYPE_CHECKING:
    from jinja2 import Environment
    from markupsafe import Markup

    from airoadmap.web.cohort import Cohort
    from airoadmap.web.roadmap import Roadmap

TEMPLATES = Path(__file__).parent / "templates"

_IN_SCRIPT = str.maketrans(
    {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
)


def script_json(value: Any) -> Markup:
    """`value` as JSON safe inside `<script type="application/json">`: no `<`, `>` or `&` (so
    no `</script>` or `<!--` can end or bend the element) and no U+2028/2029."""
    from markupsafe import Markup

    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=False)
    return Markup(text.translate(_IN_SCRIPT))


def _percent(fraction: float) -> str:
    return f"{fraction * 100:.0f}%"


@cache
def _environment() -> Environment:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["script_json"] = script_json
    env.filters["percent"] = _percent
    env.filters["hours"] = units.hours
    return env


def _static(name: str) -> Markup:
    """A stylesheet or script shipped beside the templates, to inline as it is."""
    from markupsafe import Markup

    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))


def encoded(text: str) -> bytes:
    """A page's text as UTF-8. A name read from the file system may hold a byte that is not
    UTF-8 (read as a lone surrogate, `T\\udcff.md`): it shows as U+FFFD, never fails the page."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        import re

        return re.sub("[\ud800-\udfff]", "\ufffd", text).encode("utf-8")


def roadmap_page(page: Roadmap) -> bytes:
    """The roadmap page's HTML, as bytes to write."""
    from markupsafe import Markup

    template = _environment().get_template("roadmap.html.j2")
    return encoded(
        template.render(
            page=page,
            style=_static("page.css"),
            script=_static("roadmap.js"),
            burnup=Markup(page.burnup),
            reviews_chart=Markup(page.reviews_chart),
            body=Markup,
        )
    )


def cohort_page(page: Cohort) -> bytes:
    """The cohort page's HTML, as bytes to write."""
    template = _environment().get_template("cohort.html.j2")
    return encoded(template.render(page=page, style=_static("page.css")))
