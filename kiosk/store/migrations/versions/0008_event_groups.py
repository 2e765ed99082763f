"""一件事一次办: application groups (one filing of a life-event bundle)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 16:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "application_group",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("bundle_code", sa.String(length=80), nullable=False),
        sa.Column("bundle_name", sa.String(length=200), nullable=False),
        sa.Column("catalog_version", sa.String(length=40), nullable=False),
        sa.Column("group_no", sa.String(length=100), nullable=True),
        sa.Column("left_out", sa.Text(), nullable=False),
        sa.Column("resident_index", sa.String(length=64), nullable=True),
        sa.Column("created_by", sa.String(length=50), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("synced_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("application_group", schema=None) as batch_op:
        batch_op.create_index("ix_application_group_group_no", ["group_no"], unique=False)
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("group_id", sa.String(length=36), nullable=True))
        batch_op.create_index("ix_application_group_id", ["group_id"], unique=False)
        batch_op.create_foreign_key(
            "fk_application_group", "application_group", ["group_id"], ["id"]
        )


def downgrade() -> None:
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_constraint("fk_application_group", type_="foreignkey")
        batch_op.drop_index("ix_application_group_id")
        batch_op.drop_column("group_id")
    op.drop_table("application_group")
