"""Items that may not be signed on screen: print the signature page, scan it back.

电子签名法 §3 excludes some matters (婚姻、收养、继承, stopping water/heat/gas) from electronic
signatures; the catalog marks them ``esign_allowed: false``. For them the signature step shows
this panel instead of the signature pad: print the 申请人签字页, have the resident sign it and
press a thumbprint, then scan the signed page into the draft (material ``纸质签字页``). The
flow goes on only once the scan is there.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.core.applications import AttachmentInput
from kiosk.core.item_identity import PAPER_SIGNATURE_MATERIAL
from kiosk.ui.documents import open_document
from kiosk.ui.errors import show_error, user_message
from kiosk.ui.widgets import hint_label, set_message
from kiosk.ui.worker import run_task


def has_paper_signature(ctx: AppContext, draft_id: str) -> bool:
    """Runs in a worker: does the draft carry a scan of the signed page?"""
    return any(
        a.material == PAPER_SIGNATURE_MATERIAL for a in ctx.applications.attachments(draft_id)
    )


def attach_paper_signature(ctx: AppContext, draft_id: str, agent: str, path: Path) -> bool:
    """Runs in a worker: store the scan (encrypted, like every attachment)."""
    ctx.applications.attach(draft_id, agent, [AttachmentInput(path, PAPER_SIGNATURE_MATERIAL)])
    return True


class PaperSignaturePanel(QWidget):
    scanned = Signal()

    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.agent = ctx, agent
        self.draft_id: str | None = None
        self.reference = ""
        self.has_scan = False
        self.print_button = QPushButton(self.tr("打印申请人签字页"))
        self.print_button.setObjectName("printSignaturePage")
        self.print_button.clicked.connect(self.print_page)
        self.scan_button = QPushButton(self.tr("上传签字页扫描件…"))
        self.scan_button.setObjectName("scanSignaturePage")
        self.scan_button.clicked.connect(self.choose_scan)
        self.status = QLabel("")
        self.status.setObjectName("paperSignatureState")
        self.status.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addWidget(self.scan_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(
            hint_label(
                self.tr(
                    "本事项依法不能用屏幕签名（《电子签名法》第三条）。请打印签字页，由居民亲笔签名"
                    "并按手印，再扫描或拍照上传签字页；原件随纸质材料报送。"
                )
            )
        )
        layout.addLayout(row)
        layout.addWidget(self.status)

    def show_for(self, draft_id: str | None, reference: str) -> None:
        self.draft_id, self.reference = draft_id, reference
        self.has_scan = False
        set_message(self.status, self.tr("尚未上传签字页。"))
        if draft_id is None:
            return
        ctx = self.ctx
        run_task(lambda: has_paper_signature(ctx, draft_id), on_done=self._known)

    def _known(self, present: bool) -> None:
        self.has_scan = bool(present)
        if self.has_scan:
            set_message(self.status, self.tr("已上传签字页扫描件。"), "ok")

    def print_page(self) -> None:
        if self.draft_id is None:
            set_message(self.status, self.tr("草稿还没有保存好，请稍候再试。"), "error")
            return
        open_document(
            self,
            self.ctx,
            "signature_page",
            self.draft_id,
            self.reference,
            self.agent,
            on_error=show_error,
        )

    def choose_scan(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("选择签字页扫描件"), "", self.tr("扫描件 (*.jpg *.jpeg *.png *.pdf)")
        )
        if path:
            self.attach(Path(path))

    def attach(self, path: Path) -> None:
        draft_id = self.draft_id
        if draft_id is None:
            return
        set_message(self.status, self.tr("正在保存签字页…"))
        ctx, agent = self.ctx, self.agent
        run_task(
            lambda: attach_paper_signature(ctx, draft_id, agent, path),
            on_done=self._attached,
            on_error=lambda exc: set_message(self.status, user_message(exc), "error"),
        )

    def _attached(self, _ok: bool) -> None:
        self._known(True)
        self.scanned.emit()
