"""Terminal charts drawn with plotext: `plan`'s burn-up and `stats`' weekly hours. Imported only
by the commands that draw; each chart is returned as plain text (no colour), for the output
layer to print."""

from __future__ import annotations

from datetime import date
from typing import Any

from airoadmap.domain import planner

HEIGHT = 14


def _figure(width: int, title: str) -> Any:
    import plotext as plt  # type: ignore[import-untyped]

    plt.clf()
    plt.theme("clear")  # no escape codes: text, as every other line printed
    plt.plotsize(max(width, 40), HEIGHT)
    plt.title(title)
    return plt


def _text(plt: Any) -> str:
    import re

    built = re.sub(r"\x1b\[[0-9;]*m", "", str(plt.build()))  # the theme's resets
    return "\n".join(line.rstrip() for line in built.splitlines())


def _ticks(days: list[date], count: int = 5) -> tuple[list[int], list[str]]:
    step = max(len(days) // count, 1)
    places = list(range(0, len(days), step))
    return places, [days[i].isoformat() for i in places]


def burnup(history: list[tuple[date, float]], made: planner.Plan, *, width: int) -> str:
    """Hours done by week (the weeks of `history`), then the plan's projection to the finish:
    most likely, and the fast and slow ends of the pace's range."""
    plt = _figure(width, "Hours done, and the projection (likely, fast, slow)")
    done = 0.0
    xs: list[int] = []
    ys: list[float] = []
    days: list[date] = []
    for i, (day, hours) in enumerate(history):
        done += hours
        xs.append(i)
        ys.append(done)
        days.append(day)
    offset = len(history)
    laid = made.schedule
    ratio = made.pace.ratio
    likely_x, likely_y = [offset - 1] if history else [], [done] if history else []
    cumulative = done
    for week in laid.weeks:
        cumulative += week.study_hours
        likely_x.append(offset + week.number - 1)
        likely_y.append(cumulative)
        days.append(week.start)
    if xs:
        plt.plot(xs, ys, label="done", marker="#")  # no colour: each series its own mark
    plt.plot(likely_x, likely_y, label="likely", marker="braille")
    for label, other, mark in (("fast", made.pace.low, "+"), ("slow", made.pace.high, "x")):
        # the same schedule's hours at another pace: reached sooner or later at the same rate
        total = done + laid.study_hours * other / ratio
        per_week = max(laid.study_hours / max(len(laid.weeks), 1), 1e-9)
        weeks = int((total - done) / per_week) + 1
        line_x = [offset - 1 + i for i in range(weeks + 1)]
        line_y = [min(done + per_week * i, total) for i in range(weeks + 1)]
        plt.plot(line_x, line_y, label=label, marker=mark)
    places, labels = _ticks(days)
    plt.xticks(places, labels)
    plt.ylabel("hours")
    return _text(plt)


def weekly(history: list[tuple[date, float]], *, width: int) -> str:
    """Hours of topics finished in each week of `history`, as bars."""
    plt = _figure(width, "Hours finished per week")
    labels = [day.strftime("%m-%d") for day, _ in history]
    plt.bar(labels, [hours for _, hours in history], marker="sd")
    return _text(plt)
