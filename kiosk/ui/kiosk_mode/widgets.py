"""Small builders shared by the terminal's pages: labelled, named, touch-sized controls."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QFrame,
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


def label(text: str = "", kind: str = "body", name: str = "") -> QLabel:
    widget = QLabel(text)
    widget.setWordWrap(True)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    if name:
        widget.setObjectName(name)
    set_kind(widget, kind)
    return widget


def button(text: str, name: str, kind: str = "", accessible: str = "") -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setAccessibleName(accessible or text.replace("\n", " "))
    widget.setMinimumSize(MIN_TARGET_PX, MIN_TARGET_PX)
    widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    if kind:
        set_kind(widget, kind)
    return widget


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
    widget.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    widget.setMinimumSize(MIN_TARGET_PX * 2, MIN_TARGET_PX * 2)
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
    while layout.count():
        child = layout.takeAt(0)
        widget = child.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif child.layout() is not None:
            clear_layout(child.layout())


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
