"""Hub database: SQLAlchemy engine for SQLite (default) or PostgreSQL (by URL), migrated at open."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from hub.migrate import upgrade_to_head
from kiosk.protocol.errors import InputError

T = TypeVar("T")


def check_url(url: str) -> str:
    """The backend of a database URL (sqlite or postgresql), or :class:`InputError`."""
    try:
        backend = make_url(url).get_backend_name()
    except Exception as exc:
        raise InputError(
            f"数据库地址格式不正确：{url.split('@')[-1]}",
            f"bad database URL ({type(exc).__name__})",
        ) from exc
    if backend not in ("sqlite", "postgresql"):
        raise InputError(
            "参考网关只支持 SQLite 和 PostgreSQL 数据库。", f"unsupported database {backend}"
        )
    return backend


class HubDatabase:
    def __init__(self, url: str, pool_size: int = 20) -> None:
        self.url = url
        self.backend = check_url(url)
        self.is_sqlite = self.backend == "sqlite"
        kwargs: dict[str, Any] = {}
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        else:
            kwargs.update(pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)
        self.engine: Engine = create_engine(url, **kwargs)
        if self.is_sqlite:

            @event.listens_for(self.engine, "connect")
            def _pragmas(dbapi_conn: Any, _rec: Any) -> None:
                dbapi_conn.isolation_level = None  # BEGIN IMMEDIATE below: one writer
                cur = dbapi_conn.cursor()
                cur.execute("PRAGMA journal_mode=WAL")
                cur.execute("PRAGMA synchronous=FULL")
                cur.execute("PRAGMA foreign_keys=ON")
                cur.execute("PRAGMA busy_timeout=30000")
                cur.close()

            @event.listens_for(self.engine, "begin")
            def _begin(conn: Any) -> None:
                conn.exec_driver_sql("BEGIN IMMEDIATE")

        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # SQLite allows one writer; serialising in-process avoids busy waits under load.
        self._write_lock: threading.Lock | None = threading.Lock() if self.is_sqlite else None
        upgrade_to_head(self.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction, committed on normal exit and rolled back on an exception."""
        if self._write_lock is None:
            with self._sessions() as s, s.begin():
                yield s
        else:
            with self._write_lock, self._sessions() as s, s.begin():
                yield s

    def retrying(self, fn: Callable[[Session], T], attempts: int = 4) -> T:
        """Run ``fn`` in a transaction; on a unique-key race with another request, run it again.

        ``fn`` must decide everything from what it reads, so a rerun sees the winner's row.
        """
        for attempt in range(attempts):
            try:
                with self.session() as s:
                    return fn(s)
            except IntegrityError:
                if attempt == attempts - 1:
                    raise
        raise AssertionError("unreachable")

    def close(self) -> None:
        self.engine.dispose()
