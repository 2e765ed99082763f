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
from kiosk.core.file_modes import PRIVATE_DIR, create_private
from kiosk.store.db_file import DB_FILE as DB_FILE
from kiosk.store.integrity import BackgroundCheck, take_started
from kiosk.store.migrate import is_current, upgrade_to_head

log = logging.getLogger(__name__)


def sql_time(moment: dt.datetime) -> str:
    """A naive UTC time as SQLAlchemy's SQLite DateTime stores it (for plain DBAPI writes)."""
    return moment.strftime("%Y-%m-%d %H:%M:%S.%f")


def session_sqlite(s: Session) -> sqlite3.Connection:
    """The plain sqlite3 connection under a write session (``Database.write``), inside the
    session's own transaction: for a few prepared statements among ORM work."""
    conn = s.connection().connection.driver_connection
    assert isinstance(conn, sqlite3.Connection)
    return conn


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


class DatabaseClosed(KioskError):
    def __init__(self) -> None:
        super().__init__(
            "本机数据库已关闭（程序正在退出或切换站点），这一步没有执行。请重新打开程序后再试。",
            "the station database is closed",
        )


class DatabaseBusy(KioskError):
    def __init__(self, users: int) -> None:
        super().__init__(
            "还有后台操作正在使用本机数据库，暂时不能关闭。请稍候再试。",
            f"database still in use by {users} operation(s); not closed",
        )


CLOSE_WAIT_SECONDS = 10.0


class Database:
    """Readers are free (WAL); writes go through :meth:`write`, one at a time per process.

    Every session is counted while it is open: :meth:`close` waits (bounded) for the last
    one and refuses rather than close a connection another thread is using; once closed,
    a new session is an error, not a silent reconnect.
    """

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self.engine = _make_engine(path, read_only)
        self._writer = self.engine.execution_options(writer=True)
        self._read_sessions = sessionmaker(self.engine, expire_on_commit=False)
        self._write_sessions = sessionmaker(self._writer, expire_on_commit=False)
        self._write_lock = threading.RLock()
        self._users = 0
        self._idle = threading.Condition()
        self._closed = False
        self._check: BackgroundCheck | None = None  # a quick check still running: no write yet

    @classmethod
    def open(cls, data_dir: Path, check: bool = True, check_later: bool = False) -> Database:
        """Open (creating or migrating) the station database; quick integrity check first.

        ``check_later`` (the desk app's start): when no migration is due, the check runs in
        a thread instead and every write waits for it (and is refused if it failed), so
        reading (the login, the dashboard) does not wait for a read of the whole file."""
        data_dir.mkdir(mode=PRIVATE_DIR, parents=True, exist_ok=True)
        create_private(data_dir / DB_FILE)  # 0600; SQLite gives its WAL and SHM the same mode
        db = cls(data_dir / DB_FILE)
        later = False
        started = take_started(db.path)  # already running (kiosk.store.integrity.start_early)
        try:
            with db.engine.connect() as conn:
                raw = conn.connection.dbapi_connection
                assert raw is not None
                if check and check_later:
                    later = is_current(conn)
                    conn.rollback()  # that read began a transaction: end it before the pragmas
                if check and not later:  # (a migration only ever runs on a sound file)
                    if started is not None:
                        problems = started.problems() or ["ok"]
                    else:
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
        if later:
            db._check = started or BackgroundCheck(db.path)
        return db

    def ensure_sound(self) -> None:
        """Raises :class:`DatabaseCorrupt` if the integrity check failed; waits for it if it
        is still running (at once otherwise). Every write passes here first."""
        check = self._check
        if check is None:
            return
        problems = check.problems()
        if problems:
            raise DatabaseCorrupt(self.path, "; ".join(problems[:3]))
        self._check = None

    @classmethod
    def open_read_only(cls, path: Path) -> Database:
        """An existing database file as it is, for looking only (``kiosk doctor``): no
        integrity check, no migration, and every write fails."""
        return cls(path, read_only=True)

    @contextmanager
    def _in_use(self) -> Iterator[None]:
        with self._idle:
            if self._closed:
                raise DatabaseClosed()
            self._users += 1
        try:
            yield
        finally:
            with self._idle:
                self._users -= 1
                if not self._users:
                    self._idle.notify_all()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._in_use(), self._read_sessions() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction: committed (and fsynced, synchronous=FULL) on normal exit."""
        self.ensure_sound()
        with self._in_use(), self._write_lock, self._write_sessions() as session, session.begin():
            yield session

    @contextmanager
    def read_raw(self) -> Iterator[sqlite3.Connection]:
        """A plain sqlite3 connection for a few reads on a hot path (each statement sees one
        committed state: WAL readers never wait for the writer)."""
        with self._in_use():
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
        self.ensure_sound()
        with self._in_use(), self._write_lock:
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

    def close(self, wait_seconds: float = CLOSE_WAIT_SECONDS) -> None:
        """No new sessions; wait up to ``wait_seconds`` for the open ones, then close every
        connection. Raises :class:`DatabaseBusy` (and stays open for the sessions still
        running) if some are still open then."""
        with self._idle:
            self._closed = True
            if not self._idle.wait_for(lambda: self._users == 0, timeout=wait_seconds):
                raise DatabaseBusy(self._users)
        if self._check is not None:
            self._check.cancel()
        self.engine.dispose()

    @property
    def closed(self) -> bool:
        return self._closed
