"""Tiles in as many columns as fit: used by the terminal's pages and the workspace's
dashboard, so that a large text size or a narrow screen gives more rows, not cut words."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QSize
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QGridLayout, QWidget


class TileGrid(QWidget):
    """Tiles in as many columns as fit their words (at most ``most``): at a large text size
    or on a narrow screen they take more rows instead of cutting their words."""

    def __init__(self, most: int, spacing: int) -> None:
        super().__init__()
        self.most = most
        self.tiles: list[QWidget] = []
        self.columns = 0
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(spacing)

    def set_tiles(self, tiles: Sequence[QWidget]) -> None:
        self.tiles = list(tiles)
        self.columns = 0
        self._arrange(self.width() or 1024)

    def columns_for(self, width: int) -> int:
        if not self.tiles:
            return 1
        for t in self.tiles:
            t.ensurePolished()
        widest = max(max(t.sizeHint().width(), t.minimumWidth()) for t in self.tiles)
        gap = self.grid.horizontalSpacing()
        return max(1, min(self.most, (width + gap) // (widest + gap)))

    def _arrange(self, width: int) -> None:
        columns = self.columns_for(width)
        if columns == self.columns:
            return
        self.columns = columns
        while self.grid.count():
            self.grid.takeAt(0)
        for col in range(self.grid.columnCount()):
            self.grid.setColumnStretch(col, 0)
        for i, t in enumerate(self.tiles):
            self.grid.addWidget(t, i // columns, i % columns)
            t.setMinimumHeight(t.sizeHint().height())  # squeezed, a tile would cut its words
        for col in range(columns):
            self.grid.setColumnStretch(col, 1)

    def minimumSizeHint(self) -> QSize:
        """One column wide: so the page can narrow it, and it then takes more rows."""
        if not self.tiles:
            return super().minimumSizeHint()
        widest = max(max(t.sizeHint().width(), t.minimumWidth()) for t in self.tiles)
        return QSize(widest, super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(event.size().width())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # shown: the theme's fonts are known now, count again
        self.columns = 0
        self._arrange(self.width())
