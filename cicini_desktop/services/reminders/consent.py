"""Consent to reminders, per patient and channel, with its source and time.

The newest record per (patient, channel) counts; an opt-out takes effect at once: pending
reminders on that channel are skipped in the same transaction, and the runner checks the
consent again just before it sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.changes import Changes
from cicini_desktop.core.permissions import Permission
from cicini_desktop.core.reminders.vocabulary import Channel, ConsentSource, OutboxStatus
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.scheduling.common import get_or_404, now
from cicini_desktop.services.unit_of_work import Transaction, require, unit_of_work
from cicini_desktop.store.models import Appointment, Patient, ReminderConsent, ReminderOutbox


@dataclass(frozen=True, slots=True)
class ConsentState:
    channel: Channel
    granted: bool
    source: ConsentSource | None
    recorded_at: datetime | None


def has_consent(session: Session, patient_id: str, channel: Channel) -> bool:
    granted = session.scalar(
        select(ReminderConsent.granted)
        .where(ReminderConsent.patient_id == patient_id, ReminderConsent.channel == channel.value)
        .order_by(ReminderConsent.recorded_at.desc(), ReminderConsent.id.desc())
        .limit(1)
    )
    return bool(granted)


def consent_of(context: ServiceContext, actor: Actor, patient_id: str) -> list[ConsentState]:
    require(context, actor, Permission.PATIENT_VIEW, target_type="patient", target_id=patient_id)
    states = []
    with context.database.session() as session:
        for channel in Channel:
            row = session.scalar(
                select(ReminderConsent)
                .where(
                    ReminderConsent.patient_id == patient_id,
                    ReminderConsent.channel == channel.value,
                )
                .order_by(ReminderConsent.recorded_at.desc(), ReminderConsent.id.desc())
                .limit(1)
            )
            states.append(
                ConsentState(channel, False, None, None)
                if row is None
                else ConsentState(
                    channel,
                    row.granted,
                    ConsentSource(row.source),
                    datetime.fromtimestamp(row.recorded_at, UTC),
                )
            )
    return states


def apply_consent(
    tx: Transaction, patient_id: str, channel: Channel, granted: bool, source: ConsentSource
) -> int:
    """Record it; on an opt-out, skip the patient's pending rows on that channel. Returns
    how many pending rows were skipped."""
    moment = now(tx.context)
    tx.session.add(
        ReminderConsent(
            patient_id=patient_id,
            channel=channel.value,
            granted=granted,
            source=source.value,
            recorded_at=moment,
            recorded_by=tx.actor.staff_id,
        )
    )
    skipped = 0
    if not granted:
        result = tx.session.execute(
            update(ReminderOutbox)
            .where(
                ReminderOutbox.status == OutboxStatus.PENDING.value,
                ReminderOutbox.channel == channel.value,
                ReminderOutbox.appointment_id.in_(
                    select(Appointment.id).where(Appointment.patient_id == patient_id)
                ),
            )
            .values(status=OutboxStatus.SKIPPED.value, error_code="opted_out", updated_at=moment)
            .execution_options(synchronize_session=False)
        )
        skipped = result.rowcount or 0
    tx.audit(
        AuditAction.REMINDER_CONSENT_CHANGED,
        target_type="patient",
        target_id=patient_id,
        details={"channel": channel.value, "granted": granted, "reason": source.value},
    )
    return skipped


def record_consent(
    context: ServiceContext,
    actor: Actor,
    patient_id: str,
    channel: Channel,
    *,
    granted: bool,
    source: ConsentSource = ConsentSource.FRONT_DESK,
) -> Changes:
    require(context, actor, Permission.PATIENT_EDIT, target_type="patient", target_id=patient_id)
    with unit_of_work(context, actor) as tx:
        get_or_404(tx.session, Patient, patient_id, "patient")
        apply_consent(tx, patient_id, Channel(channel), granted, ConsentSource(source))
    return Changes(patients=True)
