"""Garbage collection on the GUI thread only.

Python's cyclic collector runs in whichever thread happens to allocate when a threshold is
crossed. If that is a worker thread and a collected cycle holds a Qt object, the object is
destroyed on the wrong thread and the app can crash (issue 15; Anki documents the same crash
in ``aqt/main.py`` and answers it the same way). So automatic collection is switched off and
a GUI-thread timer collects instead, young generations often, everything now and then.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

TICK_MS = 1_000
FULL_EVERY = 60  # ticks: a full collection once a minute, young ones every second


class GuiThreadCollector(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ticks = 0
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)

    def start(self) -> None:
        gc.disable()
        self.timer.start()

    def tick(self) -> None:
        self.ticks += 1
        if self.ticks % FULL_EVERY == 0:
            gc.collect()
        elif self.ticks % 10 == 0:
            gc.collect(1)
        else:
            gc.collect(0)


_collector: GuiThreadCollector | None = None


def collect_on_gui_thread(parent: QObject) -> GuiThreadCollector:
    """Switch automatic collection off; collect on ``parent``'s (the GUI) thread instead.
    Call once, from the GUI thread, when the application object exists."""
    global _collector
    if _collector is None:
        _collector = GuiThreadCollector(parent)
        _collector.start()
    return _collector
