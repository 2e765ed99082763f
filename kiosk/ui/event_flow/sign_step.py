"""Step 4 of a 一件事: the resident signs once, on one 委托书 that lists every member item."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.core.applications import AttachmentInput
from kiosk.ui.event_flow.materials_step import SIGNATURE_ID as SIGNED_PAPER
from kiosk.ui.signature_pad import SignaturePad
from kiosk.ui.widgets import WrapCheckBox, hint_label, title_label


class EventSignStep(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = QLabel("")
        self.items.setObjectName("signedItems")
        self.items.setWordWrap(True)
        self.pad = SignaturePad()
        self.clear_button = QPushButton(self.tr("清除重签"))
        self.clear_button.setObjectName("clearSignature")
        self.clear_button.clicked.connect(self.pad.clear)
        self.paper = WrapCheckBox(self.tr("居民不能在屏幕上签名：在打印的委托书上签字或按手印"))
        self.paper.setObjectName("paperSignature")
        self.paper.toggled.connect(self._paper_toggled)
        self.print_button = QPushButton(self.tr("打印委托书（居民签字用）"))
        self.print_button.setObjectName("printEventAuthorization")
        self.print_button.setVisible(False)
        self.paper_button = QPushButton(self.tr("导入签好字的委托书扫描件…"))
        self.paper_button.setObjectName("paperScanButton")
        self.paper_button.clicked.connect(self._choose_paper_scan)
        self.paper_button.setVisible(False)
        self.paper_state = QLabel("")
        self.paper_state.setObjectName("paperScanState")
        self.paper_scans: list[AttachmentInput] = []
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("第四步：居民签名（一次签名，委托办理以下全部事项）")))
        layout.addWidget(self.items)
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.clear_button)
        layout.addWidget(self.paper)
        layout.addWidget(self.print_button)
        layout.addWidget(self.paper_button)
        layout.addWidget(self.paper_state)
        layout.addWidget(hint_label(self.tr("签名只用于本次一件事的委托书和各事项的申请表。")))

    def start(self, item_names: list[str]) -> None:
        self.items.setText(self.tr("委托办理：") + "、".join(item_names))
        self.pad.clear()
        self.paper.setChecked(False)
        self.paper_scans = []
        self.paper_state.setText("")

    def _paper_toggled(self, on: bool) -> None:
        self.pad.setEnabled(not on)
        self.paper_button.setVisible(on)
        self.print_button.setVisible(on)
        self.paper_state.setVisible(on)

    def _choose_paper_scan(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("选择签好字的委托书扫描件"),
            str(Path.home()),
            self.tr("图片或 PDF (*.jpg *.jpeg *.png *.pdf)"),
        )
        if name:
            self.add_paper_scan(Path(name))

    def add_paper_scan(self, path: Path) -> None:
        """The printed 委托书, signed by hand, scanned: it serves every member's 签字 field."""
        self.paper_scans = [AttachmentInput(path, SIGNED_PAPER)]
        self.paper_state.setText(self.tr("已添加签字页：{0}").format(path.name))

    def files(self) -> list[AttachmentInput]:
        return list(self.paper_scans) if self.paper.isChecked() else []

    def signature_png(self) -> bytes | None:
        """The signature, or None when the resident signs on paper."""
        return None if self.paper.isChecked() or self.pad.is_empty() else self.pad.to_png()

    def check(self) -> str | None:
        if not self.paper.isChecked() and self.pad.is_empty():
            return self.tr("请居民在框内签名；不能签名的，请勾选“在打印的委托书上签字”。")
        if self.paper.isChecked() and not self.paper_scans:
            return self.tr("请打印委托书，居民签字或按手印后扫描，再导入签字页。")
        return None

    def focus_first(self) -> None:
        self.pad.setFocus()
