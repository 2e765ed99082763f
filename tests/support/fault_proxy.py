"""A small HTTP/1.1 proxy between kiosk and hub that misbehaves on purpose, under a seed.

Per request it forwards faithfully or, with the plan's probabilities:

* ``drop_request``  – closes while the request is on its way (part of the body forwarded:
  the hub never gets a whole request);
* ``drop_response`` – lets the hub process the request, then closes part-way through
  sending its answer (head or body): the classic "did it arrive?" case;
* ``truncate``      – sends the answer's head with its Content-Length, then a short body;
* ``stall``         – lets the hub process it, then holds the answer past the client's timeout;
* ``error_500/502/503`` – answers with a proxy error page, before or (half the time) after
  the hub processed the request; 503s carry ``Retry-After`` half the time;
* ``captive``       – answers 200 with an HTML login page, as a captive portal does;
* ``refuse``        – accepts the connection and closes it at once.

``down = True`` refuses every connection (the network is gone). Every decision is
logged in ``events`` so a failing seed can be replayed and explained.
"""

from __future__ import annotations

import contextlib
import random
import socket
import threading
import time
from dataclasses import dataclass, fields

CAPTIVE_PAGE = (
    "<!DOCTYPE html><html><head><title>上网认证</title></head>"
    "<body><h1>欢迎使用村村通无线网络</h1><p>请输入手机号码获取验证码后上网。</p></body></html>"
).encode()


@dataclass
class FaultPlan:
    drop_request: float = 0.0
    drop_response: float = 0.0
    truncate: float = 0.0
    stall: float = 0.0
    error_500: float = 0.0
    error_502: float = 0.0
    error_503: float = 0.0
    captive: float = 0.0
    refuse: float = 0.0
    stall_seconds: float = 5.0

    @classmethod
    def chaos(cls, level: float = 1.0) -> FaultPlan:
        """A bit of everything: about a third of requests go wrong at level 1."""
        return cls(
            drop_request=0.05 * level,
            drop_response=0.06 * level,
            truncate=0.03 * level,
            stall=0.02 * level,
            error_500=0.03 * level,
            error_502=0.03 * level,
            error_503=0.06 * level,
            captive=0.03 * level,
            refuse=0.02 * level,
        )

    def faults(self) -> list[tuple[str, float]]:
        return [(f.name, getattr(self, f.name)) for f in fields(self) if f.name != "stall_seconds"]


class _Closed(Exception):
    pass


def _read_until(sock: socket.socket, buf: bytearray, marker: bytes, limit: int = 1 << 16) -> bytes:
    while marker not in buf:
        if len(buf) > limit:
            raise _Closed("head too long")
        data = sock.recv(65536)
        if not data:
            raise _Closed("eof")
        buf.extend(data)
    idx = buf.index(marker) + len(marker)
    head = bytes(buf[:idx])
    del buf[:idx]
    return head


def _read_exact(sock: socket.socket, buf: bytearray, n: int) -> bytes:
    while len(buf) < n:
        data = sock.recv(max(65536, n - len(buf)))
        if not data:
            raise _Closed("eof in body")
        buf.extend(data)
    out = bytes(buf[:n])
    del buf[:n]
    return out


def _read_chunked(sock: socket.socket, buf: bytearray) -> bytes:
    out = bytearray()
    while True:
        line = _read_until(sock, buf, b"\r\n")
        out += line
        size = int(line.split(b";")[0].strip() or b"0", 16)
        if size == 0:
            out += _read_until(sock, buf, b"\r\n")  # (no trailers from our peers)
            return bytes(out)
        out += _read_exact(sock, buf, size + 2)


def _headers(head: bytes) -> tuple[str, dict[str, str]]:
    lines = head.decode("latin-1").split("\r\n")
    out: dict[str, str] = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            out[k.strip().lower()] = v.strip()
    return lines[0], out


def _read_message(
    sock: socket.socket, buf: bytearray, *, request: bool, method: str = ""
) -> tuple[bytes, bytes, dict[str, str], str]:
    """(head, body, headers, start line) of one HTTP/1.1 message."""
    head = _read_until(sock, buf, b"\r\n\r\n")
    start, hdrs = _headers(head)
    if not request:
        status = int(start.split()[1])
        if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
            return head, b"", hdrs, start
    if hdrs.get("transfer-encoding", "").lower() == "chunked":
        body = _read_chunked(sock, buf)
    elif "content-length" in hdrs:
        body = _read_exact(sock, buf, int(hdrs["content-length"]))
    elif request:
        body = b""
    else:  # until the server closes
        chunks = [bytes(buf)]
        buf.clear()
        while data := sock.recv(65536):
            chunks.append(data)
        body = b"".join(chunks)
    return head, body, hdrs, start


