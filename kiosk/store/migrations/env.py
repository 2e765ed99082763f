"""Alembic environment: always run on a connection handed over by kiosk.store.migrate."""

from __future__ import annotations

from alembic import context

from kiosk.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through kiosk.store.migrate.upgrade_to_head")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
