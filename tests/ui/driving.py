"""Helpers to drive the workspace through its widgets, as an agent does (pytest-qt)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QDate, QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QDateEdit, QLineEdit, QWidget

from kiosk.ui.new_application.flow import CHECK, FORM, ITEM
from kiosk.ui.worker import wait_all
from tests.support.keyboard import type_text


def settle(qtbot, rounds: int = 3) -> None:
    """Let workers finish and their results arrive on the GUI thread."""
    for _ in range(rounds):
        wait_all(20000)
        qtbot.wait(10)


def show_active(qtbot, window) -> None:
    """Show a window and make it the active one (keyboard shortcuts go to the active window)."""
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
    settle(qtbot)


def type_into(qtbot, widget: QWidget, value) -> None:
    if isinstance(widget, QLineEdit):
        widget.clear()
        type_text(qtbot, widget, str(value))
        widget.editingFinished.emit()
    elif isinstance(widget, QComboBox):
        widget.setFocus()
        widget.setCurrentIndex(widget.findData(value))
    elif isinstance(widget, QDateEdit):
        widget.setDate(QDate.fromString(value, "yyyy-MM-dd"))


def fill_form(qtbot, flow, data: dict) -> None:
    form = flow.form_step.form_view
    for key, value in data.items():
        type_into(qtbot, form.editors[key].input, value)


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier, fallback=None) -> None:
    """A key pressed on the keyboard: it goes to the widget that has the focus.

    The offscreen platform drops window activation when the focused widget's page is
    hidden (under X the focus moves on to the next page, as it should); re-activate the
    window then and send the key to its focus widget, which Qt remembers per window.
    """
    target = QApplication.focusWidget()
    if target is None and fallback is not None:
        window = fallback.window()
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window, timeout=5000)
        target = window.focusWidget() or fallback
    assert target is not None, "no widget has the keyboard focus"
    qtbot.keyClick(target, key, modifier)


def press_next(qtbot, flow) -> None:
    """Ctrl+Enter, the flow's keyboard way on."""
    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier, flow.current_step())


def click(qtbot, button) -> None:
    if isinstance(button, QCheckBox):  # on the box itself, as a person does (not mid-row)
        pos = QPoint(8, button.height() // 2)
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=pos)
        return
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer_modal(qtbot, handle: Callable[[QWidget], None], timeout_ms: int = 5000) -> list:
    """Deal with the next modal dialog (QMessageBox.exec …) when it shows up."""
    seen: list[QWidget] = []
    waited = [0]

    def poll() -> None:
        modal = QApplication.activeModalWidget()
        if modal is not None and modal not in seen:
            seen.append(modal)
            handle(modal)
            return
        waited[0] += 20
        if waited[0] < timeout_ms:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(20, poll)
    return seen


def draw_signature(qtbot, pad) -> None:
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 60))
    for x in range(50, 300, 25):
        qtbot.mouseMove(pad, QPoint(x, 60 + (x % 50)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 90))


def to_form(qtbot, flow, item_query: str = "养老") -> None:
    """From the resident step (nobody chosen) to the form of the pension item."""
    click(qtbot, flow.next_button)
    qtbot.waitUntil(lambda: flow.current() == ITEM, timeout=5000)
    type_text(qtbot, flow.item_step.search_box, item_query)
    qtbot.keyClick(flow.item_step.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: flow.current() == CHECK, timeout=10000)
    for box in [*flow.check_step.condition_boxes, *(b for _m, b in flow.check_step.material_boxes)]:
        click(qtbot, box)
    press_next(qtbot, flow)
    qtbot.waitUntil(lambda: flow.current() == FORM, timeout=5000)
