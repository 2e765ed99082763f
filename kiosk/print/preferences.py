"""The default printer and paper remembered per document kind (stored in settings.toml)."""

from __future__ import annotations

import logging
from pathlib import Path

from kiosk.core.errors import InputError
from kiosk.core.settings import Settings, save_settings
from kiosk.print.kinds import DocumentKind
from kiosk.print.paper import Layout, parse_layout

log = logging.getLogger(__name__)


class PrintPreferences:
    def __init__(self, settings: Settings, data_dir: Path | None) -> None:
        self._settings = settings
        self._data_dir = data_dir

    def printer(self, kind: DocumentKind) -> str:
        """The printer for ``kind``: the one last chosen for it, else the printer chosen in
        the setup wizard (``printer_name``), else "" (the system's default printer)."""
        chosen = str(getattr(self._settings, f"printer_{kind.preference_kind.value}", ""))
        return chosen or self._settings.printer_name

    def layout(self, kind: DocumentKind) -> Layout:
        value = getattr(self._settings, f"paper_{kind.preference_kind.value}", Layout.A4.value)
        try:
            layout = parse_layout(str(value))
        except InputError:
            log.warning("settings: unknown paper %r for %s, using A4", value, kind.value)
            return Layout.A4
        return layout if layout in kind.layouts else Layout.A4

    def remember(self, kind: DocumentKind, printer: str, layout: Layout | None = None) -> bool:
        """Store ``printer`` (and paper) as the default for ``kind``; True if anything changed."""
        changed = False
        if self.printer(kind) != printer:
            setattr(self._settings, f"printer_{kind.preference_kind.value}", printer)
            changed = True
        if layout is not None:
            kind.check_layout(layout)
            if len(kind.layouts) > 1 and self.layout(kind) is not layout:
                setattr(self._settings, f"paper_{kind.preference_kind.value}", layout.value)
                changed = True
        if changed and self._data_dir is not None:
            save_settings(self._data_dir, self._settings)
        return changed
