"""Type text into widgets like a keyboard or IME does, including Chinese characters.

QTest.keyClicks only knows ASCII keys (it aborts on 汉字); an input method delivers
composed text as a key event carrying that text, which is what this sends.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(qtbot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    for ch in text:
        if ch.isascii() and ch.isprintable():
            qtbot.keyClick(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )
