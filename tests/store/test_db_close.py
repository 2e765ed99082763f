"""Closing the database never pulls a connection from under a thread."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from kiosk.store.db import Database, DatabaseBusy, DatabaseClosed


def test_close_waits_for_a_session_in_flight_then_refuses_new_ones(tmp_path):
    db = Database.open(tmp_path)
    inside, release = threading.Event(), threading.Event()
    done: list[int] = []

    def reader() -> None:
        with db.read() as s:
            inside.set()
            release.wait(5)
            done.append(s.execute(text("SELECT 1")).scalar_one())  # still usable

    t = threading.Thread(target=reader)
    t.start()
    assert inside.wait(5)
    threading.Timer(0.3, release.set).start()
    t0 = time.monotonic()
    db.close(wait_seconds=5)
    assert time.monotonic() - t0 >= 0.25  # it waited for the reader
    t.join(5)
    assert done == [1]
    with pytest.raises(DatabaseClosed), db.read():
        pass
    with pytest.raises(DatabaseClosed), db.write_raw():
        pass


def test_close_refuses_while_a_writer_does_not_finish(tmp_path):
    db = Database.open(tmp_path)
    inside, release = threading.Event(), threading.Event()

    def writer() -> None:
        with db.write() as s:
            inside.set()
            release.wait(10)
            s.execute(text("CREATE TABLE t (x)"))

    t = threading.Thread(target=writer)
    t.start()
    assert inside.wait(5)
    with pytest.raises(DatabaseBusy) as refused:
        db.close(wait_seconds=0.2)
    assert "后台操作" in refused.value.zh
    release.set()
    t.join(5)  # the writer finished its transaction on a connection that stayed open
    db.close(wait_seconds=1)
    reopened = Database.open(tmp_path)
    with reopened.read() as s:
        assert s.execute(text("SELECT count(*) FROM t")).scalar_one() == 0
    reopened.close()
