"""``kiosk-hub serve --workers N``: several hub processes on one socket and one PostgreSQL.

The parent binds the socket, brings the schema to head and publishes the shipped catalog
once, then uvicorn's supervisor starts N worker processes that accept on that socket (the
kernel hands each connection to one of them) and restarts a worker that dies. Nothing a
request needs lives in a worker's memory: enrolment codes, tokens, upload offsets, the
feed's sequences, case numbers and the catalog version are read from the database in the
request's transaction (docs/protocol.md "Several hub processes"), so the same holds for
several hosts behind any HTTP load balancer.
"""

from __future__ import annotations

import os
from pathlib import Path

from fastapi import FastAPI
from uvicorn.supervisors import Multiprocess

from hub.app import create_app
from hub.db import HubDatabase, check_url
from hub.server import Simulator, _bind, _config
from hub.service import HubService
from kiosk.core.catalog import Catalog
from kiosk.protocol.atomic import atomic_write_text
from kiosk.protocol.errors import InputError

WORKER_DB_ENV = "KIOSK_HUB_WORKER_DB"


def worker_app() -> FastAPI:
    """The app of one worker process (uvicorn's factory; the parent has already seeded)."""
    return create_app(os.environ[WORKER_DB_ENV], seed=False)


def serve_workers(
    db_url: str,
    host: str,
    port: int,
    workers: int,
    port_file: Path | None = None,
    simulate: float | None = None,
    ssl_certfile: str | None = None,
    ssl_keyfile: str | None = None,
) -> None:
    if check_url(db_url) != "postgresql":
        raise InputError(
            "多进程运行省级网关需要 PostgreSQL 数据库，请用 --db postgresql+psycopg://… "
            "或去掉 --workers。",
            "--workers > 1 needs PostgreSQL (SQLite has one writer)",
        )
    db = HubDatabase(db_url, pool_size=2)  # migrates (under an advisory lock)
    service = HubService(db, Catalog.shipped())  # seeds the catalog once, before any worker
    sock = _bind(host, port)
    os.environ[WORKER_DB_ENV] = db_url
    config = _config(
        "hub.workers:worker_app",
        factory=True,
        workers=workers,
        ssl_certfile=ssl_certfile,
        ssl_keyfile=ssl_keyfile,
    )
    if simulate:  # one back office for all workers
        Simulator(service, simulate).start()
    else:
        db.close()
    if port_file:
        atomic_write_text(port_file, str(sock.getsockname()[1]), mode=0o644)
    Multiprocess(config, sockets=[sock]).run()
