"""Work around a reference-counting bug of PySide6 6.12 on CPython 3.11.

PySide6 6.12.0 hands out references it does not own: to ``None`` whenever an invalid
QVariant is read back (``QComboBox.currentData()`` on an entry without data, an unset
``QListWidgetItem.data()``), and to ``True`` as the return value of every ``Signal.emit()``.
CPython 3.12 made ``None``/``True``/``False`` immortal, so PySide no longer counts them; on
3.11 each such call lowers the count by one and after a few hundred signals the interpreter
aborts with "Fatal Python error: bool_dealloc" (measured: 6.11.3 does not do this, 6.12.0
does; PySide6_Pdf exists only as 6.12, so downgrading is not an option).

The remedy is what CPython 3.12 does: give these three objects a reference count so large it
can never reach zero. Imported by ``kiosk/ui/__init__.py``, so any process that loads the UI
is covered. Harmless on other versions (does nothing on 3.12+).
"""

from __future__ import annotations

import ctypes
import sys

_HUGE = 1 << 40


def pin_singletons() -> None:
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object (release builds)
        refcnt = ctypes.c_ssize_t.from_address(id(obj))
        if refcnt.value < _HUGE:
            refcnt.value += _HUGE


pin_singletons()
