import shutil
import sqlite3
import subprocess

import pytest

from tests.conftest import AGENT, PENSION, PIN


@pytest.fixture
def busy_ctx(ctx, resident):
    ctx.agents.authenticate(AGENT, PIN)
    for _ in range(3):
        ctx.applications.submit(PENSION, resident, AGENT)
    return ctx


def sqlite_shell(db, sql):
    exe = shutil.which("sqlite3")
    if exe is None:  # the sqlite3 shell is in scripts/debian-test.txt; fall back to the module
        with sqlite3.connect(db) as conn:
            conn.executescript(sql)
        return
    subprocess.run([exe, str(db), sql], check=True)


def test_intact_trail_verifies(busy_ctx):
    report = busy_ctx.audit.verify(busy_ctx.db)
    assert report.ok and report.count >= 5, report


def test_edited_row_is_caught(busy_ctx):
    sqlite_shell(busy_ctx.db.path, "update audit_event set actor='someone' where id=3;")
    report = busy_ctx.audit.verify(busy_ctx.db)
    assert not report.ok and report.first_broken_id == 3
    assert "第 3 条" in report.message_zh


def test_deleted_middle_row_is_caught(busy_ctx):
    sqlite_shell(busy_ctx.db.path, "delete from audit_event where id=2;")
    report = busy_ctx.audit.verify(busy_ctx.db)
    assert not report.ok and report.first_broken_id == 2


def test_cut_off_tail_is_caught(busy_ctx):
    sqlite_shell(
        busy_ctx.db.path, "delete from audit_event where id=(select max(id) from audit_event);"
    )
    report = busy_ctx.audit.verify(busy_ctx.db)
    assert not report.ok and "末尾" in report.reason


def test_resealing_without_the_key_is_caught(busy_ctx):
    # copy row 2's mac onto an edited row 2: the chain to row 3 then breaks
    sqlite_shell(busy_ctx.db.path, "update audit_event set detail='x' where id=2;")
    assert not busy_ctx.audit.verify(busy_ctx.db).ok


def test_emptied_trail_is_caught(busy_ctx):
    sqlite_shell(
        busy_ctx.db.path,
        "delete from audit_event; delete from sync_state where key='audit_anchor';",
    )
    report = busy_ctx.audit.verify(busy_ctx.db)
    assert not report.ok and report.reason == "审计记录全部缺失"


def test_a_new_station_with_nothing_done_verifies(tmp_path):
    from kiosk.context import open_context

    ctx = open_context(tmp_path / "new", demo=True)
    assert ctx.audit.verify(ctx.db).ok
    ctx.close()
