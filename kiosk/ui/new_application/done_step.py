"""Step 8: submitted. Print the 受理回执 and the 代办委托书; on to the next resident."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.core.applications import ApplicationView
from kiosk.core.changes import Changes
from kiosk.ui.documents import open_document
from kiosk.ui.errors import show_error
from kiosk.ui.new_application.state import FlowState
from kiosk.ui.new_application.step import Step
from kiosk.ui.station_events import station_events
from kiosk.ui.tile_grid import TileGrid
from kiosk.ui.widgets import set_message, status_label, title_label
from kiosk.ui.worker import run_task


class DoneStep(Step):
    next_resident = Signal()
    open_case = Signal(str)

    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, agent, parent)
        self.title = self.tr("完成")
        self.app_id: str | None = None
        self.reference = ""
        station_events(ctx).changed.connect(self._station_changed)
        self.summary = QLabel("")
        self.summary.setObjectName("doneSummary")
        self.summary.setWordWrap(True)
        self.receipt_button = QPushButton(self.tr("打印受理回执（Ctrl+P）"))
        self.receipt_button.setObjectName("printReceiptButton")
        self.receipt_button.setProperty("primary", True)
        self.receipt_button.setShortcut("Ctrl+P")
        self.receipt_button.clicked.connect(lambda: self.print_document("receipt"))
        self.authorization_button = QPushButton(self.tr("打印代办委托书"))
        self.authorization_button.setObjectName("printAuthorizationButton")
        self.authorization_button.clicked.connect(lambda: self.print_document("authorization"))
        self.case_button = QPushButton(self.tr("查看办件"))
        self.case_button.setObjectName("openSubmittedCase")
        self.case_button.clicked.connect(lambda: self.app_id and self.open_case.emit(self.app_id))
        self.rate_button = QPushButton(self.tr("请居民评价本次服务"))
        self.rate_button.setObjectName("visitRatingButton")
        self.rate_button.clicked.connect(self.rate_visit)
        self.next_button = QPushButton(self.tr("办理下一位居民（Ctrl+N）"))
        self.next_button.setObjectName("nextResidentButton")
        self.next_button.clicked.connect(self.next_resident)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        row = TileGrid(5, 6)  # more rows on a narrow window, no button cut off
        row.set_tiles(
            [
                self.receipt_button,
                self.authorization_button,
                self.rate_button,
                self.case_button,
                self.next_button,
            ]
        )
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("已提交")))
        layout.addWidget(self.summary)
        layout.addWidget(row)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def focus_first(self) -> None:
        self.receipt_button.setFocus()

    def enter(self, state: FlowState) -> None:
        view = state.submitted
        assert view is not None
        self.show_view(view)
        set_message(self.message, "")
        self.rate_button.setEnabled(True)

    def show_view(self, view: ApplicationView) -> None:
        """What the application is now: before the hub answered, and again once it has (a
        sync while this page shows brings the case number)."""
        self.app_id = view.id
        self.reference = view.case_no or view.local_ref
        if view.case_no:
            text = self.tr(
                "“{0}”已报送，办件编号：{1}（{2}）。本地受理号：{3}。"
                "请打印回执交给居民，并请居民在委托书上确认。"
            ).format(view.item_name, view.case_no, status_label(view.status), view.local_ref)
        else:
            text = self.tr(
                "“{0}”已保存并{1}。本地受理号：{2}。联网报送后会得到办件编号和查询密码，"
                "回执可在办件页面补打。请把回执交给居民，并请居民在委托书上确认。"
            ).format(view.item_name, status_label(view.status), view.local_ref)
        self.summary.setText(text)

    def _station_changed(self, changes: Changes, _origin: object) -> None:
        if self.app_id is not None and self.isVisible() and changes.touches(self.app_id):
            self.refresh()  # synced: the case number came

    def refresh(self) -> None:
        """Read the application again (after a sync) and say what it is now."""
        if self.app_id is None:
            return
        ctx, app_id = self.ctx, self.app_id
        run_task(
            lambda: ctx.applications.get(app_id), on_done=self.show_view, on_error=lambda _e: None
        )

    def rate_visit(self) -> None:
        """一次一评 of this occasion (GB/T 39734), once."""
        if self.app_id is None:
            return
        from kiosk.ui.visit_rating_dialog import VisitRatingDialog

        dialog = VisitRatingDialog(self.ctx, self.app_id, self.agent, self)
        dialog.accepted.connect(self._rated)
        dialog.open()
        self.rating_dialog = dialog

    def _rated(self) -> None:
        self.rate_button.setEnabled(False)
        set_message(self.message, self.tr("已记录居民评价，联网时报送省级平台。"), "ok")

    def print_document(self, kind: str) -> None:
        if self.app_id is None:
            return
        open_document(
            self, self.ctx, kind, self.app_id, self.reference, self.agent, on_error=show_error
        )
