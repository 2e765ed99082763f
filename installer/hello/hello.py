"""The baseline for bench_bundle: a bare PySide6 widgets app, bundled the same way as the kiosk."""

import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel

if __name__ == "__main__":
    app = QApplication(sys.argv[:1])
    label = QLabel("你好")
    label.show()
    if "--exit" in sys.argv:  # start, show a window, leave: what the cold-start bench times
        QTimer.singleShot(0, app.quit)
    raise SystemExit(app.exec())
