"""Opening the station while the login is already on screen.

Importing the services (SQLAlchemy, migrations, crypto …) and opening a database of 100k
cases takes a second or two on a cheap PC. The login dialog needs none of it to appear, so
it is painted first and the station opens in a worker meanwhile; the agent types the PIN
while that finishes. This module imports nothing heavy at import time.
"""

from __future__ import annotations

import gc
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from kiosk.ui.worker import run_task

if TYPE_CHECKING:
    from kiosk.context import AppContext
    from kiosk.core.card_reader import CardReader
    from kiosk.ui.dashboard import DashboardPrefetch

log = logging.getLogger(__name__)


@dataclass
class OpenedStation:
    ctx: AppContext
    first_run: bool  # no user accounts yet: the setup wizard comes before any login
    card_reader: CardReader | None = None
    keep: list[Any] = field(default_factory=list)  # demo hub and back office


def open_station(data_dir: Path, demo: bool = False) -> OpenedStation:
    """Runs in a worker: open the data dir (and, for the demo, start its local hub)."""
    from kiosk.core.early_check import begin_integrity_check

    begin_integrity_check(data_dir)  # reads the whole file: meanwhile, the imports below
    from kiosk.context import open_context

    ctx = open_context(data_dir, demo=demo, check_later=True)
    opened = OpenedStation(ctx, first_run=not ctx.agents.list())
    from kiosk.core.errors import KioskError
    from kiosk.devices.choice import card_reader_from_settings
    from kiosk.ui import escpos_print

    escpos_print.configure(ctx.settings)

    try:
        opened.card_reader = card_reader_from_settings(ctx.settings)
    except KioskError as exc:  # typed in by hand: the station opens, without the reader
        log.warning("card reader not used: %s", exc)
    if demo:
        from kiosk.demo import DemoBackOffice, attach_demo_hub
        from kiosk.demo_devices import demo_desk_reader

        hub = attach_demo_hub(ctx)
        opened.keep = [hub, DemoBackOffice(hub).start()]
        opened.card_reader = demo_desk_reader()  # the SAM protocol, from a simulator
        opened.first_run = False
    # while the agent types the PIN: the workspace's modules, so the main window that
    # follows the login is built without waiting for imports on the GUI thread
    import kiosk.ui.main_window  # noqa: F401

    return opened


class StationOpener(QObject):
    opened = Signal(object)  # OpenedStation
    failed = Signal(object)  # Exception
    damaged = Signal(object)  # DatabaseCorrupt: the integrity check, finished after opening

    def __init__(self, data_dir: Path, demo: bool = False, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.data_dir = data_dir
        self.demo = demo
        self.result: OpenedStation | None = None
        self.prefetch: DashboardPrefetch | None = None

    def start(self) -> None:
        data_dir = self.data_dir
        demo = self.demo
        run_task(
            lambda: open_station(data_dir, demo),
            on_done=self._done,
            on_error=self._failed,
        )

    def _done(self, opened: OpenedStation) -> None:
        # what start-up built (modules, catalog, ORM mappers) lives as long as the app: out
        # of the collector's way, so the GUI thread's next young collection is short
        gc.freeze()
        self.result = opened
        if not opened.first_run:  # the dashboard's counts, while the PIN is typed
            from kiosk.ui.dashboard import DashboardPrefetch

            self.prefetch = DashboardPrefetch(opened.ctx, self)
        self.opened.emit(opened)
        # the database's integrity check runs on (kiosk.store.integrity): writes wait for it;
        # a damaged file is also reported to the agent as soon as it is found
        run_task(opened.ctx.ensure_sound, on_error=self.damaged.emit)

    def _failed(self, exc: Exception) -> None:
        log.error("cannot open station data in %s: %s", self.data_dir, exc)
        self.failed.emit(exc)
