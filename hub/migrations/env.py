"""Alembic environment of the hub: always run on a connection handed over by hub.migrate."""

from __future__ import annotations

from alembic import context

from hub.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run the hub's migrations through hub.migrate.upgrade_to_head")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
