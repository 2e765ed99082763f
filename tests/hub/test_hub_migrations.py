"""The hub's schema comes from its Alembic revisions, and they match the models exactly."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from hub.db import HubDatabase
from hub.migrate import head_revision
from hub.models import Base

pytestmark = pytest.mark.slow


def test_migrations_build_the_models_schema(hub_db_url):
    db = HubDatabase(hub_db_url)  # migrates on open
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn)
        assert ctx.get_current_revision() == head_revision()
        assert compare_metadata(ctx, Base.metadata) == []
        assert "alembic_version" in inspect(conn).get_table_names()
    db.close()
    HubDatabase(hub_db_url).close()  # opening again is a no-op
