"""Take a photo of a document with an attached camera (only offered where QtMultimedia and a
camera exist: see attachments.camera_available). The photo goes to a private folder (mode
0700) under the station's scratch dir, removed when the app exits (and swept at the next
start after a crash: kiosk/core/temp_files.py)."""

from __future__ import annotations

import atexit
import shutil
import tempfile
import uuid
from functools import cache
from pathlib import Path

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


@cache
def _photo_dir(root: Path | None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="photos-", dir=root))
    atexit.register(shutil.rmtree, folder, True)
    return folder


class CameraDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, folder: Path | None = None) -> None:
        from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        from PySide6.QtMultimediaWidgets import QVideoWidget

        super().__init__(parent)
        self.setWindowTitle(self.tr("拍摄材料"))
        self.photo_path: Path | None = None
        self.folder = folder
        self.camera = QCamera(self)
        self.capture = QImageCapture(self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setImageCapture(self.capture)
        self.view = QVideoWidget(self)
        self.view.setMinimumSize(640, 480)
        self.session.setVideoOutput(self.view)
        self.message = QLabel(self.tr("把材料平放，对准后按“拍照”（空格键）。"))
        buttons = QDialogButtonBox()
        self.shoot = buttons.addButton(self.tr("拍照"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("取消"), QDialogButtonBox.ButtonRole.RejectRole)
        self.shoot.clicked.connect(self._shoot)
        buttons.rejected.connect(self.reject)
        self.capture.imageSaved.connect(self._saved)
        self.capture.errorOccurred.connect(
            lambda *_a: self.message.setText(self.tr("拍照失败，请重试。"))
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.view)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.camera.start()

    def _shoot(self) -> None:
        self.shoot.setEnabled(False)
        target = _photo_dir(self.folder) / f"photo-{uuid.uuid4().hex[:8]}.jpg"
        self.capture.captureToFile(str(target))

    def _saved(self, _id: int, path: str) -> None:
        self.photo_path = Path(path)
        self.camera.stop()
        self.accept()
