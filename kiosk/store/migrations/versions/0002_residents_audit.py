"""residents, audit trail, revisions and purge

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 02:35:59.621868
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("subject", sa.String(length=64), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("prev_mac", sa.String(length=64), nullable=False),
        sa.Column("mac", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "resident",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("id_index", sa.String(length=64), nullable=True),
        sa.Column("name_phone_index", sa.String(length=64), nullable=True),
        sa.Column("data_enc", sa.LargeBinary(), nullable=False),
        sa.Column("consent_at", sa.DateTime(), nullable=True),
        sa.Column("consent_by", sa.String(length=50), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("id_index"),
    )
    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_resident_name_phone_index"), ["name_phone_index"], unique=False
        )

    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("resident_id", sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column("revision", sa.Integer(), nullable=False, server_default="0"))
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(), nullable=True))
        batch_op.create_foreign_key("fk_application_resident", "resident", ["resident_id"], ["id"])
        batch_op.create_index("ix_application_resident_id", ["resident_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("application", schema=None) as batch_op:
        batch_op.drop_index("ix_application_resident_id")
        batch_op.drop_constraint("fk_application_resident", type_="foreignkey")
        batch_op.drop_column("purged_at")
        batch_op.drop_column("revision")
        batch_op.drop_column("resident_id")

    with op.batch_alter_table("resident", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_resident_name_phone_index"))

    op.drop_table("resident")
    op.drop_table("audit_event")
