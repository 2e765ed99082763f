"""The hub's promised completion dates, counted with the same calendar as the stations.

A case's 承诺时限 runs from the day it was received (local date) over working days of the
one calendar in ``kiosk.core.workdays`` (public holidays, 调休 working weekends), so the hub,
the receipt, the agent's dashboard and the self-service terminal name the same date. The
hub reads the shipped holiday list unless ``KIOSK_HUB_HOLIDAYS`` names an updated one.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from kiosk.protocol.workdays import HolidayCalendar, due_date, station_calendar


def hub_calendar() -> HolidayCalendar:
    path = os.environ.get("KIOSK_HUB_HOLIDAYS", "")
    return station_calendar(str(Path(path).expanduser()) if path else "")


def case_due_date(
    item_data: dict[str, Any] | None,
    received_at: dt.datetime,
    calendar: HolidayCalendar | None = None,
) -> dt.date | None:
    """The promised date of a case of the published item ``item_data`` (None: 即办/unknown)."""
    days = int((item_data or {}).get("promised_days") or 0)
    due = due_date(calendar or hub_calendar(), received_at, days)
    return due.date if due else None
