"""一件事一次办: groups of cases filed together for one life event

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-06 16:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "hub_group",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("group_id", sa.String(length=36), nullable=False),
        sa.Column("group_no", sa.String(length=100), nullable=False),
        sa.Column("bundle_code", sa.String(length=80), nullable=False),
        sa.Column("catalog_version", sa.String(length=40), nullable=False),
        sa.Column("members", sa.JSON(), nullable=False),
        sa.Column("pending", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("group_no"),
        sa.UniqueConstraint("station_code", "group_id", name="uq_group_client"),
    )
    with op.batch_alter_table("hub_case", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_id", sa.String(length=36), nullable=True))
        batch_op.create_index(batch_op.f("ix_hub_case_group_id"), ["group_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("hub_case", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_hub_case_group_id"))
        batch_op.drop_column("group_id")
    op.drop_table("hub_group")
