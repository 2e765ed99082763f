"""The look of the app: the Qt application object, the shipped CJK font, the theme and the
translations. Shared by the workspace, the terminal, the demo walkthrough and the self-check,
none of which needs the rest of ``app.py``."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from kiosk.paths import assets_dir

log = logging.getLogger(__name__)
_keep: list[object] = []  # translators and demo helpers that must live as long as the app


def ensure_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv or sys.argv[:1])
        app.setApplicationName("village-kiosk")
        app.setApplicationDisplayName("村级代办 Kiosk")
    assert isinstance(app, QApplication)
    from kiosk.ui.gc_timer import collect_on_gui_thread

    collect_on_gui_thread(app)  # never collect cycles (and Qt objects) on a worker thread
    return app


def apply_look(app: QApplication, language: str = "zh_CN") -> None:
    """Shipped CJK font (so Chinese renders even on a bare system), theme and translations."""
    font_id = QFontDatabase.addApplicationFont(str(assets_dir() / "fonts" / "wqy-microhei.ttc"))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if families:
        app.setFont(QFont(families[0], 10))
    qss = assets_dir() / "theme" / "kiosk.qss"
    if qss.exists():
        app.setStyleSheet(qss.read_text("utf-8"))
    install_translators(app, language)


def install_translators(app: QApplication, language: str) -> None:
    """Source strings are Simplified Chinese; other languages load ``kiosk_<lang>.qm``."""
    for old in [t for t in _keep if isinstance(t, QTranslator)]:
        app.removeTranslator(old)
        _keep.remove(old)
    if language.startswith("zh"):
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _keep.append(qt)
        return
    ours = QTranslator(app)
    if ours.load(str(assets_dir() / "translations" / f"kiosk_{language}.qm")):
        app.installTranslator(ours)
        _keep.append(ours)
    else:
        log.warning("no translation for %s; showing Chinese", language)
