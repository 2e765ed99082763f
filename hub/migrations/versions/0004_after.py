"""after the filing: courier, delivery changes, ratings, rater contacts, 差评, notifications

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-06 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("change_event", schema=None) as batch_op:
        batch_op.add_column(sa.Column("detail", sa.JSON(), nullable=True))
    op.create_table(
        "courier_shipment",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("carrier", sa.String(length=40), nullable=False),
        sa.Column("tracking_no", sa.String(length=40), nullable=False),
        sa.Column("dispatched_at", sa.DateTime(), nullable=True),
        sa.Column("signed_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["hub_case.id"]),
        sa.PrimaryKeyConstraint("case_id"),
    )
    op.create_table(
        "delivery_change",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("delivery", sa.JSON(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("received_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["hub_case.id"]),
        sa.PrimaryKeyConstraint("case_id"),
    )
    op.create_table(
        "visit_rating",
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("client_id", sa.String(length=36), nullable=True),
        sa.Column("agent", sa.String(length=50), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("dimensions", sa.JSON(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("station_code", "id"),
    )
    op.create_table(
        "rater_contact",
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("rating_id", sa.String(length=36), nullable=False),
        sa.Column("sealed", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("station_code", "rating_id"),
    )
    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("station_code", sa.String(length=12), nullable=False),
        sa.Column("rating_id", sa.String(length=36), nullable=False),
        sa.Column("rating_kind", sa.String(length=10), nullable=False),
        sa.Column("case_no", sa.String(length=100), nullable=True),
        sa.Column("agent", sa.String(length=50), nullable=False),
        sa.Column("level", sa.String(length=10), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("opened_on", sa.Date(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("callback_note", sa.Text(), nullable=False),
        sa.Column("fix_note", sa.Text(), nullable=False),
        sa.Column("appeal_reason", sa.Text(), nullable=False),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("outcome", sa.Text(), nullable=False),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        batch_op.create_index("ix_complaint_station", ["station_code", "state"], unique=False)
        batch_op.create_index("uq_complaint_rating", ["station_code", "rating_id"], unique=True)
    op.create_table(
        "complaint_step",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("actor", sa.String(length=50), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaint.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("complaint_step", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_complaint_step_complaint_id"), ["complaint_id"], unique=False
        )
    op.create_table(
        "notification",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("event_key", sa.String(length=80), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["hub_case.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("event_key"),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index("ix_notification_due", ["state", "next_attempt_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_notification_case_id"), ["case_id"], unique=False)


def downgrade() -> None:
    op.drop_table("notification")
    op.drop_table("complaint_step")
    op.drop_table("complaint")
    op.drop_table("rater_contact")
    op.drop_table("visit_rating")
    op.drop_table("delivery_change")
    op.drop_table("courier_shipment")
    with op.batch_alter_table("change_event", schema=None) as batch_op:
        batch_op.drop_column("detail")
