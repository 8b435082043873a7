"""Usage: counters per UTC day, what the server accepted, and the sync state.

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
    op.create_table(
        "usage_day_sent",
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("totals", sa.Text, nullable=False),
        sa.Column("sent_at", sa.Integer, nullable=False),
    )
    op.create_table(
        "sync_state",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("enrolled_at", sa.Integer),
        sa.Column("enrolled_endpoint", sa.String(500)),
        sa.Column("last_document", sa.Text),
        sa.Column("last_sent_at", sa.Integer),
        sa.Column("last_status", sa.Integer),
        sa.Column("last_answer", sa.Text),
        sa.Column("last_success_at", sa.Integer),
        sa.Column("last_outcome", sa.String(32)),
        sa.Column("last_reason", sa.String(40)),
        sa.Column("halted", sa.String(32)),
        sa.Column("retry_not_before", sa.Integer),
        sa.Column("plan_name", sa.String(60)),
        sa.Column("plan_active_providers", sa.Integer),
        sa.Column("plan_staff_accounts", sa.Integer),
        sa.Column("plan_valid_until", sa.Integer),
        sa.Column("plan_received_at", sa.Integer),
        sa.CheckConstraint("id = 1", name="single_row"),
    )


def downgrade() -> None:
    op.drop_table("sync_state")
    op.drop_table("usage_day_sent")
    op.drop_table("usage_counter")
