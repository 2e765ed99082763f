"""A receipt printer without a driver: pages (already rendered images) out as ESC/POS raster.

Before a job the printer is asked for its status; a printer with its cover open or out of
paper is reported to the agent in plain words and nothing is sent (the job would be lost
in the printer's buffer). The PDF pages are rendered by the caller (kiosk/ui/pdf_raster.py,
through QtPdf) at the printer's width in dots.
"""

from __future__ import annotations

import logging

from PIL import Image

from kiosk.core.errors import KioskError
from kiosk.devices import escpos
from kiosk.devices.escpos import PrinterStatus
from kiosk.devices.escpos_transport import Transport, offline, open_transport

log = logging.getLogger(__name__)

STATUS_TIMEOUT_S = 1.5


class PrinterNotReady(KioskError):
    pass


class EscPosPrinter:
    def __init__(self, address: str, dots: int = 576) -> None:
        self.address = address
        self.dots = dots

    def status(self) -> PrinterStatus:
        transport = open_transport(self.address)
        try:
            return self._status(transport)
        finally:
            transport.close()

    def _status(self, transport: Transport) -> PrinterStatus:
        cause = transport.ask(escpos.status_request(escpos.ASK_OFFLINE), STATUS_TIMEOUT_S)
        paper = transport.ask(escpos.status_request(escpos.ASK_PAPER), STATUS_TIMEOUT_S)
        if not (
            cause and paper and escpos.is_status_byte(cause[0]) and escpos.is_status_byte(paper[0])
        ):
            return PrinterStatus(answered=False)
        return PrinterStatus.from_bytes(cause[0], paper[0])

    def print_pages(self, pages: list[Image.Image]) -> PrinterStatus:
        """Print the pages (each cut off); returns the status seen before the job."""
        transport = open_transport(self.address)
        try:
            state = self._status(transport)
            if not state.ready:
                raise PrinterNotReady(
                    f"热敏打印机现在不能打印：{state.words()}。"
                    + ("请合上机盖" if state.cover_open else "")
                    + ("请装上新的热敏纸" if state.paper_out else "")
                    + "，然后重新打印。",
                    f"ESC/POS printer not ready: {state}",
                )
            data = escpos.job(pages, self.dots)
            transport.write(data)
            log.info("ESC/POS: %d page(s), %d bytes to %s", len(pages), len(data), self.address)
            return state
        except OSError as exc:
            raise offline(self.address, exc) from exc
        finally:
            transport.close()
