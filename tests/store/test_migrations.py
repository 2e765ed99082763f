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
    engine.dispose()
    db = Database.open(tmp_path)
    with db.engine.connect() as conn:
        assert current_revision(conn) == head_revision()
        row = conn.execute(text("select status, revision, resident_id from application")).one()
        assert tuple(row) == ("queued", 0, None)
        assert conn.execute(text("select count(*) from status_event")).scalar() == 1
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
