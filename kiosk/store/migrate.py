"""Run the Alembic migrations that ship inside the package (numbered revisions).

Alembic is imported only when there is something to do: at an ordinary start the schema is
current, which one query against ``alembic_version`` and the revision files' numbers tell
(``NNNN_name.py`` holds revision ``"NNNN"``; tests/store/test_migrations.py keeps the two in
step), and importing Alembic would cost a tenth of a second on a slow PC.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@cache
def numbered_head() -> str:
    """The newest revision, by file name (no Alembic import)."""
    numbers = [p.name[:4] for p in (MIGRATIONS_DIR / "versions").glob("[0-9][0-9][0-9][0-9]_*.py")]
    return max(numbers)


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _stored_revision(conn: Connection) -> str | None:
    try:
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except OperationalError:  # a new, empty database
        return None
    return rows[0][0] if len(rows) == 1 else None


def is_current(conn: Connection) -> bool:
    return _stored_revision(conn) == numbered_head()


def upgrade_to_head(conn: Connection, target: str = "head") -> bool:
    """Bring the schema to ``target``. Returns whether any migration ran."""
    if target == "head" and is_current(conn):
        return False
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)
    return True
