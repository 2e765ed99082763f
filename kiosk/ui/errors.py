"""Errors on screen: Chinese for the person, English with the traceback in the log."""

from __future__ import annotations

import logging
import sys
import traceback
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from kiosk.core.errors import KioskError

log = logging.getLogger("kiosk.ui")
_unparented: set[QMessageBox] = set()  # else Python collects the box the moment it is shown


def _tr(text: str) -> str:
    return QCoreApplication.translate("errors", text)


def user_message(exc: BaseException) -> str:
    if isinstance(exc, KioskError):
        return exc.zh
    return _tr(
        "程序出现意外错误，已记录到日志。您输入的数据已保存，请重试；如反复出现请联系技术员。"
    )


def show_error(exc: BaseException) -> None:
    if isinstance(exc, KioskError):
        log.warning("user-facing error: %s", exc.en)
    else:
        log.error("unexpected error: %s", "".join(traceback.format_exception(exc)))
    if QApplication.instance() is None:
        return
    parent = QApplication.activeWindow()
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        _tr("提示"),
        user_message(exc),
        QMessageBox.StandardButton.Ok,
        parent,
    )
    box.setObjectName("errorBox")
    if parent is None:  # no window is active (it lost the focus): keep the box alive
        _unparented.add(box)
        box.finished.connect(lambda _r: _unparented.discard(box))
    box.open()


def _excepthook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, tb)
        return
    log.critical("uncaught exception", exc_info=(kind, exc, tb))
    show_error(exc)


def install_excepthook() -> None:
    sys.excepthook = _excepthook
