"""Step 6: the resident signs the 代办委托书 on screen (mouse, pen or finger)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.core.applications import AttachmentInput
from kiosk.core.temp_files import private_temp_dir
from kiosk.ui.errors import user_message
from kiosk.ui.new_application.paper_signature import PaperSignaturePanel
from kiosk.ui.new_application.state import SIGNATURE_MATERIAL, FlowState
from kiosk.ui.new_application.step import Done, Step
from kiosk.ui.signature_pad import SignaturePad
from kiosk.ui.widgets import WrapCheckBox, hint_label, set_message, title_label
from kiosk.ui.worker import run_task


def store_signature(ctx: AppContext, draft_id: str, agent: str, png: bytes) -> None:
    """Runs in a worker: replace the draft's signature with this one.

    The PNG passes through a private temp file in the data dir (the attachment API reads
    files) and is removed at once; the stored copy is encrypted in the blob store.
    """
    for old in ctx.applications.attachments(draft_id):
        if old.material == SIGNATURE_MATERIAL:
            ctx.applications.remove_attachment(draft_id, old.id, agent)
    fd, name = tempfile.mkstemp(
        prefix="signature-", suffix=".png", dir=private_temp_dir(ctx.data_dir)
    )
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(png)
        ctx.applications.attach(draft_id, agent, [AttachmentInput(path, SIGNATURE_MATERIAL)])
    finally:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()


class SignatureStep(Step):
    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, agent, parent)
        self.title = self.tr("签名")
        self.draft_id: str | None = None
        self.has_signature = False
        self.pad = SignaturePad()
        self.pad.changed.connect(self._pad_changed)
        self.clear_button = QPushButton(self.tr("清除重签"))
        self.clear_button.setObjectName("clearSignatureButton")
        self.clear_button.clicked.connect(self.pad.clear)
        self.paper = WrapCheckBox(self.tr("居民不能在屏幕上签名：在纸质委托书上签字或按手印"))
        self.paper.setObjectName("paperSignature")
        self.paper.toggled.connect(lambda _c: self.changed.emit())
        self.state_label = QLabel("")
        self.state_label.setObjectName("signatureState")
        self.state_label.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.state_label, 1)
        row.addWidget(self.clear_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("第六步：居民签名（代办委托）")))
        layout.addWidget(
            hint_label(
                self.tr(
                    "请居民确认委托本代办点代为申请，并在下框中签名。签名只用于本次办件的委托书。"
                )
            )
        )
        layout.addWidget(self.pad, 1)
        layout.addLayout(row)
        layout.addWidget(self.paper)
        # items that may not be signed on screen (esign_allowed false): paper page, scanned
        self.paper_only = PaperSignaturePanel(ctx, agent)
        self.paper_only.scanned.connect(self.changed)
        layout.addWidget(self.paper_only)
        self.paper_only.hide()
        self.on_paper_only = False

    def focus_first(self) -> None:
        self.pad.setFocus()

    def enter(self, state: FlowState) -> None:
        self.draft_id = state.draft_id
        self.has_signature = state.has_signature
        self.paper.setChecked(state.progress.paper_signature)
        self.on_paper_only = state.item is not None and not state.item.esign_allowed
        for w in (self.pad, self.clear_button, self.paper, self.state_label):
            w.setVisible(not self.on_paper_only)
        self.paper_only.setVisible(self.on_paper_only)
        if self.on_paper_only:
            self.paper_only.show_for(state.draft_id, state.draft_id or "")
        self._show_state()

    def _show_state(self) -> None:
        if not self.pad.is_empty():
            set_message(self.state_label, self.tr("签好后按“下一步”保存签名。"))
        elif self.has_signature:
            set_message(
                self.state_label, self.tr("已保存居民签名。如需重签，请直接在框内重新签名。"), "ok"
            )
        else:
            set_message(self.state_label, self.tr("尚未签名。"))

    def _pad_changed(self) -> None:
        self._show_state()

    def collect(self, state: FlowState) -> None:
        state.progress.paper_signature = self.paper.isChecked()

    def leave(self, state: FlowState, done: Done) -> None:
        self.collect(state)
        if self.on_paper_only:
            scanned = self.paper_only.has_scan
            done(
                None if scanned else self.tr("请打印签字页，居民签字并按手印后，上传签字页扫描件。")
            )
            return
        if self.pad.is_empty():
            if self.has_signature or self.paper.isChecked():
                done(None)
            else:
                done(self.tr("请居民在框内签名；不能签名的，勾选下方选项后用纸质委托书。"))
            return
        draft_id = state.draft_id
        if draft_id is None:
            done(self.tr("草稿还没有保存好，请稍候再试。"))
            return
        png = self.pad.to_png()
        set_message(self.state_label, self.tr("正在保存签名…"))
        ctx, agent = self.ctx, self.agent

        def saved(_r: object) -> None:
            self.has_signature = state.has_signature = True
            self.pad.clear()
            self._show_state()
            done(None)

        def failed(exc: Exception) -> None:
            set_message(self.state_label, user_message(exc), "error")
            done(user_message(exc))

        run_task(lambda: store_signature(ctx, draft_id, agent, png), on_done=saved, on_error=failed)

    def reset(self) -> None:
        self.pad.clear()
        self.has_signature = False
        self.paper.setChecked(False)
