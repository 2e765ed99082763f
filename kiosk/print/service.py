"""PrintService: turn an application into its documents (PDF bytes)."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.core.applications import ApplicationService
from kiosk.core.catalog import Catalog
from kiosk.print.receipt import ReceiptData, build_receipt


class PrintService:
    def __init__(
        self, applications: ApplicationService, catalog: Catalog, station_name: Callable[[], str]
    ) -> None:
        self._apps = applications
        self._catalog = catalog
        self._station_name = station_name

    def receipt_data(self, app_id: str) -> ReceiptData:
        view = self._apps.get(app_id)
        payload = self._apps.payload(app_id)
        item = self._catalog.get(view.item_code)
        id_field = item.form.first_of_type("id_number")
        return ReceiptData(
            station_name=self._station_name(),
            agent=view.created_by,
            filed_at=view.queued_at or view.created_at,
            item_name=view.item_name,
            item_code=view.item_code,
            reference=view.case_no or view.local_ref,
            synced=view.case_no is not None,
            resident_name=str(payload.get("name", "")),
            resident_id_number=str(payload.get(id_field.key, "")) if id_field else "",
            promised_days=item.promised_days,
            query_code=view.query_code,
        )

    def receipt(self, app_id: str) -> bytes:
        return build_receipt(self.receipt_data(app_id))
