"""papers: case numbers from 实施编码 + date + sequence, longer item codes

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-06 08:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_WIDER = (
    ("catalog_item", "code", 40, 80),
    ("form_version", "item_code", 40, 80),
    ("hub_case", "item_code", 40, 80),
    ("hub_case", "case_no", 40, 100),
)


def upgrade() -> None:
    op.create_table(
        "case_sequence",
        sa.Column("prefix", sa.String(length=100), nullable=False),
        sa.Column("last", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("prefix"),
    )
    for table, column, old, new in _WIDER:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                column, type_=sa.String(length=new), existing_type=sa.String(length=old)
            )


def downgrade() -> None:
    for table, column, old, new in reversed(_WIDER):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.alter_column(
                column, type_=sa.String(length=old), existing_type=sa.String(length=new)
            )
    op.drop_table("case_sequence")
