"""The PySide6 6.12 / CPython 3.11 reference bug must not be able to abort the app."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QComboBox

import kiosk.ui  # noqa: F401  (pins None/True/False)


class _Emitter(QObject):
    fired = Signal(object)


def test_many_signals_and_empty_variants_do_not_exhaust_singletons(qtbot):
    box = QComboBox()
    box.addItem("x", None)
    emitter = _Emitter()
    seen = []
    emitter.fired.connect(seen.append)
    for i in range(5000):  # far more than True's natural reference count (~600)
        emitter.fired.emit(i)
        box.currentData()
    assert len(seen) == 5000
    assert sys.getrefcount(True) > 1000 and sys.getrefcount(None) > 1000
