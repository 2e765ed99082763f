"""结果交付: hand a finished case's result over at the desk (自取). Who collects it (the
resident, or a named proxy whose ID card is read or checked), a signature on screen (or on
paper where the item does not allow an electronic one); then the 交付回执 prints."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.card_reader import CardReader, IdCard
from kiosk.core.handover import PROXY, RESIDENT, Collector, HandoverRecord
from kiosk.print.kinds import DocumentKind
from kiosk.ui.errors import show_error, user_message
from kiosk.ui.signature_pad import SignaturePad
from kiosk.ui.widgets import set_message
from kiosk.ui.worker import run_task


def delivery_receipt_pdf(ctx: AppContext, app_id: str) -> bytes:
    """Runs in a worker: the 交付回执 of a case handed over."""
    from kiosk.core.errors import InputError
    from kiosk.print.delivery_receipt import build_delivery_receipt

    record = ctx.handover.record(app_id)
    if record is None:
        raise InputError("该办件尚未交付，没有交付回执。", "no hand-over recorded")
    station = ctx.station()
    return build_delivery_receipt(record, station.name if station else "")


class HandoverDialog(QDialog):
    handed_over = Signal(object)  # HandoverRecord

    def __init__(
        self,
        ctx: AppContext,
        app_id: str,
        agent: str,
        reference: str,
        reader: CardReader | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("handoverDialog")
        self.setWindowTitle(self.tr("结果交付 ") + reference)
        self.ctx, self.app_id, self.agent, self.reference = ctx, app_id, agent, reference
        self.reader = reader
        self.record: HandoverRecord | None = None
        self.who = QButtonGroup(self)
        self.self_button = QRadioButton(self.tr("本人领取"))
        self.self_button.setObjectName("collectorResident")
        self.proxy_button = QRadioButton(self.tr("他人代领"))
        self.proxy_button.setObjectName("collectorProxy")
        self.self_button.setChecked(True)
        for i, b in enumerate((self.self_button, self.proxy_button)):
            self.who.addButton(b, i)
        self.who.idToggled.connect(lambda _i, _on: self._show_proxy())
        self.resident_name = QLineEdit()
        self.resident_name.setObjectName("residentName")
        self.resident_name.setPlaceholderText(self.tr("领取人姓名"))
        self.proxy_name = QLineEdit()
        self.proxy_name.setObjectName("proxyName")
        self.proxy_id = QLineEdit()
        self.proxy_id.setObjectName("proxyIdNumber")
        self.proxy_id.setMaxLength(18)
        self.read_card = QPushButton(self.tr("读取代领人身份证"))
        self.read_card.setObjectName("readProxyCard")
        self.read_card.clicked.connect(self._read_card)
        self.read_card.setVisible(reader is not None)
        self.id_checked = QCheckBox(self.tr("已核验代领人身份证原件"))
        self.id_checked.setObjectName("proxyIdChecked")
        self.proxy_form = QWidget()
        form = QFormLayout(self.proxy_form)
        form.addRow(self.tr("代领人姓名"), self.proxy_name)
        form.addRow(self.tr("代领人身份证号"), self.proxy_id)
        form.addRow(self.read_card)
        form.addRow(self.id_checked)
        self.pad = SignaturePad()
        self.paper = QCheckBox(self.tr("本事项不允许电子签名：已在纸质回执上签名"))
        self.paper.setObjectName("paperSignature")
        self.message = QLabel("")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox()
        self.ok_button = buttons.addButton(
            self.tr("确认交付并打印回执"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setObjectName("confirmHandover")
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.self_button)
        layout.addWidget(self.resident_name)
        layout.addWidget(self.proxy_button)
        layout.addWidget(self.proxy_form)
        layout.addWidget(QLabel(self.tr("请领取人在下方签名：")))
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.paper)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self._show_proxy()

    def _show_proxy(self) -> None:
        proxy = self.proxy_button.isChecked()
        self.proxy_form.setVisible(proxy)
        self.resident_name.setVisible(not proxy)

    def _read_card(self) -> None:
        reader = self.reader
        if reader is None:
            return
        run_task(lambda: reader.read(5.0), on_done=self._card_read, on_error=show_error)

    def _card_read(self, card: IdCard | None) -> None:
        if card is None:
            set_message(self.message, self.tr("没有读到身份证，请把身份证放在读卡器上再试。"))
            return
        self.proxy_button.setChecked(True)  # a card read here is the proxy's
        self.proxy_name.setText(card.name)
        self.proxy_id.setText(card.id_number)
        self.id_checked.setChecked(True)

    def collector(self) -> Collector:
        if self.proxy_button.isChecked():
            return Collector(
                PROXY,
                self.proxy_name.text(),
                self.proxy_id.text(),
                self.id_checked.isChecked(),
                self.paper.isChecked(),
            )
        return Collector(
            RESIDENT, self.resident_name.text() or "本人", "", True, self.paper.isChecked()
        )

    def confirm(self) -> None:
        ctx, app_id, agent = self.ctx, self.app_id, self.agent
        collector = self.collector()
        signature = None if self.pad.is_empty() else self.pad.to_png()
        self.ok_button.setEnabled(False)
        run_task(
            lambda: ctx.handover.hand_over(app_id, collector, signature, agent),
            on_done=self._done,
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.ok_button.setEnabled(True)
        set_message(self.message, user_message(exc), "error")

    def _done(self, record: HandoverRecord) -> None:
        self.record = record
        self.handed_over.emit(record)
        self.accept()


def print_delivery_receipt(
    parent: QWidget, ctx: AppContext, app_id: str, reference: str, actor: str
) -> None:
    """Preview and print the 交付回执 (A4; each print audited). Its own document kind: the
    printer chosen for it is remembered for it alone, not for the 代办委托书."""
    from PySide6.QtCore import QCoreApplication

    from kiosk.ui.print_preview import open_document

    def record(printer: str) -> None:
        ctx.access_records.printed(actor, DocumentKind.DELIVERY_RECEIPT.value, app_id, printer)

    open_document(
        parent,
        lambda _layout: delivery_receipt_pdf(ctx, app_id),
        DocumentKind.DELIVERY_RECEIPT,
        QCoreApplication.translate("documents", "交付回执") + " " + reference,
        ctx.printing.preferences,
        audit=record,
        on_error=show_error,
    )
