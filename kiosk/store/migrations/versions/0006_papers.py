"""papers: agents' profiles for the 委托书, longer item codes and case numbers

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-06 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("agent", schema=None) as batch_op:
        batch_op.add_column(sa.Column("profile_enc", sa.LargeBinary(), nullable=True))
    for table in ("application", "relay_item"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "item_code", type_=sa.String(length=80), existing_type=sa.String(length=40)
            )
            batch_op.alter_column(
                "case_no", type_=sa.String(length=100), existing_type=sa.String(length=40)
            )


def downgrade() -> None:
    for table in ("application", "relay_item"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                "case_no", type_=sa.String(length=40), existing_type=sa.String(length=100)
            )
            batch_op.alter_column(
                "item_code", type_=sa.String(length=40), existing_type=sa.String(length=80)
            )
    with op.batch_alter_table("agent", schema=None) as batch_op:
        batch_op.drop_column("profile_enc")
