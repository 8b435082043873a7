"""Reminders: rules, templates, consent, the outbox (one row per appointment, rule and
appointment version) and inbound replies; the two reminder permissions for the built-in
roles that hold them by default; a reminder channel chosen on the patient form becomes an
(imported) consent to that channel.

Revision ID: 0007
Revises: 0006
"""

import time

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

ID = sa.String(36)

# Built-in role -> the reminder permissions it gets on an existing database (core/roles.py).
GRANTS = {
    "receptionist": ("reminder.view",),
    "practice_manager": ("reminder.view", "reminder.manage"),
    "it_administrator": ("reminder.manage",),
}


def upgrade() -> None:
    op.create_table(
        "reminder_rule",
        sa.Column("id", ID, primary_key=True),
        sa.Column("name", sa.String(60), nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("offset_minutes", sa.Integer, nullable=False),
        sa.Column("late_minutes", sa.Integer, nullable=False),
        sa.Column(
            "type_id",
            ID,
            sa.ForeignKey("appointment_type.id", name="fk_reminder_rule_type_id_appointment_type"),
            nullable=True,
        ),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_table(
        "reminder_template",
        sa.Column("id", ID, primary_key=True),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("subject", sa.String(200), nullable=True),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("body_html", sa.Text, nullable=True),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("channel", "language", name="uq_reminder_template_channel"),
    )
    op.create_table(
        "reminder_consent",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "patient_id",
            ID,
            sa.ForeignKey(
                "patient.id", name="fk_reminder_consent_patient_id_patient", ondelete="CASCADE"
            ),
            nullable=False,
        ),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("granted", sa.Boolean, nullable=False),
        sa.Column("source", sa.String(16), nullable=False),
        sa.Column("recorded_at", sa.Integer, nullable=False),
        sa.Column("recorded_by", ID, nullable=False),
    )
    op.create_index(
        "ix_reminder_consent_patient",
        "reminder_consent",
        ["patient_id", "channel", "recorded_at"],
    )
    op.create_table(
        "reminder_outbox",
        sa.Column("id", ID, primary_key=True),
        sa.Column(
            "appointment_id",
            ID,
            sa.ForeignKey(
                "appointment.id",
                name="fk_reminder_outbox_appointment_id_appointment",
                ondelete="CASCADE",
            ),
            nullable=False,
        ),
        sa.Column(
            "rule_id",
            ID,
            sa.ForeignKey("reminder_rule.id", name="fk_reminder_outbox_rule_id_reminder_rule"),
            nullable=False,
        ),
        sa.Column("appointment_version", sa.Integer, nullable=False),
        sa.Column("start_at", sa.Integer, nullable=False),
        sa.Column("channel", sa.String(8), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("not_before", sa.Integer, nullable=False),
        sa.Column("not_after", sa.Integer, nullable=False),
        sa.Column("next_attempt_at", sa.Integer, nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False),
        sa.Column("claim_token", sa.String(36), nullable=True),
        sa.Column("claimed_at", sa.Integer, nullable=True),
        sa.Column("message_id", sa.String(200), nullable=False),
        sa.Column("provider_message_id", sa.String(100), nullable=True),
        sa.Column("delivery_status", sa.String(16), nullable=True),
        sa.Column("error_code", sa.String(40), nullable=True),
        sa.Column("sent_at", sa.Integer, nullable=True),
        sa.Column("created_at", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.Integer, nullable=False),
        sa.UniqueConstraint(
            "appointment_id",
            "rule_id",
            "appointment_version",
            name="uq_reminder_outbox_appointment_id",
        ),
    )
    op.create_index("ix_reminder_outbox_due", "reminder_outbox", ["status", "not_before"])
    op.create_index(
        "ix_reminder_outbox_appointment", "reminder_outbox", ["appointment_id", "status"]
    )
    op.create_table(
        "reminder_reply",
        sa.Column("id", ID, primary_key=True),
        sa.Column("provider_message_id", sa.String(100), nullable=False),
        sa.Column(
            "outbox_id",
            ID,
            sa.ForeignKey(
                "reminder_outbox.id",
                name="fk_reminder_reply_outbox_id_reminder_outbox",
                ondelete="SET NULL",
            ),
            nullable=True,
        ),
        sa.Column(
            "patient_id",
            ID,
            sa.ForeignKey(
                "patient.id", name="fk_reminder_reply_patient_id_patient", ondelete="CASCADE"
            ),
            nullable=True,
        ),
        sa.Column("received_at", sa.Integer, nullable=False),
        sa.Column("body", sa.String(1600), nullable=False),
        sa.Column("intent", sa.String(8), nullable=False),
        sa.Column("outcome", sa.String(16), nullable=False),
        sa.Column("needs_person", sa.Boolean, nullable=False),
        sa.Column("handled_by", ID, nullable=True),
        sa.Column("handled_at", sa.Integer, nullable=True),
        sa.UniqueConstraint("provider_message_id", name="uq_reminder_reply_provider_message_id"),
    )
    op.create_index("ix_reminder_reply_open", "reminder_reply", ["needs_person", "received_at"])
    connection = op.get_bind()
    for built_in, permissions in GRANTS.items():
        role_id = connection.execute(
            sa.text("SELECT id FROM role WHERE built_in = :b"), {"b": built_in}
        ).scalar()
        if role_id is None:
            continue  # roles are seeded with the first manager, from core/roles.py
        for permission in permissions:
            connection.execute(
                sa.text(
                    # ON CONFLICT DO NOTHING: the same on SQLite and PostgreSQL.
                    "INSERT INTO role_permission (role_id, permission) VALUES (:r, :p) "
                    "ON CONFLICT DO NOTHING"
                ),
                {"r": role_id, "p": permission},
            )

    # A reminder channel chosen on the patient form before consent records existed is the
    # patient's consent to that channel: carried over, marked as imported.
    connection.execute(
        sa.text(
            "INSERT INTO reminder_consent "
            "(patient_id, channel, granted, source, recorded_at, recorded_by) "
            "SELECT id, reminder, :granted, 'import', :now, 'system' FROM patient "
            "WHERE reminder IN ('email', 'sms') AND restricted = :restricted"
        ),
        {"granted": True, "now": int(time.time()), "restricted": False},
    )


def downgrade() -> None:
    op.execute(
        "DELETE FROM role_permission WHERE permission IN ('reminder.view', 'reminder.manage')"
    )
    op.drop_table("reminder_reply")
    op.drop_table("reminder_outbox")
    op.drop_table("reminder_consent")
    op.drop_table("reminder_template")
    op.drop_table("reminder_rule")
