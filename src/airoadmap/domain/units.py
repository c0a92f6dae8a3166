"""How amounts read, the same in every interface: hours."""

from __future__ import annotations


def hours(value: float, *, none: str = "–") -> str:
    """Hours as every interface shows them: `62.5h`; `none` (a dash) for none."""
    return f"{value:g}h" if value else none
