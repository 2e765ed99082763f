"""How the bytes reach an ESC/POS printer: TCP (port 9100), a serial port, a USB device file.

Addresses are URLs: ``tcp://192.168.1.50:9100``, ``serial:///dev/ttyUSB0?baud=19200``
(``serial://COM3?baud=9600`` on Windows), ``file:///dev/usb/lp0``.
"""

from __future__ import annotations

import os
import select
import socket
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from kiosk.core.errors import KioskError


class PrinterOffline(KioskError):
    pass


def offline(address: str, exc: Exception) -> PrinterOffline:
    return PrinterOffline(
        f"连不上热敏打印机（{address}）。请检查打印机电源和连线（网线或USB线），再重新打印。",
        f"ESC/POS printer {address} unreachable: {exc}",
    )


class Transport(Protocol):
    def write(self, data: bytes) -> None: ...
    def ask(self, request: bytes, timeout_s: float) -> bytes:
        """Send ``request``, return the one answer byte (b"" if none came)."""
        ...

    def close(self) -> None: ...


class TcpTransport:
    def __init__(self, host: str, port: int, timeout_s: float = 5.0) -> None:
        self.sock = socket.create_connection((host, port), timeout=timeout_s)

    def write(self, data: bytes) -> None:
        self.sock.sendall(data)

    def ask(self, request: bytes, timeout_s: float) -> bytes:
        self.sock.sendall(request)
        self.sock.settimeout(timeout_s)
        try:
            return self.sock.recv(1)
        except TimeoutError:
            return b""

    def close(self) -> None:
        self.sock.close()


class SerialTransport:
    def __init__(self, port: str, baudrate: int) -> None:
        import serial

        self.line: Any = serial.Serial(port, baudrate, timeout=2, write_timeout=30)

    def write(self, data: bytes) -> None:
        self.line.write(data)
        self.line.flush()

    def ask(self, request: bytes, timeout_s: float) -> bytes:
        self.line.reset_input_buffer()
        self.line.write(request)
        self.line.timeout = timeout_s
        return bytes(self.line.read(1))

    def close(self) -> None:
        self.line.close()


class FileTransport:
    """A USB printer class device (/dev/usb/lp0): writes; status only if the printer answers."""

    def __init__(self, path: str) -> None:
        self.fd = os.open(path, os.O_RDWR | getattr(os, "O_NOCTTY", 0))

    def write(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            view = view[os.write(self.fd, view) :]

    def ask(self, request: bytes, timeout_s: float) -> bytes:
        self.write(request)
        try:
            ready, _, _ = select.select([self.fd], [], [], timeout_s)
            return os.read(self.fd, 1) if ready else b""
        except OSError:  # some lp drivers refuse reads
            return b""

    def close(self) -> None:
        os.close(self.fd)


def open_transport(address: str) -> Transport:
    url = urlsplit(address)
    try:
        if url.scheme == "tcp":
            return TcpTransport(url.hostname or "", url.port or 9100)
        if url.scheme == "serial":
            import serial

            baud = int(parse_qs(url.query).get("baud", ["19200"])[0])
            try:
                return SerialTransport(url.netloc or url.path, baud)
            except serial.SerialException as exc:
                raise offline(address, exc) from exc
        if url.scheme == "file":
            return FileTransport(url.path)
    except (OSError, ValueError) as exc:
        raise offline(address, exc) from exc
    raise KioskError(
        f"热敏打印机地址“{address}”写法不对。例：tcp://192.168.1.50:9100、"
        "serial:///dev/ttyUSB0?baud=19200、file:///dev/usb/lp0。",
        f"bad ESC/POS printer address {address!r}",
    )
