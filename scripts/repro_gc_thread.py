"""The crash of issue 15, reduced: a reference cycle that holds a parentless Qt object (a
widget, a running timer) is destroyed by Python's cyclic collector on whichever thread
allocates when a threshold is crossed. If that is a worker thread while the GUI thread
paints, Qt's object bookkeeping is changed from two threads at once and the process dies
(SIGSEGV, "Timers cannot be stopped from another thread").

    python scripts/repro_gc_thread.py auto SECONDS     # Python's default: crashes
    python scripts/repro_gc_thread.py app SECONDS      # the app's policy (gc_timer): survives

Prints "survived N" (N painted frames) when the process lives to the end.
"""

from __future__ import annotations

import sys
import threading
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLabel, QWidget


class Holder:
    """Stands for a closure or a page object that refers to itself through a Qt object."""

    def __init__(self) -> None:
        self.me = self
        self.widget = QWidget()
        self.timer = QTimer()
        self.timer.start(1_000)


def busy_worker(stop: threading.Event) -> None:
    """A background task that allocates, as every service call does (rows, dicts, views)."""
    while not stop.is_set():
        junk = [{"row": i, "values": (i, str(i))} for i in range(200)]
        del junk


def main(mode: str, seconds: float) -> int:
    app = QApplication(sys.argv[:1])
    if mode == "app":
        from kiosk.ui.gc_timer import collect_on_gui_thread

        collect_on_gui_thread(app)
    stop = threading.Event()
    thread = threading.Thread(target=busy_worker, args=(stop,))
    thread.start()
    label = QLabel()
    label.show()
    frames = 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        Holder()  # unreachable at once: only the cyclic collector can free it
        pixmap = QPixmap(200, 50)
        pixmap.fill(QColor("white"))
        painter = QPainter(pixmap)
        painter.drawText(5, 30, "县申领")
        painter.end()
        label.setPixmap(pixmap)
        label.repaint()
        app.processEvents()
        frames += 1
    stop.set()
    thread.join()
    print(f"survived {frames}", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1], float(sys.argv[2])))
