"""Every schema change is an Alembic revision; old databases upgrade with their data."""

import datetime as dt

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, text

from kiosk.store.db import Database
from kiosk.store.migrate import current_revision, head_revision, upgrade_to_head
from kiosk.store.models import Base


def test_models_match_the_migrations(tmp_path):
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    with engine.begin() as conn:
        upgrade_to_head(conn)
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []


def test_first_revision_with_data_upgrades_to_head(tmp_path):
    path = tmp_path / "kiosk.sqlite3"
    engine = create_engine(f"sqlite:///{path}")
    now = dt.datetime(2026, 1, 5, 8, 30)
    with engine.begin() as conn:
        upgrade_to_head(conn, "0001")
        assert current_revision(conn) == "0001"
        conn.execute(
            text(
                "insert into application (id, item_code, item_name, form_version, status,"
                " payload_enc, attempts, created_by, created_at, updated_at)"
                " values ('a1', '330000-20-0001', "
                "'城乡居民基本养老保险参保登记', 1, 'queued', x'01', 0, 'wang', :now, :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "insert into status_event (application_id, from_status, to_status, at, actor,"
                " reason) values ('a1', 'draft', 'queued', :now, 'wang', '提交')"
            ),
            {"now": now},
        )
        # every other table of the first revision holds a row too
        conn.execute(
            text(
                "insert into agent (name, role, pin_hash, failed_attempts, active, created_at)"
                " values ('wang', 'agent', 'scrypt$x', 2, 1, :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "insert into station (code, name, device_id, hub_url, enrolled_at) values"
                " ('330106001001', '示范村代办点', 'dev-1', 'https://hub.example', :now)"
            ),
            {"now": now},
        )
        conn.execute(
            text(
                "insert into attachment (application_id, sha256, size, mime, filename_enc,"
                " material, uploaded) values ('a1', :sha, 10, 'application/pdf', x'01',"
                " '户口簿', 0)"
            ),
            {"sha": "ab" * 32},
        )
        conn.execute(text("insert into sync_state (key, value) values ('cursor', '42')"))
    engine.dispose()
    db = Database.open(tmp_path)
    with db.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        row = conn.execute(text("select status, revision, resident_id from application")).one()
        assert tuple(row) == ("queued", 0, None)
        assert conn.execute(text("select count(*) from status_event")).scalar() == 1
        agent = conn.execute(text("select name, role, failed_attempts from agent")).one()
        assert tuple(agent) == ("wang", "agent", 2)
        station = conn.execute(text("select code, device_id from station")).one()
        assert tuple(station) == ("330106001001", "dev-1")
        att = conn.execute(text("select application_id, material, uploaded from attachment"))
        assert tuple(att.one()) == ("a1", "户口簿", 0)
        cursor = conn.execute(text("select value from sync_state where key='cursor'"))
        assert cursor.scalar() == "42"
        assert conn.execute(text("pragma foreign_key_check")).all() == []
    db.close()


def test_the_start_up_shortcut_knows_the_head_revision(tmp_path):
    """Start-up skips Alembic when the schema is current, judged by the files' numbers."""
    from kiosk.store.migrate import is_current, numbered_head

    assert numbered_head() == head_revision()
    engine = create_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    with engine.begin() as conn:
        assert not is_current(conn)  # empty database
        assert upgrade_to_head(conn) is True
        assert is_current(conn)
        assert upgrade_to_head(conn) is False  # nothing to do the second time
