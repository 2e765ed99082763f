"""Drive the terminal as a finger would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit


def click(qtbot, widget) -> None:
    """Tap a widget: only once it is on screen and enabled."""
    qtbot.waitUntil(lambda: widget.isVisible() and widget.isEnabled(), timeout=5000)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def visible_texts(root) -> str:
    """Everything a person can read on ``root`` now: labels, buttons, fields."""
    parts = [w.text() for w in root.findChildren(QLabel) if w.isVisible()]
    parts += [w.text() for w in root.findChildren(QAbstractButton) if w.isVisible()]
    parts += [w.text() for w in root.findChildren(QLineEdit) if w.isVisible()]
    return "\n".join(parts)


def type_on_keypad(qtbot, keyboard, text: str) -> None:
    for ch in text:
        click(qtbot, keyboard.key(ch.lower()))
