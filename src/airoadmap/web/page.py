"""The pages, made from Jinja2 templates shipped in the package (`templates/`), autoescaped:
every string from notes and stores is text on the page. The stylesheet and script are inlined,
the data the script reads embedded as JSON: one file that works from disk with no network.
And writing a page: atomically, an error in one line."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airoadmap.errors import AiroadmapError

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


def _hours(value: float | None) -> str:
    if value is None:
        return ""
    return f"{value:.0f} h" if value >= 10 or value == int(value) else f"{value:.1f} h"


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
    env.filters["hours"] = _hours
    return env


def _static(name: str) -> Markup:
    """A stylesheet or script shipped beside the templates, to inline as it is."""
    from markupsafe import Markup

    return Markup((TEMPLATES / name).read_text(encoding="utf-8"))


def roadmap_page(page: Roadmap) -> str:
    """The roadmap page's HTML."""
    from markupsafe import Markup

    template = _environment().get_template("roadmap.html.j2")
    return template.render(
        page=page,
        style=_static("page.css"),
        script=_static("roadmap.js"),
        burnup=Markup(page.burnup),
        reviews_chart=Markup(page.reviews_chart),
        body=Markup,
    )


def cohort_page(page: Cohort) -> str:
    """The cohort page's HTML."""
    template = _environment().get_template("cohort.html.j2")
    return template.render(page=page, style=_static("page.css"))


def write(path: Path, text: str) -> None:
    """Write the page to `path` atomically (a reader never sees half a page; a failure leaves
    what was there); `-` writes it to stdout. An `AiroadmapError` in one line on failure."""
    import sys

    data = text.encode("utf-8")
    if str(path) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from airoadmap.progress.atomic import write_atomic

    if path.is_dir():
        raise AiroadmapError(
            f"{path}: is a folder: name the page's file, e.g. {path / 'roadmap.html'}"
        )
    if not path.parent.is_dir():
        raise AiroadmapError(f"{path}: cannot write: no folder {path.parent}")
    import os

    new = not path.exists()
    try:
        write_atomic(path, data)
        if new:  # a temp file is private; a new page is as readable as any file made here
            umask = os.umask(0)
            os.umask(umask)
            path.chmod(0o666 & ~umask)
    except AiroadmapError as exc:
        reason = exc.__context__
        why = reason.strerror if isinstance(reason, OSError) and reason.strerror else str(reason)
        raise AiroadmapError(f"{path}: cannot write: {why}") from None
    except OSError as exc:
        raise AiroadmapError(f"{path}: cannot write: {exc.strerror or exc}") from None
