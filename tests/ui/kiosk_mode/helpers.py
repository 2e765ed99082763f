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
    """As a resident types: on the number pad, and "ABC 字母" first for a letter (case
    numbers carry the 实施编码, whose USCC part has letters)."""
    for ch in text:
        if ch.isalpha() and keyboard.to_letters.isVisible():
            click(qtbot, keyboard.to_letters)
        click(qtbot, keyboard.key(ch.lower()))


def walk_screens(qtbot, shell, case):
    """Visit every screen of the terminal; yields each screen's name while it is showing."""
    from tests.conftest import PENSION

    yield "home"
    shell.go("guides")
    yield "topics"
    click(qtbot, shell.browse.by_theme)
    yield "themes"
    click(qtbot, shell.browse.by_event)
    click(qtbot, shell.browse.topic_buttons["养老"])
    yield "items"
    click(qtbot, shell.browse.item_buttons[PENSION])
    yield "guide"
    shell.go("search")
    type_on_keypad(qtbot, shell.search.keyboard, "yl")
    qtbot.waitUntil(lambda: bool(shell.search.result_buttons))
    yield "search"
    shell.search.keyboard.show_numeric()
    yield "search-digits"
    shell.go("lookup")
    yield "lookup"
    shell.lookup.fill(case.case_no, case.query_code)
    shell.lookup.submit()
    qtbot.waitUntil(lambda: shell.lookup.views.currentIndex() == 1, timeout=10000)
    yield "lookup-result"
    shell.lookup.fill(case.case_no, "000000")
    shell.lookup.submit()
    qtbot.waitUntil(lambda: not shell.lookup.working, timeout=10000)
    yield "lookup-wrong"
    shell.lookup.show_case(shell.lookup.case or _lookup(shell, case))
    shell.open_evaluation(shell.lookup.case)
    qtbot.waitUntil(lambda: shell.evaluate.faces[5].isEnabled(), timeout=5000)
    click(qtbot, shell.evaluate.faces[5])
    yield "evaluate"
    shell.go("print")
    yield "print"
    shell.open_technician()
    qtbot.waitUntil(lambda: bool(shell.technician.account_buttons), timeout=5000)
    yield "technician"
    shell.go_home()
    shell._countdown(8)
    yield "countdown"
    shell._countdown(0)


def _lookup(shell, case):
    return shell.ctx.public_lookup(case.case_no, case.query_code)
