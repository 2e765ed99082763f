"""A form rendered from its definition, with the error message next to each field."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.forms.definition import FieldDef, FormDefinition
from kiosk.forms.engine import is_visible

_EMPTY_CHOICE = "请选择"


class FieldEditor(QWidget):
    """One field: its input widget and, below it, its error label."""

    changed = Signal()
    finished = Signal()

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.input = self._make_input()
        self.input.setObjectName(f"field_{field.key}")
        self.input.setAccessibleName(field.label)
        if field.help:
            self.input.setToolTip(field.help)
        self.error = QLabel("")
        self.error.setObjectName(f"error_{field.key}")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.input)
        layout.addWidget(self.error)

    def _make_input(self) -> QWidget:
        f = self.field
        if f.type in {"select", "yesno"}:
            box = QComboBox()
            box.addItem(self.tr(_EMPTY_CHOICE), None)
            if f.type == "yesno":
                box.addItem(self.tr("是"), True)
                box.addItem(self.tr("否"), False)
            else:
                for opt in f.options:
                    box.addItem(opt, opt)
            box.currentIndexChanged.connect(self.changed)
            box.currentIndexChanged.connect(self.finished)
            return box
        if f.type == "date":
            edit = QDateEdit()
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setMinimumDate(QDate(1900, 1, 1))
            edit.setSpecialValueText(" ")  # shows blank while at the minimum: "not set"
            edit.setDate(edit.minimumDate())
            edit.dateChanged.connect(self.changed)
            edit.editingFinished.connect(self.finished)
            return edit
        if f.type == "textarea":
            text = QPlainTextEdit()
            text.setTabChangesFocus(True)
            text.textChanged.connect(self.changed)
            return text
        line = QLineEdit()
        if f.max_length:
            line.setMaxLength(f.max_length)
        if f.type == "id_number":
            line.setMaxLength(18)
            line.setPlaceholderText(self.tr("18位身份证号"))
        elif f.type == "mobile":
            line.setMaxLength(11)
            line.setPlaceholderText(self.tr("11位手机号码"))
        line.textChanged.connect(self.changed)
        line.editingFinished.connect(self.finished)
        return line

    def value(self) -> Any:
        w = self.input
        if isinstance(w, QComboBox):
            return w.currentData()
        if isinstance(w, QDateEdit):
            return None if w.date() == w.minimumDate() else w.date().toString("yyyy-MM-dd")
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        assert isinstance(w, QLineEdit)
        return w.text()

    def set_value(self, value: Any) -> None:
        w = self.input
        if isinstance(w, QComboBox):
            idx = w.findData(value)
            w.setCurrentIndex(max(idx, 0))
        elif isinstance(w, QDateEdit):
            w.setDate(QDate.fromString(str(value), "yyyy-MM-dd") if value else w.minimumDate())
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value or ""))
        else:
            assert isinstance(w, QLineEdit)
            w.setText("" if value is None else str(value))

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.input.setProperty("invalid", bool(message))
        self.input.style().unpolish(self.input)
        self.input.style().polish(self.input)


class FormView(QWidget):
    """Renders a FormDefinition; ``validator(data) -> {key: message}`` gives live checks."""

    def __init__(
        self, form: FormDefinition, validator: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.form = form
        self._validator = validator
        self._touched: set[str] = set()
        self.editors: dict[str, FieldEditor] = {}
        self._layout = QFormLayout(self)
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for field in form.fields:
            editor = FieldEditor(field, self)
            label = QLabel(field.label + (" *" if field.required else ""))
            label.setBuddy(editor.input)
            self._layout.addRow(label, editor)
            self.editors[field.key] = editor
            editor.changed.connect(self._update_visibility)
            editor.finished.connect(lambda key=field.key: self._on_finished(key))
        self._update_visibility()

    def data(self) -> dict[str, Any]:
        values = {k: e.value() for k, e in self.editors.items()}
        return {
            k: v
            for k, v in values.items()
            if v not in (None, "") and is_visible(self.editors[k].field, values)
        }

    def set_data(self, data: dict[str, Any]) -> None:
        for key, value in data.items():
            if key in self.editors:
                self.editors[key].set_value(value)
        self._update_visibility()

    def clear(self) -> None:
        for editor in self.editors.values():
            editor.set_value(None)
            editor.set_error(None)
        self._touched.clear()
        self._update_visibility()

    def show_errors(self, errors: dict[str, str]) -> None:
        for key, editor in self.editors.items():
            editor.set_error(errors.get(key))
        first = next((self.editors[k] for k in self.editors if k in errors), None)
        if first is not None:
            first.input.setFocus()

    def _on_finished(self, key: str) -> None:
        """Live validation of fields the agent has already left (pure, no disk or network)."""
        self._touched.add(key)
        if self._validator is None:
            return
        errors = self._validator(self.data())
        for k in self._touched:
            self.editors[k].set_error(errors.get(k))

    def _update_visibility(self) -> None:
        values = {k: e.value() for k, e in self.editors.items()}
        for editor in self.editors.values():
            visible = is_visible(editor.field, values)
            self._layout.setRowVisible(editor, visible)
