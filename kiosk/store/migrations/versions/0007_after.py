"""after the filing: result delivery (courier, hand-over at the desk), 一次一评 ratings

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-06 08:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "result_delivery",
        sa.Column("application_id", sa.String(length=36), nullable=False),
        sa.Column("method", sa.String(length=20), nullable=False),
        sa.Column("carrier", sa.String(length=40), nullable=True),
        sa.Column("tracking_no", sa.String(length=40), nullable=True),
        sa.Column("dispatched_at", sa.DateTime(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.Column("handed_over_at", sa.DateTime(), nullable=True),
        sa.Column("handed_over_by", sa.String(length=50), nullable=True),
        sa.Column("collector_enc", sa.LargeBinary(), nullable=True),
        sa.Column("signature_sha", sa.String(length=64), nullable=True),
        sa.Column("choice_enc", sa.LargeBinary(), nullable=True),
        sa.Column("choice_changed_at", sa.DateTime(), nullable=True),
        sa.Column("choice_synced_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["application_id"], ["application.id"]),
        sa.PrimaryKeyConstraint("application_id"),
    )
    op.create_table(
        "visit_rating",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("application_id", sa.String(length=36), nullable=False),
        sa.Column("agent", sa.String(length=50), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("dimensions", sa.Text(), nullable=False),
        sa.Column("comment_enc", sa.LargeBinary(), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("synced_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["application_id"], ["application.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("visit_rating", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_visit_rating_application_id"), ["application_id"], unique=False
        )


def downgrade() -> None:
    op.drop_table("visit_rating")
    op.drop_table("result_delivery")
