"""batches and township relay

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 02:58:29.097690
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "village",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("device_key", sa.String(length=64), nullable=True),
        sa.Column("last_contact_at", sa.DateTime(), nullable=True),
        sa.Column("last_contact_via", sa.String(length=10), nullable=True),
        sa.Column("last_sequence", sa.Integer(), nullable=False),
        sa.Column("return_cursor", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "batch_import",
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
        sa.Column("bytes", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=200), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("imported_by", sa.String(length=50), nullable=False),
        sa.Column("relayed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["station_code"],
            ["village.code"],
        ),
        sa.PrimaryKeyConstraint("batch_id"),
    )
    with op.batch_alter_table("batch_import", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_batch_import_station_code"), ["station_code"], unique=False
        )

    op.create_table(
        "relay_item",
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("batch_id", sa.String(length=36), nullable=False),
        sa.Column("item_code", sa.String(length=40), nullable=False),
        sa.Column("item_name", sa.String(length=200), nullable=False),
        sa.Column("materials", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("case_no", sa.String(length=40), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("queued_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["batch_import.batch_id"],
        ),
        sa.ForeignKeyConstraint(
            ["station_code"],
            ["village.code"],
        ),
        sa.PrimaryKeyConstraint("client_id"),
    )
    with op.batch_alter_table("relay_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_relay_item_station_code"), ["station_code"], unique=False
        )

    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("exported_batch", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("exported_at", sa.DateTime(), nullable=True))

    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("role", sa.String(length=20), server_default="village", nullable=False)
        )
        batch_op.add_column(sa.Column("device_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hub_box_key", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hub_sign_key", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("batch_sequence", sa.Integer(), server_default="0", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("station", schema=None) as batch_op:
        batch_op.drop_column("batch_sequence")
        batch_op.drop_column("hub_sign_key")
        batch_op.drop_column("hub_box_key")
        batch_op.drop_column("device_key")
        batch_op.drop_column("role")

    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_column("exported_at")
        batch_op.drop_column("exported_batch")

    with op.batch_alter_table("relay_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_relay_item_station_code"))

    op.drop_table("relay_item")
    with op.batch_alter_table("batch_import", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_batch_import_station_code"))

    op.drop_table("batch_import")
    op.drop_table("village")
