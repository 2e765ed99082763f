"""Step 8: submitted. Print the 受理回执 and the 代办委托书; on to the next resident."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.ui.documents import open_document
from kiosk.ui.errors import show_error
from kiosk.ui.new_application.state import FlowState
from kiosk.ui.new_application.step import Step
from kiosk.ui.widgets import set_message, status_label, title_label


class DoneStep(Step):
    next_resident = Signal()
    open_case = Signal(str)

    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, agent, parent)
        self.title = self.tr("完成")
        self.app_id: str | None = None
        self.reference = ""
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
        row = QHBoxLayout()
        for b in (
            self.receipt_button,
            self.authorization_button,
            self.rate_button,
            self.case_button,
        ):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("已提交")))
        layout.addWidget(self.summary)
        layout.addLayout(row)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def focus_first(self) -> None:
        self.receipt_button.setFocus()

    def enter(self, state: FlowState) -> None:
        view = state.submitted
        assert view is not None
        self.app_id = view.id
        self.reference = view.case_no or view.local_ref
        self.summary.setText(
            self.tr(
                "“{0}”已保存并{1}。本地受理号：{2}。联网报送后会得到办件编号和查询密码，"
                "回执可在办件页面补打。请把回执交给居民，并请居民在委托书上确认。"
            ).format(view.item_name, status_label(view.status), view.local_ref)
        )
        set_message(self.message, "")
        self.rate_button.setEnabled(True)

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
