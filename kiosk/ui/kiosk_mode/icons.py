"""Icons for the terminal: line drawings in assets/icons/kiosk/ tinted per theme, and faces."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPainterPath, QPen, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.paths import assets_dir

# Life events and themes → icon file. Unknown topics get the plain document icon.
TOPIC_ICONS = {
    "养老": "elder",
    "就业": "work",
    "生育": "baby",
    "出生": "baby",
    "医疗": "health",
    "就医": "health",
    "医疗保障": "health",
    "卫生健康": "health",
    "教育": "school",
    "上学": "school",
    "住房": "house",
    "建房": "house",
    "婚姻": "rings",
    "身后事": "flower",
    "残疾": "wheelchair",
    "残疾人": "wheelchair",
    "救助": "helping",
    "社会救助": "helping",
    "民政": "helping",
    "户籍": "idcard",
    "户籍身份": "idcard",
    "证明开具": "idcard",
    "农业": "farm",
    "务农": "farm",
    "农业农村": "farm",
    "社会保障": "shield",
    "社保": "shield",
    "退役军人": "medal",
    "优待抚恤": "medal",
    "交通出行": "bus",
}

# 好差评 faces: colour per level (5 best), chosen to stay apart for colour-blind eyes too
# (the words under each face carry the meaning; colour only helps).
FACE_COLOURS = {5: "#1b7f3a", 4: "#4caf50", 3: "#f2b705", 2: "#e8730c", 1: "#c62828"}


@cache
def _svg(name: str) -> bytes:
    path = assets_dir() / "icons" / "kiosk" / f"{name}.svg"
    if not path.exists():
        path = assets_dir() / "icons" / "kiosk" / "document.svg"
    return path.read_bytes()


def pixmap(name: str, size: int, colour: QColor) -> QPixmap:
    """The icon ``name`` drawn at ``size`` px in one colour."""
    out = QPixmap(size, size)
    out.fill(Qt.GlobalColor.transparent)
    painter = QPainter(out)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(QByteArray(_svg(name))).render(painter, QRectF(0, 0, size, size))
    painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceIn)
    painter.fillRect(out.rect(), colour)
    painter.end()
    return out


def icon(name: str, size: int, colour: QColor) -> QIcon:
    return QIcon(pixmap(name, size, colour))


def topic_icon_name(topic: str) -> str:
    return TOPIC_ICONS.get(topic, "document")


def face(level: int, size: int) -> QPixmap:
    """A round face: level 5 a broad smile … level 1 a deep frown."""
    out = QPixmap(size, size)
    out.fill(Qt.GlobalColor.transparent)
    p = QPainter(out)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = size / 100.0
    p.setPen(QPen(QColor("#000000"), 4 * s))
    p.setBrush(QColor(FACE_COLOURS[level]))
    p.drawEllipse(QRectF(4 * s, 4 * s, 92 * s, 92 * s))
    p.setBrush(QColor("#000000"))
    p.drawEllipse(QPointF(35 * s, 40 * s), 6 * s, 7 * s)
    p.drawEllipse(QPointF(65 * s, 40 * s), 6 * s, 7 * s)
    p.setBrush(Qt.BrushStyle.NoBrush)
    pen = QPen(QColor("#000000"), 6 * s)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    p.setPen(pen)
    curve = {5: 22, 4: 12, 3: 0, 2: -12, 1: -20}[level]
    mouth = QPainterPath(QPointF(28 * s, 68 * s))
    mouth.quadTo(QPointF(50 * s, (68 + curve) * s), QPointF(72 * s, 68 * s))
    if level == 3:
        mouth = QPainterPath(QPointF(30 * s, 70 * s))
        mouth.lineTo(QPointF(70 * s, 70 * s))
    p.drawPath(mouth)
    p.end()
    return out
