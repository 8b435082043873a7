"""Reminders: rules, templates, consent, the outbox and patients' replies.

The outbox holds one row per (appointment, rule, appointment version): a change to the
appointment bumps its version, so the runner supersedes the old row and plans a new one.
Instants are INTEGER UTC seconds, as in scheduling. Nothing here reaches the audit trail
but the row ids.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from cicini_desktop.store.models.base import UUID_LENGTH, Base

ID = String(UUID_LENGTH)


class ReminderRule(Base):
    __tablename__ = "reminder_rule"

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    channel: Mapped[str] = mapped_column(String(8))  # email | sms
    offset_minutes: Mapped[int] = mapped_column(Integer)
    late_minutes: Mapped[int] = mapped_column(Integer)
    type_id: Mapped[str | None] = mapped_column(ForeignKey("appointment_type.id"), default=None)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ReminderTemplate(Base):
    """A clinic's own wording for (channel, language); shipped defaults apply otherwise."""

    __tablename__ = "reminder_template"
    __table_args__ = (UniqueConstraint("channel", "language"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    channel: Mapped[str] = mapped_column(String(8))
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str | None] = mapped_column(String(200), default=None)  # email only
    body: Mapped[str] = mapped_column(Text)  # text part (email) or the SMS
    body_html: Mapped[str | None] = mapped_column(Text, default=None)  # email only
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ReminderConsent(Base):
    """Each consent or opt-out, kept as history: the newest per (patient, channel) counts."""

    __tablename__ = "reminder_consent"
    __table_args__ = (Index("ix_reminder_consent_patient", "patient_id", "channel", "recorded_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    # Erasing a patient (privacy) takes their consent history with them.
    patient_id: Mapped[str] = mapped_column(ForeignKey("patient.id", ondelete="CASCADE"))
    channel: Mapped[str] = mapped_column(String(8))
    granted: Mapped[bool] = mapped_column(Boolean)
    source: Mapped[str] = mapped_column(String(16))  # core.reminders.vocabulary.ConsentSource
    recorded_at: Mapped[int] = mapped_column(Integer)
    recorded_by: Mapped[str] = mapped_column(ID)  # staff id, or "system" for an SMS STOP


class ReminderOutbox(Base):
    __tablename__ = "reminder_outbox"
    __table_args__ = (
        UniqueConstraint("appointment_id", "rule_id", "appointment_version"),
        # The runner's two hot reads: what is due, and what is pending for an appointment.
        Index("ix_reminder_outbox_due", "status", "not_before"),
        Index("ix_reminder_outbox_appointment", "appointment_id", "status"),
    )

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    # The retention purge deletes old appointments: their outbox rows go with them.
    appointment_id: Mapped[str] = mapped_column(ForeignKey("appointment.id", ondelete="CASCADE"))
    rule_id: Mapped[str] = mapped_column(ForeignKey("reminder_rule.id"))
    appointment_version: Mapped[int] = mapped_column(Integer)
    start_at: Mapped[int] = mapped_column(Integer)  # the appointment's start when planned
    channel: Mapped[str] = mapped_column(String(8))
    status: Mapped[str] = mapped_column(String(12))
    not_before: Mapped[int] = mapped_column(Integer)
    not_after: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[int] = mapped_column(Integer)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    claim_token: Mapped[str | None] = mapped_column(String(36), default=None)
    claimed_at: Mapped[int | None] = mapped_column(Integer, default=None)
    # Stable per row: a retried email carries the same Message-ID, so it is never two mails.
    message_id: Mapped[str] = mapped_column(String(200))
    provider_message_id: Mapped[str | None] = mapped_column(String(100), default=None)
    delivery_status: Mapped[str | None] = mapped_column(String(16), default=None)
    error_code: Mapped[str | None] = mapped_column(String(40), default=None)
    sent_at: Mapped[int | None] = mapped_column(Integer, default=None)
    created_at: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[int] = mapped_column(Integer)


class ReminderReply(Base):
    """An inbound SMS reply, polled from the provider. Its text stays in this encrypted file."""

    __tablename__ = "reminder_reply"
    __table_args__ = (Index("ix_reminder_reply_open", "needs_person", "received_at"),)

    id: Mapped[str] = mapped_column(ID, primary_key=True)
    provider_message_id: Mapped[str] = mapped_column(String(100), unique=True)
    outbox_id: Mapped[str | None] = mapped_column(
        ForeignKey("reminder_outbox.id", ondelete="SET NULL"), default=None
    )
    # The patient whose number it came from (when known), even with no reminder to match.
    patient_id: Mapped[str | None] = mapped_column(
        ForeignKey("patient.id", ondelete="CASCADE"), default=None
    )
    received_at: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(String(1600))
    intent: Mapped[str] = mapped_column(String(8))
    outcome: Mapped[str] = mapped_column(String(16))  # confirmed | cancelled | opted_out | queued
    needs_person: Mapped[bool] = mapped_column(Boolean, default=False)
    handled_by: Mapped[str | None] = mapped_column(ID, default=None)
    handled_at: Mapped[int | None] = mapped_column(Integer, default=None)
