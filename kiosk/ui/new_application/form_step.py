"""Step 4: the item's form, prefilled from the register / ID card, checked at each field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QScrollArea, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.forms.definition import FormDefinition
from kiosk.ui.form_view import FormView
from kiosk.ui.new_application.delivery_panel import DeliveryPanel
from kiosk.ui.new_application.state import FlowState
from kiosk.ui.new_application.step import Step
from kiosk.ui.widgets import hint_label, title_label


class _EnterMovesOn(QObject):
    """Enter in a field goes to the next field; in the last one, on to the next step."""

    last_field_done = Signal()

    def __init__(self, view: FormView) -> None:
        super().__init__(view)
        self.view = view

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and not isinstance(obj, QPlainTextEdit)
        ):
            visible = [e.input for e in self.view.editors.values() if e.isVisibleTo(self.view)]
            if obj in visible and obj is visible[-1]:
                self.last_field_done.emit()
                return True
            if obj in visible:
                nxt = visible[visible.index(obj) + 1]
                nxt.setFocus(Qt.FocusReason.TabFocusReason)
                return True
        return False


class FormStep(Step):
    def __init__(self, ctx: AppContext, agent: str, parent: QWidget | None = None) -> None:
        super().__init__(ctx, agent, parent)
        self.title = self.tr("填写表单")
        self.form_view: FormView | None = None
        self.delivery: DeliveryPanel | None = None
        self._built_for: tuple[str, int] | None = None
        self.heading = title_label(self.tr("第四步：填写申请表"))
        self.area = QScrollArea()
        self.area.setObjectName("formArea")
        self.area.setWidgetResizable(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(
            hint_label(
                self.tr("带 * 的为必填项。Enter 到下一项；填完最后一项按 Enter 进入下一步。")
            )
        )
        layout.addWidget(self.area, 1)

    def focus_first(self) -> None:
        if self.form_view is None:
            return
        data = self.form_view.data()
        for key, editor in self.form_view.editors.items():
            if editor.isVisibleTo(self.form_view) and key not in data:
                editor.input.setFocus()
                return
        first = next(iter(self.form_view.editors.values()), None)
        if first is not None:
            first.input.setFocus()

    def enter(self, state: FlowState) -> None:
        assert state.item is not None and state.form is not None
        key = (state.item.code, state.form.version)
        if self._built_for != key or self.form_view is None:
            self._build(state.form)
            self._built_for = key
            assert self.form_view is not None
            self.form_view.set_data({**state.prefill(), **state.form_data})
            assert self.delivery is not None
            self.delivery.set_answers(state.form_data)
            self.delivery.prefill({**state.prefill(), **self.form_view.data()})
        else:
            assert self.form_view is not None
            filled = self.form_view.data()
            missing = {k: v for k, v in state.prefill().items() if k not in filled}
            if missing:  # a resident chosen after the form was first shown
                self.form_view.set_data(missing)
            if self.delivery is not None:
                self.delivery.prefill({**state.prefill(), **self.form_view.data()})
        self.heading.setText(self.tr("第四步：填写申请表 · {0}").format(state.item.name))

    def _build(self, form: FormDefinition) -> None:
        check = self.ctx.applications.check
        view = FormView(form, lambda data: check(form, data, printable=False))
        view.setObjectName("formView")
        for editor in view.editors.values():
            editor.changed.connect(self.changed)
        mover = _EnterMovesOn(view)
        mover.last_field_done.connect(self.advance)
        for editor in view.editors.values():
            editor.input.installEventFilter(mover)
        own = any(f.key == "delivery" for f in form.fields)  # the item asks 领卡方式 itself
        panel = DeliveryPanel(form.divisions, check, own_delivery=own)
        panel.changed.connect(self.changed)
        panel.known = view.data
        page = QWidget()
        page_layout = QVBoxLayout(page)
        page_layout.setContentsMargins(0, 0, 0, 0)
        page_layout.addWidget(view)
        page_layout.addWidget(panel)
        self.area.setWidget(page)
        self.form_view = view
        self.delivery = panel

    def reset(self) -> None:
        self._built_for = None
        self.form_view = None
        self.delivery = None
        old = self.area.takeWidget()
        if old is not None:
            old.deleteLater()

    def answers(self) -> dict[str, Any]:
        """The item's answers and the filing's own (delivery, notify)."""
        assert self.form_view is not None
        extras = self.delivery.answers() if self.delivery is not None else {}
        return {**self.form_view.data(), **extras}

    def collect(self, state: FlowState) -> None:
        if self.form_view is not None and self._built_for is not None:
            state.form_data = self.answers()

    def check(self, state: FlowState) -> str | None:
        if self.form_view is None or state.form is None:
            return None
        errors = self.ctx.applications.check(state.form, self.answers(), printable=False)
        self.form_view.show_errors(errors)
        if self.delivery is not None:
            self.delivery.show_errors(errors)
        if errors:
            return self.tr("表单有 {0} 处需要修改，请按红字提示更正。").format(len(errors))
        return None

    def show_errors(self, errors: dict[str, str]) -> None:
        if self.form_view is not None:
            self.form_view.show_errors(errors)
        if self.delivery is not None:
            self.delivery.show_errors(errors)
