"""更改领取方式: the resident changes how the result reaches them, until 办结 (the change goes
to the hub with the next sync; kiosk/core/delivery_change.py)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.core.delivery_change import ChangedChoice
from kiosk.core.errors import ValidationFailed
from kiosk.forms.answer_extras import DELIVERY, extra_form
from kiosk.ui.errors import user_message
from kiosk.ui.form_view import FormView
from kiosk.ui.widgets import set_message
from kiosk.ui.worker import run_task


class DeliveryChangeDialog(QDialog):
    changed = Signal(object)  # the new choice

    def __init__(
        self,
        ctx: AppContext,
        app_id: str,
        agent: str,
        current: dict[str, Any],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("deliveryChangeDialog")
        self.setWindowTitle(self.tr("更改结果领取方式"))
        self.ctx, self.app_id, self.agent = ctx, app_id, agent
        form = extra_form(DELIVERY, ctx.catalog.divisions)
        check = ctx.applications.check
        self.view = FormView(form, lambda data: check(form, data, printable=False))
        self.view.set_data(current)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveDeliveryChange")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("办结前可以更改；更改会在下次同步时报送省级平台。")))
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def save(self) -> None:
        ctx, app_id, agent, choice = self.ctx, self.app_id, self.agent, self.view.data()
        self.save_button.setEnabled(False)
        run_task(
            lambda: ctx.delivery_changes.change(app_id, choice, agent),
            on_done=self._saved,
            on_error=self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(exc, ValidationFailed):
            prefix = DELIVERY + "."
            self.view.show_errors({k.removeprefix(prefix): v for k, v in exc.field_errors.items()})
        set_message(self.message, user_message(exc), "error")

    def _saved(self, changed: ChangedChoice) -> None:
        self.changed.emit(changed)
        self.accept()
