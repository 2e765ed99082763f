"""A simulated SAM ID-card reader on a pseudo-terminal: the real protocol, byte for byte.

``SamSimulator().start()`` opens a pty and answers on its master side; ``.port`` is the
device path a :class:`~kiosk.devices.sam_reader.SamCardReader` opens like a real
/dev/ttyUSB0. Cards come from fixture files (JSON: a list of card fields, see
tests/devices/fixtures/) and are placed and lifted like real ones. Answers are paced at the
line's baud rate, so timings are those of a real 115200-baud reader (plus ``card_delay_s``
for the card's own radio link, which a real read also spends).

Faults, each for the next command(s): ``garble(n)`` (bad checksum), ``mute(n)`` (no answer:
a timeout), ``pull_mid_read()`` (half the read answer, then the card is gone),
``unplug()`` (the device disappears).
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
import time
import tty
from pathlib import Path

from kiosk.core.card_reader import IdCard
from kiosk.devices import sam_frames as sf
from kiosk.devices.id_text import PHOTO_BYTES, encode_text


def cards_from_file(path: Path) -> list[IdCard]:
    return [IdCard(**c) for c in json.loads(path.read_text("utf-8"))]


class SamSimulator:
    def __init__(
        self,
        cards: list[IdCard] | None = None,
        baudrate: int = 115200,
        *,
        pace: bool = True,
        card_delay_s: float = 0.0,
        cycle: bool = False,
    ) -> None:
        self.baudrate = baudrate
        self.pace = pace
        self.card_delay_s = card_delay_s
        self.cycle = cycle  # the demo: a lifted card comes back as the next one, round and round
        self._queue: list[bytes] = [encode_text(c) for c in cards or []]
        self._on_reader: bytes | None = None
        self._lock = threading.Lock()
        self._garble = 0
        self._mute = 0
        self._pull = False
        self._master = -1
        self._slave = -1
        self.port = ""
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.commands: list[tuple[int, int]] = []  # what the reader asked, in order

    # --- the desk ----------------------------------------------------------------------------
    def place(self, card: IdCard | bytes) -> None:
        """Put a card (or a raw 256-byte text block) on the reader."""
        with self._lock:
            self._on_reader = card if isinstance(card, bytes) else encode_text(card)

    def lift(self) -> None:
        with self._lock:
            if self.cycle and self._on_reader is not None:
                self._queue.append(self._on_reader)
            self._on_reader = None

    def next_card(self) -> bool:
        """Lift the card on the reader and place the next fixture card, if any."""
        self.lift()
        with self._lock:
            if not self._queue:
                return False
            self._on_reader = self._queue.pop(0)
            return True

    def garble(self, n: int = 1) -> None:
        with self._lock:
            self._garble += n

    def mute(self, n: int = 1) -> None:
        with self._lock:
            self._mute += n

    def pull_mid_read(self) -> None:
        with self._lock:
            self._pull = True

    # --- the wire ----------------------------------------------------------------------------
    def start(self) -> SamSimulator:
        self._master, self._slave = os.openpty()
        tty.setraw(self._slave)  # no line discipline: 0x0A and 0x11 are data, not newline/XON
        self.port = os.ttyname(self._slave)
        self._thread = threading.Thread(target=self._serve, name="sam-simulator", daemon=True)
        self._thread.start()
        return self

    def unplug(self) -> None:
        """The reader's cable is pulled: the device node goes away."""
        self._stop.set()
        for fd in (self._master, self._slave):
            if fd >= 0:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = -1
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(2)

    stop = unplug

    def __enter__(self) -> SamSimulator:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.unplug()

    def _send(self, data: bytes) -> None:
        if self.pace:
            time.sleep(sf.wire_seconds(len(data), self.baudrate))
        os.write(self._master, data)

    def _serve(self) -> None:
        buf = b""
        while not self._stop.is_set():
            try:
                chunk = os.read(self._master, 4096)
            except OSError:
                return  # unplugged
            if not chunk:
                return
            buf += chunk
            while True:
                start = buf.find(sf.PREAMBLE)
                if start < 0 or len(buf) < start + 7:
                    break
                n = int.from_bytes(buf[start + 5 : start + 7], "big")
                end = start + 7 + n
                if len(buf) < end:
                    break
                raw, buf = buf[start + 5 : end], buf[end:]
                try:
                    self._respond(raw)
                except OSError:
                    return

    def _respond(self, raw: bytes) -> None:
        try:
            frame = sf.parse(raw)
        except sf.FrameError:
            self._send(sf.answer(sf.BAD_CHECKSUM))
            return
        self.commands.append(frame.cmd)
        with self._lock:
            if self._mute:
                self._mute -= 1
                return
            garble = self._garble > 0
            self._garble -= int(garble)
            reply, partial = self._reply(frame.cmd)
        if garble:
            reply = reply[:-1] + bytes([reply[-1] ^ 0xFF])
        self._send(reply[: len(reply) // 2] if partial else reply)

    def _reply(self, cmd: tuple[int, int]) -> tuple[bytes, bool]:
        """The answer to ``cmd`` (called with the lock held) and whether it breaks off."""
        card = self._on_reader
        if cmd in (sf.RESET_SAM, sf.SAM_STATUS):
            return sf.answer(sf.OK), False
        if cmd == sf.SAM_ID:
            return sf.answer(sf.OK, bytes(16)), False
        if cmd == sf.FIND_CARD:
            return (sf.answer(sf.FOUND, bytes(4)) if card else sf.answer(sf.NO_CARD)), False
        if cmd == sf.SELECT_CARD:
            return (sf.answer(sf.OK, bytes(8)) if card else sf.answer(sf.SELECT_FAILED)), False
        if cmd == sf.READ_BASE:
            if card is None:
                return sf.answer(sf.READ_FAILED), False
            if self.card_delay_s:
                time.sleep(self.card_delay_s)
            photo = bytes((i * 7) & 0xFF for i in range(PHOTO_BYTES))  # stands in for the wlt
            reply = sf.answer(sf.OK, sf.read_base_data(card, photo))
            if self._pull:
                self._pull = False
                self._on_reader = None
                return reply, True
            return reply, False
        return sf.answer(sf.BAD_COMMAND), False
