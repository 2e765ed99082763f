"""CaseService: the read side the agent's screens ask for — the case list's pages, the
dashboard's counts, a resident's cases by 身份证号. Queries only; nothing is written.

The UI calls this from worker tasks (``kiosk/ui/worker.py``) and never holds the database,
the cipher or the calendar itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.core.case_query import CaseFilter, CasePage, find_cases
from kiosk.core.catalog import Catalog
from kiosk.core.crypto import DataCipher
from kiosk.core.dashboard import Dashboard, dashboard
from kiosk.core.errors import InputError
from kiosk.core.workdays import HolidayCalendar
from kiosk.forms.validators import check_id_number, normalize_id_number
from kiosk.store.db import Database

if TYPE_CHECKING:
    from kiosk.core.residents import ResidentService


class CaseService:
    def __init__(
        self,
        db: Database,
        catalog: Catalog,
        cipher: DataCipher,
        residents: ResidentService,
        calendar: Callable[[], HolidayCalendar],
    ) -> None:
        self._db = db
        self._catalog = catalog
        self._cipher = cipher
        self._residents = residents
        self._calendar = calendar  # the station's calendar as configured now

    def find(self, f: CaseFilter, limit: int = 200, offset: int = 0) -> CasePage:
        """One page of matching cases, newest first, and how many match in all."""
        return find_cases(
            self._db, self._catalog, f, limit=limit, offset=offset, calendar=self._calendar()
        )

    def board(self) -> Dashboard:
        """The dashboard tiles' counts (overdue counted in SQL, not listed)."""
        return dashboard(self._db, self._catalog, list_overdue=False, calendar=self._calendar())

    def latest_failure(self) -> str | None:
        """Why the newest failed case failed (its error, else its status), or None."""
        page = find_cases(self._db, self._catalog, CaseFilter(preset="failed"), limit=1)
        if not page.views:
            return None
        return page.views[0].last_error or page.views[0].status_label

    def resident_filter(self, id_number: str, agent: str) -> CaseFilter:
        """A resident's cases by 身份证号: their register entry (the look-up is audited)
        and the blind index every application of that number carries."""
        number = normalize_id_number(id_number)
        problem = check_id_number(number)
        if problem:
            raise InputError(problem, "invalid id number in case search")
        record = self._residents.find_by_id_number(number, agent)
        return CaseFilter(
            resident_id=record.id if record else None,
            resident_index=self._cipher.blind_index(number),
        )

    def by_reference(self, reference: str) -> str:
        """The application id a case number or local reference (``L-…``) names, as a
        receipt's scanned code gives it."""
        page = find_cases(self._db, self._catalog, CaseFilter(reference=reference), limit=5)
        for view in page.views:
            if reference in (view.case_no, view.local_ref):
                return view.id
        raise InputError(
            f"本站没有办件“{reference}”的记录（可能已按规定清理）。请在办件查询中核对。",
            "scanned receipt names no case here",
        )
