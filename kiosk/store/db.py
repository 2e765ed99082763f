"""The station database: engine with WAL + pragmas, one writer at a time, migrations at open."""

from __future__ import annotations

import datetime as dt
import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from kiosk.core.errors import KioskError
from kiosk.store.migrate import upgrade_to_head

log = logging.getLogger(__name__)

DB_FILE = "kiosk.sqlite3"


def sql_time(moment: dt.datetime) -> str:
    """A naive UTC time as SQLAlchemy's SQLite DateTime stores it (for plain DBAPI writes)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def from_sql_time(text: str) -> dt.datetime:
    """The inverse of :func:`sql_time` (for times read with plain DBAPI statements)."""
    return dt.datetime.fromisoformat(text)


def _make_engine(path: Path, read_only: bool = False) -> Engine:
    if read_only:  # SQLite itself refuses every write; nothing is created or migrated
        uri = f"{path.resolve().as_uri()}?mode=ro"
        engine = create_engine(
            "sqlite://",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30),
            poolclass=NullPool,
        )
    else:
        engine = create_engine(
            f"sqlite:///{path}",
            connect_args={"check_same_thread": False, "timeout": 30},
        )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        cur = dbapi_conn.cursor()
        if not read_only:
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the RESERVED lock up front so two processes never deadlock upgrading.
        mode = "IMMEDIATE" if conn.get_execution_options().get("writer") else "DEFERRED"
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


class DatabaseCorrupt(KioskError):
    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            "本机数据库文件已损坏，暂时无法使用。请技术员运行“kiosk restore --latest”"
            "从最近的自动备份恢复（损坏的文件会保留备查），或联系县级技术支持。",
            f"database {path.name} failed its integrity check: {detail}",
        )


class Database:
    """Readers are free (WAL); writes go through :meth:`write`, one at a time per process."""

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.engine = _make_engine(path, read_only)
        self._writer = self.engine.execution_options(writer=True)
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._write_lock = threading.RLock()

    @classmethod
    def open(cls, data_dir: Path, check: bool = True) -> Database:
        """Open (creating or migrating) the station database; quick integrity check first."""
        data_dir.mkdir(parents=True, exist_ok=True)
        db = cls(data_dir / DB_FILE)
        try:
            with db.engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                assert raw is not None
                if check:
                    problems = [r[0] for r in raw.execute("PRAGMA quick_check")]
                    if problems != ["ok"]:
                        raise DatabaseCorrupt(db.path, "; ".join(problems[:3]))
                # SQLite rebuilds tables to alter them; foreign keys must be off meanwhile
                # (and can only be switched outside a transaction).
                raw.execute("PRAGMA foreign_keys=OFF")
                try:
                    with conn.begin():
                        # after a migration rebuilt tables, check the references it moved
                        if upgrade_to_head(conn):
                            broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
                            if broken:
                                raise DatabaseCorrupt(db.path, f"foreign key check: {broken[:3]}")
                finally:
                    raw.execute("PRAGMA foreign_keys=ON")
        except DBAPIError as exc:
            db.close()
            raise DatabaseCorrupt(db.path, str(exc.orig)) from exc
        except DatabaseCorrupt:
            db.close()
            raise
        return db

    @classmethod
    def open_read_only(cls, path: Path) -> Database:
        """An existing database file as it is, for looking only (``kiosk doctor``): no
        integrity check, no migration, and every write fails."""
        return cls(path, read_only=True)

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read_sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed (and fsynced, synchronous=FULL) on normal exit."""
        with self._write_lock, self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def read_raw(self) -> Iterator[sqlite3.Connection]:
        """A plain sqlite3 connection for a few reads on a hot path (each statement sees one
        committed state: WAL readers never wait for the writer)."""
        proxy = self.engine.raw_connection()
        try:
            conn = proxy.driver_connection
            assert isinstance(conn, sqlite3.Connection)
            yield conn
        finally:
            proxy.close()

    @contextmanager
    def write_raw(self) -> Iterator[sqlite3.Connection]:
        """The same one-writer transaction as :meth:`write`, as a plain sqlite3 connection.

        For the hot path (queueing an application): a handful of prepared statements without
        the Session and Core layers. Committed (fsynced, synchronous=FULL) on normal exit,
        rolled back on an exception. Times must go in as :func:`sql_time` strings.
        """
        with self._write_lock:
            proxy = self._writer.raw_connection()
            try:
                conn = proxy.driver_connection
                assert isinstance(conn, sqlite3.Connection)
                conn.execute("BEGIN IMMEDIATE")
                try:
                    yield conn
                except BaseException:
                    if conn.in_transaction:  # SQLite may already have rolled back (disk full)
                        conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            finally:
                proxy.close()

    def close(self) -> None:
        self.engine.dispose()
