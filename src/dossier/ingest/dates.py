"""Publication dates given in metadata: only real calendar dates are taken."""

from __future__ import annotations

import datetime as dt


def is_iso_date(value: str) -> bool:
    """``YYYY-MM-DD`` naming a day that exists (no 2023-02-30, no month 13)."""
    if len(value) != 10 or value[4] != "-" or value[7] != "-":
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True
