"""Times are stored in UTC and shown in Asia/Shanghai."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def utcnow() -> dt.datetime:
    """Naive UTC (what SQLite stores)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def to_local(moment: dt.datetime) -> dt.datetime:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(LOCAL_TZ)


def format_local(moment: dt.datetime | None) -> str:
    return "" if moment is None else to_local(moment).strftime("%Y-%m-%d %H:%M")
