"""How amounts and days read, the same in every interface: hours, percentages, a day relative
to today and a review card's due day and recall. Plain text: an interface styles it."""

from __future__ import annotations

from datetime import datetime

from airoadmap.models import Card


def hours(value: float, *, none: str = "–") -> str:
    """Hours as every interface shows them: `62.5h`; `none` (a dash) for none."""
    return f"{value:g}h" if value else none


def percent(value: float) -> str:
    """A fraction as a whole percentage: `0.7` → `70%`."""
    return f"{value * 100:.0f}%"


def day(moment: datetime, now: datetime) -> str:
    """A day relative to `now` (both in `now`'s zone): "2026-12-01 (in 3 days)"."""
    local = moment.astimezone(now.tzinfo).date()
    days = (local - now.date()).days
    if days == 0:
        relative = "today"
    elif days == 1:
        relative = "tomorrow"
    elif days == -1:
        relative = "yesterday"
    elif days > 0:
        relative = f"in {days} days"
    else:
        relative = f"{-days} days ago"
    return f"{local:%Y-%m-%d} ({relative})"


def recall(card: Card, chance: float, now: datetime) -> str:
    """A card's due day and its retrievability `chance`, for a line about it:
    "due 2026-10-13 (19 days ago) · recall 70%"."""
    return f"due {day(card.due, now)} · recall {percent(chance)}"
