"""What the agent can do with the case on screen: withdraw, reopen, rate, change how the
result is delivered, hand it over, print its documents, open its files. The base of
``CaseView`` (``kiosk/ui/case_view.py``), which sets ``ctx``, ``agent``, ``data`` and
``card_reader``, defines the signals and loads a case."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QLabel,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.applications import ApplicationView, AttachmentInfo
from kiosk.core.atomic import atomic_write_bytes
from kiosk.core.handover import HandoverRecord
from kiosk.ui.documents import open_document
from kiosk.ui.errors import show_error
from kiosk.ui.widgets import (
    ReasonDialog,
    confirm_destructive,
)
from kiosk.ui.worker import run_task

if TYPE_CHECKING:
    from kiosk.context import AppContext
    from kiosk.core.agents import AgentInfo
    from kiosk.core.card_reader import CardReader
    from kiosk.core.changes import Changes
    from kiosk.ui.case_data import CaseData


class PictureDialog(QDialog):
    """A material that is a picture, scaled to fit the screen."""

    def __init__(self, title: str, pixmap: QPixmap, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.image = QLabel()
        self.image.setPixmap(
            pixmap.scaled(
                900,
                680,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
        QVBoxLayout(self).addWidget(self.image)


class CaseActions(QWidget):
    """The actions of ``CaseView``; what they use of the view is declared here."""

    ctx: AppContext
    agent: AgentInfo
    data: CaseData | None
    card_reader: CardReader | None
    changed: ClassVar[Signal]  # Changes: what an action on this case changed
    resume_draft: ClassVar[Signal]  # the id of a draft to continue

    def load(self, app_id: str) -> None:
        raise NotImplementedError  # the view shows the case

    def _after_action(self, view: ApplicationView) -> None:
        """A view the action's service returned (withdrawn, 补正 sent …)."""
        self._acted(view.id, view.changes)

    def _acted(self, app_id: str, changes: Changes) -> None:
        self.changed.emit(changes)  # (what the service said it changed)
        self.load(app_id)

    def resume(self) -> None:
        """继续办理: the draft on screen opens in the new-application flow."""
        if self.data is not None:
            self.resume_draft.emit(self.data.view.id)

    def withdraw(self) -> None:
        if self.data is None:
            return
        v = self.data.view
        dialog = ReasonDialog(
            self.tr("撤回申请"),
            self.tr("请填写撤回原因（如：居民决定不办了）。撤回后不能恢复。"),
            self.tr("撤回申请"),
            self,
        )
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        if not confirm_destructive(
            self,
            self.tr("确认撤回"),
            self.tr("确定撤回“{0}”（{1}）吗？撤回后不能恢复，需要时只能重新申请。").format(
                v.item_name, v.case_no or v.local_ref
            ),
            self.tr("撤回"),
        ):
            return
        reason, app_id = dialog.reason(), v.id
        ctx, agent_name = self.ctx, self.agent.name

        def work() -> ApplicationView:
            view = ctx.applications.withdraw(app_id, agent_name, reason)
            ctx.applications.forget_progress(app_id)
            return view

        run_task(work, on_done=self._after_action, on_error=show_error)

    def reopen(self) -> None:
        if self.data is None:
            return
        app_id = self.data.view.id
        ctx = self.ctx
        agent_name = self.agent.name
        run_task(
            lambda: ctx.applications.reopen(app_id, agent_name),
            on_done=self._reopened,
            on_error=show_error,
        )

    def _reopened(self, view: ApplicationView) -> None:
        self.changed.emit(view.changes)
        if self.agent.role == "agent":
            self.resume_draft.emit(view.id)  # a conflict gives a new draft (new id)
        else:
            self.load(view.id)

    def evaluate(self) -> None:
        if self.data is None:
            return
        from kiosk.ui.evaluation_dialog import EvaluationDialog

        v = self.data.view
        dialog = EvaluationDialog(self.ctx, v.id, self.agent.name, v.case_no or v.local_ref, self)
        dialog.rated.connect(lambda rating: self._acted(v.id, rating.changes))
        dialog.open()
        self.evaluation_dialog = dialog

    def change_delivery(self) -> None:
        """更改领取方式 until 办结 (sent to the hub with the next sync)."""
        if self.data is None:
            return
        from kiosk.ui.delivery_change_dialog import DeliveryChangeDialog

        v = self.data.view
        dialog = DeliveryChangeDialog(
            self.ctx, v.id, self.agent.name, self.data.delivery_choice or {}, self
        )
        dialog.changed.connect(lambda changed: self._acted(v.id, changed.changes))
        dialog.open()
        self.delivery_dialog = dialog

    def hand_over(self) -> None:
        """结果交付 at the desk; the 交付回执 preview follows."""
        if self.data is None:
            return
        from kiosk.ui.handover_dialog import HandoverDialog

        v = self.data.view
        dialog = HandoverDialog(
            self.ctx, v.id, self.agent.name, v.case_no or v.local_ref, self.card_reader, self
        )
        dialog.handed_over.connect(lambda record: self._handed_over(v, record))
        dialog.open()
        self.handover_dialog = dialog

    def _handed_over(self, v: ApplicationView, record: HandoverRecord) -> None:
        self._acted(v.id, record.changes)
        self.print_handover_receipt()

    def print_handover_receipt(self) -> None:
        if self.data is None:
            return
        from kiosk.ui.handover_dialog import print_delivery_receipt

        v = self.data.view
        print_delivery_receipt(self, self.ctx, v.id, v.case_no or v.local_ref, self.agent.name)

    def print_document(self, kind: str) -> None:
        """A case's document; for a case filed in a 一件事, its 委托书 is the group's one (the
        resident signed once for every member) and so is its receipt."""
        if self.data is None:
            return
        v, group = self.data.view, self.data.group
        if group is not None and kind in ("receipt", "authorization"):
            reference = group.group_no or group.local_ref
            open_document(
                self,
                self.ctx,
                f"group_{kind}",
                group.group_id,
                reference,
                self.agent.name,
                on_error=show_error,
            )
            return
        reference = v.case_no or v.local_ref
        open_document(self, self.ctx, kind, v.id, reference, self.agent.name, on_error=show_error)

    def _open_attachment(self, row: QListWidgetItem) -> None:
        info = row.data(Qt.ItemDataRole.UserRole)
        if not isinstance(info, AttachmentInfo) or self.data is None:
            return
        app_id = self.data.view.id
        ctx = self.ctx
        run_task(
            lambda: ctx.applications.attachment_bytes(app_id, info.id),
            on_done=lambda data: self._show_attachment(info, data),
            on_error=show_error,
        )

    def _show_attachment(self, info: AttachmentInfo, data: bytes) -> None:
        if info.mime.startswith("image/"):
            pixmap = QPixmap()
            if pixmap.loadFromData(data):
                dialog = PictureDialog(info.material or info.filename, pixmap, self)
                dialog.open()
                self.attachment_viewer = dialog
                return
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("另存材料"), str(Path.home() / info.filename)
        )
        if chosen:
            run_task(lambda: atomic_write_bytes(Path(chosen), data), on_error=show_error)
