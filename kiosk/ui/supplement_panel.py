"""补齐补正 on a case: the missing materials (and corrections to the form), sent again."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.context import AppContext
from kiosk.core.applications import ApplicationView, AttachmentInput
from kiosk.core.errors import ValidationFailed
from kiosk.core.status import AppStatus
from kiosk.core.temp_files import private_temp_dir
from kiosk.forms.definition import FormDefinition
from kiosk.ui.attachments import FileEntry, MaterialFiles
from kiosk.ui.case_data import CaseData, last_note
from kiosk.ui.errors import user_message
from kiosk.ui.form_view import FormView
from kiosk.ui.new_application.check_step import guide_materials
from kiosk.ui.widgets import (
    set_message,
)
from kiosk.ui.worker import run_task


class SupplementPanel(QWidget):
    """补齐补正: what the back office asked for, the files (and corrections) that answer it."""

    sent = Signal(object)  # ApplicationView

    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supplementPanel")
        self.ctx = ctx
        self.agent = agent
        self.app_id: str | None = None
        self.pending: list[AttachmentInput] = []
        self.form: FormDefinition | None = None
        self.payload: dict[str, Any] = {}
        self.request = QLabel("")
        self.request.setObjectName("supplementRequest")
        self.request.setWordWrap(True)
        self.files = MaterialFiles(scratch=private_temp_dir(ctx.data_dir))
        self.files.setObjectName("supplementFiles")
        self.files.files_chosen.connect(self._add)
        self.files.remove_requested.connect(self._remove)
        self.correct = QCheckBox(self.tr("同时更正申请表内容"))
        self.correct.setObjectName("correctForm")
        self.correct.toggled.connect(self._toggle_form)
        self.form_area = QScrollArea()
        self.form_area.setWidgetResizable(True)
        self.form_area.hide()
        self.form_view: FormView | None = None
        self.send_button = QPushButton(self.tr("提交补正材料"))
        self.send_button.setObjectName("sendSupplementButton")
        self.send_button.setProperty("primary", True)
        self.send_button.clicked.connect(self.send)
        self.message = QLabel("")
        self.message.setObjectName("supplementMessage")
        self.message.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.message, 1)
        row.addWidget(self.send_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.request)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.correct)
        layout.addWidget(self.form_area, 1)
        layout.addLayout(row)

    def load(self, data: CaseData) -> None:
        self.app_id = data.view.id
        self.pending = []
        self.form = data.form
        self.payload = data.payload
        self.files.set_materials([m["name"] for m in guide_materials(data.guide)])
        self.files.set_entries([])
        note = last_note(data.timeline, AppStatus.NEED_SUPPLEMENT)
        self.request.setText(
            self.tr("审批部门要求补齐补正：{0}").format(
                note or self.tr("（未说明，请电话询问乡镇）")
            )
        )
        self.correct.setChecked(False)
        self.correct.setEnabled(data.form is not None)
        set_message(self.message, "")

    def _add(self, inputs: list[AttachmentInput]) -> None:
        self.pending.extend(inputs)
        self._show_pending()

    def _remove(self, key: object) -> None:
        self.pending = [p for p in self.pending if p.path != key]
        self._show_pending()

    def _show_pending(self) -> None:
        entries = []
        for p in self.pending:
            try:
                size = p.path.stat().st_size
            except OSError:
                size = 0
            entries.append(FileEntry(p.path, p.material, p.path.name, size))
        self.files.set_entries(entries)

    def _toggle_form(self, on: bool) -> None:
        if on and self.form_view is None and self.form is not None:
            form = self.form
            check = self.ctx.applications.check
            self.form_view = FormView(form, lambda d: check(form, d, printable=False))
            self.form_view.setObjectName("supplementForm")
            self.form_view.set_data(self.payload)
            self.form_area.setWidget(self.form_view)
        self.form_area.setVisible(on)

    def changes(self) -> dict[str, Any]:
        if not self.correct.isChecked() or self.form_view is None:
            return {}
        now = self.form_view.data()
        return {k: v for k, v in now.items() if self.payload.get(k) != v}

    def send(self) -> None:
        if self.app_id is None:
            return
        files, changes = list(self.pending), self.changes()
        if not files and not changes:
            set_message(self.message, self.tr("请先添加补充的材料，或更正表单内容。"), "error")
            return
        self.send_button.setEnabled(False)
        set_message(self.message, self.tr("正在提交补正…"))
        app_id, agent = self.app_id, self.agent
        ctx = self.ctx
        run_task(
            lambda: ctx.applications.supplement(app_id, agent, files, changes or None),
            on_done=self._sent,
            on_error=self._failed,
        )

    def _sent(self, view: ApplicationView) -> None:
        self.send_button.setEnabled(True)
        self.pending = []
        self.files.set_entries([])
        set_message(self.message, self.tr("补正材料已保存，排队报送。"), "ok")
        self.sent.emit(view)

    def _failed(self, exc: Exception) -> None:
        self.send_button.setEnabled(True)
        if isinstance(exc, ValidationFailed) and self.form_view is not None:
            self.form_view.show_errors(exc.field_errors)
        set_message(self.message, user_message(exc), "error")
