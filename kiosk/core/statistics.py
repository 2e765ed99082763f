"""Monthly statistics: counts by item and status (exported as CSV or PDF)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass

from sqlalchemy import func, select

from kiosk.core.clock import LOCAL_TZ
from kiosk.core.status import LABELS_ZH, AppStatus
from kiosk.store.db import Database
from kiosk.store.models import Application


@dataclass(frozen=True)
class MonthRow:
    item_code: str
    item_name: str
    by_status: dict[AppStatus, int]

    @property
    def total(self) -> int:
        return sum(self.by_status.values())


def _utc(moment: dt.datetime) -> dt.datetime:
    return moment.replace(tzinfo=LOCAL_TZ).astimezone(dt.UTC).replace(tzinfo=None)


def month_report(db: Database, year: int, month: int) -> list[MonthRow]:
    """Applications filed (queued) in that month, local time, by item then status."""
    start = _utc(dt.datetime(year, month, 1))
    end = _utc(dt.datetime(year + (month == 12), month % 12 + 1, 1))
    with db.read() as s:
        rows = s.execute(
            select(Application.item_code, Application.item_name, Application.status, func.count())
            .where(Application.queued_at >= start, Application.queued_at < end)
            .group_by(Application.item_code, Application.item_name, Application.status)
        ).all()
    items: dict[str, MonthRow] = {}
    for code, name, status, n in rows:
        row = items.setdefault(code, MonthRow(code, name, {}))
        row.by_status[AppStatus(status)] = n
    return sorted(items.values(), key=lambda r: (-r.total, r.item_code))


REPORT_STATUSES = (
    AppStatus.QUEUED,
    AppStatus.SUBMITTED,
    AppStatus.ACCEPTED,
    AppStatus.NEED_SUPPLEMENT,
    AppStatus.COMPLETED,
    AppStatus.REJECTED,
    AppStatus.WITHDRAWN,
)


def to_csv(rows: list[MonthRow]) -> str:
    """UTF-8 CSV with a BOM-free header Excel/WPS open correctly when saved with BOM."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    other = "其他"
    writer.writerow(
        ["事项编码", "事项名称", *(LABELS_ZH[s] for s in REPORT_STATUSES), other, "合计"]
    )
    for r in rows:
        known = [r.by_status.get(s, 0) for s in REPORT_STATUSES]
        writer.writerow([r.item_code, r.item_name, *known, r.total - sum(known), r.total])
    return buf.getvalue()
