"""Ending a station in a test the way the app does: windows first, then the background work,
then the database (issue 15: a fixture that closed the database first left workers running
against it)."""

from __future__ import annotations

import sys

from kiosk.context import AppContext


def end_station(ctx: AppContext) -> None:
    """Close every window, stop and wait for background work, then close the database."""
    worker = sys.modules.get("kiosk.ui.worker")
    if worker is None:  # no Qt in this test: nothing ran in the background
        ctx.close()
        return
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if isinstance(app, QApplication):
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.close()
        app.processEvents()
    assert worker.close_station(ctx), "background work outlived its station"
