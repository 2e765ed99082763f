"""Small builders shared by the terminal's pages: labelled, named, touch-sized controls."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from kiosk.ui.kiosk_mode.theme import MIN_TARGET_PX, set_kind
from kiosk.ui.tile_grid import TileGrid as TileGrid  # the terminal's pages use it from here


def label(text: str = "", kind: str = "body", name: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if name:
        widget.setObjectName(name)
    set_kind(widget, kind)
    return widget


class TouchButton(QPushButton):
    """A button at least a finger's size (``least``) and never narrower than its words.

    ``setMinimumSize`` would replace the words' minimum: a row short of room then squeezed
    its buttons to 60 px and cut "High contrast" to "igh contras". This one keeps both, so a
    row that is too narrow has to wrap (kiosk.ui.flow_layout) instead."""

    def __init__(self, text: str = "", least: QSize | None = None) -> None:
        super().__init__(text)
        self.least = least or QSize(MIN_TARGET_PX, MIN_TARGET_PX)

    def minimumSizeHint(self) -> QSize:
        return super().minimumSizeHint().expandedTo(self.least)

    def sizeHint(self) -> QSize:
        return super().sizeHint().expandedTo(self.least)


def button(text: str, name: str, kind: str = "", accessible: str = "") -> QPushButton:
    widget = TouchButton(text)
    widget.setObjectName(name)
    widget.setAccessibleName(accessible or text.replace("\n", " "))
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if kind:
        set_kind(widget, kind)
    return widget


class WrapButton(QPushButton):
    """A wide button whose words wrap onto as many lines as they need (a QPushButton never
    wraps, and squeezed to a fixed height it cuts its second line in half: 县 read as 具).
    The words are a label inside it, after ``icon`` if given; the button is as tall as the
    label at its width."""

    def __init__(
        self,
        text: str,
        name: str,
        kind: str,
        accessible: str = "",
        centred: bool = False,
        icon: QPixmap | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setAccessibleName(accessible or text.replace("\n", " "))
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        set_kind(self, kind)
        self.words = QLabel(text)
        self.words.setObjectName(f"{name}_text")
        self.words.setWordWrap(True)
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        if centred:
            self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_kind(self.words, kind)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        if icon is not None:
            self.picture = QLabel()
            self.picture.setPixmap(icon)
            self.picture.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self.picture.setStyleSheet("background: transparent;")
            layout.addWidget(self.picture, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self.words, 1)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def label_text(self) -> str:
        return self.words.text()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        assert layout is not None
        return max(MIN_TARGET_PX, layout.totalHeightForWidth(width))

    def sizeHint(self) -> QSize:
        width = max(self.width(), MIN_TARGET_PX * 4)
        return QSize(MIN_TARGET_PX * 4, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(MIN_TARGET_PX * 2, self.heightForWidth(max(self.width(), MIN_TARGET_PX * 4)))


class FitPicture(QLabel):
    """A square picture (a QR code) as large as the room left for it, down to ``smallest``:
    on a short screen it shrinks instead of pushing the buttons below it off the screen."""

    def __init__(self, smallest: int) -> None:
        super().__init__()
        self.smallest = smallest
        self._picture = QPixmap()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.setMinimumSize(smallest, smallest)

    def set_picture(self, picture: QPixmap) -> None:
        self._picture = picture
        self.updateGeometry()
        self._fit()

    def sizeHint(self) -> QSize:
        return (
            self._picture.size()
            if not self._picture.isNull()
            else QSize(self.smallest, self.smallest)
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        if self._picture.isNull():
            return
        side = max(self.smallest, min(self.width(), self.height(), self._picture.width()))
        self.setPixmap(
            self._picture.scaled(
                side,
                side,
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation,
            )
        )


def tile(
    text: str, name: str, picture: QPixmap, kind: str = "tile", accessible: str = ""
) -> QToolButton:
    """A big button with a picture above its words."""
    widget = QToolButton()
    widget.setObjectName(name)
    widget.setText(text)
    widget.setAccessibleName(accessible or text.replace("\n", " "))
    widget.setIcon(QIcon(picture))
    widget.setIconSize(QSize(picture.width(), picture.height()))
    widget.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextUnderIcon)
    # as small as its picture and words allow (its size hint), never smaller: squeezed
    # further it would cut its words; where room is short the page scrolls instead
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    set_kind(widget, kind)
    return widget


def entry(name: str, accessible: str, placeholder: str = "") -> QLineEdit:
    """A text field that remembers nothing: no completer, no IME prediction, no context menu
    (no paste of what the previous person copied), no drag and drop."""
    widget = QLineEdit()
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    widget.setPlaceholderText(placeholder)
    widget.setMinimumHeight(MIN_TARGET_PX)
    widget.setInputMethodHints(
        Qt.InputMethodHint.ImhNoPredictiveText
        | Qt.InputMethodHint.ImhSensitiveData
        | Qt.InputMethodHint.ImhNoAutoUppercase
    )
    widget.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
    widget.setDragEnabled(False)
    widget.setAcceptDrops(False)
    widget.setMaxLength(60)
    return widget


def scroller(content: QWidget | QLayout, name: str = "") -> QScrollArea:
    """A scroll area a finger can drag (kinetic scrolling), with a wide scroll bar."""
    area = QScrollArea()
    if name:
        area.setObjectName(name)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if isinstance(content, QLayout):
        holder = QWidget()
        holder.setLayout(content)
        content = holder
    area.setWidget(content)
    area.setMinimumHeight(MIN_TARGET_PX + 36)  # a scroll area gives way before the buttons do
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    # a tap on a button in a scrollable list must act at once (not after the scroller's
    # press delay, which swallows quick taps): dragging still scrolls
    scroller = QScroller.scroller(area.viewport())
    props = scroller.scrollerProperties()
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
    scroller.setScrollerProperties(props)
    return area


def clear_layout(layout: QLayout) -> None:
    """Remove and destroy everything in ``layout`` (hidden at once, deleted by the loop)."""
    while (child := layout.takeAt(0)) is not None:
        widget, inner = child.widget(), child.layout()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif inner is not None:
            clear_layout(inner)


def with_icon(widget: QPushButton, picture: QPixmap) -> QPushButton:
    widget.setIcon(QIcon(picture))
    widget.setIconSize(QSize(picture.width(), picture.height()))
    return widget


def panel(layout: QLayout, name: str = "") -> QFrame:
    frame = QFrame()
    if name:
        frame.setObjectName(name)
    frame.setLayout(layout)
    set_kind(frame, "panel")
    return frame
