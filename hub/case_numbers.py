"""办件编号 as provinces issue them: the item's 实施编码 + the local date + a running number.

The running number counts per 实施编码 and day across all stations (row-locked in the
transaction that creates the case, like the station's feed sequence). The hub keeps its own
internal id (``hub_case.id``); an item published without a 实施编码 gets the older shape, the
station code and the station's running number.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from hub.models import CaseSequence
from kiosk.protocol.case_numbers import case_number, station_case_no
from kiosk.protocol.clock import to_local, utcnow

__all__ = ["next_case_no", "station_case_no"]


def next_case_no(s: Session, impl_code: str, now: dt.datetime | None = None) -> str:
    day = to_local(now or utcnow()).strftime("%Y%m%d")
    prefix = f"{impl_code}{day}"
    row = s.get(CaseSequence, prefix, with_for_update=True)
    if row is None:
        row = CaseSequence(prefix=prefix, last=0)
        s.add(row)
    row.last += 1
    s.flush()
    return case_number(impl_code, day, row.last)
