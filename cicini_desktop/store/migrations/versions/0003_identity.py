"""Identity: staff, roles, role permissions, role assignments (with provider scope).

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column(
            "organization_id", sa.String(36), sa.ForeignKey("organization.id"), nullable=False
        ),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("username_key", sa.String(64), nullable=False, unique=True),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("is_provider", sa.Boolean, nullable=False),
        sa.Column("colour", sa.String(7)),
        sa.Column("must_change_password", sa.Boolean, nullable=False),
        sa.Column("failed_attempts", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.Integer),
        sa.Column("locked_until", sa.Integer),
        sa.Column("last_sign_in_at", sa.Integer),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_staff_provider", "staff", ["is_provider", "active"])
    op.create_table(
        "role",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("name_key", sa.String(60), nullable=False, unique=True),
        sa.Column("built_in", sa.String(32), unique=True),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "role_permission",
        sa.Column(
            "role_id",
            sa.String(36),
            sa.ForeignKey("role.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("permission", sa.String(64), primary_key=True),
    )
    op.create_table(
        "staff_role",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("staff_id", sa.String(36), sa.ForeignKey("staff.id"), nullable=False),
        sa.Column("role_id", sa.String(36), sa.ForeignKey("role.id"), nullable=False),
        sa.Column("scoped", sa.Boolean, nullable=False),
        sa.UniqueConstraint("staff_id", "role_id", name="uq_staff_role_staff_id"),
    )
    op.create_index("ix_staff_role_staff_id", "staff_role", ["staff_id"])
    op.create_index("ix_staff_role_role_id", "staff_role", ["role_id"])
    op.create_table(
        "staff_role_scope",
        sa.Column(
            "assignment_id",
            sa.String(36),
            sa.ForeignKey("staff_role.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("provider_id", sa.String(36), sa.ForeignKey("staff.id"), primary_key=True),
    )
    op.create_table(
        "staff_service",
        sa.Column("staff_id", sa.String(36), sa.ForeignKey("staff.id"), primary_key=True),
        sa.Column("appointment_type_id", sa.String(36), primary_key=True),
    )


def downgrade() -> None:
    op.drop_table("staff_service")
    op.drop_table("staff_role_scope")
    op.drop_table("staff_role")
    op.drop_table("role_permission")
    op.drop_table("role")
    op.drop_index("ix_staff_provider", "staff")
    op.drop_table("staff")
