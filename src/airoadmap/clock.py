"""What "now" is for a command: the real time, or a time the learner sets (to test a store, or
to plan: "what is due in a fortnight?")."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from airoadmap.errors import AiroadmapError

_OFFSET = re.compile(r"([+-])\s*(\d{1,6})\s*([hdw])")
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def moment(text: str, real: datetime, *, source: str = "now") -> datetime:
    """`text` as a time: ISO 8601 (a date is its midnight; without a zone, local time), or an
    offset from `real` such as +30d, -2w or +12h. Whole seconds, in UTC."""
    value = text.strip()
    found = _OFFSET.fullmatch(value.lower())
    if found:
        sign, amount, unit = found.groups()
        delta = timedelta(**{_UNITS[unit]: int(amount)})
        try:
            result = real + delta if sign == "+" else real - delta
        except OverflowError:
            raise AiroadmapError(f"{source}: {text!r} is out of range") from None
    else:
        try:
            result = datetime.fromisoformat(value)
        except ValueError:
            raise AiroadmapError(
                f"{source}: {text!r} is not a time: use ISO 8601 (2026-12-28, "
                "2026-12-28T09:00Z) or an offset from now (+30d, -2w, +12h)"
            ) from None
        if result.tzinfo is None:
            try:
                result = result.astimezone()  # the learner's local time
            except (OverflowError, OSError, ValueError):
                raise AiroadmapError(f"{source}: {text!r} is out of range") from None
    try:
        return result.astimezone(UTC).replace(microsecond=0)
    except (OverflowError, OSError, ValueError):
        raise AiroadmapError(f"{source}: {text!r} is out of range") from None
