"""What "now" is for a command: the real time, or a time the learner sets (to test a store, or
to plan: "what is due in a fortnight?")."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from airoadmap.errors import AiroadmapError

# The times airoadmap accepts, as "now" or in a store: far enough from datetime's limits that
# moving a time to another time zone, or scheduling a review a century on, never overflows.
EARLIEST = datetime(1000, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)


def utc(moment: datetime) -> datetime:
    """A time as airoadmap keeps it: in UTC, to the second."""
    return moment.astimezone(UTC).replace(microsecond=0)


_OFFSET = re.compile(r"([+-])\s*(\d{1,6})\s*([hdw])")
_UNITS = {"h": "hours", "d": "days", "w": "weeks"}


def moment(text: str, real: datetime, *, source: str = "now") -> datetime:
    """`text` as a time: ISO 8601 (a date is its midnight; without a zone, local time), or an
    offset from `real` such as +30d, -2w or +12h. Whole seconds, in UTC."""
    out_of_range = AiroadmapError(f"{source}: {text!r} is out of range (years 1000 to 8999)")
    value = text.strip()
    found = _OFFSET.fullmatch(value.lower())
    try:
        if found:
            sign, amount, unit = found.groups()
            delta = timedelta(**{_UNITS[unit]: int(amount)})
            result = real + delta if sign == "+" else real - delta
        else:
            try:
                result = datetime.fromisoformat(value)
            except ValueError:
                raise AiroadmapError(
                    f"{source}: {text!r} is not a time: use ISO 8601 (2026-12-28, "
                    "2026-12-28T09:00Z) or an offset from now (+30d, -2w, +12h)"
                ) from None
            if result.tzinfo is None:
                result = result.astimezone()  # the learner's local time
        result = utc(result)
    except (OverflowError, OSError, ValueError):  # beyond what datetime or the OS can hold
        raise out_of_range from None
    if not EARLIEST <= result < LATEST:
        raise out_of_range
    return result
