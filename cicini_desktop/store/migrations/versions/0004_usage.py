"""Usage: tables of the usage feature (filled in by that feature's work).

Revision ID: 0004
Revises: 0003
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "usage_counter",
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("counter", sa.String(64), primary_key=True),
        sa.Column("count", sa.Integer, nullable=False, server_default="0"),
    )


def downgrade() -> None:
    op.drop_table("usage_counter")
