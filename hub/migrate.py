"""The hub's own Alembic migrations (``hub/migrations``), separate from the kiosk's."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database to the newest schema (a no-op when it is already there)."""
    with engine.connect() as conn:
        if current_revision(conn) == head_revision():
            return
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            # two hub processes starting at once must not both run the migrations
            conn.exec_driver_sql("SELECT pg_advisory_xact_lock(774411)")
        cfg = alembic_config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
