"""Step 3 of a 一件事: each material scanned once. A material several member items need (the
户口簿, the parents' ID cards) is one file here; the filing binds it to every member that
needs it, under the name that item gives it."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.context import AppContext
from kiosk.core.applications import AttachmentInput
from kiosk.core.event_bundle import EventBundle
from kiosk.core.temp_files import private_temp_dir
from kiosk.ui.attachments import FileEntry, MaterialFiles
from kiosk.ui.widgets import hint_label, set_message, title_label

SIGNATURE_ID = "signature"  # the bundle's signature "material" is the signature step's


class EventMaterialsStep(QWidget):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.bundle: EventBundle | None = None
        self.chosen: list[AttachmentInput] = []
        self.files = MaterialFiles(scratch=private_temp_dir(ctx.data_dir))
        self.files.setObjectName("eventFiles")
        self.files.files_chosen.connect(self.add)
        self.files.remove_requested.connect(self.remove)
        self.uses = QLabel("")
        self.uses.setObjectName("materialUses")
        self.uses.setWordWrap(True)
        self.files.material.currentIndexChanged.connect(lambda _i: self._show_uses())
        self.message = QLabel("")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(title_label(self.tr("第三步：扫描材料（每份只扫一次）")))
        layout.addWidget(
            hint_label(self.tr("几个事项都要的材料只扫一次，系统会用于每个需要它的事项。"))
        )
        layout.addWidget(self.files, 1)
        layout.addWidget(self.uses)
        layout.addWidget(self.message)

    def start(self, bundle: EventBundle) -> None:
        self.bundle = bundle
        self.chosen = []
        combo = self.files.material
        combo.clear()
        for m in bundle.materials:
            if m.id != SIGNATURE_ID:
                combo.addItem(m.name + (f"（{m.form}）" if m.form else ""), m.id)
        self._refresh()

    def _show_uses(self) -> None:
        if self.bundle is None:
            return
        mid = self.files.current_material()
        mat = next((m for m in self.bundle.materials if m.id == mid), None)
        if mat is None:
            self.uses.setText("")
            return
        names = [self.ctx.catalog.get(code).name for code, _name in mat.members]
        self.uses.setText(self.tr("这份材料用于：") + "、".join(names))

    def add(self, inputs: list[AttachmentInput]) -> None:
        self.chosen.extend(inputs)
        self._refresh()

    def remove(self, key: object) -> None:
        if isinstance(key, int) and 0 <= key < len(self.chosen):
            del self.chosen[key]
            self._refresh()

    def _refresh(self) -> None:
        names = {m.id: m.name for m in self.bundle.materials} if self.bundle else {}
        entries = [
            FileEntry(i, names.get(a.material, a.material), a.path.name, _size(a))
            for i, a in enumerate(self.chosen)
        ]
        self.files.set_entries(entries)
        set_message(
            self.message,
            self.tr("已添加 {0} 份文件。").format(len(entries)) if entries else "",
            "ok",
        )
        self._show_uses()

    def focus_first(self) -> None:
        self.files.import_button.setFocus()


def _size(a: AttachmentInput) -> int:
    try:
        return a.path.stat().st_size
    except OSError:
        return 0
