"""Small widgets and helpers shared by the workspace pages."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QLayout,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from kiosk.core.status import LABELS_ZH, AppStatus


def role_label(role: str) -> str:
    return {
        "agent": QCoreApplication.translate("widgets", "代办员"),
        "township": QCoreApplication.translate("widgets", "乡镇工作人员"),
        "technician": QCoreApplication.translate("widgets", "技术员"),
    }.get(role, role)


def status_label(status: AppStatus) -> str:
    """The status as people read it (translated when the UI is not in Chinese)."""
    return {
        AppStatus.DRAFT: QCoreApplication.translate("widgets", "草稿"),
        AppStatus.READY: QCoreApplication.translate("widgets", "待提交"),
        AppStatus.QUEUED: QCoreApplication.translate("widgets", "排队待发送"),
        AppStatus.SENDING: QCoreApplication.translate("widgets", "发送中"),
        AppStatus.SUBMITTED: QCoreApplication.translate("widgets", "已报送"),
        AppStatus.ACCEPTED: QCoreApplication.translate("widgets", "已受理"),
        AppStatus.NEED_SUPPLEMENT: QCoreApplication.translate("widgets", "需补齐补正"),
        AppStatus.COMPLETED: QCoreApplication.translate("widgets", "已办结"),
        AppStatus.REJECTED: QCoreApplication.translate("widgets", "不予受理"),
        AppStatus.WITHDRAWN: QCoreApplication.translate("widgets", "已撤回"),
        AppStatus.CONFLICT: QCoreApplication.translate("widgets", "数据冲突"),
        AppStatus.QUARANTINED: QCoreApplication.translate("widgets", "被退回待修改"),
        AppStatus.DISPATCHED: QCoreApplication.translate("widgets", "已寄出"),
        AppStatus.SIGNED: QCoreApplication.translate("widgets", "已签收"),
        AppStatus.HANDED_OVER: QCoreApplication.translate("widgets", "已交付"),
    }.get(status, LABELS_ZH.get(status, str(status)))


def repolish(widget: QWidget) -> None:
    """Apply the stylesheet again after a dynamic property (role, invalid) changed."""
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def set_message(label: QLabel, text: str, role: str = "") -> None:
    """A status line: role "error" (red), "ok" (green) or "" (plain)."""
    label.setText(text)
    label.setProperty("role", role)
    repolish(label)


def title_label(text: str) -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "title")
    label.setWordWrap(True)
    return label


def hint_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setProperty("role", "hint")
    label.setWordWrap(True)
    return label


def separator() -> QFrame:
    line = QFrame()
    line.setFrameShape(QFrame.Shape.HLine)
    line.setFrameShadow(QFrame.Shadow.Sunken)
    return line


class ElidedLabel(QLabel):
    """One line that gives way on a narrow window: drawn cut short with "…", the whole text
    in its tooltip (the status bar's station and sync lines at 1024 px or 150 %). Its
    ``text()`` stays the whole text. A detail set with ``set_detail`` (why the sync went
    offline) stays in the tooltip whether or not the line is cut short."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)  # as wide as its text if it can, as narrow as 40 px
        self._detail = ""
        self._update_tooltip()

    def set_detail(self, detail: str) -> None:
        self._detail = detail
        self._update_tooltip()

    def setText(self, text: str) -> None:
        super().setText(text)
        self._update_tooltip()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        cut = self._shown() != self.text()
        parts = (self.text() if cut else "", self._detail)
        self.setToolTip("\n".join(part for part in parts if part))

    def minimumSizeHint(self) -> QSize:
        return QSize(40, super().minimumSizeHint().height())

    def _shown(self) -> str:
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def paintEvent(self, _event: QPaintEvent) -> None:
        shown = self._shown()
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        painter.drawText(self.contentsRect(), int(self.alignment().value), shown)
        painter.end()


class WrapCheckBox(QCheckBox):
    """A check box whose words wrap (a QCheckBox's never do, so one long sentence made the
    whole page as wide as the sentence). The words are a label beside the box; a click on
    them ticks the box as before."""

    def __init__(self, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.words = QLabel(text)
        self.words.setWordWrap(True)
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName(text)
        indicator = self.style().pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(indicator + 8, 0, 0, 0)
        layout.addWidget(self.words)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def text(self) -> str:
        return self.words.text()

    def hitButton(self, pos: QPoint) -> bool:
        return self.rect().contains(pos)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        assert layout is not None
        return max(layout.totalHeightForWidth(width), 20)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None
        return QSize(
            min(layout.sizeHint().width(), 360), self.heightForWidth(max(self.width(), 360))
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.heightForWidth(max(self.width(), 160)))


def scrolled(widget: QWidget) -> QScrollArea:
    """``widget`` in a frameless scroll area: on a screen too small for it (1024×768, or
    1366×768 at 150 %) it scrolls instead of pushing the window past the screen's edge."""
    area = QScrollArea()
    area.setObjectName(f"{widget.objectName() or 'page'}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)  # words wrap
    area.setWidget(widget)
    return area


class Tile(QPushButton):
    """A dashboard tile: a big number over a caption; Enter or a click opens its list."""

    opened = Signal(str)

    def __init__(self, key: str, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key = key
        self.caption = caption
        self.setObjectName(f"tile_{key}")
        self.setProperty("tile", True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setMinimumSize(180, 100)
        self.setAutoDefault(True)
        self.number = QLabel("…")
        self.number.setObjectName("tileNumber")
        self.label = QLabel(caption)
        self.label.setObjectName("tileCaption")
        self.detail = QLabel("")
        self.detail.setObjectName("tileDetail")
        layout = QVBoxLayout(self)
        layout.setSpacing(2)
        for w in (self.number, self.label, self.detail):
            w.setAlignment(Qt.AlignmentFlag.AlignCenter)
            w.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            w.setWordWrap(True)
            layout.addWidget(w)
        self.clicked.connect(lambda: self.opened.emit(self.key))
        self.set_count(None)

    def set_count(self, count: int | None, detail: str = "", alert: bool = False) -> None:
        number = "…" if count is None else str(count)
        self.number.setProperty("words", False)
        repolish(self.number)
        self.number.setText(number)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))
        self.setAccessibleName(f"{self.caption} {number}")
        self.setProperty("alert", bool(alert and count))
        repolish(self)

    def set_lines(self, title: str, detail: str, alert: bool = False) -> None:
        """A tile that shows words instead of a count (sync state, coming features)."""
        self.number.setProperty("words", True)
        repolish(self.number)
        self.number.setText(title)
        self.label.setText(detail)
        self.detail.setText(self.caption)
        self.detail.setVisible(bool(self.caption))
        self.setAccessibleName(f"{title} {detail}")
        self.setProperty("alert", alert)
        repolish(self)

    def text(self) -> str:  # what people read on it (tests, accessibility)
        return "\n".join(w.text() for w in (self.number, self.label, self.detail) if w.text())


def confirm_destructive(parent: QWidget | None, title: str, text: str, action: str) -> bool:
    """Ask before something that cannot be undone; the safe choice is the default."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    do = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(
        QCoreApplication.translate("widgets", "取消"), QMessageBox.ButtonRole.RejectRole
    )
    box.setDefaultButton(keep)
    box.setObjectName("confirmBox")
    box.exec()
    return box.clickedButton() is do


class ReasonDialog(QDialog):
    """Ask for a reason (withdrawal …); OK stays disabled until one is written."""

    def __init__(self, title: str, prompt: str, action: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setObjectName("reasonDialog")
        self.text = QPlainTextEdit()
        self.text.setObjectName("reasonText")
        self.text.setTabChangesFocus(True)
        self.text.setAccessibleName(prompt)
        self.text.setFixedHeight(90)
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setObjectName("reasonOk")
        buttons.addButton(
            QCoreApplication.translate("widgets", "取消"), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok.setEnabled(False)
        self.text.textChanged.connect(lambda: self.ok.setEnabled(bool(self.reason())))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(prompt))
        layout.addWidget(self.text)
        layout.addWidget(buttons)

    def reason(self) -> str:
        return self.text.toPlainText().strip()


def clear_layout(layout: QLayout) -> None:
    """Take every item out of ``layout``; its widgets are deleted (later, by Qt)."""
    while layout.count():
        taken = layout.takeAt(0)
        widget = taken.widget() if taken is not None else None
        if widget is not None:
            widget.deleteLater()
