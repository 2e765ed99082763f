"""The resident signs on screen: mouse, pen or finger. Exports a PNG for the 代办委托书."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.core.attachment_facts import stamp_png
from kiosk.core.clock import utcnow


class SignaturePad(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signaturePad")
        self.setAccessibleName(self.tr("签名区域"))
        self.setMinimumSize(QSize(480, 180))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._strokes: list[QPainterPath] = []
        self._current: QPainterPath | None = None

    def is_empty(self) -> bool:
        return not any(p.elementCount() > 1 for p in self._strokes)

    def clear(self) -> None:
        self._strokes.clear()
        self._current = None
        self.update()
        self.changed.emit()

    # Touch and pen arrive as synthesized mouse events unless handled: one code path.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._current = QPainterPath(event.position())
        self._strokes.append(self._current)
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._current is not None:
            self._current.lineTo(event.position())
            self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._current is not None:
            self._current.lineTo(event.position() + QPointF(0.01, 0.01))
            self._current = None
            self.update()
            self.changed.emit()

    def _paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(
            QPen(
                QColor("#111111"),
                3,
                Qt.PenStyle.SolidLine,
                Qt.PenCapStyle.RoundCap,
                Qt.PenJoinStyle.RoundJoin,
            )
        )
        for path in self._strokes:
            painter.drawPath(path)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        painter.setPen(QPen(QColor("#9aa5b1"), 1, Qt.PenStyle.DashLine))
        baseline = int(self.height() * 0.75)
        painter.drawLine(20, baseline, self.width() - 20, baseline)
        if self.is_empty():
            painter.setPen(QColor("#9aa5b1"))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("请申请人在此处签名")
            )
        self._paint(painter)
        painter.end()

    def to_png(self) -> bytes:
        """The strokes on a transparent background, cropped to the ink (for printing)."""
        image = QImage(self.size(), QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        self._paint(painter)
        painter.end()
        box = QPainterPath()
        for path in self._strokes:
            box.addPath(path)
        rect = box.boundingRect().adjusted(-6, -6, 6, 6).toAlignedRect().intersected(image.rect())
        if rect.isValid():
            image = image.copy(rect)
        data = QByteArray()
        buf = QBuffer(data)
        buf.open(QIODevice.OpenModeFlag.WriteOnly)
        # PySide6's stub types the format as bytes; at run time only str is accepted
        image.save(buf, "PNG")  # type: ignore[call-overload]
        # the time it was given travels inside the signature (kiosk/core/attachment_facts.py)
        return stamp_png(bytes(data.data()), utcnow())
