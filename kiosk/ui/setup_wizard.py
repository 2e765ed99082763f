"""The technician's setup wizard: station code → hub and enrolment → first agent → printer →
checks → catalog. Each page checks its own input; slow work (enrolment, checks, printing)
runs in workers. ``kiosk setup`` does the enrolment step headless."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget, QWizard

from kiosk.context import AppContext
from kiosk.core.changes import STATION_SET_UP
from kiosk.core.station_info import StationInfo
from kiosk.ui.station_events import publish
from kiosk.ui.wizard_accounts import AgentPage
from kiosk.ui.wizard_checks import CatalogPage, ChecksPage, catalog_importer
from kiosk.ui.wizard_printer import PrinterPage
from kiosk.ui.wizard_station import (
    STATION_SUFFIX,
    HubPage,
    StationPage,
    check_hub_url,
    station_name,
)
from kiosk.ui.worker import run_task

__all__ = ["STATION_SUFFIX", "SetupWizard", "catalog_importer", "check_hub_url", "station_name"]


class SetupWizard(QWizard):
    station_changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("setupWizard")
        self.ctx = ctx
        self.station: StationInfo | None = None
        self.setWindowTitle(self.tr("站点配置向导"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setButtonText(QWizard.WizardButton.NextButton, self.tr("下一步"))
        self.setButtonText(QWizard.WizardButton.BackButton, self.tr("上一步"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("完成"))
        self.setButtonText(QWizard.WizardButton.CancelButton, self.tr("取消"))
        self.resize(760, 560)
        self.station_page = StationPage(self)
        self.hub_page = HubPage(self)
        self.agent_page = AgentPage(self)
        self.printer_page = PrinterPage(self)
        self.checks_page = ChecksPage(self)
        self.catalog_page = CatalogPage(self)
        for page in (
            self.station_page,
            self.hub_page,
            self.agent_page,
            self.printer_page,
            self.checks_page,
            self.catalog_page,
        ):
            self.addPage(page)
        self.finished.connect(self._set_up)
        self.reload_station()

    def _set_up(self, _result: int) -> None:
        # finished or cancelled: whatever was stored, the workspace shows it (the station's
        # name, the hub: its sync starts, the dashboard's banner)
        publish(self.ctx, STATION_SET_UP, self)

    def reload_station(self) -> None:
        run_task(self.ctx.station, on_done=self._station_loaded)

    def _station_loaded(self, station: StationInfo | None) -> None:
        self.station = station
        if self.currentPage() is self.station_page:
            self.station_page.initializePage()
        self.station_changed.emit()
