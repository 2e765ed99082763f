"""The inputs of a form that are more than one Qt widget: check boxes for a multi-select
field, the administrative-division cascade of an address, and the list of files bound to a
material. :mod:`kiosk.ui.form_view` puts them, with the plain inputs, into a form."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.forms.definition import FieldDef
from kiosk.forms.divisions import LEVEL_NAMES, LEVELS, DivisionTable

EMPTY_CHOICE = "请选择"
# The "nothing chosen" entry carries "" and never None: PySide6 (6.12, CPython 3.11) drops a
# reference to None each time a None item data is read back, which aborts the interpreter.
NO_DATA = ""


def empty_value(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


class MultiChoice(QWidget):
    """Check boxes for a multi-select field; value is the checked options in option order."""

    changed = Signal()

    def __init__(self, options: tuple[str, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QCheckBox] = []
        for i, option in enumerate(options):
            box = QCheckBox(option)
            box.toggled.connect(self.changed)
            grid.addWidget(box, i // 3, i % 3)
            self.boxes.append(box)

    def value(self) -> list[str]:
        return [b.text() for b in self.boxes if b.isChecked()]

    def set_value(self, value: Any) -> None:
        chosen = set(value or [])
        for b in self.boxes:
            b.setChecked(b.text() in chosen)


class AddressEditor(QWidget):
    """Province → city → county → township → village, then the detail (门牌号)."""

    changed = Signal()

    def __init__(self, field: FieldDef, table: DivisionTable | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = table
        self.field = field
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.levels: list[QComboBox] = []
        self.code_edit: QLineEdit | None = None
        if table is None:
            self.code_edit = QLineEdit()
            self.code_edit.setPlaceholderText(self.tr("行政区划代码"))
            self.code_edit.textChanged.connect(self.changed)
            row.addWidget(self.code_edit)
        else:
            for level in LEVELS:
                box = QComboBox()
                box.setObjectName(f"address_{field.key}_{level}")
                box.setAccessibleName(f"{field.label} {LEVEL_NAMES[level]}")
                box.setMinimumContentsLength(6)
                box.currentIndexChanged.connect(lambda _i, lv=level: self._level_changed(lv))
                row.addWidget(box)
                self.levels.append(box)
            self._fill(0, "")
        layout.addLayout(row)
        self.detail = QLineEdit()
        self.detail.setObjectName(f"address_{field.key}_detail")
        self.detail.setPlaceholderText(self.tr("详细地址（门牌号等）"))
        self.detail.setMaxLength(100)
        self.detail.textChanged.connect(self.changed)
        layout.addWidget(self.detail)

    def _fill(self, index: int, parent: str) -> None:
        assert self.table is not None
        for i in range(index, len(self.levels)):
            box = self.levels[i]
            box.blockSignals(True)
            box.clear()
            if i == index:
                children = self.table.children(parent)
                if self.field.root and index == 0:
                    children = [
                        d
                        for d in children
                        if self.field.root.startswith(d.code) or d.code.startswith(self.field.root)
                    ]
                box.addItem(self.tr(EMPTY_CHOICE), NO_DATA)
                for d in children:
                    box.addItem(d.name, d.code)
            box.setEnabled(i == index and box.count() > 1)
            box.setVisible(i == 0 or box.count() > 1)
            box.blockSignals(False)

    def _level_changed(self, level: str) -> None:
        i = LEVELS.index(level)
        code = self.levels[i].currentData()
        if i + 1 < len(self.levels):
            if code:
                self._fill(i + 1, code)
            else:
                for box in self.levels[i + 1 :]:
                    box.blockSignals(True)
                    box.clear()
                    box.setVisible(False)
                    box.blockSignals(False)
        self.changed.emit()

    def code(self) -> str:
        if self.code_edit is not None:
            return self.code_edit.text().strip()
        chosen = [b.currentData() for b in self.levels if not b.isHidden() and b.currentData()]
        return chosen[-1] if chosen else ""

    def value(self) -> dict[str, str] | None:
        code, detail = self.code(), self.detail.text().strip()
        if not code and not detail:
            return None
        return {"division": code, "detail": detail}

    def set_value(self, value: Any) -> None:
        value = value if isinstance(value, dict) else {}
        code = str(value.get("division") or "")
        if self.code_edit is not None:
            self.code_edit.setText(code)
        elif self.table is not None:
            self._fill(0, "")
            path = [d.code for d in self.table.path(code)] if code in self.table else []
            for i, part in enumerate(path):
                box = self.levels[i]
                box.setCurrentIndex(max(box.findData(part), 0))  # fills the next level
        self.detail.setText(str(value.get("detail") or ""))


class FileEditor(QWidget):
    """Scans, photos or a signature image for one material (file picker)."""

    changed = Signal()

    def __init__(self, field: FieldDef, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.list = QListWidget()
        self.list.setMaximumHeight(70)
        self.add_button = QPushButton(
            self.tr("选择签名图片…") if field.type == "signature" else self.tr("添加文件…")
        )
        self.add_button.setObjectName(f"add_{field.key}")
        self.add_button.clicked.connect(self._pick)
        self.remove_button = QPushButton(self.tr("移除"))
        self.remove_button.clicked.connect(self._remove)
        # side by side (stacked, the row was shorter than the two buttons and cut the lower)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignTop)

    def _pick(self) -> None:
        patterns = " ".join(f"*.{a}" for a in self.field.accept) or "*"
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.field.label, "", f"{self.field.material} ({patterns})"
        )
        for p in paths:
            self._add(Path(p))
        if paths:
            self.changed.emit()

    def _add(self, path: Path) -> None:
        row = QListWidgetItem(path.name)
        row.setData(Qt.ItemDataRole.UserRole, str(path))
        self.list.addItem(row)

    def _remove(self) -> None:
        for row in self.list.selectedItems():
            self.list.takeItem(self.list.row(row))
        self.changed.emit()

    def value(self) -> list[dict[str, str]]:
        return [
            {
                "name": self.list.item(i).text(),
                "path": self.list.item(i).data(Qt.ItemDataRole.UserRole),
            }
            for i in range(self.list.count())
        ]

    def set_value(self, value: Any) -> None:
        self.list.clear()
        for ref in value or []:
            if isinstance(ref, str):
                ref = {"name": Path(ref).name, "path": ref}
            self._add(Path(ref.get("path") or ref["name"]))
        self.changed.emit()
