"""Step 5: scans and photos of the materials, stored on the draft as soon as they are chosen."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.core.applications import AttachmentInfo, AttachmentInput
from kiosk.core.temp_files import private_temp_dir
from kiosk.ui.attachments import FileEntry, MaterialFiles
from kiosk.ui.errors import user_message
from kiosk.ui.new_application.check_step import guide_materials
from kiosk.ui.new_application.state import SIGNATURE_MATERIAL, FlowState
from kiosk.ui.new_application.step import Step
from kiosk.ui.widgets import hint_label, set_message, title_label
from kiosk.ui.worker import run_task


class AttachmentsStep(Step):
    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, agent, parent)
        self.title = self.tr("附件")
        self.draft_id: str | None = None
        self.files = MaterialFiles(scratch=private_temp_dir(ctx.data_dir))
        self.files.setObjectName("draftFiles")
        self.files.files_chosen.connect(self.attach)
        self.files.remove_requested.connect(self.remove)
        self.message = QLabel("")
        self.message.setObjectName("attachMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("第五步：扫描或拍摄材料")))
        layout.addWidget(
            hint_label(
                self.tr(
                    "原件核验后退回居民的，扫描留存即可；没有扫描仪时可跳过，"
                    "纸质材料随交接清单送乡镇。"
                )
            )
        )
        layout.addWidget(self.files, 1)
        layout.addWidget(self.message)

    def focus_first(self) -> None:
        self.files.import_button.setFocus()

    def enter(self, state: FlowState) -> None:
        assert state.item is not None
        self.draft_id = state.draft_id
        names = [m["name"] for m in guide_materials(state.item.guide or {})]
        brought = [n for n in names if n in state.progress.materials]
        self.files.set_materials(brought + [n for n in names if n not in brought])
        self.reload()

    def reload(self) -> None:
        draft_id = self.draft_id
        if draft_id is None:
            self.files.set_entries([])
            return
        ctx = self.ctx
        run_task(
            lambda: ctx.applications.attachments(draft_id),
            on_done=self._show,
            on_error=self._failed,
        )

    def _show(self, infos: list[AttachmentInfo]) -> None:
        entries = [
            FileEntry(a.id, a.material, a.filename, a.size)
            for a in infos
            if a.material != SIGNATURE_MATERIAL
        ]
        self.files.set_entries(entries)
        if entries:
            set_message(self.message, self.tr("已添加 {0} 份文件。").format(len(entries)), "ok")

    def attach(self, inputs: list[AttachmentInput]) -> None:
        draft_id = self.draft_id
        if draft_id is None:
            set_message(self.message, self.tr("草稿还没有保存好，请稍候再试。"), "error")
            return
        set_message(self.message, self.tr("正在保存文件…"))
        ctx = self.ctx
        agent = self.agent
        run_task(
            lambda: ctx.applications.attach(draft_id, agent, inputs),
            on_done=lambda _v: self.reload(),
            on_error=self._failed,
        )

    def remove(self, attachment_id: object) -> None:
        draft_id = self.draft_id
        if draft_id is None or not isinstance(attachment_id, int):
            return
        ctx = self.ctx
        agent = self.agent
        run_task(
            lambda: ctx.applications.remove_attachment(draft_id, attachment_id, agent),
            on_done=lambda _r: self.reload(),
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        set_message(self.message, user_message(exc), "error")
