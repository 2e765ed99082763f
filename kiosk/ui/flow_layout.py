"""A row of buttons that wraps onto the next line when the screen is too narrow for it.

Qt has no such layout (its documentation ships one as the "flow layout" example; this is
that layout, typed, with each line's items centred on the line). Rows of switches and
actions use it so that English words, a 125–150 % OS scale or the terminal's 特大 text give
a second line of buttons instead of buttons squeezed until their words are cut.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right at their preferred size; a line that is full wraps.

    ``spacing`` is the gap between items on a line, ``line_spacing`` between lines. An item
    wider than the whole line is given the line's width (a word-wrapping item then takes
    its height for that width)."""

    def __init__(
        self, parent: QWidget | None = None, spacing: int = 8, line_spacing: int | None = None
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._gap = spacing
        self._line_gap = spacing if line_spacing is None else line_spacing
        self.setContentsMargins(0, 0, 0, 0)

    # --- the item list QLayout asks for -----------------------------------------------------
    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)
        self.invalidate()

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        if not 0 <= index < len(self._items):
            return None
        item = self._items.pop(index)
        self.invalidate()
        return item

    # --- sizes ------------------------------------------------------------------------------
    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def sizeHint(self) -> QSize:
        """Everything on one line."""
        shown = self._shown()
        margins = self.contentsMargins()
        width = sum(i.sizeHint().width() for i in shown) + self._gap * max(len(shown) - 1, 0)
        height = max((i.sizeHint().height() for i in shown), default=0)
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:
        """As narrow as the widest item's minimum: one item a line."""
        size = QSize(0, 0)
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    # --- placing ----------------------------------------------------------------------------
    def _shown(self) -> list[QLayoutItem]:
        return [i for i in self._items if not i.isEmpty()]

    def _lines(self, room: int) -> list[list[tuple[QLayoutItem, QSize]]]:
        """The items of each line in ``room`` pixels, each with the size it is given there."""
        lines: list[list[tuple[QLayoutItem, QSize]]] = []
        used = 0
        for item in self._shown():
            size = self._size_in(item, room)
            if lines and used + self._gap + size.width() <= room:
                lines[-1].append((item, size))
                used += self._gap + size.width()
            else:
                lines.append([(item, size)])
                used = size.width()
        return lines

    def _arrange(self, rect: QRect, move: bool) -> int:
        """Place the items in ``rect`` (only measure unless ``move``); the height used."""
        margins = self.contentsMargins()
        inner = rect.adjusted(margins.left(), margins.top(), -margins.right(), -margins.bottom())
        y = inner.y()
        for n, line in enumerate(self._lines(max(inner.width(), 1))):
            if n:
                y += self._line_gap
            height = max(size.height() for _item, size in line)
            x = inner.x()
            for item, size in line:
                if move:
                    top = y + (height - size.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), size))
                x += size.width() + self._gap
            y += height
        return y - rect.y() + margins.bottom()

    @staticmethod
    def _size_in(item: QLayoutItem, room: int) -> QSize:
        width = max(min(item.sizeHint().width(), room), min(item.minimumSize().width(), room))
        if item.hasHeightForWidth():
            height = item.heightForWidth(width)
        else:
            height = item.sizeHint().height()
        return QSize(width, max(height, item.minimumSize().height()))
