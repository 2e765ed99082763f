"""hub initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22 02:41:23.842810
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "blob",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_table(
        "blob_chunk",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("offset", sa.Integer(), nullable=False),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("blob_chunk", schema=None) as batch_op:
        batch_op.create_index(
            "ix_blob_chunk_upload", ["station_code", "sha256", "offset"], unique=False
        )

    op.create_table(
        "blob_owner",
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("station_code", "sha256"),
    )
    op.create_table(
        "blob_upload",
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("received", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("station_code", "sha256"),
    )
    op.create_table(
        "catalog_item",
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("catalog_version", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    with op.batch_alter_table("catalog_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_catalog_item_catalog_version"), ["catalog_version"], unique=False
        )

    op.create_table(
        "device",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("next_token_hash", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("rotated_at", sa.DateTime(), nullable=True),
        sa.Column("revoked_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("next_token_hash"),
        sa.UniqueConstraint("token_hash"),
    )
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_device_station_code"), ["station_code"], unique=False)

    op.create_table(
        "enrollment_code",
        sa.Column("code_hash", sa.String(length=64), nullable=False),
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("code_hash"),
    )
    op.create_table(
        "form_version",
        sa.Column("item_code", sa.String(length=40), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("form", sa.JSON(), nullable=False),
        sa.Column("seen_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("item_code", "version"),
    )
    op.create_table(
        "hub_case",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=False),
        sa.Column("item_code", sa.String(length=40), nullable=False),
        sa.Column("form_version", sa.Integer(), nullable=False),
        sa.Column("revision", sa.Integer(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("revision_hashes", sa.JSON(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("blobs", sa.JSON(), nullable=False),
        sa.Column("case_no", sa.String(length=40), nullable=True),
        sa.Column("query_code", sa.String(length=12), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("case_no"),
        sa.UniqueConstraint("station_code", "client_id", name="uq_case_client"),
    )
    with op.batch_alter_table("hub_case", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_hub_case_station_code"), ["station_code"], unique=False
        )

    op.create_table(
        "station",
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("last_case", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("code"),
    )
    op.create_table(
        "change_event",
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["hub_case.id"],
        ),
        sa.PrimaryKeyConstraint("station_code", "seq"),
    )
    with op.batch_alter_table("change_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_change_event_case_id"), ["case_id"], unique=False)

    op.create_table(
        "evaluation",
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["hub_case.id"],
        ),
        sa.PrimaryKeyConstraint("station_code", "id"),
        sa.UniqueConstraint("case_id"),
    )


def downgrade() -> None:
    op.drop_table("evaluation")
    with op.batch_alter_table("change_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_change_event_case_id"))

    op.drop_table("change_event")
    op.drop_table("station")
    with op.batch_alter_table("hub_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hub_case_station_code"))

    op.drop_table("hub_case")
    op.drop_table("form_version")
    op.drop_table("enrollment_code")
    with op.batch_alter_table("device", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_device_station_code"))

    op.drop_table("device")
    with op.batch_alter_table("catalog_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_catalog_item_catalog_version"))

    op.drop_table("catalog_item")
    op.drop_table("blob_upload")
    op.drop_table("blob_owner")
    with op.batch_alter_table("blob_chunk", schema=None) as batch_op:
        batch_op.drop_index("ix_blob_chunk_upload")

    op.drop_table("blob_chunk")
    op.drop_table("blob")
