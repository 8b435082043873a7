"""Polling the SMS provider: delivery status of sent reminders, and patients' replies.

YES or C confirms (the appointment's status changes, audited); NO or CANCEL cancels, or goes
to the front desk's queue (a clinic setting); STOP opts the number out of SMS at once;
anything else goes to a person. A reply is matched to the newest SMS reminder sent to that
number for an appointment that has not started. Each reply is handled once: its provider id
is unique, so two instances polling at the same time cannot both act on it.
"""

from __future__ import annotations

import logging
from datetime import UTC, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from cicini_desktop.core.audit_actions import AuditAction
from cicini_desktop.core.ids import new_id
from cicini_desktop.core.reminders.replies import parse_reply
from cicini_desktop.core.reminders.settings import ReminderSettings
from cicini_desktop.core.reminders.vocabulary import (
    CancelReplyAction,
    Channel,
    ConsentSource,
    OutboxStatus,
    ReplyIntent,
)
from cicini_desktop.core.scheduling.status import AppointmentStatus, CancelReason
from cicini_desktop.services.context import Actor, ServiceContext
from cicini_desktop.services.reminders.consent import apply_consent
from cicini_desktop.services.reminders.outbox import take_write_lock
from cicini_desktop.services.reminders.sms_provider import (
    FINAL_DELIVERY,
    InboundSms,
    SmsProvider,
)
from cicini_desktop.services.scheduling.appointments import record_status, status_counter
from cicini_desktop.services.scheduling.common import now
from cicini_desktop.services.unit_of_work import Transaction, unit_of_work
from cicini_desktop.store.models import Appointment, Patient, ReminderOutbox, ReminderReply

log = logging.getLogger(__name__)

STATUS_WINDOW_DAYS = 3
REPLY_WINDOW_DAYS = 2
MAX_STATUS_CHECKS = 100


def pending_status_checks(context: ServiceContext) -> list[tuple[str, str]]:
    """(outbox id, provider id) of recent SMS whose delivery is not known to be final."""
    moment = now(context)
    with context.database.session() as session:
        rows = session.execute(
            select(ReminderOutbox.id, ReminderOutbox.provider_message_id)
            .where(
                ReminderOutbox.channel == Channel.SMS.value,
                ReminderOutbox.status == OutboxStatus.SENT.value,
                ReminderOutbox.provider_message_id.is_not(None),
                ReminderOutbox.sent_at >= moment - STATUS_WINDOW_DAYS * 86400,
                ReminderOutbox.delivery_status.is_(None)
                | ReminderOutbox.delivery_status.not_in(FINAL_DELIVERY),
            )
            .order_by(ReminderOutbox.sent_at)
            .limit(MAX_STATUS_CHECKS)
        ).all()
    return [(outbox_id, provider_id) for outbox_id, provider_id in rows]


def apply_statuses(context: ServiceContext, statuses: dict[str, str]) -> int:
    moment = now(context)
    changed = 0
    with context.database.session_factory.begin() as session:
        take_write_lock(session)
        for outbox_id, status in statuses.items():
            row = session.get(ReminderOutbox, outbox_id)
            if row is not None and row.delivery_status != status:
                row.delivery_status = status[:16]
                row.updated_at = moment
                changed += 1
    return changed


def poll_delivery(context: ServiceContext, provider: SmsProvider) -> int:
    statuses = {}
    for outbox_id, provider_id in pending_status_checks(context):
        status = provider.delivery_status(provider_id)
        if status is not None:
            statuses[outbox_id] = status
    return apply_statuses(context, statuses)


def _match(tx: Transaction, sender: str, moment: int) -> tuple[ReminderOutbox | None, list[str]]:
    patient_ids = list(tx.session.scalars(select(Patient.id).where(Patient.phone == sender)))
    if not patient_ids:
        return None, []
    row = tx.session.scalar(
        select(ReminderOutbox)
        .join(Appointment, Appointment.id == ReminderOutbox.appointment_id)
        .where(
            Appointment.patient_id.in_(patient_ids),
            ReminderOutbox.channel == Channel.SMS.value,
            ReminderOutbox.status == OutboxStatus.SENT.value,
            Appointment.start_at > moment,
        )
        .order_by(ReminderOutbox.sent_at.desc())
        .limit(1)
    )
    return row, patient_ids


