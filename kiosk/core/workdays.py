"""Working days: skip weekends and a configurable list of public holidays."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable


def add_working_days(
    start: dt.date,
    days: int,
    holidays: Iterable[dt.date] = (),
    extra_workdays: Iterable[dt.date] = (),
) -> dt.date:
    """The date ``days`` working days after ``start`` (调休 workdays count as working days)."""
    off = set(holidays)
    on = set(extra_workdays)
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        weekend = current.weekday() >= 5
        if (current in on) or (not weekend and current not in off):
            remaining -= 1
    return current
