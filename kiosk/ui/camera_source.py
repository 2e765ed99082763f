"""Where the document camera's frames come from: a UVC camera through QtMultimedia, or, for
the tests and the demo, fixture images played as if a camera sent them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QImage


class FrameSource(QObject):
    frame = Signal(QImage)
    failed = Signal(str)

    def start(self) -> None: ...
    def stop(self) -> None: ...


class CameraSource(FrameSource):
    """The first (or the named) camera QtMultimedia finds, at its largest resolution."""

    def __init__(self, device_name: str = "", parent: QObject | None = None) -> None:
        from PySide6.QtMultimedia import QCamera, QMediaCaptureSession, QMediaDevices, QVideoSink

        super().__init__(parent)
        devices = QMediaDevices.videoInputs()
        device = next((d for d in devices if d.description() == device_name), None)
        if device is None and devices:
            device = devices[0]
        self.camera = QCamera(device, self) if device is not None else QCamera(self)
        if device is not None and device.videoFormats():
            best = max(
                device.videoFormats(),
                key=lambda f: f.resolution().width() * f.resolution().height(),
            )
            self.camera.setCameraFormat(best)
        self.sink = QVideoSink(self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setVideoSink(self.sink)
        self.sink.videoFrameChanged.connect(lambda f: self.frame.emit(f.toImage()))
        self.camera.errorOccurred.connect(lambda _e, text: self.failed.emit(text))

    def start(self) -> None:
        self.camera.start()

    def stop(self) -> None:
        self.camera.stop()


class FixtureSource(FrameSource):
    """Fixture images, one after the other (the last one stays), ``interval_ms`` apart."""

    def __init__(
        self, images: list[Path | QImage], interval_ms: int = 100, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.images = [i if isinstance(i, QImage) else QImage(str(i)) for i in images]
        self.index = 0
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._next)

    def start(self) -> None:
        self._next()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def show_next(self) -> None:
        """Put the next fixture image under the camera (the agent turned the page)."""
        self.index = min(self.index + 1, len(self.images) - 1)
        self._next()

    def _next(self) -> None:
        if self.images:
            self.frame.emit(self.images[self.index])