def _act(
    tx: Transaction, settings: ReminderSettings, message: InboundSms, moment: int
) -> ReminderReply:
    intent = parse_reply(message.body)
    row, patient_ids = _match(tx, message.sender, moment)
    appointment = tx.session.get(Appointment, row.appointment_id) if row is not None else None
    outcome, needs_person = "queued", True
    if intent is ReplyIntent.STOP and patient_ids:
        for patient_id in patient_ids:  # the number opts out, whoever shares it
            apply_consent(tx, patient_id, Channel.SMS, False, ConsentSource.SMS_STOP)
        outcome, needs_person = "opted_out", False
    elif intent is ReplyIntent.CONFIRM and appointment is not None:
        status = AppointmentStatus(appointment.status)
        if status is AppointmentStatus.BOOKED:
            record_status(tx, appointment, AppointmentStatus.CONFIRMED, None)
            tx.count(status_counter(AppointmentStatus.CONFIRMED))
        if status in (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED):
            outcome, needs_person = "confirmed", False
    elif (
        intent is ReplyIntent.CANCEL
        and appointment is not None
        and settings.cancel_reply_action is CancelReplyAction.CANCEL
        and AppointmentStatus(appointment.status)
        in (AppointmentStatus.BOOKED, AppointmentStatus.CONFIRMED)
    ):
        record_status(tx, appointment, AppointmentStatus.CANCELLED, CancelReason.PATIENT_REQUEST)
        tx.count(status_counter(AppointmentStatus.CANCELLED))
        outcome, needs_person = "cancelled", False
    reply = ReminderReply(
        id=new_id(),
        provider_message_id=message.provider_message_id,
        outbox_id=row.id if row is not None else None,
        patient_id=appointment.patient_id
        if appointment is not None
        else (patient_ids[0] if patient_ids else None),
        received_at=int(message.received_at.timestamp()),
        body=message.body,
        intent=intent.value,
        outcome=outcome,
        needs_person=needs_person,
    )
    tx.session.add(reply)
    tx.session.flush()
    tx.audit(
        AuditAction.REMINDER_REPLY_HANDLED,
        target_type="reminder_outbox" if row is not None else "reminder_reply",
        target_id=row.id if row is not None else reply.id,
        details={"intent": intent.value, "status": outcome, "automatic": True},
    )
    return reply


def handle_inbound(
    context: ServiceContext, settings: ReminderSettings, messages: list[InboundSms]
) -> int:
    """Act on each reply not seen before; returns how many were handled."""
    moment = now(context)
    assert context.organization_id is not None
    system = Actor.system(context.organization_id)
    handled = 0
    for message in messages:
        with context.database.session() as session:
            seen = session.scalar(
                select(ReminderReply.id).where(
                    ReminderReply.provider_message_id == message.provider_message_id
                )
            )
        if seen is not None:
            continue
        try:
            with unit_of_work(context, system) as tx:
                take_write_lock(tx.session)
                _act(tx, settings, message, moment)
            handled += 1
        except IntegrityError:
            continue  # another instance handled this reply first
    return handled


def poll_inbound(context: ServiceContext, settings: ReminderSettings, provider: SmsProvider) -> int:
    since = (context.clock.now().astimezone(UTC) - timedelta(days=REPLY_WINDOW_DAYS)).date()
    return handle_inbound(context, settings, list(provider.inbound_since(since)))


def poll_sms(context: ServiceContext, settings: ReminderSettings, provider: SmsProvider) -> int:
    """Delivery statuses, then replies. Returns how many replies were handled."""
    poll_delivery(context, provider)
    return poll_inbound(context, settings, provider)
