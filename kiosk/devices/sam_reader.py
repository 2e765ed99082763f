"""An ID-card reader spoken to over its serial port (SAM protocol, pyserial).

Most desk readers are a SAM module behind a USB serial bridge at 115200 baud (on Windows a
COM port, on Linux /dev/ttyUSB0). :class:`SamCardReader` implements the app's
:class:`~kiosk.core.card_reader.CardReader`: ``read`` polls "find card" until a card is
there, selects it and reads its base message. After a card was read it must be lifted off
the reader (a "no card" answer seen) before another read: a card left lying there is not
read twice into the next resident's application.

A noisy line (a bad checksum) is asked again once; a reader that does not answer, a card
pulled away mid-read and an unplugged reader each end in a :class:`CardReadError` that says
what to do.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
import time
from collections.abc import Callable
from typing import Any

from kiosk.core.card_reader import CardReadError, IdCard
from kiosk.devices import sam_frames as sf
from kiosk.devices.id_text import parse_text

log = logging.getLogger(__name__)

PhotoDecoder = Callable[[bytes], bytes]  # the proprietary photo block → an image file's bytes

NOT_ANSWERING = CardReadError(
    "读卡器没有响应。请检查读卡器的USB线和电源指示灯，然后再读一次。",
    "card reader did not answer",
)
PULLED = CardReadError(
    "读卡中断：身份证在读卡时被移开了。请把身份证平放在读卡器上不要移动，再读一次。",
    "card pulled away mid-read",
)
LIFT_FIRST = CardReadError(
    "上一张证件还在读卡器上。请先把它取下，再放上要读的证件。",
    "the card that was read is still on the reader",
)


def unplugged(port: str, exc: Exception) -> CardReadError:
    return CardReadError(
        f"读卡器未连接（{port}）。请插好读卡器的USB线，等几秒后再读一次；"
        "仍不行请在“设置 → 设备”中重新选择读卡器。",
        f"card reader port {port} unavailable: {exc}",
    )


class _Timeout(Exception):
    def __init__(self, got: int) -> None:
        super().__init__(f"timed out after {got} bytes")
        self.got = got


class SamCardReader:
    """A SAM reader on ``port``; opened on first use, reopened after it was unplugged."""

    def __init__(
        self,
        port: str,
        baudrate: int = 115200,
        *,
        answer_timeout_s: float = 1.0,
        poll_s: float = 0.05,
        photo_decoder: PhotoDecoder | None = None,
    ) -> None:
        self.port = port
        self.baudrate = baudrate
        self.answer_timeout_s = answer_timeout_s
        self.poll_s = poll_s
        self.photo_decoder = photo_decoder
        self._serial: Any = None
        self._lock = threading.Lock()
        self._awaiting_lift = False
        self.bytes_sent = 0  # for the bench: what went over the wire
        self.bytes_received = 0

    # --- the line ------------------------------------------------------------------------
    def _open(self) -> Any:
        if self._serial is None:
            import serial

            try:
                self._serial = serial.Serial(
                    self.port, self.baudrate, timeout=self.answer_timeout_s, exclusive=True
                )
            except (serial.SerialException, OSError, ValueError) as exc:
                raise unplugged(self.port, exc) from exc
        return self._serial

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _drop(self) -> None:
        if self._serial is not None:
            with contextlib.suppress(OSError):
                self._serial.close()
            self._serial = None

    def _read_exact(self, line: Any, n: int, deadline: float, got: int) -> bytes:
        buf = b""
        while len(buf) < n:
            left = deadline - time.monotonic()
            if left <= 0:
                raise _Timeout(got + len(buf))
            line.timeout = left
            chunk = line.read(n - len(buf))
            if not chunk and time.monotonic() >= deadline:
                raise _Timeout(got + len(buf))
            buf += chunk
        return bytes(buf)

    def _answer(self, line: Any) -> sf.Frame:
        deadline = time.monotonic() + self.answer_timeout_s
        window = b""
        skipped = 0
        while window != sf.PREAMBLE:  # resynchronise on the preamble
            window = (window + self._read_exact(line, 1, deadline, skipped))[-5:]
            skipped += 1
        head = self._read_exact(line, 2, deadline, skipped)
        rest = self._read_exact(line, int.from_bytes(head, "big"), deadline, skipped + 2)
        self.bytes_received += skipped + 2 + len(rest)
        return sf.parse(head + rest)

    def transact(self, cmd: tuple[int, int], data: bytes = b"") -> sf.Frame:
        """Send one command and return its answer (raises _Timeout, sf.FrameError)."""
        import serial

        line = self._open()
        frame = sf.command(cmd, data)
        try:
            line.reset_input_buffer()
            line.write(frame)
            self.bytes_sent += len(frame)
            return self._answer(line)
        except (serial.SerialException, OSError) as exc:
            self._drop()
            raise unplugged(self.port, exc) from exc

    def _ask(self, cmd: tuple[int, int], data: bytes = b"") -> sf.Frame:
        """One command, asked again once after a garbled answer."""
        try:
            return self.transact(cmd, data)
        except sf.FrameError as exc:
            log.info("card reader: garbled answer to %s (%s), asking again", cmd, exc)
        try:
            return self.transact(cmd, data)
        except sf.FrameError as exc:
            raise CardReadError(
                "读卡器连续传回错误数据。请拔下读卡器的USB线再插上，然后再读一次。",
                f"card reader answers are garbled: {exc}",
            ) from exc

    # --- the SAM ---------------------------------------------------------------------------
    def sam_status(self) -> str:
        """The SAM's answer to a status query, in words (for the wizard's test and doctor)."""
        with self._lock:
            try:
                answer = self._ask(sf.SAM_STATUS)
            except _Timeout:
                raise NOT_ANSWERING from None
        if answer.status != sf.OK:
            raise CardReadError(
                f"读卡器安全模块异常（{sf.STATUS_TEXT.get(answer.status, hex(answer.status))}）。"
                "请联系读卡器供应商。",
                f"SAM status {answer.status:#x}",
            )
        return "正常"

    def reset(self) -> None:
        with self._lock:
            try:
                self._ask(sf.RESET_SAM)
            except _Timeout:
                raise NOT_ANSWERING from None

    def available(self) -> bool:
        """Cheap (the UI asks on its own thread): the port is there. Whether the reader
        answers is :meth:`sam_status` (doctor, the devices dialog) or the next read."""
        if self.port.startswith("/"):
            return os.path.exists(self.port)
        return bool(self.port)  # COM3: Windows has no cheap look

    def read(self, timeout_s: float = 5.0) -> IdCard | None:
        """The card placed on the reader, or None if none came within ``timeout_s``."""
        deadline = time.monotonic() + timeout_s
        with self._lock:
            while True:
                found = self._find()
                if found and not self._awaiting_lift:
                    return self._read_card()
                if not found:
                    self._awaiting_lift = False
                if time.monotonic() + self.poll_s > deadline:
                    if found:
                        raise LIFT_FIRST
                    return None
                time.sleep(self.poll_s)  # the reader's poll interval

    def _find(self) -> bool:
        try:
            return self._ask(sf.FIND_CARD).status == sf.FOUND
        except _Timeout:
            raise NOT_ANSWERING from None

    def _read_card(self) -> IdCard:
        try:
            selected = self._ask(sf.SELECT_CARD)
            if selected.status != sf.OK:
                raise PULLED
            answer = self._ask(sf.READ_BASE)
        except _Timeout as exc:
            if exc.got:  # the answer began and stopped: the card left the field
                raise PULLED from None
            raise NOT_ANSWERING from None
        if answer.status == sf.READ_FAILED:
            raise PULLED
        if answer.status != sf.OK:
            words = sf.STATUS_TEXT.get(answer.status, hex(answer.status))
            raise CardReadError(
                f"读卡失败（{words}）。请再读一次。", f"read base status {answer.status:#x}"
            )
        try:
            text, photo = sf.split_base_data(answer.data)
        except sf.FrameError as exc:
            raise CardReadError("读卡数据不完整，请再读一次。", str(exc)) from exc
        card = parse_text(text, self._photo(photo))
        self._awaiting_lift = True
        return card

    def _photo(self, block: bytes) -> bytes | None:
        if self.photo_decoder is None or not block:
            return None  # proprietary format: without a decoder it is dropped here
        try:
            return self.photo_decoder(block)
        except Exception as exc:  # a vendor decoder: its failure must not lose the card
            log.warning("card photo decoder failed: %s", exc)
            return None
