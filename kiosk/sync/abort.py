"""Requests that another thread can stop at once (the station is closing mid-sync).

Closing a socket from another thread does not wake a thread blocked reading it; shutting it
down does. The transport below remembers the sockets of its connections and, on
:meth:`AbortableTransport.abort`, shuts every one down: the request in flight fails at once
as a dropped connection (its items are simply sent again: the hub answers ``duplicate``),
and no new connection is opened afterwards.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import ssl
import threading
import typing
import weakref
from collections.abc import Iterable

import httpcore
import httpx

log = logging.getLogger(__name__)


class _TrackedStream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream, owner: _AbortableBackend) -> None:
        self._inner = inner
        self._owner = owner
        owner.track(self)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, timeout)

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, timeout)

    def close(self) -> None:
        self._inner.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        return _TrackedStream(
            self._inner.start_tls(ssl_context, server_hostname, timeout), self._owner
        )

    def get_extra_info(self, info: str) -> typing.Any:
        return self._inner.get_extra_info(info)

    def shutdown(self) -> None:
        sock = self._inner.get_extra_info("socket")
        if isinstance(sock, socket.socket):
            with contextlib.suppress(OSError):  # already closed or never connected
                sock.shutdown(socket.SHUT_RDWR)


class _AbortableBackend(httpcore.NetworkBackend):
    def __init__(self) -> None:
        self._inner = httpcore.SyncBackend()
        self._streams: weakref.WeakSet[_TrackedStream] = weakref.WeakSet()
        self._lock = threading.Lock()
        self.aborted = False

    def track(self, stream: _TrackedStream) -> None:
        with self._lock:
            self._streams.add(stream)

    def _refuse_if_aborted(self) -> None:
        if self.aborted:
            raise httpcore.ConnectError("the station is closing: no new connections")

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        self._refuse_if_aborted()
        stream = self._inner.connect_tcp(host, port, timeout, local_address, socket_options)
        return _TrackedStream(stream, self)

    def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.NetworkStream:
        self._refuse_if_aborted()
        return _TrackedStream(self._inner.connect_unix_socket(path, timeout, socket_options), self)

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)

    def abort(self) -> None:
        with self._lock:
            self.aborted = True
            streams = list(self._streams)
        for stream in streams:
            stream.shutdown()
        if streams:
            log.info("aborted %d open hub connection(s)", len(streams))


class AbortableTransport(httpx.HTTPTransport):
    """``httpx.HTTPTransport`` whose connections :meth:`abort` can cut from any thread."""

    def __init__(self, **kwargs: typing.Any) -> None:
        super().__init__(**kwargs)
        self._backend = _AbortableBackend()
        # httpx does not take a network backend; its pool has opened nothing yet
        self._pool._network_backend = self._backend

    def abort(self) -> None:
        self._backend.abort()

    @property
    def aborted(self) -> bool:
        return self._backend.aborted
