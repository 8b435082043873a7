"""Foundation: organisation, installation, settings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "organization",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("contact_name", sa.String(200)),
        sa.Column("contact_email", sa.String(254)),
        sa.Column("contact_phone", sa.String(32)),
        sa.Column("created_at", sa.Integer, nullable=False),
    )
    op.create_table(
        "installation",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "organization_id", sa.String(36), sa.ForeignKey("organization.id"), nullable=False
        ),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("created_by_version", sa.String(32), nullable=False),
    )
    op.create_table(
        "setting",
        sa.Column("key", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("setting")
    op.drop_table("installation")
    op.drop_table("organization")
