"""The wrapping row of buttons (kiosk/ui/flow_layout.py) and the terminal's TouchButton:
a row too narrow for its buttons takes another line, and no button is squeezed below its
words."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.kiosk_mode.widgets import TouchButton

WORDS = ("Normal", "Large", "Extra large", "High contrast", "中文")


def _row(qtbot, width: int) -> tuple[QWidget, FlowLayout, list[QPushButton]]:
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(spacing=10, line_spacing=6)
    buttons = [QPushButton(w) for w in WORDS]
    for b in buttons:
        flow.addWidget(b)
    outer = QVBoxLayout(holder)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addLayout(flow)
    outer.addStretch(1)
    holder.resize(width, 400)
    holder.show()
    qtbot.waitExposed(holder)
    return holder, flow, buttons


def _lines(buttons: list[QPushButton]) -> list[list[str]]:
    """The buttons' words line by line (a line's items are centred on it: a shorter one
    sits a pixel lower than a taller one beside it)."""
    lines: list[tuple[int, list[str]]] = []
    for b in sorted(buttons, key=lambda b: (b.y(), b.x())):
        if lines and b.y() < lines[-1][0] + b.height() // 2:
            lines[-1][1].append(b.text())
        else:
            lines.append((b.y(), [b.text()]))
    return [sorted(words, key=WORDS.index) for _top, words in lines]


def test_a_wide_row_is_one_line_and_a_narrow_one_wraps_in_order(qtbot):
    holder, flow, buttons = _row(qtbot, 2000)
    one_line = sum(b.sizeHint().width() for b in buttons) + 10 * (len(buttons) - 1)
    assert _lines(buttons) == [list(WORDS)]
    assert flow.sizeHint().width() == one_line

    holder.resize(one_line - 1, 400)  # one pixel short: the last button takes a new line
    qtbot.waitUntil(lambda: len(_lines(buttons)) == 2)
    assert _lines(buttons) == [list(WORDS[:-1]), [WORDS[-1]]]

    holder.resize(buttons[3].sizeHint().width() + 5, 400)  # room for one button a line
    qtbot.waitUntil(lambda: len(_lines(buttons)) == len(WORDS))
    for b in buttons:  # none squeezed, none past the right edge, none overlapping
        assert b.width() >= b.sizeHint().width()
        assert b.geometry().right() < holder.width()
    rects = [b.geometry() for b in buttons]
    assert not any(a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])


def test_the_height_for_a_width_is_what_the_lines_take(qtbot):
    _holder, flow, buttons = _row(qtbot, 2000)
    line = max(b.sizeHint().height() for b in buttons)
    assert flow.heightForWidth(5000) == line
    narrow = max(b.sizeHint().width() for b in buttons)
    one_a_line = sum(b.sizeHint().height() for b in buttons) + (len(WORDS) - 1) * 6
    assert flow.heightForWidth(narrow) == one_a_line
    assert flow.minimumSize().width() == narrow  # one item a line, never narrower


def test_hidden_items_take_no_room_and_a_taken_item_leaves(qtbot):
    _holder, flow, buttons = _row(qtbot, 2000)
    buttons[1].hide()
    qtbot.waitUntil(lambda: buttons[2].x() < buttons[1].x() + buttons[1].width())
    assert buttons[2].x() == buttons[0].geometry().right() + 1 + 10
    item = flow.takeAt(0)
    assert item is not None and flow.count() == len(WORDS) - 1
    assert flow.itemAt(len(WORDS)) is None and flow.takeAt(99) is None


def test_a_label_that_wraps_is_given_its_height_for_the_line(qtbot):
    holder = QWidget()
    qtbot.addWidget(holder)
    flow = FlowLayout(holder)
    words = QLabel("a sentence long enough to need two lines at this width " * 2)
    words.setWordWrap(True)
    flow.addWidget(words)
    holder.resize(200, 600)
    holder.show()
    qtbot.waitExposed(holder)
    assert words.width() <= 200
    assert words.height() >= words.heightForWidth(words.width()) > words.fontMetrics().height()


def test_a_touch_button_keeps_its_words_and_a_fingers_size(qtbot):
    small = TouchButton("1", QSize(90, 75))
    wide = TouchButton("Leave self-service mode", QSize(60, 60))
    for b in (small, wide):
        qtbot.addWidget(b)
        b.setStyleSheet("QPushButton { font-size: 30pt; min-height: 64px; padding: 0px; }")
        b.ensurePolished()
    assert small.minimumSizeHint().width() >= 90 and small.minimumSizeHint().height() >= 75
    text = wide.fontMetrics().horizontalAdvance(wide.text())
    assert wide.minimumSizeHint().width() >= text
    # in a row far too narrow, the layout cannot squeeze it below its words
    holder = QWidget()
    qtbot.addWidget(holder)
    row = QVBoxLayout(holder)
    row.addWidget(wide)
    holder.resize(50, 200)
    holder.show()
    qtbot.waitExposed(holder)
    assert holder.minimumSizeHint().width() >= text
