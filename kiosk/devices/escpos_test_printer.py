"""A test ESC/POS printer: a TCP listener (port 9100 style) that keeps what it was sent.

It answers ``DLE EOT`` status requests from its own state (``cover_open``, ``paper_out``,
``paper_near_end``), and :func:`decode` turns the captured bytes back into the printed
pages (one image a cut), so a test or the demo can look at what came out of the printer.
"""

from __future__ import annotations

import contextlib
import socket
import threading
from dataclasses import dataclass, field

from PIL import Image

from kiosk.devices import escpos


class DecodeError(Exception):
    pass


@dataclass
class Decoded:
    pages: list[Image.Image] = field(default_factory=list)
    cuts: int = 0
    inits: int = 0
    status_requests: list[int] = field(default_factory=list)


def _band(data: bytes, at: int) -> tuple[Image.Image, int]:
    """One ``GS v 0`` band starting at ``at`` (just after ``GS v 0``)."""
    if len(data) < at + 5:
        raise DecodeError("raster header cut short")
    width_bytes = int.from_bytes(data[at + 1 : at + 3], "little")
    rows = int.from_bytes(data[at + 3 : at + 5], "little")
    start, end = at + 5, at + 5 + width_bytes * rows
    if len(data) < end:
        raise DecodeError("raster data cut short")
    inverted = bytes(b ^ 0xFF for b in data[start:end])  # ESC/POS 1 = black; Pillow 1 = white
    return Image.frombytes("1", (width_bytes * 8, rows), inverted), end


def decode(data: bytes) -> Decoded:
    """The pages an ESC/POS byte stream prints (bands stacked, a page ends at each cut)."""
    out = Decoded()
    bands: list[Image.Image] = []
    i = 0
    while i < len(data):
        if data.startswith(escpos.INIT, i):
            out.inits += 1
            i += 2
        elif data.startswith(escpos.RASTER, i):
            band, i = _band(data, i + 3)
            bands.append(band)
        elif data.startswith(escpos.GS + b"V", i):
            mode = data[i + 2]
            i += 4 if mode in (65, 66) else 3
            out.cuts += 1
            out.pages.append(_stack(bands))
            bands = []
        elif data.startswith(escpos.DLE + escpos.EOT, i):
            out.status_requests.append(data[i + 2])
            i += 3
        elif data.startswith(escpos.ESC + b"d", i):
            i += 3
        else:
            raise DecodeError(f"unknown ESC/POS byte {data[i]:#04x} at {i}")
    if bands:
        out.pages.append(_stack(bands))
    return out


def _stack(bands: list[Image.Image]) -> Image.Image:
    if not bands:
        return Image.new("1", (8, 0), 1)
    page = Image.new("1", (max(b.width for b in bands), sum(b.height for b in bands)), 1)
    top = 0
    for band in bands:
        page.paste(band, (0, top))
        top += band.height
    return page


class TestPrinter:
    """``with TestPrinter() as p:`` → print to ``p.address``; ``p.received`` holds the jobs."""

    __test__ = False  # not a pytest class

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        self.cover_open = False
        self.paper_out = False
        self.paper_near_end = False
        self.jobs: list[bytes] = []  # one per connection
        self._server = socket.create_server((host, port))
        self.port = self._server.getsockname()[1]
        self.address = f"tcp://{host}:{self.port}"
        self._thread = threading.Thread(target=self._serve, name="escpos-test", daemon=True)
        self._lock = threading.Lock()
        self._done = threading.Condition(self._lock)

    def start(self) -> TestPrinter:
        self._thread.start()
        return self

    def __enter__(self) -> TestPrinter:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self._server.shutdown(socket.SHUT_RDWR)  # wakes the accept() in the thread
        self._server.close()
        self._thread.join(2)

    def answer(self, n: int) -> int:
        if n == escpos.ASK_OFFLINE:
            return (
                0x12
                | (escpos.OFFLINE_COVER_OPEN if self.cover_open else 0)
                | (escpos.OFFLINE_PAPER_STOP if self.paper_out else 0)
            )
        if n == escpos.ASK_PAPER:
            return (
                0x12
                | (escpos.PAPER_END if self.paper_out else 0)
                | (escpos.PAPER_NEAR_END if self.paper_near_end else 0)
            )
        return 0x12

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            with conn:
                self._take(conn)

    def _take(self, conn: socket.socket) -> None:
        got = bytearray()
        while True:
            try:
                chunk = conn.recv(65536)
            except OSError:
                break
            if not chunk:
                break
            got += chunk
            # a real-time status request: the sender waits for its answer, so it arrives alone
            if len(chunk) == 3 and chunk.startswith(escpos.DLE + escpos.EOT):
                conn.sendall(bytes([self.answer(chunk[2])]))
        with self._done:
            self.jobs.append(bytes(got))
            self._done.notify_all()

    def wait_jobs(self, n: int, timeout_s: float = 10.0) -> list[bytes]:
        with self._done:
            self._done.wait_for(lambda: len(self.jobs) >= n, timeout_s)
            return list(self.jobs)
