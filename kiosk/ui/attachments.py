"""Scans and photos for a case: import a file, drag and drop, or (where Qt has a camera) take
a photo. Used by the new-application flow (files go onto the draft at once) and by 补齐补正
(files are sent with the supplement)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.attachments import AttachmentInput
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.material_words import material_name

ACCEPTED_SUFFIXES = (".jpg", ".jpeg", ".png", ".bmp", ".tif", ".tiff", ".gif", ".webp", ".pdf")
OTHER_MATERIAL = "其他材料"


def camera_available() -> bool:
    """A camera option only where QtMultimedia is installed and a camera is attached."""
    try:
        from PySide6.QtMultimedia import QMediaDevices
    except ImportError:
        return False
    return bool(QMediaDevices.videoInputs())


@dataclass(frozen=True)
class FileEntry:
    key: object  # attachment id (draft) or path (pending supplement)
    material: str
    filename: str
    size: int


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(1, size // 1024)} KB"


class MaterialFiles(QWidget):
    """Pick files for a material; emits them; shows the files already attached."""

    files_chosen = Signal(list)  # list[AttachmentInput]
    remove_requested = Signal(object)  # FileEntry.key

    def __init__(self, parent: QWidget | None = None, scratch: Path | None = None) -> None:
        """``scratch``: where camera photos wait to be attached (the station's private dir)."""
        super().__init__(parent)
        self.scratch = scratch
        self.setAcceptDrops(True)
        self.material = QComboBox()
        self.material.setObjectName("materialChoice")
        self.material.setAccessibleName(self.tr("这份文件是哪项材料"))
        self.material.setMinimumContentsLength(18)
        self.import_button = QPushButton(self.tr("导入扫描件或照片…（Ctrl+O）"))
        self.import_button.setObjectName("importFileButton")
        self.import_button.clicked.connect(self.choose_files)
        QShortcut(QKeySequence("Ctrl+O"), self, self.choose_files)
        self.camera_button = QPushButton(self.tr("拍照…"))
        self.camera_button.setObjectName("cameraButton")
        self.camera_button.clicked.connect(self.take_photo)
        self.camera_button.setVisible(camera_available())
        self.drop_hint = QLabel(self.tr("也可以把扫描好的文件直接拖到这里"))
        self.drop_hint.setObjectName("dropArea")
        self.drop_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_hint.setMinimumHeight(56)
        self.list = QListWidget()
        self.list.setObjectName("fileList")
        self.list.setAccessibleName(self.tr("已添加的材料文件"))
        self.remove_button = QPushButton(self.tr("移除所选文件"))
        self.remove_button.setObjectName("removeFileButton")
        self.remove_button.clicked.connect(self._remove_selected)
        QShortcut(QKeySequence(Qt.Key.Key_Delete), self.list, self._remove_selected)
        # wraps where the page is narrow (a case's 补齐补正 tab at 1024×768, 125 %, English):
        # one line of them set the whole case page's minimum width
        row = FlowLayout(spacing=8, line_spacing=6)
        row.addWidget(QLabel(self.tr("材料")))
        row.addWidget(self.material)
        row.addWidget(self.import_button)
        row.addWidget(self.camera_button)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.drop_hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(bottom)
        self.entries: list[FileEntry] = []

    def set_materials(self, names: list[str]) -> None:
        current = self.material.currentText()
        self.material.clear()
        for name in [*names, OTHER_MATERIAL]:
            shown = material_name(name) if name != OTHER_MATERIAL else self.tr("其他材料")
            self.material.addItem(shown, name)
        idx = self.material.findText(current)
        self.material.setCurrentIndex(max(idx, 0))

    def set_entries(self, entries: list[FileEntry]) -> None:
        self.entries = entries
        self.list.clear()
        for e in entries:
            row = QListWidgetItem(
                self.tr("{0}：{1}（{2}）").format(
                    material_name(e.material) or self.tr("其他材料"), e.filename, human_size(e.size)
                )
            )
            row.setData(Qt.ItemDataRole.UserRole, e.key)
            self.list.addItem(row)
        self.remove_button.setEnabled(bool(entries))

    def current_material(self) -> str:
        return str(self.material.currentData() or "")

    def add_paths(self, paths: list[Path]) -> list[str]:
        """Offer files as the chosen material; returns the names that were refused."""
        ok = [p for p in paths if p.suffix.lower() in ACCEPTED_SUFFIXES and p.is_file()]
        refused = [p.name for p in paths if p not in ok]
        if ok:
            material = self.current_material()
            self.files_chosen.emit([AttachmentInput(p, material) for p in ok])
        return refused

    def choose_files(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("选择扫描件或照片"),
            str(Path.home()),
            self.tr("图片或 PDF (*.jpg *.jpeg *.png *.bmp *.tif *.tiff *.gif *.webp *.pdf)"),
        )
        if names:
            self.add_paths([Path(n) for n in names])

    def take_photo(self) -> None:
        from kiosk.ui.camera import CameraDialog

        dialog = CameraDialog(self, self.scratch)
        if dialog.exec() and dialog.photo_path is not None:
            self.add_paths([dialog.photo_path])

    def _remove_selected(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.remove_requested.emit(item.data(Qt.ItemDataRole.UserRole))

    # drag and drop from the file manager
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        refused = self.add_paths(paths)
        event.acceptProposedAction()
        if refused:
            self.drop_hint.setText(
                self.tr("只能添加图片或 PDF 文件，未添加：") + "、".join(refused)
            )
