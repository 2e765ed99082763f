"""The hub's notification sender in the background: every ``interval`` seconds one pass over
the outbox (hub/notifications.py). Started by ``kiosk-hub serve --notify-file FILE`` (or env
KIOSK_HUB_NOTIFY_FILE) with the file sender; a province plugs its SMS gateway adapter in
the same place."""

from __future__ import annotations

import logging
import threading

from hub.notifications import Sender
from hub.service import HubService

log = logging.getLogger(__name__)
NOTIFY_FILE_ENV = "KIOSK_HUB_NOTIFY_FILE"


class Notifier:
    def __init__(self, service: HubService, sender: Sender, interval: float = 10.0) -> None:
        self._service = service
        self._sender = sender
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="hub-notifier")

    def start(self) -> Notifier:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                report = self._service.notifications.dispatch(self._sender)
                if report.sent or report.retried or report.failed:
                    log.info("notifications: %s", report)
            except Exception:  # the next pass tries again; the hub's API goes on
                log.exception("notification pass failed")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=10)
