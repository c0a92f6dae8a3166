"""The page's two small charts, drawn as inline SVG in Python (no chart library, nothing the
browser fetches): the learner's burn-up (the hours done so far, at the end of each week) and
the reviews falling due in the coming weeks. Both count weeks from Monday to Sunday (ISO weeks)
and label each by its Monday. Colours come from the page's stylesheet (classes), so both themes and
print apply; each chart has a title and a description for screen readers."""

from __future__ import annotations

import math
from datetime import date
from html import escape

from airoadmap.domain import units

WIDTH = 320
HEIGHT = 150
LEFT = 34
RIGHT = 8
TOP = 10
BOTTOM = 24

BURNUP_TITLE = "Hours done so far, by week"
REVIEWS_TITLE = "Reviews due, by week"


def _tick(value: float) -> str:
    """A tick's label: a round number, as it is (`12.5`, `40`)."""
    return f"{value:g}"


def _frame(title: str, description: str, inner: list[str]) -> str:
    label = escape(title)
    return (
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{_slug(title)}-t {_slug(title)}-d" preserveAspectRatio="xMidYMid meet">'
        f'<title id="{_slug(title)}-t">{label}</title>'
        f'<desc id="{_slug(title)}-d">{escape(description)}</desc>' + "".join(inner) + "</svg>"
    )


def ticks(most: float, *, whole: bool = False) -> list[float]:
    """Round ticks from 0 up to at or above `most`: a step of 1, 2 or 5 times a power of ten
    (at least 1 when `whole` things are counted), four steps at most."""
    most = max(most, 1.0)
    power = 10.0 ** math.floor(math.log10(most / 4)) if most > 4 else 1.0
    step = next(m * power for m in (1, 2, 5, 10) if m * power * 4 >= most)
    if whole:
        step = float(max(round(step), 1))
    count = math.ceil(most / step - 1e-9)
    return [round(i * step, 10) for i in range(count + 1)]


def _slug(title: str) -> str:
    return "chart-" + "".join(c if c.isalnum() else "-" for c in title.lower())


def _axis(marks: list[float]) -> list[str]:
    """The y axis: a gridline and a label at each of `marks` (0 to the top)."""
    plot = HEIGHT - TOP - BOTTOM
    top = marks[-1]
    parts = []
    for value in marks:
        y = TOP + plot * (1 - value / top)
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 4}" y="{y + 3:.1f}" text-anchor="end">'
            f"{_tick(value)}</text>"
        )
    return parts


def _x_labels(days: list[date], x_of: list[float]) -> list[str]:
    """Labels under the first, middle and last points (month and day)."""
    if not days:
        return []
    picks = sorted({0, len(days) // 2, len(days) - 1})
    anchor = {0: "start", len(days) - 1: "end"}
    return [
        f'<text class="tick" x="{x_of[i]:.1f}" y="{HEIGHT - 8}" '
        f'text-anchor="{anchor.get(i, "middle")}">{days[i]:%b %d}</text>'
        for i in picks
    ]


def burnup(weeks: list[tuple[date, float]], *, before: float) -> str:
    """Hours done so far at the end of each week of `weeks` (each week's start and the hours
    finished in it), starting from the `before` hours done until then."""
    total = before
    points: list[float] = []
    for _, hours in weeks:
        total += hours
        points.append(total)
    marks = ticks(max([*points, before]))
    top = marks[-1]
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(points) - 1, 1)
    xs = [LEFT + i * step for i in range(len(points))]
    ys = [TOP + plot_h * (1 - p / top) for p in points]
    line = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
    area = f"{LEFT},{TOP + plot_h} {line} {xs[-1]:.1f},{TOP + plot_h}" if xs else ""
    dots = "".join(
        f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="2.5">'
        f"<title>week of {day:%Y-%m-%d}: {units.hours(p, none='0h')} done so far</title></circle>"
        for x, y, p, (day, _) in zip(xs, ys, points, weeks, strict=True)
    )
    first = weeks[0][0] if weeks else None
    done = points[-1] if points else before
    description = f"{units.hours(done, none='0h')} done by the end of this week"
    if first:
        description += f", {units.hours(done - before, none='0h')} of them since {first:%Y-%m-%d}"
    description += "."
    inner = [*_axis(marks)]
    if area:
        inner.append(f'<polygon class="area" points="{area}"/>')
        inner.append(f'<polyline class="line" points="{line}"/>')
    inner.append(dots)
    inner += _x_labels([d for d, _ in weeks], xs)
    return _frame(BURNUP_TITLE, description, inner)


def reviews_due(weeks: list[tuple[date, int]]) -> str:
    """Bars: how many reviews fall due in each of `weeks` (each week's start and its count;
    the first holds the reviews already due)."""
    marks = ticks(max([c for _, c in weeks] + [1]), whole=True)
    top = marks[-1]
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(weeks), 1)
    inner = [*_axis(marks)]
    xs: list[float] = []
    for i, (day, count) in enumerate(weeks):
        height = plot_h * count / top
        x = LEFT + i * slot + slot * 0.15
        xs.append(LEFT + i * slot + slot / 2)
        when = f"{'due now or ' if i == 0 else ''}in the week of {day:%Y-%m-%d}"
        inner.append(
            f'<rect class="column" x="{x:.1f}" y="{TOP + plot_h - height:.1f}" '
            f'width="{slot * 0.7:.1f}" height="{height:.1f}">'
            f"<title>{count} {'review' if count == 1 else 'reviews'} {when}</title></rect>"
        )
        if count:
            inner.append(
                f'<text class="value" x="{xs[-1]:.1f}" y="{TOP + plot_h - height - 3:.1f}" '
                f'text-anchor="middle">{count}</text>'
            )
    inner += _x_labels([d for d, _ in weeks], xs)
    total = sum(c for _, c in weeks)
    description = f"{total} reviews due in the next {len(weeks)} weeks" + (
        f", {weeks[0][1]} of them now or this week." if weeks else "."
    )
    return _frame(REVIEWS_TITLE, description, inner)