def _canned(status: int, reason: str, body: bytes, ctype: str, extra: str = "") -> bytes:
    return (
        f"HTTP/1.1 {status} {reason}\r\nContent-Type: {ctype}\r\n"
        f"Content-Length: {len(body)}\r\n{extra}Connection: close\r\n\r\n"
    ).encode() + body


class FaultProxy:
    def __init__(self, upstream: tuple[str, int], seed: int, plan: FaultPlan | None = None) -> None:
        self.upstream = upstream
        self.plan = plan or FaultPlan()
        self.down = False
        # forced faults for the next requests, in order: "captive", "error_503:2" (with
        # Retry-After: 2), "drop_response:0.5" (cut at half), "error_502_after", "ok" …
        self.script: list[str] = []
        self.events: list[tuple[int, str, str, str]] = []
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port: int = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True, name="fault-proxy")
        self._conns: set[socket.socket] = set()

    # --- lifecycle -------------------------------------------------------------------------
    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        self._thread.join(timeout=5)
        self._sock.close()
        with self._lock:
            for c in list(self._conns):
                _close(c)

    def __enter__(self) -> FaultProxy:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        with self._lock:
            for *_rest, fault in self.events:
                out[fault] = out.get(fault, 0) + 1
        return out

    # --- serving ---------------------------------------------------------------------------
    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                client, _ = self._sock.accept()
            except OSError:
                return
            if self._stop.is_set():
                _close(client)
                return
            threading.Thread(target=self._handle, args=(client,), daemon=True).start()

    def _decide(self, method: str, path: str) -> tuple[str, float, int | None]:
        with self._lock:
            if self.script:
                name, _, arg = self.script.pop(0).partition(":")
                value = float(arg) if arg else None
                self.events.append((len(self.events), method, path, name))
                return name, value if value is not None else 0.5, int(value) if value else None
            roll = self._rng.random()
            fault = "ok"
            acc = 0.0
            for name, p in self.plan.faults():
                acc += p
                if roll < acc:
                    fault = name
                    break
            after = self._rng.random() < 0.5
            cut = self._rng.random()
            if fault.startswith("error_") and after:
                fault += "_after"
            retry_after = self._rng.choice([None, 1, 2])
            self.events.append((len(self.events), method, path, fault))
            return fault, cut, retry_after

    def _handle(self, client: socket.socket) -> None:
        upstream: socket.socket | None = None
        with self._lock:
            self._conns.add(client)
        cbuf, ubuf = bytearray(), bytearray()
        try:
            if self.down:
                return
            while not self._stop.is_set():
                try:
                    head, body, _hdrs, start = _read_message(client, cbuf, request=True)
                except _Closed:
                    return
                method, path = start.split()[0], start.split()[1]
                fault, cut, retry_after = self._decide(method, path)
                if fault == "refuse" or self.down:
                    return
                if fault == "captive":
                    client.sendall(_canned(200, "OK", CAPTIVE_PAGE, "text/html; charset=utf-8"))
                    return
                if fault in ("error_500", "error_502", "error_503"):
                    client.sendall(self._error(fault, retry_after))
                    return
                if upstream is None:
                    upstream = socket.create_connection(self.upstream, timeout=60)
                    with self._lock:
                        self._conns.add(upstream)
                request = head + body
                if fault == "drop_request":
                    keep = int(len(head) + len(body) * cut) if body else int(len(head) * cut)
                    upstream.sendall(request[: max(0, min(keep, len(request) - 1))])
                    return
                upstream.sendall(request)
                rhead, rbody, rhdrs, _ = _read_message(upstream, ubuf, request=False, method=method)
                answer = rhead + rbody
                if fault == "drop_response":
                    client.sendall(answer[: int(len(answer) * cut)])
                    return
                if fault == "truncate":
                    client.sendall(rhead + rbody[: int(len(rbody) * cut * 0.9)])
                    return
                if fault == "stall":
                    time.sleep(self.plan.stall_seconds)
                    return
                if fault.endswith("_after"):
                    client.sendall(self._error(fault.removesuffix("_after"), retry_after))
                    return
                client.sendall(answer)
                if rhdrs.get("connection", "").lower() == "close":
                    return
        except (OSError, _Closed, ValueError, IndexError):
            return
        finally:
            for s in (client, upstream):
                if s is not None:
                    _close(s)
                    with self._lock:
                        self._conns.discard(s)

    @staticmethod
    def _error(fault: str, retry_after: int | None) -> bytes:
        status = int(fault.removeprefix("error_"))
        reason = {500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"}
        extra = f"Retry-After: {retry_after}\r\n" if status == 503 and retry_after else ""
        page = f"<html><body><h1>{status} {reason[status]}</h1></body></html>".encode()
        return _canned(status, reason[status], page, "text/html", extra)


def _close(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    with contextlib.suppress(OSError):
        sock.close()
