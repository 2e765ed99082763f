"""A stack of pages that is as big as the page showing, not as big as its largest page.

``QStackedWidget`` asks for the largest minimum size of all its pages, so once a tall page
has been built every page (and the window) is that tall: on a 1366×768 terminal the window
grew to 1366×902 and the bottom of every page went off the screen. Here only the current
page counts; the others are laid out to whatever size the current one leaves.
"""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QSizePolicy, QStackedWidget, QWidget


class PageStack(QStackedWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._policies: dict[int, QSizePolicy] = {}
        self.currentChanged.connect(lambda _i: self._changed())

    def _changed(self) -> None:
        ignored = QSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        current = self.currentWidget()
        for i in range(self.count()):
            page = self.widget(i)
            assert page is not None  # i < count()
            own = self._policies.setdefault(id(page), page.sizePolicy())
            page.setSizePolicy(own if page is current else ignored)
        self.updateGeometry()

    def addWidget(self, widget: QWidget) -> int:
        self._policies[id(widget)] = widget.sizePolicy()
        index = super().addWidget(widget)
        self._changed()
        return index

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())  # an explicit one too
