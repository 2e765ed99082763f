"""A form rendered from its definition, with the error message next to each field.

Every field type of ``kiosk.forms`` has an editor here: text, numbers, dates, choices
(single, multiple, yes/no), identifiers, the administrative-division cascade for addresses,
household-member repeat groups, attachments bound to a material, and the signature (an image
file). Computed fields are shown read-only and follow what is typed.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.forms.definition import FieldDef, FormDefinition
from kiosk.forms.divisions import DivisionTable
from kiosk.forms.engine import compute_values, is_required, is_visible
from kiosk.ui.form_inputs import (
    EMPTY_CHOICE,
    NO_DATA,
    AddressEditor,
    FileEditor,
    MultiChoice,
    empty_value,
)


class FieldEditor(QWidget):
    """One field: its input widget and, below it, its error label."""

    changed = Signal()
    finished = Signal()

    def __init__(
        self,
        field: FieldDef,
        parent: QWidget | None = None,
        divisions: DivisionTable | None = None,
        name_prefix: str = "",
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.divisions = divisions
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.input = self._make_input()
        self.input.setObjectName(f"field_{name_prefix}{field.key}")
        self.input.setAccessibleName(field.label)
        if field.help:
            self.input.setToolTip(field.help)
        self.error = QLabel("")
        self.error.setObjectName(f"error_{name_prefix}{field.key}")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.input)
        layout.addWidget(self.error)

    def _make_input(self) -> QWidget:
        f = self.field
        if f.computed:
            label = QLabel("—")
            label.setProperty("role", "computed")
            return label
        if f.type in {"select", "yesno"}:
            box = QComboBox()
            box.addItem(self.tr(EMPTY_CHOICE), NO_DATA)
            if f.type == "yesno":
                box.addItem(self.tr("是"), True)
                box.addItem(self.tr("否"), False)
            else:
                for opt in f.options:
                    box.addItem(opt, opt)
            box.currentIndexChanged.connect(self.changed)
            box.currentIndexChanged.connect(self.finished)
            return box
        if f.type == "multiselect":
            multi = MultiChoice(f.options)
            multi.changed.connect(self.changed)
            multi.changed.connect(self.finished)
            return multi
        if f.type == "address":
            address = AddressEditor(f, self.divisions)
            address.changed.connect(self.changed)
            address.detail.editingFinished.connect(self.finished)
            return address
        if f.type in {"attachment", "signature"}:
            files = FileEditor(f)
            files.changed.connect(self.changed)
            files.changed.connect(self.finished)
            return files
        if f.type == "group":
            group = GroupEditor(f, self.divisions)
            group.changed.connect(self.changed)
            group.finished.connect(self.finished)
            return group
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
            text.setMaximumHeight(90)
            text.textChanged.connect(self.changed)
            return text
        line = QLineEdit()
        if f.max_length:
            line.setMaxLength(f.max_length)
        if f.placeholder:
            line.setPlaceholderText(f.placeholder)
        elif f.type == "id_number":
            line.setMaxLength(18)
            line.setPlaceholderText(self.tr("18位身份证号"))
        elif f.type == "mobile":
            line.setMaxLength(14)
            line.setPlaceholderText(self.tr("11位手机号码"))
        elif f.type == "uscc":
            line.setMaxLength(18)
            line.setPlaceholderText(self.tr("18位统一社会信用代码"))
        elif f.type == "bank_card":
            line.setMaxLength(23)
            line.setPlaceholderText(self.tr("银行卡号"))
        elif f.type == "number" and f.unit:
            line.setPlaceholderText(f.unit)
        line.textChanged.connect(self.changed)
        line.editingFinished.connect(self.finished)
        return line

    def value(self) -> Any:
        w = self.input
        if self.field.computed:
            return None
        if isinstance(w, MultiChoice | AddressEditor | FileEditor | GroupEditor):
            return w.value()
        if isinstance(w, QComboBox):
            data = w.currentData() if w.currentIndex() >= 0 else NO_DATA
            return None if data == NO_DATA else data
        if isinstance(w, QDateEdit):
            return None if w.date() == w.minimumDate() else w.date().toString("yyyy-MM-dd")
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText()
        assert isinstance(w, QLineEdit)
        return w.text()

    def set_value(self, value: Any) -> None:
        w = self.input
        if self.field.computed:
            return
        if isinstance(w, MultiChoice | AddressEditor | FileEditor | GroupEditor):
            w.set_value(value)
        elif isinstance(w, QComboBox):
            idx = w.findData(NO_DATA if value is None else value)
            w.setCurrentIndex(max(idx, 0))
        elif isinstance(w, QDateEdit):
            w.setDate(QDate.fromString(str(value), "yyyy-MM-dd") if value else w.minimumDate())
        elif isinstance(w, QPlainTextEdit):
            w.setPlainText(str(value or ""))
        else:
            assert isinstance(w, QLineEdit)
            w.setText("" if value is None else str(value))

    def show_computed(self, value: Any) -> None:
        if isinstance(self.input, QLabel):
            unit = self.field.unit
            self.input.setText("—" if value is None else f"{value}{unit}")

    def set_error(self, message: str | None) -> None:
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.input.setProperty("invalid", bool(message))
        self.input.style().unpolish(self.input)
        self.input.style().polish(self.input)


class _FieldGrid(QWidget):
    """Editors for a list of fields in a two-column form (the form itself, or a group row)."""

    changed = Signal()
    finished = Signal(str)

    def __init__(
        self,
        fields: tuple[FieldDef, ...],
        divisions: DivisionTable | None,
        name_prefix: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.editors: dict[str, FieldEditor] = {}
        self.labels: dict[str, QLabel] = {}
        self.layout_ = QFormLayout(self)
        self.layout_.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        for field in fields:
            editor = FieldEditor(field, self, divisions, name_prefix)
            label = QLabel(field.label + (" *" if field.required else ""))
            label.setBuddy(editor.input)
            if field.type == "group":
                self.layout_.addRow(label)
                self.layout_.addRow(editor)
            else:
                self.layout_.addRow(label, editor)
            self.editors[field.key] = editor
            self.labels[field.key] = label
            editor.changed.connect(self.changed)
            editor.finished.connect(lambda key=field.key: self.finished.emit(key))

    def values(self) -> dict[str, Any]:
        return {k: e.value() for k, e in self.editors.items() if not e.field.computed}

    def refresh(self, values: dict[str, Any]) -> None:
        """Show/hide rows, mark conditionally required ones, show computed values."""
        for key, editor in self.editors.items():
            f = editor.field
            visible = is_visible(f, values)
            self.layout_.setRowVisible(editor, visible)
            if f.type == "group":
                self.layout_.setRowVisible(self.labels[key], visible)
            star = " *" if visible and not f.computed and is_required(f, values) else ""
            self.labels[key].setText(f.label + star)
            if f.computed:
                editor.show_computed(values.get(key))
            if f.type == "group" and isinstance(editor.input, GroupEditor):
                editor.input.refresh(values)


class GroupEditor(QWidget):
    """A household-member (or other) repeat group: one framed row of editors per member."""

    changed = Signal()
    finished = Signal()

    def __init__(
        self, field: FieldDef, divisions: DivisionTable | None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.divisions = divisions
        self.rows: list[_FieldGrid] = []
        self.frames: list[QFrame] = []
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton(self.tr("添加") + (field.item_label or self.tr("一行")))
        self.add_button.setObjectName(f"add_{field.key}")
        self.add_button.clicked.connect(lambda: self.add_row())
        self._layout.addWidget(self.add_button)
        self._outer: dict[str, Any] = {}

    def add_row(self, data: dict[str, Any] | None = None) -> _FieldGrid:
        i = len(self.rows)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(frame)
        head = QHBoxLayout()
        title = QLabel(f"{self.field.item_label or self.field.label} {i + 1}")
        remove = QPushButton(self.tr("删除"))
        remove.setObjectName(f"remove_{self.field.key}_{i}")
        head.addWidget(title, 1)
        head.addWidget(remove)
        box.addLayout(head)
        grid = _FieldGrid(self.field.fields, self.divisions, f"{self.field.key}_{i}_", frame)
        box.addWidget(grid)
        grid.changed.connect(self._row_changed)
        grid.finished.connect(lambda _key: self.finished.emit())
        remove.clicked.connect(lambda: self.remove_row(self.frames.index(frame)))
        self._layout.insertWidget(self._layout.count() - 1, frame)
        self.rows.append(grid)
        self.frames.append(frame)
        for key, value in (data or {}).items():
            if key in grid.editors:
                grid.editors[key].set_value(value)
        grid.refresh({**self._outer, **grid.values()})
        self._update_button()
        self.changed.emit()
        return grid

    def remove_row(self, index: int) -> None:
        data = self.value(keep_empty=True)
        del data[index]
        self.set_value(data)

    def _row_changed(self) -> None:
        for grid in self.rows:
            grid.refresh({**self._outer, **grid.values()})
        self.changed.emit()

    def _update_button(self) -> None:
        limit = self.field.max_items
        self.add_button.setEnabled(limit is None or len(self.rows) < limit)

    def value(self, keep_empty: bool = False) -> list[dict[str, Any]]:
        out = []
        for grid in self.rows:
            row = {k: v for k, v in grid.values().items() if not empty_value(v)}
            if row or keep_empty:
                out.append(row)
        return out

    def set_value(self, value: Any) -> None:
        for frame in self.frames:
            frame.setParent(None)
            frame.deleteLater()
        self.rows.clear()
        self.frames.clear()
        for row in value or []:
            self.add_row(row)
        self._update_button()
        self.changed.emit()

    def refresh(self, outer: dict[str, Any]) -> None:
        self._outer = {k: v for k, v in outer.items() if k != self.field.key}
        for grid in self.rows:
            grid.refresh({**self._outer, **grid.values()})

    def show_errors(self, errors: dict[str, str], prefix: str) -> None:
        for i, grid in enumerate(self.rows):
            for key, editor in grid.editors.items():
                editor.set_error(errors.get(f"{prefix}.{i}.{key}"))

    def first_error_input(self, errors: dict[str, str], prefix: str) -> QWidget | None:
        for i, grid in enumerate(self.rows):
            for key, editor in grid.editors.items():
                if f"{prefix}.{i}.{key}" in errors:
                    return editor.input
        return None


class FormView(QWidget):
    """Renders a FormDefinition; ``validator(data) -> {key: message}`` gives live checks."""

    changed = Signal()

    def __init__(
        self, form: FormDefinition, validator: Any = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.form = form
        self._validator = validator
        self._touched: set[str] = set()
        self._grid = _FieldGrid(form.fields, form.divisions, "", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self._grid)
        layout.addStretch(1)
        self.editors: dict[str, FieldEditor] = self._grid.editors
        self._grid.changed.connect(self._update_visibility)
        self._grid.finished.connect(self._on_finished)
        self._update_visibility()

    def _values(self) -> dict[str, Any]:
        values = self._grid.values()
        with contextlib.suppress(Exception):  # a half-typed form must never break the screen
            values.update(compute_values(self.form, values))
        return values

    def data(self) -> dict[str, Any]:
        values = self._values()
        return {
            k: v
            for k, v in self._grid.values().items()
            if not empty_value(v) and is_visible(self.editors[k].field, values)
        }

    def files(self) -> list[tuple[str, Path, str]]:
        """(field key, file path, material) of every attached file in visible fields."""
        out = []
        data = self.data()
        for f in self.form.file_fields():
            for ref in data.get(f.key, []):
                out.append((f.key, Path(ref["path"]), f.material))
        return out

    def set_data(self, data: dict[str, Any]) -> None:
        for key, value in data.items():
            if key in self.editors:
                self.editors[key].set_value(value)
        self._update_visibility()

    def clear(self) -> None:
        for editor in self.editors.values():
            editor.set_value([] if editor.field.type in {"group", "multiselect"} else None)
            editor.set_error(None)
        self._touched.clear()
        self._update_visibility()

    def show_errors(self, errors: dict[str, str]) -> None:
        first: QWidget | None = None
        for key, editor in self.editors.items():
            editor.set_error(errors.get(key))
            if isinstance(editor.input, GroupEditor):
                editor.input.show_errors(errors, key)
                inner = editor.input.first_error_input(errors, key)
                if first is None and inner is not None:
                    first = inner
            if first is None and key in errors:
                first = editor.input
        if first is not None:
            first.setFocus()

    def _on_finished(self, key: str) -> None:
        """Live validation of fields the agent has already left (pure, no disk or network)."""
        self._touched.add(key)
        if self._validator is None:
            return
        errors = self._validator(self.data())
        for k in self._touched:
            editor = self.editors[k]
            editor.set_error(errors.get(k))
            if isinstance(editor.input, GroupEditor):
                editor.input.show_errors(errors, k)

    def _update_visibility(self) -> None:
        self._grid.refresh(self._values())
        self.changed.emit()
