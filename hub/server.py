"""Run the hub with uvicorn: in the foreground, or in a background thread (tests, demo)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI

from hub.app import create_app
from hub.connections import MAX_HEADER_BYTES, guarded_protocol
from hub.service import HubService
from kiosk.protocol.atomic import atomic_write_text

log = logging.getLogger(__name__)


def _bind(host: str, port: int) -> socket.socket:
    # proto=IPPROTO_TCP matters: asyncio sets TCP_NODELAY on accepted connections only for
    # sockets that say so, and without it every answer waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    return sock


def _config(app: FastAPI | str, limits: dict[str, Any] | None = None, **kw: Any) -> uvicorn.Config:
    """Served with deadlines for headers and bodies and a connection cap (hub/connections.py);
    ``limits``: other values for ``guarded_protocol`` (tests use short ones)."""
    return uvicorn.Config(
        app,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=30,
        http=guarded_protocol(**(limits or {})),
        h11_max_incomplete_event_size=MAX_HEADER_BYTES,
        **kw,
    )


class Simulator:
    """Simulation mode: the back office moves open cases one step every ``interval`` seconds."""

    def __init__(self, service: HubService, interval: float) -> None:
        self._service = service
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True, name="hub-simulator")

    def start(self) -> Simulator:
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            try:
                moved = self._service.simulate_step()
                if moved:
                    log.info("simulation: %d cases moved on", moved)
            except Exception:  # a simulation hiccup must not take the hub down
                log.exception("simulation step failed")

    def stop(self) -> None:
        self._stop.set()


def serve_forever(
    db_url: str,
    host: str,
    port: int,
    port_file: Path | None = None,
    simulate: float | None = None,
    ssl_certfile: str | None = None,
    ssl_keyfile: str | None = None,
    notify_file: Path | None = None,
) -> None:
    sock = _bind(host, port)
    app = create_app(db_url)
    if simulate:
        Simulator(app.state.service, simulate).start()
    if notify_file:
        from hub.notifications import FileSender
        from hub.notifier import Notifier

        Notifier(app.state.service, FileSender(notify_file)).start()
    server = uvicorn.Server(_config(app, ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile))
    if port_file:
        atomic_write_text(port_file, str(sock.getsockname()[1]), mode=0o644)
    server.run(sockets=[sock])


class BackgroundHub:
    """A real hub on a loopback port, in a thread of this process."""

    def __init__(
        self,
        db_url: str,
        host: str = "127.0.0.1",
        port: int = 0,
        ssl_certfile: str | None = None,
        ssl_keyfile: str | None = None,
        limits: dict[str, Any] | None = None,
    ) -> None:
        self._sock = _bind(host, port)
        self.port: int = self._sock.getsockname()[1]
        scheme = "https" if ssl_certfile else "http"
        self.url = f"{scheme}://{host}:{self.port}"
        self.fastapi = create_app(db_url)
        self.config = _config(
            self.fastapi, limits, ssl_certfile=ssl_certfile, ssl_keyfile=ssl_keyfile
        )
        self._server = uvicorn.Server(self.config)
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [self._sock]}, daemon=True, name="hub"
        )

    def start(self) -> BackgroundHub:
        self._thread.start()
        deadline = time.monotonic() + 15
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("hub did not start")
            time.sleep(0.02)
        return self

    @property
    def service(self) -> HubService:
        service: HubService = self.fastapi.state.service
        return service

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=10)
        self._sock.close()
        self.service.db.close()

    def __enter__(self) -> BackgroundHub:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()
