"""The document camera (高拍仪): live preview, one page after another, one PDF attachment.

Frames come from a :class:`~kiosk.ui.camera_source.FrameSource` (a UVC camera through
QtMultimedia; fixture images in the tests and the demo). Each page taken is cut out of the
frame and straightened in a worker (kiosk/devices/document_image.py); 完成 puts the pages
into one PDF (kiosk/devices/document_pdf.py, each A4 page under 500 KB) in a private
folder (mode 0700) under the station's scratch dir, removed when the app exits (and swept
at the next start after a crash: kiosk/core/temp_files.py). ``photo_path`` is that file.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import uuid
from functools import cache
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage, QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kiosk.devices.document_pdf import PRESETS, pages_to_pdf
from kiosk.ui.camera_source import CameraSource, FrameSource
from kiosk.ui.errors import user_message
from kiosk.ui.worker import run_task


@cache
def _photo_dir(root: Path | None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="photos-", dir=root))
    atexit.register(shutil.rmtree, folder, True)
    return folder


def straighten_raw(raw: bytes, width: int, height: int, stride: int) -> tuple[Image.Image, float]:
    """Worker side: a frame's RGB bytes → the page cut out and straightened, and its tilt."""
    from kiosk.devices.document_image import straighten

    frame = Image.frombuffer("RGB", (width, height), raw, "raw", "RGB", stride, 1)
    page, found = straighten(frame)
    return page, found.angle if found else 0.0


def write_pdf(pages: list[Image.Image], preset: str, folder: Path) -> Path:
    target = folder / f"材料拍照-{uuid.uuid4().hex[:8]}.pdf"
    target.write_bytes(pages_to_pdf(pages, PRESETS[preset]))
    return target


class CameraDialog(QDialog):
    def __init__(
        self,
        parent: QWidget | None = None,
        folder: Path | None = None,
        source: FrameSource | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("拍摄材料（高拍仪）"))
        self.photo_path: Path | None = None
        self.folder = folder
        self.pages: list[Image.Image] = []
        self.angles: list[float] = []
        self._frame: QImage | None = None
        self._busy = False
        self.source = source or CameraSource(parent=self)
        self.source.setParent(self)
        self.source.frame.connect(self._show_frame)
        self.source.failed.connect(lambda text: self._say(self.tr("摄像头出错：") + text))

        self.preview = QLabel(self.tr("正在打开摄像头…"))
        self.preview.setObjectName("cameraPreview")
        self.preview.setMinimumSize(640, 480)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.last_page = QLabel()
        self.last_page.setObjectName("lastPage")
        self.last_page.setFixedWidth(180)
        self.last_page.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(
            self.tr("把材料平放在高拍仪下，按“拍这一页”（空格键）；多页材料逐页拍，最后按“完成”。")
        )
        self.message.setObjectName("cameraMessage")
        self.message.setWordWrap(True)
        self.preset = QComboBox()
        for key, preset in PRESETS.items():
            self.preset.addItem(self.tr(preset.name), key)
        buttons = QDialogButtonBox()
        self.shoot = buttons.addButton(self.tr("拍这一页"), QDialogButtonBox.ButtonRole.ActionRole)
        self.finish = buttons.addButton(self.tr("完成"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.finish.setEnabled(False)
        self.shoot.clicked.connect(self.take_page)
        self.finish.clicked.connect(self.make_pdf)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence(Qt.Key.Key_Space), self, self.take_page)

        row = QHBoxLayout()
        row.addWidget(self.preview, 1)
        row.addWidget(self.last_page)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.message)
        layout.addWidget(self.preset)
        layout.addWidget(buttons)
        self.source.start()

    def _say(self, text: str) -> None:
        self.message.setText(text)

    def _show_frame(self, image: QImage) -> None:
        if image.isNull():
            return
        self._frame = image
        self.preview.setPixmap(
            QPixmap.fromImage(image).scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )

    def take_page(self) -> None:
        if self._busy or self._frame is None:
            return
        rgb = self._frame.convertToFormat(QImage.Format.Format_RGB888)
        raw = bytes(rgb.constBits())[: rgb.sizeInBytes()]
        size = (rgb.width(), rgb.height(), rgb.bytesPerLine())
        self._set_busy(True, self.tr("正在裁切、摆正…"))
        run_task(
            lambda: straighten_raw(raw, *size), on_done=self._page_taken, on_error=self._failed
        )

    def _page_taken(self, result: tuple[Image.Image, float]) -> None:
        page, angle = result
        self.pages.append(page)
        self.angles.append(angle)
        thumb = page.convert("RGB")
        thumb.thumbnail((170, 240))
        data = thumb.tobytes()
        image = QImage(
            data, thumb.width, thumb.height, thumb.width * 3, QImage.Format.Format_RGB888
        )
        self.last_page.setPixmap(QPixmap.fromImage(image.copy()))
        self.finish.setEnabled(True)
        self._set_busy(
            False,
            self.tr("已拍 {0} 页（已自动裁切，摆正 {1:.1f}°）。继续拍下一页，或按“完成”。").format(
                len(self.pages), angle
            ),
        )

    def make_pdf(self) -> None:
        if self._busy or not self.pages:
            return
        pages, preset = list(self.pages), str(self.preset.currentData())
        folder = _photo_dir(self.folder)
        self._set_busy(True, self.tr("正在生成 PDF…"))
        run_task(
            lambda: write_pdf(pages, preset, folder), on_done=self._done, on_error=self._failed
        )

    def _done(self, path: Path) -> None:
        self.photo_path = path
        self.source.stop()
        self.accept()

    def _failed(self, exc: Exception) -> None:
        self._set_busy(False, user_message(exc))

    def _set_busy(self, busy: bool, text: str) -> None:
        self._busy = busy
        self.shoot.setEnabled(not busy)
        self.finish.setEnabled(not busy and bool(self.pages))
        self._say(text)

    def reject(self) -> None:
        self.source.stop()
        super().reject()
